"""The dossier page of one case and its access log."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cases.case_page import case_sections_render

from .. import selectors
from ..access_log_labels import access_log_describe
from ..apps import SECTION_ORDER


def case_dossier(request: HttpRequest, case_pk: int) -> HttpResponse:
    """Show the whole dossier section of one case on its own page."""
    case = selectors.dossier_case_get(user=request.user, pk=case_pk)
    sections = case_sections_render(request, case, min_order=SECTION_ORDER)
    return render(request, "dossier/case_dossier.html", {"case": case, "sections": sections})


def access_log(request: HttpRequest, case_pk: int) -> HttpResponse:
    """Wie heeft dit dossier bekeken of gewijzigd (HR; the employee for their own dossier)."""
    case = selectors.dossier_case_get(user=request.user, pk=case_pk, perm="dossier.view_access_log")
    entries = access_log_describe(selectors.access_log_list(user=request.user, case=case)[:500])
    return render(request, "dossier/access_log.html", {"case": case, "entries": entries})
