"""Deskundigenoordeel pages: record a request (HR or the employee), its answer, read it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.service_calls import call_service

from .. import selectors, services
from ..forms import ExpertOpinionAnswerForm, ExpertOpinionForm
from ..models import ExpertOpinionSubject
from .common import form_page


@require_http_methods(["GET", "POST"])
def expert_opinion_create(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = selectors.dossier_case_get(
        user=request.user, pk=case_pk, perm="dossier.record_expert_opinion"
    )
    is_employee = request.user.has_perm("dossier.agree_action_plan", case)
    plan_version = None
    version_pk = request.GET.get("plan_version")
    if version_pk and str(version_pk).isdigit():
        plan_version = (
            selectors.plan_version_list(user=request.user, case=case)
            .filter(pk=int(version_pk))
            .first()
        )
    subject = request.GET.get("subject", "")
    form = ExpertOpinionForm(
        request.POST or None,
        request.FILES or None,
        employee=is_employee,
        initial={
            "subject": subject if subject in ExpertOpinionSubject.values else "",
            "requested_by": "employee" if is_employee else "employer",
            "requested_on": timezone.localdate(),
        },
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and (
            call := call_service(
                form,
                services.expert_opinion_request_create,
                case=case,
                actor=request.user,
                plan_version=plan_version,
                **form.cleaned_data,
            )
        )
    ):
        messages.success(request, _("De aanvraag van het deskundigenoordeel is vastgelegd."))
        return redirect(call.result)
    title = _("Deskundigenoordeel UWV vastleggen")
    if plan_version is not None:
        title = _("Deskundigenoordeel UWV over plan van aanpak versie %(n)s") % {
            "n": plan_version.number
        }
    return form_page(request, case, title, form, multipart=True)


@require_http_methods(["GET", "POST"])
def expert_opinion_detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = selectors.expert_opinion_get(user=request.user, pk=pk)
    case = record.case
    can_answer = not record.is_answered and request.user.has_perm(
        "dossier.record_expert_opinion", case
    )
    form = None
    if can_answer:
        form = ExpertOpinionAnswerForm(request.POST or None, request.FILES or None)
        if (
            request.method == "POST"
            and form.is_valid()
            and call_service(
                form,
                services.expert_opinion_answer,
                record=record,
                actor=request.user,
                **form.cleaned_data,
            )
        ):
            messages.success(request, _("Het antwoord van UWV is vastgelegd."))
            return redirect(record)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "dossier/expert_opinion_detail.html",
        {"record": record, "case": case, "form": form},
    )
