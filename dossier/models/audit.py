"""The append-only log of who created, changed, agreed or read which dossier record."""

from __future__ import annotations

import pgtrigger
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessAction(models.TextChoices):
    VIEW = "view", _("bekeken")
    DOWNLOAD = "download", _("gedownload")
    CREATE = "create", _("aangemaakt")
    CHANGE = "change", _("gewijzigd")
    AGREE = "agree", _("akkoord gegeven")
    DISAGREE = "disagree", _("niet akkoord")
    SUBMIT = "submit", _("ingediend")
    WITHDRAW = "withdraw", _("ingetrokken")
    SIGN = "sign", _("ondertekend")


class AccessLog(models.Model):
    """One event on one dossier record. Append-only: the database refuses updates and deletes.

    `record_label` is a generic description ("Document #12"), never a title or content, so the
    log can be shown to HR without leaking what a medical record is about. Pages show the record
    in words instead, made from the record when shown (`dossier.access_log_labels`).
    """

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="+", verbose_name=_("verzuimdossier")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("gebruiker"),
    )
    action = models.CharField(_("handeling"), max_length=16, choices=AccessAction.choices)
    record_type = models.CharField(_("soort record"), max_length=40)
    record_id = models.PositiveIntegerField(_("record"), null=True, blank=True)
    record_label = models.CharField(_("record"), max_length=200)
    at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("inzage- en wijzigingslog")
        verbose_name_plural = _("inzage- en wijzigingslog")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["case", "-at"], name="accesslog_case_at")]
        triggers = [
            pgtrigger.Protect(name="append_only", operation=pgtrigger.Update | pgtrigger.Delete)
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.get_action_display()} {self.record_label}"
