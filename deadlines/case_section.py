"""The timeline-and-deadlines section of the case page (registered in `DeadlinesConfig.ready`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest

from .selectors import case_deadlines_reads
from .templatetags.deadline_tags import case_deadlines_context

if TYPE_CHECKING:
    from cases.models import Case


def case_section_context(request: HttpRequest, case: Case) -> dict[str, Any]:
    """Return the context of `deadlines/_case_deadlines.html` for the case page."""
    return case_deadlines_context(case=case, user=request.user, request=request)


def case_section_reads(request: HttpRequest, case: Case) -> dict[str, Any]:
    """Return what the section reads: the case's deadlines (see `cases.case_page`)."""
    return case_deadlines_reads(case)
