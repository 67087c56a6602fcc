"""The tweede-spoor records of one case as its page shows them, each table read once per page.

The case page's tweede-spoor section and the deadline facts
(:func:`second_track.deadline_dates.second_track_dates_of_case`) share these reads through
:mod:`cases.case_memo`. Callers check permissions first.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from cases.batched_reads import CaseRows, CaseRowsRead
from cases.case_memo import case_memoized

from .models import SecondTrack, SecondTrackDecision, SecondTrackReport, TrackStatus

if TYPE_CHECKING:
    from cases.models import Case


_TRACKS = "second_track.tracks"
_DECISIONS = "second_track.decisions"
_ACTIVE_REPORTS = "second_track.active_reports"

#: Per memo key, the read of one case's records as the functions below return them.
_READS: dict[str, CaseRows] = {
    _TRACKS: CaseRows(
        lambda case_id: SecondTrack.objects.filter(case_id=case_id).order_by(
            "-assignment_date", "-pk"
        )
    ),
    _DECISIONS: CaseRows(
        lambda case_id: SecondTrackDecision.objects.filter(case_id=case_id).order_by(
            "-decided_on", "-pk"
        )
    ),
    # Only the dates, of the running trajectory's reports (the deadline facts use those).
    _ACTIVE_REPORTS: CaseRows(
        lambda case_id: (
            SecondTrackReport.objects.filter(
                track__case_id=case_id, track__status=TrackStatus.ACTIVE
            )
            .only("track_id", "report_date")
            .order_by("report_date", "pk")
        )
    ),
}


def case_records_reads(case: Case) -> dict[str, CaseRowsRead]:
    """Return the reads of the functions below (for the case page to read together, see
    :func:`cases.case_memo.case_memo_read_together`)."""
    return {key: rows.read(case) for key, rows in _READS.items()}


def _records(case: Case, key: str) -> list[Any]:
    return case_memoized(case, key, lambda: _READS[key].rows(case))


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
