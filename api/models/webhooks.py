"""Webhook endpoints of an employer, the events that happened and their signed deliveries."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class EventType(models.TextChoices):
    CASE_CREATED = "case.created", _("Verzuimdossier aangemaakt (ziekmelding)")
    CASE_RECOVERED = "case.recovered", _("Hersteld gemeld")
    CASE_CLOSED = "case.closed", _("Verzuimdossier afgesloten")
    DEADLINE_DUE_SOON = "deadline.due_soon", _("Deadline binnenkort")
    DEADLINE_OVERDUE = "deadline.overdue", _("Deadline verlopen")
    RIV_EXPORTED = "riv.exported", _("Re-integratieverslag geëxporteerd")


class WebhookEndpoint(models.Model):
    """An https URL of the employer's system that receives the chosen events, signed."""

    employer = models.ForeignKey(
        "cases.Employer",
        on_delete=models.PROTECT,
        related_name="webhook_endpoints",
        verbose_name=_("werkgever"),
    )
    url = models.URLField(_("URL"), max_length=500)
    events = models.JSONField(_("gebeurtenissen"), default=list)  # a list of EventType values
    # Kept readable because every delivery is signed with it; shown to HR only once.
    secret = models.CharField(_("geheim"), max_length=64)
    active = models.BooleanField(_("actief"), default=True)
    paused_at = models.DateTimeField(_("gepauzeerd op"), null=True, blank=True)
    paused_reason = models.CharField(_("reden pauze"), max_length=200, blank=True)
    consecutive_failures = models.PositiveIntegerField(_("mislukte pogingen op rij"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.url


class WebhookEvent(models.Model):
    """Something that happened for one employer; `key` makes each happening recorded once."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    employer = models.ForeignKey(
        "cases.Employer", on_delete=models.PROTECT, related_name="+", verbose_name=_("werkgever")
    )
    type = models.CharField(_("soort"), max_length=32, choices=EventType.choices)
    key = models.CharField(_("sleutel"), max_length=100)
    payload = models.JSONField(_("inhoud"))
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhookgebeurtenis")
        verbose_name_plural = _("webhookgebeurtenissen")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["employer", "key"],
                name="webhook_event_once",
                violation_error_message=_("Deze gebeurtenis is al vastgelegd."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.type} {self.key}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Wacht op verzending")
    SENDING = "sending", _("Wordt verzonden")
    RETRYING = "retrying", _("Nieuwe poging gepland")
    SUCCEEDED = "succeeded", _("Afgeleverd")
    FAILED = "failed", _("Mislukt")


class WebhookDelivery(models.Model):
    """One event sent to one endpoint, with retries; the attempts are logged separately."""

    event = models.ForeignKey(
        WebhookEvent,
        on_delete=models.PROTECT,
        related_name="deliveries",
        verbose_name=_("gebeurtenis"),
    )
    endpoint = models.ForeignKey(
        WebhookEndpoint,
        on_delete=models.PROTECT,
        related_name="deliveries",
        verbose_name=_("webhook"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    next_attempt_at = models.DateTimeField(_("volgende poging"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("geclaimd op"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    finished_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhookaflevering")
        verbose_name_plural = _("webhookafleveringen")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "endpoint"],
                name="webhook_delivery_once",
                violation_error_message=_("Deze gebeurtenis is al aan dit adres aangeboden."),
            )
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status__in=["pending", "retrying", "sending"]),
                name="webhook_delivery_due",
            )
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.endpoint}"

    @property
    def last_attempt(self) -> WebhookAttempt | None:
        """Return the latest attempt (uses the prefetched attempts of the delivery log)."""
        attempts = list(self.attempt_log.all())
        return attempts[-1] if attempts else None


class WebhookAttempt(models.Model):
    """One HTTP request of a delivery: status code (or error) and response time."""

    delivery = models.ForeignKey(
        WebhookDelivery,
        on_delete=models.CASCADE,
        related_name="attempt_log",
        verbose_name=_("aflevering"),
    )
    number = models.PositiveSmallIntegerField(_("poging"))
    at = models.DateTimeField(_("tijdstip"), auto_now_add=True)
    status_code = models.PositiveSmallIntegerField(_("HTTP-status"), null=True, blank=True)
    response_ms = models.PositiveIntegerField(_("responstijd (ms)"))
    error = models.CharField(_("fout"), max_length=300, blank=True)
    succeeded = models.BooleanField(_("gelukt"), default=False)

    class Meta:
        verbose_name = _("webhookpoging")
        verbose_name_plural = _("webhookpogingen")
        ordering = ["delivery", "number"]

    def __str__(self) -> str:
        return f"{self.delivery} #{self.number}"
