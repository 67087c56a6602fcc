"""Invitations by e-mail: create, resend, revoke, accept (allauth logs the new user in).

The token is only in the e-mail; the database keeps its hash. A link works once and for
`INVITATION_DAYS` days; resending makes a new link (the old one stops working).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User

from ..invitation_model import EMPLOYEE_ROLES, INVITATION_DAYS, token_hash
from ..models import Case, Employee, Employer, Invitation, TeamRole
from ._common import _audited
from .team import _member_set

if TYPE_CHECKING:
    from datetime import datetime

#: The case-team place an invited bedrijfsarts or specialist takes on the case they were invited to.
_CASE_PLACES = {
    Role.OCCUPATIONAL_PHYSICIAN: TeamRole.OCCUPATIONAL_PHYSICIAN,
    Role.REINTEGRATION_SPECIALIST: TeamRole.REINTEGRATION_SPECIALIST,
}


def invitation_link(token: str) -> str:
    """Return the absolute URL a person opens to accept an invitation."""
    return settings.SITE_URL.rstrip("/") + reverse("cases:invitation_accept", args=[token])


def _send(invitation: Invitation, token: str) -> None:
    context = {"invitation": invitation, "link": invitation_link(token), "days": INVITATION_DAYS}
    send_mail(
        _("Uitnodiging voor Poortwachter van %(employer)s") % {"employer": invitation.employer},
        render_to_string("cases/email/invitation.txt", context),
        settings.DEFAULT_FROM_EMAIL,
        [invitation.email],
    )


def _new_token(invitation: Invitation, now: datetime) -> str:
    token = secrets.token_urlsafe(32)
    invitation.token_hash = token_hash(token)
    invitation.sent_at = now
    invitation.expires_at = now + timedelta(days=INVITATION_DAYS)
    return token


def _require_hr(actor: User, employer: Employer) -> None:
    if not actor.has_perm("cases.change_employer", employer):
        raise PermissionDenied


def _validate(
    *, employer: Employer, email: str, role: str, employee: Employee | None, case: Case | None
) -> None:
    errors: dict[str, str] = {}
    if User.objects.filter(email__iexact=email).exists():
        errors["email"] = _("Er bestaat al een account met dit e-mailadres.")
    elif Invitation.objects.unanswered().filter(email__iexact=email).exists():
        errors["email"] = _(
            "Voor dit e-mailadres staat al een uitnodiging open. Verstuur die opnieuw of trek "
            "hem in."
        )
    if role in EMPLOYEE_ROLES:
        if employee is None or employee.employer_id != employer.pk:
            errors["role"] = _(
                "Een werknemer of leidinggevende nodigt u uit vanaf de pagina van de werknemer."
            )
        elif employee.user_id:
            errors["role"] = _("%(name)s heeft al een account.") % {"name": employee.full_name}
    elif role in _CASE_PLACES:
        if case is not None and case.employer_id != employer.pk:
            errors["case"] = _("Dit dossier hoort niet bij deze werkgever.")
    else:
        errors["role"] = _("Voor deze rol kunt u niemand uitnodigen.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def invitation_create(
    *,
    actor: User,
    employer: Employer,
    email: str,
    full_name: str,
    role: str,
    employee: Employee | None = None,
    case: Case | None = None,
) -> Invitation:
    """Invite someone by e-mail into `role`, scoped to `employee` or `case`; sent after commit."""
    _require_hr(actor, employer)
    email = (email or "").strip().lower()
    _validate(employer=employer, email=email, role=role, employee=employee, case=case)
    invitation = Invitation(
        email=email,
        full_name=(full_name or "").strip(),
        role=role,
        employer=employer,
        employee=employee if role in EMPLOYEE_ROLES else None,
        case=case if role in _CASE_PLACES else None,
        created_by=actor,
    )
    token = _new_token(invitation, timezone.now())
    invitation.full_clean()
    with _audited(actor, "cases.invitation_create"):
        invitation.save()
    transaction.on_commit(partial(_send, invitation, token))
    return invitation


def _lock_unanswered(invitation: Invitation, actor: User) -> Invitation:
    invitation = (
        Invitation.objects.select_for_update().select_related("employer").get(pk=invitation.pk)
    )
    _require_hr(actor, invitation.employer)
    if invitation.accepted_at or invitation.revoked_at:
        raise ValidationError(
            _("Deze uitnodiging is al %(status)s.")
            % {"status": invitation.get_status_display().lower()},
            code="answered",
        )
    return invitation


@transaction.atomic
def invitation_resend(*, invitation: Invitation, actor: User) -> Invitation:
    """Send a new link (valid another 7 days); the previous link stops working."""
    invitation = _lock_unanswered(invitation, actor)
    token = _new_token(invitation, timezone.now())
    with _audited(actor, "cases.invitation_resend"):
        invitation.save(update_fields=["token_hash", "sent_at", "expires_at"])
    transaction.on_commit(partial(_send, invitation, token))
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, actor: User) -> Invitation:
    """Withdraw an invitation: its link stops working."""
    invitation = _lock_unanswered(invitation, actor)
    invitation.revoked_at = timezone.now()
    invitation.revoked_by = actor
    with _audited(actor, "cases.invitation_revoke"):
        invitation.save(update_fields=["revoked_at", "revoked_by"])
    return invitation


def invitation_for_token(token: str) -> Invitation | None:
    """Return the invitation whose link this is, if it still works (else None)."""
    return (
        Invitation.objects.usable()
        .select_related("employer", "employee", "case")
        .filter(token_hash=token_hash(token))
        .first()
    )


@transaction.atomic
def invitation_accept(*, token: str, password: str) -> User:
    """Create the account of a usable invitation with `password`, in its role and scope."""
    invitation = (
        Invitation.objects.usable().select_for_update().filter(token_hash=token_hash(token)).first()
    )
    if invitation is None:
        raise ValidationError(_("Deze uitnodiging is niet meer geldig."), code="invalid")
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError(_("Er bestaat al een account met dit e-mailadres."))
    with _audited(invitation.created_by, "cases.invitation_accept"):
        user = User.objects.create_user(
            email=invitation.email,
            password=password,
            full_name=invitation.full_name,
            role=invitation.role,
        )
        if invitation.role in EMPLOYEE_ROLES:
            employee = Employee.objects.select_for_update().get(pk=invitation.employee_id)
            if employee.user_id:
                raise ValidationError(_("Deze werknemer heeft al een account."))
            employee.user = user
            employee.save(update_fields=["user"])
        elif invitation.case_id:
            case = Case.objects.select_for_update().get(pk=invitation.case_id)
            _member_set(
                case=case,
                place=_CASE_PLACES[invitation.role],
                user=user,
                actor=invitation.created_by,
            )
        invitation.accepted_at = timezone.now()
        invitation.user = user
        invitation.save(update_fields=["accepted_at", "user"])
    return user


def employees_invite(*, employer: Employer, employees: Iterable[Employee], actor: User) -> int:
    """Invite every given employee with an e-mail address and no account or open invitation."""
    _require_hr(actor, employer)
    invited = 0
    for employee in employees:
        if not employee.email or employee.user_id:
            continue
        try:
            invitation_create(
                actor=actor,
                employer=employer,
                email=employee.email,
                full_name=employee.full_name,
                role=Role.EMPLOYEE,
                employee=employee,
            )
        except ValidationError:
            continue  # an account or open invitation exists already: nothing to send
        invited += 1
    return invited
