"""Voortgangsgesprekken, evaluations (eerstejaars-, eindevaluatie) and the employee's opinion."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .signatures import content_digest

#: At most six weeks between evaluations of the plan van aanpak (domain reference §3.3).
MAX_TALK_INTERVAL = timedelta(days=42)


class ProgressTalk(models.Model):
    """A held voortgangsgesprek (evaluation of the plan van aanpak)."""

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="progress_talks",
        verbose_name=_("verzuimdossier"),
    )
    held_on = models.DateField(_("datum gesprek"))
    participants = models.CharField(_("deelnemers"), max_length=500)
    #: [{"activity": "<what>", "progress": "<text>"}, …] for the activities of the plan.
    activity_progress = models.JSONField(_("voortgang per activiteit"), default=list, blank=True)
    agreements = models.TextField(_("afspraken"))
    employer_view = models.TextField(_("visie werkgever"))
    employee_view = models.TextField(_("visie werknemer"))
    next_talk_on = models.DateField(_("volgend gesprek op"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("voortgangsgesprek")
        verbose_name_plural = _("voortgangsgesprekken")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{_('Voortgangsgesprek')} {self.held_on:%d-%m-%Y}"

    def get_absolute_url(self) -> str:
        return reverse("dossier:talk_detail", kwargs={"pk": self.pk})

    @property
    def next_talk_too_late(self) -> bool:
        """Return whether the next talk is missing or more than 42 days after this one."""
        return self.next_talk_on is None or self.next_talk_on - self.held_on > MAX_TALK_INTERVAL


class EvaluationKind(models.TextChoices):
    FIRST_YEAR = "first_year", _("Eerstejaarsevaluatie")
    FINAL = "final", _("Eindevaluatie")


class EmployeeViewSource(models.TextChoices):
    """Who wrote the employee's view (visie werknemer) on an evaluation."""

    PENDING = "", _("Nog niet gegeven")
    EMPLOYEE = "employee", _("Geschreven door de werknemer")
    ON_BEHALF = "on_behalf", _("Namens de werknemer vastgelegd door HR")
    DECLINED = "declined", _("De werknemer ziet af van een eigen visie")


class Evaluation(models.Model):
    """Eerstejaarsevaluatie or eindevaluatie, drawn up by employer and employee together."""

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="evaluations",
        verbose_name=_("verzuimdossier"),
    )
    kind = models.CharField(_("soort"), max_length=16, choices=EvaluationKind.choices)
    held_on = models.DateField(_("datum"))
    based_on = models.ForeignKey(
        "dossier.PhysicianStatement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gebaseerd op oordeel bedrijfsarts"),
    )
    look_back = models.TextField(_("terugblik (afspraken nagekomen, doelen bereikt?)"))
    look_forward = models.TextField(_("vooruitblik (doel, spoor 1 / tweede spoor)"))
    employer_view = models.TextField(_("visie werkgever"))
    employee_view = models.TextField(_("visie werknemer"), blank=True)
    employee_view_source = models.CharField(
        _("visie werknemer geschreven door"),
        max_length=16,
        choices=EmployeeViewSource.choices,
        blank=True,
        default=EmployeeViewSource.PENDING,
    )
    employee_view_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("visie werknemer vastgelegd door"),
    )
    employee_view_at = models.DateTimeField(
        _("visie werknemer vastgelegd op"), null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(employee_view_source="", employee_view="", employee_view_by=None)
                | Q(
                    employee_view_source="declined",
                    employee_view="",
                    employee_view_by__isnull=False,
                )
                | (
                    Q(
                        employee_view_source__in=["employee", "on_behalf"],
                        employee_view_by__isnull=False,
                    )
                    & ~Q(employee_view="")
                ),
                name="evaluation_employee_view_attributed",
                violation_error_message=_(
                    "Bij de visie van de werknemer hoort wie hem vastlegde: de werknemer zelf, of "
                    "HR namens de werknemer."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on:%d-%m-%Y}"

    def get_absolute_url(self) -> str:
        return reverse("dossier:evaluation_detail", kwargs={"pk": self.pk})

    @property
    def document_date(self) -> date:
        return self.held_on

    @property
    def employee_view_given(self) -> bool:
        return self.employee_view_source != EmployeeViewSource.PENDING

    def compute_hash(self) -> str:
        """Return the SHA-256 of the evaluation's content, both views included."""
        return content_digest(
            {
                "case": self.case_id,
                "evaluation": self.pk,
                "kind": self.kind,
                "date": self.held_on.isoformat(),
                "look_back": self.look_back.strip(),
                "look_forward": self.look_forward.strip(),
                "employer_view": self.employer_view.strip(),
                "employee_view": self.employee_view.strip(),
                "employee_view_source": self.employee_view_source,
            }
        )


class EmployeeOpinion(models.Model):
    """Het oordeel van de werknemer: a draft only the employee sees until submitted."""

    case = models.OneToOneField(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="employee_opinion",
        verbose_name=_("verzuimdossier"),
    )
    text = models.TextField(_("uw oordeel over de re-integratie"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)

    class Meta:
        verbose_name = _("oordeel van de werknemer")
        verbose_name_plural = _("oordelen van de werknemer")

    def __str__(self) -> str:
        return str(_("Oordeel van de werknemer"))

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None
