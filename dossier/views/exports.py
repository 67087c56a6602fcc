"""The Poortwachtertoets page, the export request and its (htmx-polled) status page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .. import selectors
from ..completeness import poortwachter_check
from ..forms import RivExportForm
from ..riv import riv_content_build
from ..services.exports import dossier_export_get, dossier_export_list, dossier_export_request
from .common import apply_errors


def _check_page(
    request: HttpRequest, case, form: RivExportForm, *, status: int = 200
) -> HttpResponse:
    content = riv_content_build(case)
    return render(
        request,
        "dossier/riv_check.html",
        {
            "case": case,
            "content": content,
            "check": poortwachter_check(content),
            "form": form,
            "exports": dossier_export_list(user=request.user, case=case),
        },
        status=status,
    )


@require_GET
def riv_check(request: HttpRequest, case_pk: int) -> HttpResponse:
    """Show the Poortwachtertoets of a case and the export options (HR)."""
    case = selectors.dossier_case_get(user=request.user, pk=case_pk, perm="dossier.export_dossier")
    return _check_page(request, case, RivExportForm())


@require_POST
def riv_export(request: HttpRequest, case_pk: int) -> HttpResponse:
    """Queue an export of the re-integratieverslag and go to its status page."""
    case = selectors.dossier_case_get(user=request.user, pk=case_pk, perm="dossier.export_dossier")
    form = RivExportForm(request.POST)
    if form.is_valid():
        try:
            export = dossier_export_request(
                case=case,
                actor=request.user,
                kind=form.cleaned_data["kind"],
                include_findings=form.cleaned_data["include_findings"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.info(request, _("Het re-integratieverslag wordt gemaakt."))
            return redirect(export)
    return _check_page(request, case, form, status=400)


@require_GET
def riv_export_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Show how far an export is; htmx polls the `status` partial until it is finished."""
    export = dossier_export_get(user=request.user, pk=pk)
    template = (
        "dossier/riv_export_status.html#status"
        if request.htmx
        else "dossier/riv_export_status.html"
    )
    return render(request, template, {"export": export, "case": export.case})
