"""Build the pure engine's :class:`CaseFacts` from a stored case."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from deadlines.poortwachter import CaseFacts, LeavePeriod, SickPeriod

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

    dates = dossier_dates(case) or {}
    return {
        "problem_analysis_date": dates.get("problem_analysis_date"),
        "action_plan_date": dates.get("action_plan_date"),
        "evaluations": tuple(d for d in dates.get("evaluations") or () if d is not None),
        "first_year_evaluation_date": dates.get("first_year_evaluation_date"),
    }


def dossier_facts_bulk(cases: list[Case]) -> dict[int, dict[str, Any]] | None:
    """Return the dossier facts of many cases at once, if dossier offers a bulk reader.

    ``dossier.facts.dossier_dates_bulk(cases) -> {case_id: dict}`` is optional; without it
    (``None``) the caller falls back to one :func:`dossier_facts` call per case.
    """
    try:
        from dossier import facts as dossier_module
    except ImportError:
        return None
    bulk = getattr(dossier_module, "dossier_dates_bulk", None)
    if bulk is None:
        return None
    result = {}
    for case_id, dates in bulk(cases).items():
        result[case_id] = {
            "problem_analysis_date": dates.get("problem_analysis_date"),
            "action_plan_date": dates.get("action_plan_date"),
            "evaluations": tuple(d for d in dates.get("evaluations") or () if d is not None),
            "first_year_evaluation_date": dates.get("first_year_evaluation_date"),
        }
    return result


def uwv_overrides(case: Case) -> dict[str, date]:
    """Return the UWV-stated date per milestone: the one from the latest letter wins."""
    latest: dict[str, tuple[tuple[date, Any, int], date]] = {}
    for stated in case.uwv_dates.all():
        order = (stated.letter_date, stated.recorded_at, stated.pk or 0)
        if stated.key not in latest or order > latest[stated.key][0]:
            latest[stated.key] = (order, stated.date)
    return {key: value for key, (_order, value) in latest.items()}


def case_facts(case: Case, *, dossier: dict[str, Any] | None = None) -> CaseFacts:
    """Return the facts of ``case``: its periods, the steps held, and UWV-stated dates.

    Uses prefetched ``sick_periods``, ``leave_periods`` and ``uwv_dates`` when present, and
    ``dossier`` (the dossier facts) when already read in bulk.
    Raises :class:`deadlines.poortwachter.InvalidFacts` for inconsistent periods.
    """
    sick = tuple(SickPeriod(start=p.start, end=p.end) for p in case.sick_periods.all())
    leave_manager = getattr(case, "leave_periods", None)
    leave = ()
    if leave_manager is not None:
        leave = tuple(
            LeavePeriod(start=p.start, end=p.end, same_cause=bool(p.same_cause))
            for p in leave_manager.all()
        )
    if dossier is None:
        dossier = dossier_facts(case)
    return CaseFacts(
        sick_periods=sick,
        leave_periods=leave,
        problem_analysis_date=dossier["problem_analysis_date"],
        action_plan_date=dossier["action_plan_date"],
        evaluations=dossier["evaluations"],
        first_year_evaluation_date=dossier.get("first_year_evaluation_date"),
        overrides=uwv_overrides(case),
    )
