"""The tweede-spoor section of the case page (registered in `SecondTrackConfig.ready`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest
from django.utils import timezone

from deadlines.selectors import case_deadlines_reads
from deadlines.stored_facts import case_facts_reads

from .case_records import case_records_reads
from .selectors import second_track_summary

if TYPE_CHECKING:
    from cases.models import Case


def case_section_context(request: HttpRequest, case: Case) -> dict[str, Any] | None:
    """Return the summary of the case's tweede spoor, or None for who may not see it."""
    user = request.user
    if not user.has_perm("second_track.view", case):
        return None
    summary = second_track_summary(case=case, today=timezone.localdate())
    return {
        "case": case,
        "second_track": {
            **summary,
            "for_employee": user.has_perm("second_track.choose_bureau", case),
        },
    }


def case_section_reads(request: HttpRequest, case: Case) -> dict[str, Any]:
    """Return what the summary reads (per memo key): the trajectories and decisions, and for
    its rules the deadlines and the facts they are computed from (see `cases.case_page`)."""
    if not request.user.has_perm("second_track.view", case):
        return {}
    return case_records_reads(case) | case_deadlines_reads(case) | case_facts_reads(case)
