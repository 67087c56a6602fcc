"""Invitation pages: HR invites, lists, resends and revokes; the invitee sets a password."""

from __future__ import annotations

from allauth.account.internal.flows.login import record_authentication
from allauth.account.utils import perform_login
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import Role, User

from . import selectors, services
from .forms import InvitationAcceptForm, InvitationForm
from .invitation_model import EMPLOYEE_ROLES, INVITABLE_ROLES
from .models import Employer
from .service_calls import call_service, call_service_message

_SPECIALIST_ROLES = [Role.OCCUPATIONAL_PHYSICIAN, Role.REINTEGRATION_SPECIALIST]


def _require_hr(request: HttpRequest) -> None:
    if not request.user.is_hr:
        raise PermissionDenied


def invitation_list(request: HttpRequest) -> HttpResponse:
    """List the invitations of HR's employers with their status; open ones can be resent."""
    _require_hr(request)
    invitations = selectors.invitation_list(user=request.user)[:200]
    return render(request, "cases/invitation_list.html", {"invitations": invitations})


@require_http_methods(["GET", "POST"])
def invitation_create(request: HttpRequest) -> HttpResponse:
    """Invite a person: from an employee (employee/manager), a case team, or in general."""
    _require_hr(request)
    employee = case = None
    source = request.GET  # the form posts back to the same URL, query string included
    if source.get("employee"):
        employee = selectors.employee_get(
            user=request.user, pk=int(source["employee"]), perm="cases.change_employee"
        )
        employers = Employer.objects.filter(pk=employee.employer_id)
        roles = list(EMPLOYEE_ROLES)
        initial = {"full_name": employee.full_name, "email": employee.email}
        initial["role"] = Role.MANAGER if employee.team.exists() else Role.EMPLOYEE
    elif source.get("case"):
        case = selectors.case_get(
            user=request.user, pk=int(source["case"]), perm="cases.change_case"
        )
        employers = Employer.objects.filter(pk=case.employer_id)
        roles = list(_SPECIALIST_ROLES)
        initial = {"role": source.get("role") or Role.OCCUPATIONAL_PHYSICIAN}
    else:
        employers = Employer.objects.filter(hr_users=request.user)
        roles = list(_SPECIALIST_ROLES)
        initial = {}
    form = InvitationForm(request.POST or None, employers=employers, roles=roles, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if call := call_service(
            form,
            services.invitation_create,
            actor=request.user,
            employee=employee,
            case=case,
            **data,
        ):
            messages.success(
                request,
                _("De uitnodiging is verstuurd naar %(email)s.") % {"email": call.result.email},
            )
            if case is not None:
                return redirect(case)
            if employee is not None:
                return redirect("cases:employee_detail", pk=employee.pk)
            return redirect("cases:invitation_list")
    context = {"form": form, "employee": employee, "case": case}
    return render(request, "cases/invitation_form.html", context)


@require_POST
def invitation_resend(request: HttpRequest, pk: int) -> HttpResponse:
    _require_hr(request)
    invitation = selectors.invitation_get(user=request.user, pk=pk)
    if call_service_message(
        request, services.invitation_resend, invitation=invitation, actor=request.user
    ):
        messages.success(
            request,
            _("Er is een nieuwe link verstuurd naar %(email)s; de vorige werkt niet meer.")
            % {"email": invitation.email},
        )
    return redirect("cases:invitation_list")


@require_POST
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    _require_hr(request)
    invitation = selectors.invitation_get(user=request.user, pk=pk)
    if call_service_message(
        request, services.invitation_revoke, invitation=invitation, actor=request.user
    ):
        messages.success(
            request, _("De uitnodiging aan %(email)s is ingetrokken.") % {"email": invitation.email}
        )
    return redirect("cases:invitation_list")


@login_not_required
@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The invitee chooses a password, is logged in and lands on their start page."""
    invitation = services.invitation_for_token(token)
    if invitation is None:
        return render(request, "cases/invitation_invalid.html", status=404)
    if request.user.is_authenticated:
        return render(request, "cases/invitation_invalid.html", {"logged_in": True}, status=409)
    candidate = User(email=invitation.email, full_name=invitation.full_name, role=invitation.role)
    form = InvitationAcceptForm(candidate, request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and (
            call := call_service(
                form,
                services.invitation_accept,
                token=token,
                password=form.cleaned_data["new_password1"],
            )
        )
    ):
        user = call.result
        # Choosing the password seconds ago (through a one-time link) is a fresh password
        # authentication: record it as allauth's reauthentication does (after its login stages,
        # which clear the records), so the MFA set-up does not ask for the password again.
        response = perform_login(request, user, redirect_url=reverse("home"), email=user.email)
        record_authentication(
            request, user, method="password", email=user.email, reauthenticated=True
        )
        messages.success(request, _("Welkom bij Poortwachter. Uw account is klaar."))
        return response
    context = {"form": form, "invitation": invitation, "roles": INVITABLE_ROLES}
    return render(request, "cases/invitation_accept.html", context)
