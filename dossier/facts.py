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
    SecondTrack,
    SecondTrackDecision,
    SecondTrackReport,
    StatementKind,
)
from .models.action_plans import VersionStatus
from .models.second_track import TrackStatus

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


def second_track_dates(case: Case) -> dict[str, Any]:
    """Return what the deadlines app needs to know about the case's second track.

    decision / decided_on / not_start_reason: the latest decision, or None;
    started_on: herplaatsingsopdracht of the first trajectory, or None;
    active / active_since / reports / report_interval_weeks: the running trajectory (the newest
    active one), its start, the dates of its progress reports and their rhythm.
    """
    decision = (
        SecondTrackDecision.objects.filter(case=case)
        .order_by("-decided_on", "-pk")
        .values("kind", "decided_on", "not_start_reason")
        .first()
    )
    tracks = list(
        SecondTrack.objects.filter(case=case)
        .order_by("assignment_date", "pk")
        .values("pk", "assignment_date", "status", "report_interval_weeks")
    )
    active = [t for t in tracks if t["status"] == TrackStatus.ACTIVE]
    current = active[-1] if active else None
    reports: tuple[date, ...] = ()
    if current is not None:
        reports = tuple(
            SecondTrackReport.objects.filter(track_id=current["pk"])
            .order_by("report_date")
            .values_list("report_date", flat=True)
        )
    return {
        "decision": decision["kind"] if decision else None,
        "decided_on": decision["decided_on"] if decision else None,
        "not_start_reason": decision["not_start_reason"] if decision else "",
        "started_on": tracks[0]["assignment_date"] if tracks else None,
        "active": current is not None,
        "active_since": current["assignment_date"] if current else None,
        "reports": reports,
        "report_interval_weeks": current["report_interval_weeks"] if current else 4,
    }
