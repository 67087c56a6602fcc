"""The dossier page of one case and its access log."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cases.case_page import case_sections_render
from cases.paging import uncounted_page

from .. import selectors
from ..access_log_labels import access_log_describe
from ..apps import SECTION_ORDER

#: Access-log entries a page; older ones are on the next pages (none is left out).
ACCESS_LOG_PAGE_SIZE = 50


def case_dossier(request: HttpRequest, case_pk: int) -> HttpResponse:
    """Show the whole dossier section of one case on its own page."""
    case = selectors.dossier_case_get(user=request.user, pk=case_pk)
    sections = case_sections_render(request, case, min_order=SECTION_ORDER)
    return render(request, "dossier/case_dossier.html", {"case": case, "sections": sections})


def access_log(request: HttpRequest, case_pk: int) -> HttpResponse:
    """Wie heeft dit dossier bekeken of gewijzigd (HR; the employee for their own dossier)."""
    case = selectors.dossier_case_get(user=request.user, pk=case_pk, perm="dossier.view_access_log")
    page = uncounted_page(
        selectors.access_log_list(user=request.user, case=case),
        request.GET.get("page"),
        ACCESS_LOG_PAGE_SIZE,
    )
    entries = access_log_describe(page.object_list)
    return render(
        request, "dossier/access_log.html", {"case": case, "entries": entries, "page_obj": page}
    )
