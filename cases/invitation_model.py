"""Invitations: HR invites a manager, employee, bedrijfsarts or specialist by e-mail.

Kept apart from :mod:`cases.models` (which imports it, so Django registers it in this app): the
invitation belongs to an employer and optionally to an employee record (manager/employee) or a
case (bedrijfsarts/specialist), which is the scope the new account lands in.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Role

#: How long an invitation link works.
INVITATION_DAYS = 7

INVITABLE_ROLES = (
    Role.MANAGER,
    Role.EMPLOYEE,
    Role.OCCUPATIONAL_PHYSICIAN,
    Role.REINTEGRATION_SPECIALIST,
)
#: Roles whose account is linked to an employee record (their scope).
EMPLOYEE_ROLES = (Role.MANAGER, Role.EMPLOYEE)


def token_hash(token: str) -> str:
    """Return the stored form of an invitation token (the token itself is only in the e-mail)."""
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationStatus(models.TextChoices):
    OPEN = "open", _("Open")
    EXPIRED = "expired", _("Verlopen")
    ACCEPTED = "accepted", _("Geaccepteerd")
    REVOKED = "revoked", _("Ingetrokken")


class InvitationQuerySet(models.QuerySet):
    def unanswered(self) -> InvitationQuerySet:
        """Neither accepted nor revoked (possibly expired)."""
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True)

    def usable(self, now: datetime | None = None) -> InvitationQuerySet:
        """Unanswered and not expired: the link still works."""
        return self.unanswered().filter(expires_at__gt=now or timezone.now())


class Invitation(models.Model):
    """An e-mailed link to set a password and start in a role and scope; works once, 7 days."""

    email = models.EmailField(_("e-mailadres"))
    full_name = models.CharField(_("naam"), max_length=200)
    role = models.CharField(
        _("rol"), max_length=32, choices=[(r.value, r.label) for r in INVITABLE_ROLES]
    )
    employer = models.ForeignKey(
        "cases.Employer",
        on_delete=models.PROTECT,
        related_name="invitations",
        verbose_name=_("werkgever"),
    )
    employee = models.ForeignKey(
        "cases.Employee",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("werknemer"),
    )
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("dossier"),
    )
    token_hash = models.CharField(_("sleutel (gehasht)"), max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uitgenodigd door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    sent_at = models.DateTimeField(_("laatst verstuurd op"))
    expires_at = models.DateTimeField(_("verloopt op"))
    accepted_at = models.DateTimeField(_("geaccepteerd op"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("account"),
    )
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingetrokken door"),
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["email"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="invitation_one_open_per_email",
                violation_error_message=_(
                    "Voor dit e-mailadres staat al een uitnodiging open. Verstuur die opnieuw of "
                    "trek hem in."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(role__in=EMPLOYEE_ROLES) | Q(employee__isnull=False),
                name="invitation_employee_roles_have_employee",
                violation_error_message=_(
                    "Een werknemer of leidinggevende nodigt u uit vanaf de pagina van de werknemer."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} <{self.email}> ({self.get_role_display()})"

    def status(self, now: datetime | None = None) -> str:
        """Return the `InvitationStatus` of this invitation at `now`."""
        if self.accepted_at:
            return InvitationStatus.ACCEPTED
        if self.revoked_at:
            return InvitationStatus.REVOKED
        if self.expires_at <= (now or timezone.now()):
            return InvitationStatus.EXPIRED
        return InvitationStatus.OPEN

    def get_status_display(self) -> str:
        return str(InvitationStatus(self.status()).label)
