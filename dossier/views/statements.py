"""Bedrijfsarts statements and belastbaarheid pages."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.service_calls import call_service

from .. import selectors, services
from ..forms import (
    CapacityForm,
    StatementForm,
)
from ..services.statements import MEDICAL_FIELDS
from .common import form_page
from .signatures import signature_panel


@require_http_methods(["GET", "POST"])
def statement_create(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = selectors.dossier_case_get(user=request.user, pk=case_pk, perm="dossier.add_statement")
    form = StatementForm(request.POST or None, initial={"statement_date": timezone.localdate()})
    if (
        request.method == "POST"
        and form.is_valid()
        and (
            call := call_service(
                form, services.statement_create, case=case, actor=request.user, **form.cleaned_data
            )
        )
    ):
        messages.success(request, _("Het oordeel is vastgelegd."))
        return redirect(call.result)
    return form_page(
        request, case, _("Oordeel bedrijfsarts vastleggen"), form, medical_fields=MEDICAL_FIELDS
    )


def statement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    statement = selectors.statement_get(user=request.user, pk=pk)
    medical = selectors.medical_note_get(user=request.user, statement=statement)
    return render(
        request,
        "dossier/statement_detail.html",
        {
            "statement": statement,
            "case": statement.case,
            "medical": medical,
            "panel": (
                signature_panel(request.user, statement, "statement")
                if statement.needs_signatures
                else None
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def capacity_create(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = selectors.dossier_case_get(user=request.user, pk=case_pk, perm="dossier.add_statement")
    form = CapacityForm(request.POST or None, initial={"assessed_on": timezone.localdate()})
    if (
        request.method == "POST"
        and form.is_valid()
        and (
            call := call_service(
                form,
                services.capacity_assessment_create,
                case=case,
                actor=request.user,
                **form.cleaned_data,
            )
        )
    ):
        return redirect(call.result)
    return form_page(request, case, _("Belastbaarheid (FML) vastleggen"), form)


def capacity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = selectors.capacity_get(user=request.user, pk=pk)
    return render(request, "dossier/capacity_detail.html", {"record": record, "case": record.case})
