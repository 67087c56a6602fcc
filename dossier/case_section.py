"""The dossier section of the case page (registered in `DossierConfig.ready`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest

from .templatetags.dossier_tags import case_dossier_context, case_dossier_reads

if TYPE_CHECKING:
    from cases.models import Case


def case_section_context(request: HttpRequest, case: Case) -> dict[str, Any]:
    """Return the context of `dossier/_case_dossier.html` for the case page."""
    return case_dossier_context(case=case, user=request.user)


def case_section_reads(request: HttpRequest, case: Case) -> dict[str, Any]:
    """Return what the section will read for this user (see `cases.case_page`)."""
    return case_dossier_reads(case=case, user=request.user)
