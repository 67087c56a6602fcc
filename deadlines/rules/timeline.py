"""The poortwachter timeline: the milestones of reference §6, each with its rule and source.

Rule ids ``WVP-n`` are the rows of the timeline table in reference §1; sources are the
reference's citations. Only the 42-weken-melding is moved to a workday (§0.2): the Algemene
termijnenwet does not apply to the other milestones.

A UWV-stated date in ``CaseFacts.overrides`` replaces a computed date. Formulas that start
from another milestone (e.g. the WIA-aanvraag from the end of the wachttijd) use its
effective, possibly overridden, date, so a UWV decision moves the steps that follow from it.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, NamedTuple

from cases.periods import counting_segments, first_sick_day, nth_counted_day
from deadlines.rules.case_facts import MILESTONE_KEYS, CaseFacts, InvalidFacts
from deadlines.rules.workdays import next_workday

__all__ = ["RULES", "Milestone", "Timeline", "compute_timeline"]

_WEEK = timedelta(days=7)

#: Rule id and source of each milestone (reference §1 rows, §6 formulas).
RULES: dict[str, tuple[str, str]] = {
    "problem_analysis": (
        "WVP-3",
        "Regeling procesgang art. 2 lid 2; UWV 'uiterlijk in de zesde week' [S1] [S6]",
    ),
    "action_plan": (
        "WVP-4",
        "WIA art. 25 lid 2; Regeling procesgang art. 4; UWV within 2 weeks after the PA and "
        "in week 8 at the latest [S23] [S6] [S7]",
    ),
    "next_progress_review": (
        "WVP-5",
        "BW 7:658a lid 3; UWV and practice: evaluate at least every 6 weeks [S92] [S7] [S97]",
    ),
    "uwv_sickness_report": (
        "WVP-6",
        "Ziektewet art. 38; UWV 'uiterlijk de eerste werkdag na de 42e ziekteweek' [S8] [S14]",
    ),
    "first_year_evaluation_window_start": (
        "WVP-7",
        "Regeling procesgang art. 4 lid 2 sub b; practice: from week 46 [S3] [S15]",
    ),
    "first_year_evaluation": (
        "WVP-7",
        "Regeling procesgang art. 4 lid 2 sub b: at the end of the first ziektejaar [S3] [S15]",
    ),
    "second_track_latest": (
        "WVP-8",
        "BW 7:658a lid 1; UWV Werkwijzer Poortwachter: at the latest 6 weeks after the EJE, "
        "the EJE counted at the end of week 52 at the latest (reference §7.6) [S16] [SEED-5]",
    ),
    "reintegration_report": (
        "WVP-12",
        "WIA art. 25 lid 3 and lid 4: 13 weeks before the end of the wachttijd [S23]",
    ),
    "wia_application": (
        "WVP-13",
        "WIA art. 64 lid 3: 11 weeks before the end of the wachttijd [S20] [S21]",
    ),
    "waiting_period_end": (
        "WVP-15",
        "WIA art. 23 (104 weeks) and art. 24 (vrijwillige verlenging) [S46] [S24]",
    ),
    "wage_payment_end": (
        "WVP-16",
        "BW 7:629 lid 11 sub a (late WIA-aanvraag); WIA art. 25 lid 9 (loonsanctie) [S39] [S33]",
    ),
}


class Milestone(NamedTuple):
    """One dated step of the timeline; ``computed`` keeps the rule's date when overridden.

    A named tuple rather than a frozen dataclass: just as immutable, and several times cheaper
    to create (the nightly recompute creates sixteen per case).
    """

    key: str
    due: date | None
    rule: str
    source: str
    overridden: bool = False
    computed: date | None = None


@dataclass(frozen=True)
class Timeline:
    """The EZD of the current case and its milestones, ordered as ``MILESTONE_KEYS``."""

    first_sick_day: date
    milestones: dict[str, Milestone]

    def due(self, key: str) -> date | None:
        """Return the effective due date of milestone ``key``."""
        return self.milestones[key].due

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON-ready form: ISO dates, ``None`` for milestones without a date."""
        return {
            "first_sick_day": self.first_sick_day.isoformat(),
            "milestones": {
                key: None if milestone.due is None else milestone.due.isoformat()
                for key, milestone in self.milestones.items()
            },
        }


