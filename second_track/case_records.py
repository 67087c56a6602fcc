"""The tweede-spoor records of one case as its page shows them, each table read once per page.

The case page's tweede-spoor section and the deadline facts
(:func:`second_track.deadline_dates.second_track_dates_of_case`) share these reads through
:mod:`cases.case_memo`. Callers check permissions first.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from cases.case_memo import case_memoized

from .models import SecondTrack, SecondTrackDecision, SecondTrackReport

if TYPE_CHECKING:
    from cases.models import Case


def case_tracks(case: Case) -> list[SecondTrack]:
    """Return the case's trajectories, newest first."""
    return case_memoized(
        case,
        "second_track.tracks",
        lambda: list(SecondTrack.objects.filter(case=case).order_by("-assignment_date", "-pk")),
    )


def case_decisions(case: Case) -> list[SecondTrackDecision]:
    """Return the case's decisions on the tweede spoor, latest first."""
    return case_memoized(
        case,
        "second_track.decisions",
        lambda: list(SecondTrackDecision.objects.filter(case=case).order_by("-decided_on", "-pk")),
    )


def track_report_dates(case: Case, track: SecondTrack) -> tuple[date, ...]:
    """Return the dates of the progress reports of `track` (a trajectory of `case`), in order."""
    return case_memoized(
        case,
        f"second_track.report_dates.{track.pk}",
        lambda: tuple(
            SecondTrackReport.objects.filter(track=track)
            .order_by("report_date")
            .values_list("report_date", flat=True)
        ),
    )
