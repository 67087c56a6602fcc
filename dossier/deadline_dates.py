"""The dossier dates the deadlines are computed from; registered as the "dossier" fact reader."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db.models import Min
from django.utils import timezone

from deadlines.fact_readers import case_id_span

from .models import (
    ActionPlanVersion,
    Evaluation,
    EvaluationKind,
    PhysicianStatement,
    ProgressTalk,
    StatementKind,
)
from .models.action_plans import VersionStatus

if TYPE_CHECKING:
    from cases.models import Case


def dossier_dates(case: Case) -> dict[str, Any]:
    """Return the dates of the dossier documents that drive the poortwachter deadlines.

    problem_analysis_date: date of the first probleemanalyse statement, or None;
    action_plan_date: (local) date the employee agreed the first plan van aanpak version, or None;
    evaluations: sorted dates of held progress talks and evaluations;
    first_year_evaluation_date: date of the first eerstejaarsevaluatie, or None.
    """
    return dossier_dates_bulk([case.pk])[case.pk]


def dossier_dates_bulk(case_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """Return :func:`dossier_dates` for each case id, in four queries whatever their number."""
    ids = list(case_ids)  # rows of cases in the span but not in ids are dropped
    result: dict[int, dict[str, Any]] = {
        pk: {
            "problem_analysis_date": None,
            "action_plan_date": None,
            "evaluations": [],
            "first_year_evaluation_date": None,
        }
        for pk in ids
    }
    for case_id, first in (
        PhysicianStatement.objects.filter(**case_id_span(ids), kind=StatementKind.PROBLEM_ANALYSIS)
        .values("case_id")
        .annotate(first=Min("statement_date"))
        .values_list("case_id", "first")
    ):
        if case_id in result:
            result[case_id]["problem_analysis_date"] = first
    for case_id, agreed_at in (
        ActionPlanVersion.objects.filter(
            **case_id_span(ids, "plan__case_id"), status=VersionStatus.AGREED
        )
        .values("plan__case_id")
        .annotate(first=Min("agreed_at"))
        .values_list("plan__case_id", "first")
    ):
        if case_id in result:
            result[case_id]["action_plan_date"] = (
                timezone.localdate(agreed_at) if agreed_at else None
            )
    for case_id, held_on in ProgressTalk.objects.filter(**case_id_span(ids)).values_list(
        "case_id", "held_on"
    ):
        if case_id in result:
            result[case_id]["evaluations"].append(held_on)
    for case_id, held_on, kind in Evaluation.objects.filter(**case_id_span(ids)).values_list(
        "case_id", "held_on", "kind"
    ):
        dates = result.get(case_id)
        if dates is None:
            continue
        dates["evaluations"].append(held_on)
        if kind == EvaluationKind.FIRST_YEAR:
            first = dates["first_year_evaluation_date"]
            dates["first_year_evaluation_date"] = held_on if first is None else min(first, held_on)
    for dates in result.values():
        dates["evaluations"].sort()
    return result