class _Builder:
    """Collect milestones, applying overrides as each computed date is recorded."""

    def __init__(self, facts: CaseFacts) -> None:
        self.overrides = facts.overrides
        self.milestones: dict[str, Milestone] = {}

    def add_optional(self, key: str, computed: date | None) -> None:
        """Record milestone ``key``; its due date is the override, if any, else ``computed``."""
        override = self.overrides.get(key)
        rule, source = RULES[key]
        self.milestones[key] = Milestone(
            key=key,
            due=computed if override is None else override,
            rule=rule,
            source=source,
            overridden=override is not None,
            computed=computed,
        )

    def add(self, key: str, computed: date) -> date:
        """Record milestone ``key`` and return its effective due date."""
        self.add_optional(key, computed)
        return self.overrides.get(key, computed)

    def ordered(self) -> dict[str, Milestone]:
        """Return the milestones in the order of ``MILESTONE_KEYS``."""
        return {key: self.milestones[key] for key in MILESTONE_KEYS}


def compute_timeline(facts: CaseFacts) -> Timeline:
    """Return the timeline of the current case, per the formulas of reference §6."""
    try:
        return _compute(facts)
    except OverflowError as exc:
        raise InvalidFacts("a date falls outside the supported calendar (years 1 to 9999)") from exc


def _compute(facts: CaseFacts) -> Timeline:
    segments = counting_segments(facts)

    def day(n: int) -> date:
        return nth_counted_day(segments, n)

    build = _Builder(facts)
    # Rows 3-4: PA at the end of week 6; PvA 2 weeks after a timely PA, at the latest at the
    # end of week 8; after a late PA (Regeling art. 2 lid 3, onverwijld) 2 weeks after it.
    pa_due = build.add("problem_analysis", day(42))
    pa_held = facts.problem_analysis_date
    if pa_held is None:
        action_plan = day(56)
    elif pa_held <= pa_due:
        action_plan = min(pa_held + timedelta(days=14), day(56))
    else:
        action_plan = pa_held + timedelta(days=14)
    build.add("action_plan", action_plan)
    # Row 5: at most 6 weeks after the PvA or the latest evaluation; none before either.
    held = [d for d in (facts.action_plan_date, *facts.evaluations) if d is not None]
    build.add_optional("next_progress_review", max(held) + timedelta(days=42) if held else None)
    # Row 6: first workday after week 42 (the only Atw roll-forward, §0.2).
    build.add("uwv_sickness_report", next_workday(day(294) + timedelta(days=1)))
    # Row 7: EJE window weeks 46-52, due at the end of week 52.
    build.add("first_year_evaluation_window_start", day(316))
    eje_due = build.add("first_year_evaluation", day(364))
    # Row 8 and §7.6: tweede spoor at the latest 6 weeks after the EJE held, else after its due
    # date; a late EJE does not move it (capped at the end of week 52 + 42 days).
    eje = min(facts.first_year_evaluation_date or eje_due, eje_due)
    build.add("second_track_latest", eje + timedelta(days=42))
    # Rows 15 and 17: end of week 104, plus a vrijwillige verlenging.
    waiting_end = build.add(
        "waiting_period_end", day(728) + _WEEK * facts.voluntary_extension_weeks
    )
    # Rows 12-13: RIV 13 weeks and WIA-aanvraag 11 weeks before the (extended) end.
    build.add("reintegration_report", waiting_end - timedelta(days=91))
    wia_due = build.add("wia_application", waiting_end - timedelta(days=77))
    # Row 16 and §2.7: loondoorbetaling extended by a late WIA-aanvraag and a loonsanctie.
    days_late = 0
    if facts.wia_application_date is not None:
        days_late = max(0, (facts.wia_application_date - wia_due).days)
    build.add(
        "wage_payment_end",
        waiting_end + timedelta(days=days_late) + _WEEK * facts.wage_sanction_weeks,
    )
    return Timeline(first_sick_day=first_sick_day(facts), milestones=build.ordered())
