"""Retention pages for HR: what is due, the policy, the legal hold, erasing an employee."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cases.selectors import case_get, employee_get
from cases.service_calls import call_service, call_service_message

from . import selectors, services
from .forms import EmployeeEraseForm, LegalHoldForm, RetentionPolicyForm


def _posted(request: HttpRequest) -> QueryDict | None:
    """Return the posted data (even when empty, e.g. an unticked checkbox), else None."""
    return request.POST if request.method == "POST" else None


def due_list(request: HttpRequest) -> HttpResponse:
    """What is due for anonymisation, or becomes due within three months, per HR's employers."""
    if not request.user.has_perm("retention.view_due"):
        raise PermissionDenied
    employers = list(selectors.employers_for(request.user))
    ids = [e.pk for e in employers]
    policies = selectors.policies_for(ids)
    today = timezone.localdate()
    cases, employees = selectors.retention_overview(today=today, employer_ids=ids)
    context = {
        "employers": [(employer, policies[employer.pk]) for employer in employers],
        "due": [row for row in cases if row.verdict.due],
        "upcoming": [row for row in cases if not row.verdict.due and not row.verdict.held],
        "held": [row for row in cases if row.verdict.held],
        "employees": employees,
        "upcoming_days": selectors.UPCOMING_DAYS,
    }
    return render(request, "retention/due_list.html", context)


@require_http_methods(["GET", "POST"])
def policy_update(request: HttpRequest, employer_pk: int) -> HttpResponse:
    """See and change an employer's retention policy (HR of that employer)."""
    employer = get_object_or_404(selectors.employers_for(request.user), pk=employer_pk)
    if not request.user.has_perm("retention.change_policy", employer):
        raise PermissionDenied
    policy = selectors.policy_get(employer)
    initial = {
        "dossier_years": policy.dossier_years,
        "employee_years": policy.employee_years,
        "own_risk_bearer_zw": policy.own_risk_bearer_zw,
    }
    form = RetentionPolicyForm(_posted(request), initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            services.retention_policy_update,
            employer=employer,
            actor=request.user,
            **form.cleaned_data,
        )
    ):
        messages.success(
            request, _("Het bewaarbeleid van %(name)s is opgeslagen.") % {"name": employer}
        )
        return redirect("retention:due")
    return render(request, "retention/policy_form.html", {"employer": employer, "form": form})


@require_http_methods(["GET", "POST"])
def legal_hold(request: HttpRequest, pk: int) -> HttpResponse:
    """Put a case under a legal hold (HR of the employer), with the reason."""
    case = case_get(user=request.user, pk=pk, perm="retention.set_legal_hold")
    form = LegalHoldForm(_posted(request))
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form, services.legal_hold_set, case=case, actor=request.user, **form.cleaned_data
        )
    ):
        messages.success(request, _("De bewaarplicht is vastgelegd."))
        return redirect(case)
    return render(request, "retention/legal_hold_form.html", {"case": case, "form": form})


@require_POST
def legal_hold_lift(request: HttpRequest, pk: int) -> HttpResponse:
    """Lift a case's legal hold (HR of the employer)."""
    case = case_get(user=request.user, pk=pk, perm="retention.set_legal_hold")
    if call_service_message(request, services.legal_hold_lift, case=case, actor=request.user):
        messages.success(request, _("De bewaarplicht is opgeheven."))
    return redirect(case)


@require_http_methods(["GET", "POST"])
def employee_erase(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete an employee the only way case data allows: anonymise the employee and the cases."""
    employee = employee_get(user=request.user, pk=pk, perm="retention.erase_employee")
    form = EmployeeEraseForm(_posted(request))
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(form, services.employee_erase, employee=employee, actor=request.user)
    ):
        messages.success(
            request,
            _(
                "De werknemer is verwijderd: de persoonsgegevens en dossierinhoud zijn "
                "geanonimiseerd."
            ),
        )
        return redirect("cases:employee_detail", pk=employee.pk)
    cases = employee.cases.order_by("first_sick_day")
    return render(
        request,
        "retention/employee_erase.html",
        {"employee": employee, "cases": cases, "form": form},
    )
