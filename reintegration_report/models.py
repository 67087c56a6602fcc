"""Exports of the re-integratieverslag (RIV): one row per request, rendered by a Celery task.

The finished PDF is stored as a `DocumentVersion` of the case's "Re-integratieverslag" document
(one document per case and kind, a new version per export); this row keeps who asked for it,
what was chosen, how far the rendering got and which version it produced.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ExportKind(models.TextChoices):
    RIV = "riv", _("Re-integratieverslag (voor UWV)")
    EMPLOYEE_PACKET = "employee_packet", _("Exemplaar werknemer met instructie")
    #: The Poortwachtertoets summary: an internal PDF of its own, never part of a RIV.
    FINDINGS = "findings", _("Samenvatting Poortwachtertoets (intern, niet voor UWV)")


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("In de wachtrij")
    RUNNING = "running", _("Bezig")
    DONE = "done", _("Klaar")
    FAILED = "failed", _("Mislukt")


#: Time limits of the export task (seconds): at the soft one the task fails the export with a
#: message; the hard one kills the worker process (the periodic sweep then fails the export).
EXPORT_SOFT_TIME_LIMIT = 5 * 60
EXPORT_TIME_LIMIT = 6 * 60

#: The finished states: the status page stops polling.
FINISHED_STATUSES = frozenset({ExportStatus.DONE, ExportStatus.FAILED})


#: A queued export no worker has picked up after this long: the page says what to check.
NOT_PICKED_UP_AFTER = timedelta(seconds=30)


class ReportExport(models.Model):
    """One requested export of a case's re-integratieverslag and its progress."""

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="report_exports",
        verbose_name=_("verzuimdossier"),
    )
    kind = models.CharField(_("soort"), max_length=16, choices=ExportKind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(
        _("voortgang (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    step = models.CharField(_("stap"), max_length=200, blank=True)
    error = models.TextField(_("foutmelding"), blank=True)
    risk = models.CharField(_("loonsanctierisico bij export"), max_length=8, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("aangevraagd door"),
    )
    created_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    started_at = models.DateTimeField(_("gestart op"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    document_version = models.ForeignKey(
        "dossier.DocumentVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opgeslagen als"),
    )

    class Meta:
        verbose_name = _("export re-integratieverslag")
        verbose_name_plural = _("exports re-integratieverslag")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=100),
                name="report_export_progress_range",
                violation_error_message=_("De voortgang ligt tussen 0 en 100%."),
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | Q(document_version__isnull=False),
                name="report_export_done_has_version",
                violation_error_message=_(
                    "Een afgeronde export hoort bij een opgeslagen versie van het verslag."
                ),
            ),
        ]
        indexes = [models.Index(fields=["case", "kind", "status"], name="report_export_case")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%d-%m-%Y %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("reintegration_report:export_status", kwargs={"pk": self.pk})

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED_STATUSES

    def is_waiting_for_a_worker(self, now: datetime) -> bool:
        """Return whether the export has been queued longer than a worker takes to pick it up."""
        return self.status == ExportStatus.QUEUED and now - self.created_at >= NOT_PICKED_UP_AFTER
