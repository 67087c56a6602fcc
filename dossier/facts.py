"""The dossier dates the deadlines app builds its facts from (`deadlines` imports this)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import Min
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
from .models.second_track import DEFAULT_REPORT_INTERVAL_WEEKS, TrackStatus

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
    ids = list(case_ids)
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
        PhysicianStatement.objects.filter(case_id__in=ids, kind=StatementKind.PROBLEM_ANALYSIS)
        .values("case_id")
        .annotate(first=Min("statement_date"))
        .values_list("case_id", "first")
    ):
        result[case_id]["problem_analysis_date"] = first
    for case_id, agreed_at in (
        ActionPlanVersion.objects.filter(plan__case_id__in=ids, status=VersionStatus.AGREED)
        .values("plan__case_id")
        .annotate(first=Min("agreed_at"))
        .values_list("plan__case_id", "first")
    ):
        result[case_id]["action_plan_date"] = timezone.localdate(agreed_at) if agreed_at else None
    for case_id, held_on in ProgressTalk.objects.filter(case_id__in=ids).values_list(
        "case_id", "held_on"
    ):
        result[case_id]["evaluations"].append(held_on)
    for case_id, held_on, kind in Evaluation.objects.filter(case_id__in=ids).values_list(
        "case_id", "held_on", "kind"
    ):
        dates = result[case_id]
        dates["evaluations"].append(held_on)
        if kind == EvaluationKind.FIRST_YEAR:
            first = dates["first_year_evaluation_date"]
            dates["first_year_evaluation_date"] = held_on if first is None else min(first, held_on)
    for dates in result.values():
        dates["evaluations"].sort()
    return result


def second_track_dates(case: Case) -> dict[str, Any]:
    """Return what the deadlines app needs to know about the case's second track.

    decision / decided_on / not_start_reason: the latest decision, or None;
    started_on: herplaatsingsopdracht of the first trajectory, or None;
    active / active_since / reports / report_interval_weeks: the running trajectory (the newest
    active one), its start, the dates of its progress reports and their rhythm.
    """
    return second_track_dates_bulk([case.pk])[case.pk]


def second_track_dates_bulk(case_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """Return :func:`second_track_dates` for each case id, in three queries."""
    ids = list(case_ids)
    decisions: dict[int, dict[str, Any]] = {}
    for row in (
        SecondTrackDecision.objects.filter(case_id__in=ids)
        .order_by("case_id", "-decided_on", "-pk")
        .values("case_id", "kind", "decided_on", "not_start_reason")
    ):
        decisions.setdefault(row["case_id"], row)
    tracks: dict[int, list[dict[str, Any]]] = {pk: [] for pk in ids}
    for row in (
        SecondTrack.objects.filter(case_id__in=ids)
        .order_by("assignment_date", "pk")
        .values("pk", "case_id", "assignment_date", "status", "report_interval_weeks")
    ):
        tracks[row["case_id"]].append(row)
    current = {
        pk: next((t for t in reversed(rows) if t["status"] == TrackStatus.ACTIVE), None)
        for pk, rows in tracks.items()
    }
    reports: dict[int, list[date]] = {t["pk"]: [] for t in current.values() if t}
    for track_id, report_date in (
        SecondTrackReport.objects.filter(track_id__in=list(reports))
        .order_by("report_date")
        .values_list("track_id", "report_date")
    ):
        reports[track_id].append(report_date)
    result = {}
    for pk in ids:
        decision, active = decisions.get(pk), current[pk]
        result[pk] = {
            "decision": decision["kind"] if decision else None,
            "decided_on": decision["decided_on"] if decision else None,
            "not_start_reason": decision["not_start_reason"] if decision else "",
            "started_on": tracks[pk][0]["assignment_date"] if tracks[pk] else None,
            "active": active is not None,
            "active_since": active["assignment_date"] if active else None,
            "reports": tuple(reports[active["pk"]]) if active else (),
            "report_interval_weeks": (
                active["report_interval_weeks"] if active else DEFAULT_REPORT_INTERVAL_WEEKS
            ),
        }
    return result
