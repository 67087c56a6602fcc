"""Pure Wet verbetering poortwachter deadline rules: the public API of the ``deadlines`` app.

No Django ORM here: feed plain :class:`CaseFacts` in, get a :class:`Timeline` out. Every date
follows reference §6 of ``docs/domain/poortwachter.md``; each milestone carries its rule id
(a row of the §1 table) and its source. The implementation lives in :mod:`deadlines.rules`.

Example::

    facts = CaseFacts(sick_periods=(SickPeriod(start=date(2025, 1, 6)),))
    compute_timeline(facts).due("problem_analysis")  # date(2025, 2, 16)
"""

from cases.periods import (
    SAMENTELLING_FIT_DAYS,
    counted_sick_days,
    current_case_periods,
    date_of_counted_day,
    first_sick_day,
    fit_days_between,
    is_summed,
    week_of_illness,
)
from deadlines.rules.case_facts import (
    MILESTONE_KEYS,
    CaseFacts,
    InvalidFacts,
    LeavePeriod,
    SickPeriod,
)
from deadlines.rules.timeline import RULES, Milestone, Timeline, compute_timeline
from deadlines.rules.workdays import (
    atw_holidays,
    easter_sunday,
    is_workday,
    next_workday,
    previous_workday,
)

__all__ = [
    "MILESTONE_KEYS",
    "RULES",
    "SAMENTELLING_FIT_DAYS",
    "CaseFacts",
    "InvalidFacts",
    "LeavePeriod",
    "Milestone",
    "SickPeriod",
    "Timeline",
    "atw_holidays",
    "compute_timeline",
    "counted_sick_days",
    "current_case_periods",
    "date_of_counted_day",
    "easter_sunday",
    "first_sick_day",
    "fit_days_between",
    "is_summed",
    "is_workday",
    "next_workday",
    "previous_workday",
    "week_of_illness",
]
