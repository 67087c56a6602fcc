"""The tweede-spoor facts the deadlines are computed from; registered as the "second_track"
fact reader (see `deadlines.fact_readers`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from deadlines.fact_readers import case_id_span

from .case_records import case_decisions, case_tracks, track_report_dates
from .models import (
    DEFAULT_REPORT_INTERVAL_WEEKS,
    SecondTrack,
    SecondTrackDecision,
    SecondTrackReport,
    TrackStatus,
)

if TYPE_CHECKING:
    from cases.models import Case


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
        SecondTrackDecision.objects.filter(**case_id_span(ids))
        .order_by("case_id", "-decided_on", "-pk")
        .values("case_id", "kind", "decided_on", "not_start_reason")
    ):
        decisions.setdefault(row["case_id"], row)  # cases outside ids are never looked up
    tracks: dict[int, list[dict[str, Any]]] = {pk: [] for pk in ids}
    for row in (
        SecondTrack.objects.filter(**case_id_span(ids))
        .order_by("assignment_date", "pk")
        .values("pk", "case_id", "assignment_date", "status", "report_interval_weeks")
    ):
        if row["case_id"] in tracks:
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
    return {
        pk: second_track_dates_from(
            decisions.get(pk),
            tracks[pk],
            tuple(reports[current[pk]["pk"]]) if current[pk] else (),
        )
        for pk in ids
    }


def second_track_dates_of_case(case: Case) -> dict[str, Any]:
    """Return :func:`second_track_dates` from the records the case page shows (read once)."""
    decisions = case_decisions(case)
    tracks = case_tracks(case)  # newest first
    active = next((t for t in tracks if t.status == TrackStatus.ACTIVE), None)
    return second_track_dates_from(
        (
            {
                "kind": decisions[0].kind,
                "decided_on": decisions[0].decided_on,
                "not_start_reason": decisions[0].not_start_reason,
            }
            if decisions
            else None
        ),
        [
            {
                "pk": t.pk,
                "assignment_date": t.assignment_date,
                "status": t.status,
                "report_interval_weeks": t.report_interval_weeks,
            }
            for t in reversed(tracks)
        ],
        track_report_dates(case, active) if active else (),
    )


def second_track_dates_from(
    decision: dict[str, Any] | None, tracks: list[dict[str, Any]], reports: tuple[date, ...]
) -> dict[str, Any]:
    """Return :func:`second_track_dates` from the latest decision (kind, decided_on,
    not_start_reason), the trajectories oldest first and the report dates of the active one."""
    active = next((t for t in reversed(tracks) if t["status"] == TrackStatus.ACTIVE), None)
    return {
        "decision": decision["kind"] if decision else None,
        "decided_on": decision["decided_on"] if decision else None,
        "not_start_reason": decision["not_start_reason"] if decision else "",
        "started_on": tracks[0]["assignment_date"] if tracks else None,
        "active": active is not None,
        "active_since": active["assignment_date"] if active else None,
        "reports": reports if active else (),
        "report_interval_weeks": (
            active["report_interval_weeks"] if active else DEFAULT_REPORT_INTERVAL_WEEKS
        ),
    }
