"""Samentelling, WAZO bridging and counting of sick days (reference §0.2, §2.1, §2.3, §6).

The current case is the (possibly summed) case that contains the last sick period. Its days
are counted only inside its sick periods: fit days between summed periods and WAZO leave days
are skipped. The last sick period is assumed to continue, even when it has an end.
"""

from collections.abc import Sequence
from datetime import date, timedelta

from deadlines.rules.facts import CaseFacts, InvalidFacts, LeavePeriod, SickPeriod

__all__ = [
    "SAMENTELLING_FIT_DAYS",
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
    assert previous.end is not None  # guaranteed by CaseFacts validation
    gap_first, gap_last = previous.end + _ONE_DAY, following.start - _ONE_DAY
    # CaseFacts forbids leave overlapping sick periods, so leave touching the gap lies inside it.
    in_gap = [leave for leave in leaves if leave.start <= gap_last and leave.end >= gap_first]
    if not in_gap:
        return is_summed(previous.end, following.start)
    leave_days = sum((leave.end - leave.start).days + 1 for leave in in_gap)
    gap_days = (gap_last - gap_first).days + 1
    return all(leave.same_cause for leave in in_gap) and leave_days == gap_days


def current_case_periods(facts: CaseFacts) -> tuple[SickPeriod, ...]:
    """Return the sick periods of the current case, oldest first, as recorded.

    Walk back from the last sick period while each earlier period joins the next one
    (samentelling or a bridging same-cause WAZO leave).
    """
    periods = facts.sick_periods
    first = len(periods) - 1
    while first > 0 and _joins(periods[first - 1], periods[first], facts.leave_periods):
        first -= 1
    return periods[first:]


def first_sick_day(facts: CaseFacts) -> date:
    """Return the eerste ziektedag (EZD) of the current case: the start of its first period."""
    return current_case_periods(facts)[0].start


def counting_segments(facts: CaseFacts) -> list[Segment]:
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


def counted_sick_days(facts: CaseFacts, on: date) -> int:
    """Return the counted sick days of the current case up to and including ``on``."""
    return _count_until(counting_segments(facts), on)


def week_of_illness(facts: CaseFacts, on: date) -> int:
    """Return the 1-based week of (summed) illness on ``on``; 0 before the EZD.

    Week n holds counted days 7(n-1)+1 ... 7n (§0.2); on fit days the last week is kept.
    """
    counted = counted_sick_days(facts, on)
    return 0 if counted == 0 else (counted - 1) // 7 + 1


def date_of_counted_day(facts: CaseFacts, n: int) -> date:
    """Return the calendar date of the ``n``-th counted sick day of the current case (§6)."""
    return nth_counted_day(counting_segments(facts), n)
