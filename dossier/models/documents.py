"""Uploaded documents: versioned, never hard-deleted, optionally medical."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Document(models.Model):
    """A document in the dossier; its files are `DocumentVersion`s (the newest is current).

    `record_kind`/`record_id` optionally point to the record it belongs to (e.g. a talk).
    """

    class RecordKind(models.TextChoices):
        NONE = "", _("Geen (algemeen)")
        STATEMENT = "statement", _("Oordeel bedrijfsarts")
        PLAN_VERSION = "plan_version", _("Plan van aanpak")
        TALK = "talk", _("Voortgangsgesprek")
        EVALUATION = "evaluation", _("Evaluatie")
        SECOND_TRACK = "second_track", _("Tweede spoor")
        EXPERT_OPINION = "expert_opinion", _("Deskundigenoordeel")

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("verzuimdossier"),
    )
    title = models.CharField(_("titel"), max_length=200)
    is_medical = models.BooleanField(
        _("medisch"), default=False, help_text=_("Alleen zichtbaar voor bedrijfsarts en werknemer.")
    )
    record_kind = models.CharField(
        _("hoort bij"), max_length=16, choices=RecordKind.choices, blank=True
    )
    record_id = models.PositiveIntegerField(_("record"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawal_reason = models.CharField(_("reden intrekken"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(record_kind="", record_id__isnull=True)
                | (~Q(record_kind="") & Q(record_id__isnull=False)),
                name="document_record_complete",
                violation_error_message=_(
                    "Een document hoort bij een onderdeel van het dossier: vul de soort én het "
                    "onderdeel in, of geen van beide."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("dossier:document_detail", kwargs={"pk": self.pk})

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


def document_upload_to(instance: DocumentVersion, filename: str) -> str:
    """Store under a random name: the user's file name never reaches the file system."""
    return f"dossier/{instance.document.case_id}/{uuid.uuid4().hex}"


class DocumentVersion(models.Model):
    """One uploaded file of a document; older versions stay."""

    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, related_name="versions", verbose_name=_("document")
    )
    number = models.PositiveIntegerField(_("versie"))
    file = models.FileField(_("bestand"), upload_to=document_upload_to, max_length=255)
    original_name = models.CharField(_("oorspronkelijke bestandsnaam"), max_length=255)
    content_type = models.CharField(_("bestandstype"), max_length=100)
    extension = models.CharField(_("extensie"), max_length=10)
    size = models.PositiveBigIntegerField(_("grootte (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("geüpload op"), auto_now_add=True)

    class Meta:
        verbose_name = _("documentversie")
        verbose_name_plural = _("documentversies")
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"],
                name="document_version_unique",
                violation_error_message=_(
                    "Dit document heeft al een versie met dit nummer. Probeer het nog eens."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"

    def get_download_url(self) -> str:
        return reverse("dossier:document_download", kwargs={"pk": self.pk})
