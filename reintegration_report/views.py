"""The Poortwachtertoets page, the export request and its (htmx-polled) status page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.session_timeout import polling
from cases.service_calls import call_service, call_service_message
from dossier.selectors import dossier_case_get

from .content import report_content_build
from .forms import ReportExportForm
from .poortwachtertoets import poortwachter_check_case
from .services import (
    report_export_get,
    report_export_list,
    report_export_request,
    report_export_retry,
)
from .start_page import high_risk_cases


def _check_page(
    request: HttpRequest, case, form: ReportExportForm, *, status: int = 200
) -> HttpResponse:
    content = report_content_build(case)
    return render(
        request,
        "reintegration_report/poortwachtertoets.html",
        {
            "case": case,
            "content": content,
            "check": poortwachter_check_case(case),
            "form": form,
            "exports": report_export_list(user=request.user, case=case),
        },
        status=status,
    )


@require_GET
def poortwachtertoets(request: HttpRequest, case_pk: int) -> HttpResponse:
    """Show the Poortwachtertoets of a case and the export options (HR)."""
    case = dossier_case_get(user=request.user, pk=case_pk, perm="reintegration_report.export")
    return _check_page(request, case, ReportExportForm())


@require_GET
def case_risk(request: HttpRequest, case_pk: int) -> HttpResponse:
    """The Poortwachtertoets risk of a case, as loaded into the case page (HR)."""
    case = dossier_case_get(user=request.user, pk=case_pk, perm="reintegration_report.export")
    return render(
        request,
        "reintegration_report/_case_risk.html",
        {"case": case, "check": poortwachter_check_case(case)},
    )


@require_POST
def export_request(request: HttpRequest, case_pk: int) -> HttpResponse:
    """Queue an export of the re-integratieverslag and go to its status page."""
    case = dossier_case_get(user=request.user, pk=case_pk, perm="reintegration_report.export")
    form = ReportExportForm(request.POST)
    if form.is_valid():
        call = call_service(
            form,
            report_export_request,
            case=case,
            actor=request.user,
            kind=form.cleaned_data["kind"],
        )
        if call:
            messages.info(request, _("Het re-integratieverslag wordt gemaakt."))
            return redirect(call.result)
    return _check_page(request, case, form, status=400)


@polling  # its htmx polls are no user activity (idle timeout)
@require_GET
def export_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Show how far an export is; htmx polls the `status` partial until it is finished."""
    export = report_export_get(user=request.user, pk=pk)
    template = (
        "reintegration_report/export_status.html#status"
        if request.htmx
        else "reintegration_report/export_status.html"
    )
    context = {
        "export": export,
        "case": export.case,
        "not_picked_up": export.is_waiting_for_a_worker(timezone.now()),
    }
    return render(request, template, context)


@require_GET
def high_risk_list(request: HttpRequest) -> HttpResponse:
    """List HR's open cases whose Poortwachtertoets risk is high (loaded into the start page)."""
    if not request.user.is_hr:
        raise PermissionDenied
    template = (
        "reintegration_report/high_risk_cases.html#list"
        if request.htmx
        else "reintegration_report/high_risk_cases.html"
    )
    return render(request, template, {"high_risk": high_risk_cases(request.user)})


@require_POST
def export_retry(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue a failed export again with the same choices and go to the new status page."""
    export = report_export_get(user=request.user, pk=pk)
    call = call_service_message(request, report_export_retry, export=export, actor=request.user)
    if call:
        messages.info(request, _("Het re-integratieverslag wordt opnieuw gemaakt."))
        return redirect(call.result)
    return redirect(export)
