"""The facts of a sick-leave case that the poortwachter timeline is computed from.

All value objects validate themselves on construction and raise :class:`InvalidFacts` with a
one-line English message, so an invalid case can never reach the computation.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from cases.periods import CasePeriods, InvalidFacts, LeavePeriod, SickPeriod, check_date

__all__ = ["MILESTONE_KEYS", "CaseFacts", "InvalidFacts", "LeavePeriod", "SickPeriod"]

#: The milestones of the timeline, in chronological order of a normal case (reference §6).
MILESTONE_KEYS: tuple[str, ...] = (
    "problem_analysis",
    "action_plan",
    "next_progress_review",
    "uwv_sickness_report",
    "first_year_evaluation_window_start",
    "first_year_evaluation",
    "second_track_latest",
    "reintegration_report",
    "wia_application",
    "waiting_period_end",
    "wage_payment_end",
)


def _check_weeks(value: object, what: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidFacts(f"{what} must be a non-negative integer, got {value!r}")


@dataclass(frozen=True)
class CaseFacts(CasePeriods):
    """Everything the timeline depends on: periods, steps already taken, and UWV decisions.

    Periods are stored sorted by start (see :class:`cases.periods.CasePeriods`). ``overrides``
    maps a milestone key to a date stated by UWV (WIA letter, loonsanctie or verlenging
    decision); it replaces the computed date.
    """

    problem_analysis_date: date | None = None
    action_plan_date: date | None = None
    evaluations: tuple[date, ...] = ()
    first_year_evaluation_date: date | None = None
    voluntary_extension_weeks: int = 0
    wage_sanction_weeks: int = 0
    wia_application_date: date | None = None
    overrides: Mapping[str, date] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__post_init__()
        # Copy the evaluations and overrides so the facts stay immutable.
        object.__setattr__(self, "evaluations", tuple(self.evaluations))
        object.__setattr__(self, "overrides", MappingProxyType(dict(self.overrides)))
        self._validate_steps()

    def _validate_steps(self) -> None:
        for name in (
            "problem_analysis_date",
            "action_plan_date",
            "first_year_evaluation_date",
            "wia_application_date",
        ):
            value = getattr(self, name)
            if value is not None:
                check_date(value, name)
        for value in self.evaluations:
            check_date(value, "evaluation")
        _check_weeks(self.voluntary_extension_weeks, "voluntary_extension_weeks")
        _check_weeks(self.wage_sanction_weeks, "wage_sanction_weeks")
        for key, value in self.overrides.items():
            if key not in MILESTONE_KEYS:
                raise InvalidFacts(f"override for unknown milestone {key!r}")
            check_date(value, f"override for {key}")
