"""API tokens: one employer, a set of scopes, stored as a SHA-256 hash only."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    EMPLOYEES_READ = "employees:read", _("Werknemers lezen")
    EMPLOYEES_WRITE = "employees:write", _("Werknemers aanmaken en bijwerken")
    CASES_READ = "cases:read", _("Verzuimdossiers lezen (zonder medische gegevens)")
    CASES_WRITE = "cases:write", _("Ziek- en herstelmeldingen doen")
    DEADLINES_READ = "deadlines:read", _("Deadlines lezen")


class ApiToken(models.Model):
    """A secret with which one system of one employer calls the API.

    Only the SHA-256 hash of the secret is kept (the secret has 256 bits of entropy, so a slow
    password hash adds nothing); the first characters stay visible so HR can tell tokens apart.
    Writes through the API are done by the token's own service account (`actor`), which cannot
    log in and has no role, so the history names the token.
    """

    employer = models.ForeignKey(
        "cases.Employer",
        on_delete=models.PROTECT,
        related_name="api_tokens",
        verbose_name=_("werkgever"),
    )
    name = models.CharField(_("naam"), max_length=100)
    prefix = models.CharField(_("begin van de sleutel"), max_length=16)
    token_hash = models.CharField(_("hash"), max_length=64, unique=True)
    scopes = models.JSONField(_("rechten"), default=list)  # a list of Scope values
    expires_at = models.DateTimeField(_("verloopt op"), null=True, blank=True)
    actor = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="api_token",
        verbose_name=_("serviceaccount"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingetrokken door"),
    )

    class Meta:
        verbose_name = _("API-sleutel")
        verbose_name_plural = _("API-sleutels")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def is_active(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)

    @property
    def status_label(self) -> str:
        if self.revoked_at is not None:
            return str(_("Ingetrokken"))
        if self.expires_at is not None and self.expires_at <= timezone.now():
            return str(_("Verlopen"))
        return str(_("Actief"))
