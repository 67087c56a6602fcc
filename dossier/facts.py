"""The dossier dates the deadlines app builds its facts from (`deadlines` imports this)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.utils import timezone

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
    problem_analysis_date: date | None = (
        PhysicianStatement.objects.filter(case=case, kind=StatementKind.PROBLEM_ANALYSIS)
        .order_by("statement_date")
        .values_list("statement_date", flat=True)
        .first()
    )
    agreed_at = (
        ActionPlanVersion.objects.filter(plan__case=case, status=VersionStatus.AGREED)
        .order_by("agreed_at")
        .values_list("agreed_at", flat=True)
        .first()
    )
    talks = ProgressTalk.objects.filter(case=case).values_list("held_on", flat=True)
    evaluations = Evaluation.objects.filter(case=case).values_list("held_on", flat=True)
    first_year = (
        Evaluation.objects.filter(case=case, kind=EvaluationKind.FIRST_YEAR)
        .order_by("held_on")
        .values_list("held_on", flat=True)
        .first()
    )
    return {
        "problem_analysis_date": problem_analysis_date,
        "action_plan_date": timezone.localdate(agreed_at) if agreed_at else None,
        "evaluations": sorted([*talks, *evaluations]),
        "first_year_evaluation_date": first_year,
    }
