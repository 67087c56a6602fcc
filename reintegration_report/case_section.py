"""The Poortwachtertoets risk and the link to the toets and export on the case page (for who
may export)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest

from .poortwachtertoets import poortwachter_check_case

if TYPE_CHECKING:
    from cases.models import Case


def case_section_context(request: HttpRequest, case: Case) -> dict[str, Any] | None:
    """Return the context of the risk block, or None when the user may not export the report."""
    if not request.user.has_perm("reintegration_report.export", case):
        return None
    return {"case": case, "check": poortwachter_check_case(case)}
