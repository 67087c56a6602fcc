"""Sick and leave periods: samentelling, WAZO bridging, counting of sick days.

Reference §0.2, §2.1, §2.3 and §6.

Pure rules (no ORM): the cases app decides with them which periods form one case, and the
deadlines engine counts the weeks of illness with them.

The current case is the (possibly summed) case that contains the last sick period. Its days
are counted only inside its sick periods: fit days between summed periods and WAZO leave days
are skipped. The last sick period is assumed to continue, even when it has an end.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

__all__ = [
    "SAMENTELLING_FIT_DAYS",
    "CasePeriods",
    "InvalidFacts",
    "LeavePeriod",
    "SickPeriod",
    "check_date",
    "counted_sick_days",
    "counting_segments",
    "current_case_periods",
    "date_of_counted_day",
    "first_sick_day",
    "fit_days_between",
    "is_summed",
    "nth_counted_day",
    "week_of_illness",
]


class InvalidFacts(ValueError):
    """Raised when case facts are inconsistent; the message is one line, fit for a CLI."""


def check_date(value: object, what: str) -> None:
    """Raise InvalidFacts unless `value` is a date (not a datetime)."""
    # datetime is a subclass of date, but mixing the two breaks date arithmetic.
    if not isinstance(value, date) or isinstance(value, datetime):
        raise InvalidFacts(f"{what} must be a date, got {value!r}")


@dataclass(frozen=True)
class SickPeriod:
    """A period of incapacity for work; ``end`` is the last sick day, ``None`` while running."""

    start: date
    end: date | None = None

    def __post_init__(self) -> None:
        check_date(self.start, "sick period start")
        if self.end is not None:
            check_date(self.end, "sick period end")
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
        check_date(self.start, "leave period start")
        check_date(self.end, "leave period end")
        if self.end < self.start:
            raise InvalidFacts(f"leave period ends on {self.end} before it starts on {self.start}")
        if not isinstance(self.same_cause, bool):
            raise InvalidFacts(
                f"leave period same_cause must be a boolean, got {self.same_cause!r}"
            )

    def __str__(self) -> str:
        return f"{self.start}..{self.end}"


@dataclass(frozen=True)
class CasePeriods:
    """The sick and WAZO leave periods of an employee, sorted by start and validated."""

    sick_periods: tuple[SickPeriod, ...]
    leave_periods: tuple[LeavePeriod, ...] = ()

    def __post_init__(self) -> None:
        # Normalise lists to sorted tuples so the periods stay immutable.
        sick = tuple(sorted(self.sick_periods, key=_period_start))
        leave = tuple(sorted(self.leave_periods, key=_period_start))
        object.__setattr__(self, "sick_periods", sick)
        object.__setattr__(self, "leave_periods", leave)
        self._validate_periods()

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


def _period_start(period: SickPeriod | LeavePeriod) -> date:
    start = getattr(period, "start", None)
    if not isinstance(start, date):
        raise InvalidFacts(f"expected a period with a start date, got {period!r}")
    return start


#: Periods separated by fewer fit days than this are summed: "minder dan vier weken"
#: (BW 7:629 lid 10; reference §2.1 [S14] [S42]). Exactly 28 fit days starts a new case [S44].
SAMENTELLING_FIT_DAYS = 28

_ONE_DAY = timedelta(days=1)

# A stretch of counted sick days: first day and last day, None for "continues indefinitely".
type Segment = tuple[date, date | None]


def fit_days_between(previous_end: date, relapse_start: date) -> int:
    """Return the fit days between a period's last sick day and the relapse.

    Reference §2.1: the interruption is ``relapse_EZD - first_fit_day`` = ``relapse - (end + 1)``.
    """
    if relapse_start <= previous_end:
        raise InvalidFacts(f"relapse on {relapse_start} is not after the period end {previous_end}")
    return (relapse_start - (previous_end + _ONE_DAY)).days


def is_summed(previous_end: date, relapse_start: date) -> bool:
    """Return whether a relapse is summed with the previous period (fewer than 28 fit days)."""
    return fit_days_between(previous_end, relapse_start) < SAMENTELLING_FIT_DAYS


def _joins(previous: SickPeriod, following: SickPeriod, leaves: Sequence[LeavePeriod]) -> bool:
    """Return whether ``following`` belongs to the same case as ``previous``.

    Without leave in the gap, samentelling decides (§2.1). With WAZO leave in the gap, the
    periods join only when same-cause leave fills every day of the gap; otherwise the leave is
    an interruption and a new case starts (§2.3 [S42] [S47]).
    """
    assert previous.end is not None  # guaranteed by CasePeriods validation
    gap_first, gap_last = previous.end + _ONE_DAY, following.start - _ONE_DAY
    # CasePeriods forbids leave overlapping sick periods, so leave touching the gap lies inside it.
    in_gap = [leave for leave in leaves if leave.start <= gap_last and leave.end >= gap_first]
    if not in_gap:
        return is_summed(previous.end, following.start)
    leave_days = sum((leave.end - leave.start).days + 1 for leave in in_gap)
    gap_days = (gap_last - gap_first).days + 1
    return all(leave.same_cause for leave in in_gap) and leave_days == gap_days


def current_case_periods(facts: CasePeriods) -> tuple[SickPeriod, ...]:
    """Return the sick periods of the current case, oldest first, as recorded.

    Walk back from the last sick period while each earlier period joins the next one
    (samentelling or a bridging same-cause WAZO leave).
    """
    periods = facts.sick_periods
    first = len(periods) - 1
    while first > 0 and _joins(periods[first - 1], periods[first], facts.leave_periods):
        first -= 1
    return periods[first:]


def first_sick_day(facts: CasePeriods) -> date:
    """Return the eerste ziektedag (EZD) of the current case: the start of its first period."""
    return current_case_periods(facts)[0].start


def counting_segments(facts: CasePeriods) -> list[Segment]:
    """Return the stretches of counted sick days of the current case, the last one open.

    The last sick period is assumed to continue. When a same-cause WAZO leave starts the day
    after its recorded end, the projection skips the leave and resumes counting after it, as it
    would once the sickness after the leave is recorded (§2.3). Other leaves after the last
    period do not change the projection.
    """
    periods = current_case_periods(facts)
    segments: list[Segment] = [(period.start, period.end) for period in periods[:-1]]
    last = periods[-1]
    resumed = next(
        (
            leave
            for leave in facts.leave_periods
            if last.end is not None and leave.same_cause and leave.start == last.end + _ONE_DAY
        ),
        None,
    )
    if resumed is None:
        segments.append((last.start, None))
    else:
        segments.append((last.start, last.end))
        segments.append((resumed.end + _ONE_DAY, None))
    return segments


def _count_until(segments: Sequence[Segment], on: date) -> int:
    total = 0
    for first, last in segments:
        if on < first:
            break
        stop = on if last is None else min(on, last)
        total += (stop - first).days + 1
    return total


def nth_counted_day(segments: Sequence[Segment], n: int) -> date:
    """Return the date of the ``n``-th counted day in ``segments`` (see ``counting_segments``)."""
    if n < 1:
        raise ValueError(f"counted sick days start at 1, got {n}")
    remaining = n
    for first, last in segments:
        length = None if last is None else (last - first).days + 1
        if length is None or remaining <= length:
            return first + timedelta(days=remaining - 1)
        remaining -= length
    raise AssertionError("the last segment is open-ended")


def counted_sick_days(facts: CasePeriods, on: date) -> int:
    """Return the counted sick days of the current case up to and including ``on``."""
    return _count_until(counting_segments(facts), on)


def week_of_illness(facts: CasePeriods, on: date) -> int:
    """Return the 1-based week of (summed) illness on ``on``; 0 before the EZD.

    Week n holds counted days 7(n-1)+1 ... 7n (§0.2); on fit days the last week is kept.
    """
    counted = counted_sick_days(facts, on)
    return 0 if counted == 0 else (counted - 1) // 7 + 1


def date_of_counted_day(facts: CasePeriods, n: int) -> date:
    """Return the calendar date of the ``n``-th counted sick day of the current case (§6)."""
    return nth_counted_day(counting_segments(facts), n)
