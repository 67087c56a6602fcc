"""The Poortwachtertoets risk and the link to the toets and export on the case page (for who
may export)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest

if TYPE_CHECKING:
    from cases.models import Case


def case_section_context(request: HttpRequest, case: Case) -> dict[str, Any] | None:
    """Return the context of the risk block, or None when the user may not export the report.

    The risk itself loads afterwards (htmx, `reintegration_report:case_risk`), so the case page
    does not wait for the toets.
    """
    if not request.user.has_perm("reintegration_report.export", case):
        return None
    return {"case": case}
