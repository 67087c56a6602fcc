"""The facts the Poortwachtertoets judges (contract: ``docs/domain/poortwachtertoets.md``).

Every value object validates itself and raises :class:`InvalidFacts` with a one-line English
message, so an invalid input never reaches the rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from cases.periods import InvalidFacts, LeavePeriod, SickPeriod, check_date
from deadlines.poortwachter import CaseFacts

__all__ = [
    "ActionPlan",
    "CapacityAssessment",
    "InvalidFacts",
    "NotStartGround",
    "ProblemAnalysis",
    "Prognosis",
    "SecondTrack",
    "SecondTrackDecision",
    "SecondTrackStatus",
    "ToetsFacts",
]


class Prognosis(StrEnum):
    """The bedrijfsarts' prognosis in a (bijgestelde) probleemanalyse."""

    RETURN_OWN_WORK = "return_own_work"
    RETURN_OTHER_WORK_OWN_EMPLOYER = "return_other_work_own_employer"
    NO_RETURN_OWN_EMPLOYER = "no_return_own_employer"
    UNKNOWN = "unknown"


class SecondTrackDecision(StrEnum):
    START = "start"
    NOT_START = "not_start"


class NotStartGround(StrEnum):
    """The Werkwijzer's three grounds for not starting the tweede spoor, and "other"."""

    RETURN_WITHIN_3_MONTHS = "return_within_3_months"
    MARGINAL_POSSIBILITIES = "marginal_possibilities"
    AOW_WITHIN_1_YEAR = "aow_within_1_year"
    OTHER = "other"


class SecondTrackStatus(StrEnum):
    RUNNING = "running"
    ENDED = "ended"


def _check_optional(value: date | None, what: str) -> None:
    if value is not None:
        check_date(value, what)


@dataclass(frozen=True)
class ProblemAnalysis:
    date: date
    prognosis: Prognosis = Prognosis.UNKNOWN

    def __post_init__(self) -> None:
        check_date(self.date, "problem analysis date")
        object.__setattr__(self, "prognosis", Prognosis(self.prognosis))


@dataclass(frozen=True)
class ActionPlan:
    date: date
    employee_agreed_on: date | None = None

    def __post_init__(self) -> None:
        check_date(self.date, "action plan date")
        _check_optional(self.employee_agreed_on, "action plan employee_agreed_on")


@dataclass(frozen=True)
class CapacityAssessment:
    """A belastbaarheid / FML record; ``valid_until`` None means no end was given."""

    date: date
    valid_until: date | None = None

    def __post_init__(self) -> None:
        check_date(self.date, "capacity assessment date")
        _check_optional(self.valid_until, "capacity assessment valid_until")
        if self.valid_until is not None and self.valid_until < self.date:
            raise InvalidFacts(
                f"capacity assessment valid_until {self.valid_until} is before its date {self.date}"
            )


@dataclass(frozen=True)
class SecondTrack:
    """The tweede spoor: the latest decision and, when started, the trajectory."""

    decision: SecondTrackDecision
    decision_date: date | None = None
    ground: NotStartGround | None = None
    start_date: date | None = None
    end_date: date | None = None
    status: SecondTrackStatus | None = None
    activities: tuple[date, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "decision", SecondTrackDecision(self.decision))
        if self.ground is not None:
            object.__setattr__(self, "ground", NotStartGround(self.ground))
        if self.status is not None:
            object.__setattr__(self, "status", SecondTrackStatus(self.status))
        object.__setattr__(self, "activities", tuple(sorted(self.activities)))
        for name in ("decision_date", "start_date", "end_date"):
            _check_optional(getattr(self, name), f"second_track {name}")
        for day in self.activities:
            check_date(day, "second_track activity")
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise InvalidFacts(
                f"second_track ends on {self.end_date} before it starts on {self.start_date}"
            )


_OPTIONAL_DATES = (
    "uwv_sickness_report_date",
    "first_year_evaluation_date",
    "labour_expert_report_date",
    "current_assessment_date",
    "medical_information_date",
    "final_evaluation_date",
    "employee_opinion_date",
)


@dataclass(frozen=True)
class ToetsFacts:
    """Everything the toets judges, on the day ``on``.

    ``case`` carries the periods, the weeks of verlenging and loonsanctie, the WIA-aanvraag date
    and any UWV-stated dates; its step dates are ignored (the timeline's are derived from the
    lists below, see :meth:`timeline_facts`).
    """

    on: date
    case: CaseFacts
    problem_analyses: tuple[ProblemAnalysis, ...] = ()
    action_plans: tuple[ActionPlan, ...] = ()
    progress_talks: tuple[date, ...] = ()
    uwv_sickness_report_date: date | None = None
    first_year_evaluation_date: date | None = None
    capacity_assessments: tuple[CapacityAssessment, ...] = ()
    second_track: SecondTrack | None = None
    labour_expert_report_date: date | None = None
    current_assessment_date: date | None = None
    medical_information_date: date | None = None
    final_evaluation_date: date | None = None
    employee_opinion_date: date | None = None

    def __post_init__(self) -> None:
        check_date(self.on, "on")
        # Sort by date (stable), so "oldest first in meaning" holds whatever the input order.
        object.__setattr__(
            self, "problem_analyses", tuple(sorted(self.problem_analyses, key=lambda p: p.date))
        )
        object.__setattr__(
            self, "action_plans", tuple(sorted(self.action_plans, key=lambda p: p.date))
        )
        object.__setattr__(self, "progress_talks", tuple(sorted(self.progress_talks)))
        object.__setattr__(
            self,
            "capacity_assessments",
            tuple(sorted(self.capacity_assessments, key=lambda c: c.date)),
        )
        for day in self.progress_talks:
            check_date(day, "progress talk")
        for name in _OPTIONAL_DATES:
            _check_optional(getattr(self, name), name)

    def timeline_facts(self) -> CaseFacts:
        """Return the facts of the timeline ``T`` of the contract's "Derived values"."""
        return CaseFacts(
            sick_periods=self.case.sick_periods,
            leave_periods=self.case.leave_periods,
            problem_analysis_date=self.problem_analyses[0].date if self.problem_analyses else None,
            action_plan_date=self.action_plans[0].date if self.action_plans else None,
            evaluations=self.progress_talks,
            first_year_evaluation_date=self.first_year_evaluation_date,
            voluntary_extension_weeks=self.case.voluntary_extension_weeks,
            wage_sanction_weeks=self.case.wage_sanction_weeks,
            wia_application_date=self.case.wia_application_date,
            overrides=self.case.overrides,
        )


# Re-exported for the adapters.
__all__ += ["LeavePeriod", "SickPeriod"]
