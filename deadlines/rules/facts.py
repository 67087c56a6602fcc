"""The facts of a sick-leave case that the poortwachter timeline is computed from.

All value objects validate themselves on construction and raise :class:`InvalidFacts` with a
one-line English message, so an invalid case can never reach the computation.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from types import MappingProxyType

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


class InvalidFacts(ValueError):
    """Raised when case facts are inconsistent; the message is one line, fit for a CLI."""


def _check_date(value: object, what: str) -> None:
    # datetime is a subclass of date, but mixing the two breaks date arithmetic.
    if not isinstance(value, date) or isinstance(value, datetime):
        raise InvalidFacts(f"{what} must be a date, got {value!r}")


def _check_weeks(value: object, what: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidFacts(f"{what} must be a non-negative integer, got {value!r}")


@dataclass(frozen=True)
class SickPeriod:
    """A period of incapacity for work; ``end`` is the last sick day, ``None`` while running."""

    start: date
    end: date | None = None

    def __post_init__(self) -> None:
        _check_date(self.start, "sick period start")
        if self.end is not None:
            _check_date(self.end, "sick period end")
            if self.end < self.start:
                raise InvalidFacts(
                    f"sick period ends on {self.end} before it starts on {self.start}"
                )

    def __str__(self) -> str:
        return f"{self.start}..{self.end or 'open'}"


@dataclass(frozen=True)
class LeavePeriod:
    """A WAZO zwangerschaps- en bevallingsverlof; ``end`` is its last day (reference §2.3).

    ``same_cause`` says whether the sickness after the leave has the same cause as the
    sickness before it.
    """

    start: date
    end: date
    same_cause: bool = True

    def __post_init__(self) -> None:
        _check_date(self.start, "leave period start")
        _check_date(self.end, "leave period end")
        if self.end < self.start:
            raise InvalidFacts(f"leave period ends on {self.end} before it starts on {self.start}")
        if not isinstance(self.same_cause, bool):
            raise InvalidFacts(
                f"leave period same_cause must be a boolean, got {self.same_cause!r}"
            )

    def __str__(self) -> str:
        return f"{self.start}..{self.end}"


@dataclass(frozen=True)
class CaseFacts:
    """Everything the timeline depends on: periods, steps already taken, and UWV decisions.

    Periods are stored sorted by start. ``overrides`` maps a milestone key to a date stated by
    UWV (WIA letter, loonsanctie or verlenging decision); it replaces the computed date.
    """

    sick_periods: tuple[SickPeriod, ...]
    leave_periods: tuple[LeavePeriod, ...] = ()
    problem_analysis_date: date | None = None
    action_plan_date: date | None = None
    evaluations: tuple[date, ...] = ()
    first_year_evaluation_date: date | None = None
    voluntary_extension_weeks: int = 0
    wage_sanction_weeks: int = 0
    wia_application_date: date | None = None
    overrides: Mapping[str, date] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Normalise lists to sorted tuples and copy the overrides so the facts stay immutable.
        sick = tuple(sorted(self.sick_periods, key=_period_start))
        leave = tuple(sorted(self.leave_periods, key=_period_start))
        object.__setattr__(self, "sick_periods", sick)
        object.__setattr__(self, "leave_periods", leave)
        object.__setattr__(self, "evaluations", tuple(self.evaluations))
        object.__setattr__(self, "overrides", MappingProxyType(dict(self.overrides)))
        self._validate_periods()
        self._validate_steps()

    def _validate_periods(self) -> None:
        if not self.sick_periods:
            raise InvalidFacts("at least one sick period is required")
        for period in self.sick_periods:
            if not isinstance(period, SickPeriod):
                raise InvalidFacts(f"sick periods must be SickPeriod objects, got {period!r}")
        for period in self.leave_periods:
            if not isinstance(period, LeavePeriod):
                raise InvalidFacts(f"leave periods must be LeavePeriod objects, got {period!r}")
        for previous, following in zip(self.sick_periods, self.sick_periods[1:], strict=False):
            if previous.end is None:
                raise InvalidFacts(
                    f"sick period {previous} has no end but is followed by sick period {following}"
                )
            if following.start <= previous.end:
                raise InvalidFacts(f"sick periods {previous} and {following} overlap")
        for previous, following in zip(self.leave_periods, self.leave_periods[1:], strict=False):
            if following.start <= previous.end:
                raise InvalidFacts(f"leave periods {previous} and {following} overlap")
        for leave in self.leave_periods:
            for sick in self.sick_periods:
                if leave.start <= (sick.end or date.max) and sick.start <= leave.end:
                    raise InvalidFacts(f"leave period {leave} overlaps sick period {sick}")

    def _validate_steps(self) -> None:
        for name in (
            "problem_analysis_date",
            "action_plan_date",
            "first_year_evaluation_date",
            "wia_application_date",
        ):
            value = getattr(self, name)
            if value is not None:
                _check_date(value, name)
        for value in self.evaluations:
            _check_date(value, "evaluation")
        _check_weeks(self.voluntary_extension_weeks, "voluntary_extension_weeks")
        _check_weeks(self.wage_sanction_weeks, "wage_sanction_weeks")
        for key, value in self.overrides.items():
            if key not in MILESTONE_KEYS:
                raise InvalidFacts(f"override for unknown milestone {key!r}")
            _check_date(value, f"override for {key}")


def _period_start(period: SickPeriod | LeavePeriod) -> date:
    start = getattr(period, "start", None)
    if not isinstance(start, date):
        raise InvalidFacts(f"expected a period with a start date, got {period!r}")
    return start
