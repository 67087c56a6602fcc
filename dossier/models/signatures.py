"""Signatures of the documents UWV wants signed by employer and employee.

UWV asks that the probleemanalyse (for receipt), the plan van aanpak and every bijstelling, the
eerstejaarsevaluatie and the eindevaluatie are signed and dated by both parties. A signature is
either given digitally in the app (who, when and the SHA-256 of the content signed) or "signed
on paper", with the scanned copy in the dossier and the date written on it.

The employee's signature always carries the employee's own name: on paper HR records it (and is
kept as `recorded_by`), but the signer is the employee, never the person who typed it in.
Signatures are append-only: the database refuses a change or removal.
"""

from __future__ import annotations

import hashlib
import json

import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class SignatureParty(models.TextChoices):
    EMPLOYER = "employer", _("Werkgever")
    EMPLOYEE = "employee", _("Werknemer")


class SignatureMethod(models.TextChoices):
    DIGITAL = "digital", _("Digitaal in de app")
    PAPER = "paper", _("Op papier (scan in het dossier)")


class Signature(models.Model):
    """One party's signature under one signed document (statement, plan version, evaluation)."""

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="signatures",
        verbose_name=_("verzuimdossier"),
    )
    statement = models.ForeignKey(
        "dossier.PhysicianStatement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signatures",
        verbose_name=_("probleemanalyse"),
    )
    plan_version = models.ForeignKey(
        "dossier.ActionPlanVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signatures",
        verbose_name=_("versie plan van aanpak"),
    )
    evaluation = models.ForeignKey(
        "dossier.Evaluation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signatures",
        verbose_name=_("evaluatie"),
    )
    party = models.CharField(_("partij"), max_length=16, choices=SignatureParty.choices)
    method = models.CharField(_("wijze"), max_length=16, choices=SignatureMethod.choices)
    signer_name = models.CharField(_("ondertekend door"), max_length=200)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("account dat digitaal ondertekende"),
    )
    signed_on = models.DateField(_("datum ondertekening"))
    content_hash = models.CharField(_("inhoudshash (SHA-256)"), max_length=64, blank=True)
    scan = models.ForeignKey(
        "dossier.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("scan van het ondertekende document"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("ondertekening")
        verbose_name_plural = _("ondertekeningen")
        ordering = ["case", "recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(statement__isnull=False, plan_version__isnull=True, evaluation__isnull=True)
                    | Q(statement__isnull=True, plan_version__isnull=False, evaluation__isnull=True)
                    | Q(statement__isnull=True, plan_version__isnull=True, evaluation__isnull=False)
                ),
                name="signature_one_document",
                violation_error_message=_(
                    "Een handtekening hoort bij precies één stuk: een oordeel, een plan van "
                    "aanpak of een evaluatie."
                ),
            ),
            models.CheckConstraint(
                condition=(
                    Q(method="digital", signed_by__isnull=False, scan__isnull=True)
                    & ~Q(content_hash="")
                )
                | Q(method="paper", signed_by__isnull=True, scan__isnull=False),
                name="signature_method_complete",
                violation_error_message=_(
                    "Een digitale handtekening vraagt de ondertekenaar en de vastgelegde inhoud; "
                    "een handtekening op papier vraagt een scan."
                ),
            ),
            models.UniqueConstraint(
                fields=["statement", "party"],
                condition=Q(statement__isnull=False),
                name="signature_unique_statement_party",
                violation_error_message=_("Deze partij heeft dit oordeel al ondertekend."),
            ),
            models.UniqueConstraint(
                fields=["plan_version", "party"],
                condition=Q(plan_version__isnull=False),
                name="signature_unique_plan_party",
                violation_error_message=_(
                    "Deze partij heeft deze versie van het plan van aanpak al ondertekend."
                ),
            ),
            models.UniqueConstraint(
                fields=["evaluation", "party"],
                condition=Q(evaluation__isnull=False),
                name="signature_unique_evaluation_party",
                violation_error_message=_("Deze partij heeft deze evaluatie al ondertekend."),
            ),
        ]
        triggers = [
            pgtrigger.Protect(
                name="protect_signature", operation=pgtrigger.Update | pgtrigger.Delete
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_party_display()}: {self.signer_name} ({self.signed_on:%d-%m-%Y})"

    @property
    def document(self):
        """Return the signed record (statement, plan version or evaluation)."""
        return self.statement or self.plan_version or self.evaluation

    @property
    def is_digital(self) -> bool:
        return self.method == SignatureMethod.DIGITAL


def content_digest(payload: dict[str, object]) -> str:
    """Return the SHA-256 of `payload` as canonical JSON (sorted keys, UTF-8)."""
    data = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode()).hexdigest()
