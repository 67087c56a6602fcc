"""Build the pure engine's facts from a stored case: its own periods and UWV dates, and what
the apps above read for it through :mod:`deadlines.fact_readers`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from cases.batched_reads import CaseRows
from cases.case_memo import case_memo_is_open, case_memoized
from deadlines.fact_readers import facts_case_reads, facts_read, facts_read_case
from deadlines.models import UwvStatedDate
from deadlines.poortwachter import CaseFacts, LeavePeriod, SickPeriod
from deadlines.rules.safety_net import SafetyNetFacts
from deadlines.rules.second_track import SecondTrackFacts

if TYPE_CHECKING:
    from cases.models import Case

type ReadFacts = Mapping[str, Mapping[str, Any]]


def stored_facts_read(case: Case) -> ReadFacts:
    """Return what the registered readers hold about `case` (see :func:`facts_read`).

    On the case page (its memo open) this is read once, from the rows the sections show.
    """
    if case_memo_is_open(case):
        return case_memoized(case, "deadlines.facts", lambda: facts_read_case(case))
    return facts_read([case.pk])[case.pk]


_UWV_DATES = "deadlines.uwv_dates"
_UWV_ROWS = CaseRows(lambda case_id: UwvStatedDate.objects.filter(case_id=case_id))


def case_facts_reads(case: Case) -> dict[str, Any]:
    """Return what :func:`case_facts` and :func:`second_track_facts` read of `case` beyond its
    periods (per memo key, see :func:`cases.case_memo.case_memo_read_together`)."""
    return {_UWV_DATES: _UWV_ROWS.read(case), **facts_case_reads(case)}


def uwv_overrides(case: Case) -> dict[str, date]:
    """Return the UWV-stated date per milestone: the one from the latest letter wins."""
    # The case page reads them with `_UWV_ROWS`, the same rows as `case.uwv_dates.all()`.
    stated = case_memoized(case, _UWV_DATES, lambda: list(case.uwv_dates.all()))
    return uwv_overrides_from(
        (s.key, s.date, s.letter_date, s.recorded_at, s.pk or 0) for s in stated
    )


def uwv_overrides_from(rows: Iterable[tuple[str, date, date, Any, int]]) -> dict[str, date]:
    """Return :func:`uwv_overrides` from (key, date, letter date, recorded at, pk) tuples."""
    latest: dict[str, tuple[tuple[date, Any, int], date]] = {}
    for key, stated, letter_date, recorded_at, pk in rows:
        order = (letter_date, recorded_at, pk)
        if key not in latest or order > latest[key][0]:
            latest[key] = (order, stated)
    return {key: value for key, (_order, value) in latest.items()}


def case_facts(case: Case, read: ReadFacts | None = None) -> CaseFacts:
    """Return the facts of ``case``: its periods, the steps held, and UWV-stated dates.

    Uses prefetched ``sick_periods``, ``leave_periods`` and ``uwv_dates`` when present, and
    ``read`` (from :func:`deadlines.fact_readers.facts_read`, in bulk) when given.
    Raises :class:`deadlines.poortwachter.InvalidFacts` for inconsistent periods.
    """
    read = stored_facts_read(case) if read is None else read
    sick = tuple(SickPeriod(start=p.start, end=p.end) for p in case.sick_periods.all())
    leave = tuple(
        LeavePeriod(start=p.start, end=p.end, same_cause=p.same_cause)
        for p in case.leave_periods.all()
    )
    return case_facts_build(sick, leave, uwv_overrides(case), read)


def case_facts_build(
    sick: tuple[SickPeriod, ...],
    leave: tuple[LeavePeriod, ...],
    overrides: dict[str, date],
    read: ReadFacts,
) -> CaseFacts:
    """Return the engine's facts from periods, UWV overrides and what the readers hold."""
    dossier = read.get("dossier", {})
    return CaseFacts(
        sick_periods=sick,
        leave_periods=leave,
        problem_analysis_date=dossier.get("problem_analysis_date"),
        action_plan_date=dossier.get("action_plan_date"),
        evaluations=tuple(d for d in dossier.get("evaluations") or () if d is not None),
        first_year_evaluation_date=dossier.get("first_year_evaluation_date"),
        overrides=overrides,
    )


def second_track_facts(case: Case, read: ReadFacts | None = None) -> SecondTrackFacts:
    """Return what is known about the case's tweede spoor (none of it when nothing is read)."""
    read = stored_facts_read(case) if read is None else read
    return SecondTrackFacts(**read.get("second_track", {}))


def safety_net_facts(case: Case) -> SafetyNetFacts:
    """Return the case's own facts for the vangnet and end-of-employment UWV reports."""
    return safety_net_facts_from(
        first_sick_day=case.first_sick_day,
        situation=case.safety_net_situation,
        employment_end_date=case.employment_end_date,
        case_open=case.is_open,
        sick_period_ends=[p.end for p in case.sick_periods.all()],
    )


def safety_net_facts_from(
    *,
    first_sick_day: date,
    situation: str,
    employment_end_date: date | None,
    case_open: bool,
    sick_period_ends: Iterable[date | None],
) -> SafetyNetFacts:
    """Return :class:`SafetyNetFacts` from plain values (the nightly batch reads no models)."""
    last_sick_day = None
    if not case_open:
        last_sick_day = max((e for e in sick_period_ends if e is not None), default=None)
    return SafetyNetFacts(
        first_sick_day=first_sick_day,
        situation=situation,
        employment_end_date=employment_end_date,
        last_sick_day=last_sick_day,
    )
