"""Build the pure engine's :class:`CaseFacts` from a stored case."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from deadlines.poortwachter import CaseFacts, LeavePeriod, SickPeriod
from deadlines.rules.second_track import SecondTrackFacts

if TYPE_CHECKING:
    from cases.models import Case

_DOSSIER_KEYS = (
    "problem_analysis_date",
    "action_plan_date",
    "evaluations",
    "first_year_evaluation_date",
)


def dossier_facts(case: Case) -> dict[str, Any]:
    """Return the dates of the steps held in the dossier."""
    from dossier.facts import dossier_dates

    return _dossier_values(dossier_dates(case))


def _dossier_values(dates: dict[str, Any]) -> dict[str, Any]:
    return {
        "problem_analysis_date": dates.get("problem_analysis_date"),
        "action_plan_date": dates.get("action_plan_date"),
        "evaluations": tuple(d for d in dates.get("evaluations") or () if d is not None),
        "first_year_evaluation_date": dates.get("first_year_evaluation_date"),
    }


def uwv_overrides(case: Case) -> dict[str, date]:
    """Return the UWV-stated date per milestone: the one from the latest letter wins."""
    latest: dict[str, tuple[tuple[date, Any, int], date]] = {}
    for stated in case.uwv_dates.all():
        order = (stated.letter_date, stated.recorded_at, stated.pk or 0)
        if stated.key not in latest or order > latest[stated.key][0]:
            latest[stated.key] = (order, stated.date)
    return {key: value for key, (_order, value) in latest.items()}


def case_facts(case: Case, dossier_dates: dict[str, Any] | None = None) -> CaseFacts:
    """Return the facts of ``case``: its periods, the steps held, and UWV-stated dates.

    Uses prefetched ``sick_periods``, ``leave_periods`` and ``uwv_dates`` when present, and
    ``dossier_dates`` (from ``dossier.facts.dossier_dates_bulk``) when given.
    Raises :class:`deadlines.poortwachter.InvalidFacts` for inconsistent periods.
    """
    sick = tuple(SickPeriod(start=p.start, end=p.end) for p in case.sick_periods.all())
    leave = tuple(
        LeavePeriod(start=p.start, end=p.end, same_cause=p.same_cause)
        for p in case.leave_periods.all()
    )
    dossier = dossier_facts(case) if dossier_dates is None else _dossier_values(dossier_dates)
    return CaseFacts(
        sick_periods=sick,
        leave_periods=leave,
        problem_analysis_date=dossier["problem_analysis_date"],
        action_plan_date=dossier["action_plan_date"],
        evaluations=dossier["evaluations"],
        first_year_evaluation_date=dossier.get("first_year_evaluation_date"),
        overrides=uwv_overrides(case),
    )


def second_track_facts(case: Case, dates: dict[str, Any] | None = None) -> SecondTrackFacts:
    """Return what the dossier holds about the case's second track (``dates``: read in bulk)."""
    from dossier.facts import second_track_dates

    return SecondTrackFacts(**(second_track_dates(case) if dates is None else dates))
