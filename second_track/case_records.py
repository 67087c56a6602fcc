"""The tweede-spoor records of one case as its page shows them, each table read once per page.

The case page's tweede-spoor section and the deadline facts
(:func:`second_track.deadline_dates.second_track_dates_of_case`) share these reads through
:mod:`cases.case_memo`. Callers check permissions first.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from cases.case_memo import case_memoized

from .models import SecondTrack, SecondTrackDecision, SecondTrackReport, TrackStatus

if TYPE_CHECKING:
    from cases.models import Case


_TRACKS = "second_track.tracks"
_DECISIONS = "second_track.decisions"
_ACTIVE_REPORTS = "second_track.active_reports"

#: Per memo key, the read of one case's records as the functions below return them.
_READS: dict[str, Callable[[Case], QuerySet[Any]]] = {
    _TRACKS: lambda case: SecondTrack.objects.filter(case=case).order_by("-assignment_date", "-pk"),
    _DECISIONS: lambda case: SecondTrackDecision.objects.filter(case=case).order_by(
        "-decided_on", "-pk"
    ),
    # Only the dates, of the running trajectory's reports (the deadline facts use those).
    _ACTIVE_REPORTS: lambda case: (
        SecondTrackReport.objects.filter(track__case=case, track__status=TrackStatus.ACTIVE)
        .only("track_id", "report_date")
        .order_by("report_date", "pk")
    ),
}


def case_records_reads(case: Case) -> dict[str, QuerySet[Any]]:
    """Return the reads of the functions below (for the case page to read together, see
    :func:`cases.case_memo.case_memo_read_together`)."""
    return {key: read(case) for key, read in _READS.items()}


def _records(case: Case, key: str) -> list[Any]:
    return case_memoized(case, key, lambda: list(_READS[key](case)))


def case_tracks(case: Case) -> list[SecondTrack]:
    """Return the case's trajectories, newest first."""
    return _records(case, _TRACKS)


def case_decisions(case: Case) -> list[SecondTrackDecision]:
    """Return the case's decisions on the tweede spoor, latest first."""
    return _records(case, _DECISIONS)


def track_report_dates(case: Case, track: SecondTrack) -> tuple[date, ...]:
    """Return the dates of the progress reports of `track` (a trajectory of `case`), in order."""
    if track.status == TrackStatus.ACTIVE:
        reports = _records(case, _ACTIVE_REPORTS)
        return tuple(r.report_date for r in reports if r.track_id == track.pk)
    return case_memoized(
        case,
        f"second_track.report_dates.{track.pk}",
        lambda: tuple(
            SecondTrackReport.objects.filter(track=track)
            .order_by("report_date")
            .values_list("report_date", flat=True)
        ),
    )
