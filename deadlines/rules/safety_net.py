"""UWV reports of Ziektewet vangnet cases and of employment ending during illness.

Pure rules (no ORM), fed by the case's own fields: which vangnet situation applies (recorded by
HR, a category only, never a medical detail) and the last workday when the employment ends
during illness. Like the tweede-spoor milestones these come on top of the §6 timeline (a fixed
command-line contract) for stored deadlines, reminders, the timeline and the iCal feed.

Day counting as in the reference: the first sick day (EZD) is day 1, so "the 4th sick day" is
EZD + 3 days and "within 6 weeks" is read as the end of week 6 of illness, EZD + 41 days (the
stricter reading; EZD + 42 would be the calendar reading). These due dates are not moved off
weekends or holidays (reference §0.2: the Algemene termijnenwet applies only to the
42-weken-melding).

Sources (reference §2.3, §2.4, §2.8; docs/vangnet-meldingen.md for the no-riskpolis):

- pregnancy, ill from the pregnancy before the leave: within 6 weeks of the EZD [S49] [S50] [S52];
- pregnancy, ill in the flexibiliseringsperiode, or after the leave from pregnancy/childbirth:
  at the latest on the 4th sick day [S49] [S50] [S52];
- orgaandonatie: sources disagree (4 workdays [S51] vs 6 weeks [S52] [S53]); a report on the
  4th sick day, with 6 weeks as the outer bound;
- no-riskpolis (ZW art. 29b): within 6 weeks of the EZD (UWV and practice pages, all agreeing;
  see docs/vangnet-meldingen.md);
- employment ends during illness: report on the last workday, also after a 42-weken-melding [S8].
"""

from dataclasses import dataclass
from datetime import date, timedelta

from deadlines.rules.case_facts import InvalidFacts
from deadlines.rules.timeline import Milestone

__all__ = [
    "SAFETY_NET_KEYS",
    "SAFETY_NET_RULES",
    "SITUATIONS",
    "SafetyNetFacts",
    "safety_net_milestones",
]

#: Stored deadlines from the vangnet situation and the end of employment, in this order.
SAFETY_NET_KEYS: tuple[str, ...] = (
    "uwv_safety_net_report",
    "uwv_safety_net_report_latest",
    "uwv_end_of_employment_report",
)

#: The vangnet situations (``cases.models.SafetyNetSituation`` values).
SITUATIONS: tuple[str, ...] = (
    "pregnancy_before_leave",
    "pregnancy_flex_period",
    "pregnancy_after_leave",
    "organ_donation",
    "no_risk_policy",
)

_FOURTH_SICK_DAY = timedelta(days=3)
_END_OF_WEEK_6 = timedelta(days=41)

#: Per situation: (days after the EZD, rule id, source) of the vangnet report.
_REPORT: dict[str, tuple[timedelta, str]] = {
    "pregnancy_before_leave": (
        _END_OF_WEEK_6,
        "ZW art. 38a; UWV: ill from the pregnancy before the leave, report within 6 weeks of "
        "the first sick day (reference §2.3) [S49] [S50] [S52]",
    ),
    "pregnancy_flex_period": (
        _FOURTH_SICK_DAY,
        "ZW art. 38a; UWV: ill in the flexibiliseringsperiode, report at the latest on the 4th "
        "sick day (reference §2.3) [S49] [S50] [S52]",
    ),
    "pregnancy_after_leave": (
        _FOURTH_SICK_DAY,
        "ZW art. 38a; UWV: ill from pregnancy or childbirth after the leave, report at the "
        "latest on the 4th sick day (reference §2.3) [S49] [S50] [S52]",
    ),
    "organ_donation": (
        _FOURTH_SICK_DAY,
        "ZW art. 29a; sources disagree (4 workdays [S51] vs 6 weeks [S52] [S53]): report on "
        "the 4th sick day, 6 weeks is the outer bound (reference §2.4)",
    ),
    "no_risk_policy": (
        _END_OF_WEEK_6,
        "ZW art. 29b; UWV and practice pages: report within 6 weeks of the first sick day "
        "(docs/vangnet-meldingen.md)",
    ),
}

SAFETY_NET_RULES: dict[str, tuple[str, str]] = {
    "uwv_safety_net_report": ("ZW-38a", "ZW art. 38a: the vangnet report to UWV"),
    "uwv_safety_net_report_latest": (
        "ZW-38a",
        "Orgaandonatie: at the latest within 6 weeks of the first sick day, the outer bound of "
        "the sources (reference §2.4) [S52] [S53]",
    ),
    "uwv_end_of_employment_report": (
        "WVP-6",
        "ZW art. 38; UWV: employment ends during illness, report on the last workday, also "
        "after a 42-weken-melding (reference §2.8) [S8]",
    ),
}


@dataclass(frozen=True)
class SafetyNetFacts:
    """The case's own facts these reports depend on.

    ``situation`` is one of :data:`SITUATIONS` or ``""``; ``employment_end_date`` the last
    workday when the employment ends during illness; ``last_sick_day`` the end of the case's
    sick period when it has ended (None while the employee is still sick).
    """

    first_sick_day: date
    situation: str = ""
    employment_end_date: date | None = None
    last_sick_day: date | None = None

    def __post_init__(self) -> None:
        if self.situation and self.situation not in SITUATIONS:
            raise InvalidFacts(f"unknown vangnet situation {self.situation!r}")
        if self.employment_end_date is not None and self.employment_end_date < self.first_sick_day:
            raise InvalidFacts("the employment cannot end before the first sick day")


def _milestone(key: str, due: date | None, source: str | None = None) -> Milestone:
    rule, default_source = SAFETY_NET_RULES[key]
    return Milestone(key=key, due=due, rule=rule, source=source or default_source, computed=due)


def safety_net_milestones(facts: SafetyNetFacts) -> dict[str, Milestone]:
    """Return the UWV report milestones of a case, each with its source (due None: not needed)."""
    report: date | None = None
    report_source: str | None = None
    if facts.situation:
        offset, report_source = _REPORT[facts.situation]
        report = facts.first_sick_day + offset
    latest = facts.first_sick_day + _END_OF_WEEK_6 if facts.situation == "organ_donation" else None
    ends_during_illness = facts.employment_end_date is not None and (
        facts.last_sick_day is None or facts.employment_end_date <= facts.last_sick_day
    )
    return {
        "uwv_safety_net_report": _milestone("uwv_safety_net_report", report, report_source),
        "uwv_safety_net_report_latest": _milestone("uwv_safety_net_report_latest", latest),
        "uwv_end_of_employment_report": _milestone(
            "uwv_end_of_employment_report",
            facts.employment_end_date if ends_during_illness else None,
        ),
    }
