"""Plan van aanpak: one plan per case, with numbered versions; an agreed version is frozen."""

from __future__ import annotations

import hashlib
import json
from datetime import date

import pgtrigger
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: The fields of a version that make up its content (hashed on agreement, diffed between
#: versions), with their Dutch labels.
CONTENT_FIELDS: list[tuple[str, str]] = [
    ("goal", _("Doel")),
    ("goal_term", _("Termijn")),
    ("activities", _("Activiteiten")),
    ("evaluation_frequency_weeks", _("Evaluatie (elke … weken)")),
    ("casemanager", _("Casemanager")),
    ("employer_view", _("Visie werkgever")),
    ("employee_view", _("Visie werknemer")),
]


class AgreedVersionError(ValidationError):
    """Raised when something tries to change an agreed plan van aanpak version."""


class ActionPlan(models.Model):
    """The plan van aanpak of one case; its content lives in `ActionPlanVersion`."""

    case = models.OneToOneField(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="action_plan",
        verbose_name=_("verzuimdossier"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("plan van aanpak")
        verbose_name_plural = _("plannen van aanpak")

    def __str__(self) -> str:
        return str(_("Plan van aanpak"))


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    DISAGREED = "disagreed", _("Niet akkoord werknemer")
    AGREED = "agreed", _("Akkoord werknemer")


class ActionPlanVersion(models.Model):
    """One version of the plan van aanpak; version 2+ are bijstellingen."""

    plan = models.ForeignKey(
        ActionPlan, on_delete=models.PROTECT, related_name="versions", verbose_name=_("plan")
    )
    number = models.PositiveIntegerField(_("versie"))
    status = models.CharField(
        _("status"), max_length=16, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    based_on = models.ForeignKey(
        "dossier.PhysicianStatement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gebaseerd op (probleemanalyse)"),
    )
    goal = models.TextField(_("doel van de re-integratie"))
    goal_term = models.CharField(_("termijn waarbinnen het doel bereikt moet zijn"), max_length=200)
    evaluation_frequency_weeks = models.PositiveSmallIntegerField(
        _("evaluatie elke … weken"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(6)],
    )
    casemanager = models.CharField(_("casemanager"), max_length=200)
    employer_view = models.TextField(_("visie werkgever"))
    employee_view = models.TextField(_("visie werknemer"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("akkoord door"),
    )
    agreed_at = models.DateTimeField(_("akkoord op"), null=True, blank=True)
    #: The employee agreed by signing on paper (HR recorded the scan); then `agreed_by` is empty,
    #: so the agreement is never recorded under another person's account.
    agreed_on_paper = models.BooleanField(_("akkoord op papier"), default=False)
    content_hash = models.CharField(_("inhoudshash (SHA-256)"), max_length=64, blank=True)
    employee_comment = models.TextField(_("opmerking werknemer"), blank=True)
    disagreement_reason = models.TextField(_("reden niet akkoord"), blank=True)
    disagreed_at = models.DateTimeField(_("niet akkoord op"), null=True, blank=True)

    class Meta:
        verbose_name = _("versie plan van aanpak")
        verbose_name_plural = _("versies plan van aanpak")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="plan_version_unique_number",
                violation_error_message=_(
                    "Dit plan van aanpak heeft al een versie met dit nummer. Laad de pagina "
                    "opnieuw en probeer het nog eens."
                ),
            ),
            models.CheckConstraint(
                condition=Q(evaluation_frequency_weeks__gte=1)
                & Q(evaluation_frequency_weeks__lte=6),
                name="plan_version_evaluation_max_6_weeks",
                violation_error_message=_(
                    "Evalueer het plan van aanpak minstens eens per 6 weken: vul 1 tot en met 6 "
                    "weken in."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status="agreed")
                | (
                    Q(agreed_at__isnull=False)
                    & ~Q(content_hash="")
                    & (
                        Q(agreed_by__isnull=False, agreed_on_paper=False)
                        | Q(agreed_by__isnull=True, agreed_on_paper=True)
                    )
                ),
                name="plan_version_agreed_is_stamped",
                violation_error_message=_(
                    "Een akkoord op het plan van aanpak vraagt een datum, de vastgelegde inhoud "
                    "en wie akkoord gaf (digitaal of op papier)."
                ),
            ),
        ]
        triggers = [
            # The database refuses any change to (or removal of) an agreed version.
            pgtrigger.Protect(
                name="protect_agreed_version",
                operation=pgtrigger.Update | pgtrigger.Delete,
                condition=pgtrigger.Q(old__status="agreed"),
            )
        ]

    def __str__(self) -> str:
        return _("Plan van aanpak versie %(n)s") % {"n": self.number}

    def save(self, *args: object, **kwargs: object) -> None:
        # A guard, not a side effect: an agreed version is immutable (the service checks too).
        if self.pk and type(self).objects.filter(pk=self.pk, status=VersionStatus.AGREED).exists():
            raise AgreedVersionError(_("Een akkoord gegeven versie kan niet worden gewijzigd."))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("dossier:plan_version_detail", kwargs={"pk": self.pk})

    @property
    def is_agreed(self) -> bool:
        return self.status == VersionStatus.AGREED

    @property
    def is_revision(self) -> bool:
        return self.number > 1

    @property
    def document_date(self) -> date:
        return timezone.localdate(self.created_at)

    @property
    def agreed_by_label(self) -> str:
        """Return who agreed, in words (the employee's name with "op papier" for a paper one)."""
        if not self.is_agreed:
            return ""
        if self.agreed_on_paper:
            return _("%(name)s (op papier)") % {"name": self.plan.case.employee.full_name}
        return str(self.agreed_by)

    def canonical_content(self) -> dict[str, str]:
        """Return the version's content as text per field (stable; the basis of hash and diff)."""
        activities = "\n".join(a.canonical_line() for a in self.activities.all())
        return {
            "goal": self.goal.strip(),
            "goal_term": self.goal_term.strip(),
            "activities": activities,
            "evaluation_frequency_weeks": str(self.evaluation_frequency_weeks),
            "casemanager": self.casemanager.strip(),
            "employer_view": self.employer_view.strip(),
            "employee_view": self.employee_view.strip(),
        }

    def compute_hash(self) -> str:
        """Return the SHA-256 of the canonical content (JSON, sorted keys, UTF-8)."""
        payload = {"case": self.plan.case_id, "version": self.number, **self.canonical_content()}
        data = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(data.encode()).hexdigest()


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Gepland")
    IN_PROGRESS = "in_progress", _("Loopt")
    DONE = "done", _("Afgerond")
    STOPPED = "stopped", _("Gestopt")


class ActionPlanActivity(models.Model):
    """An activity of a plan version: what, who, from when, status."""

    version = models.ForeignKey(
        ActionPlanVersion,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("versie"),
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    description = models.CharField(_("wat"), max_length=300)
    responsible = models.CharField(_("wie"), max_length=200)
    starts_on = models.DateField(_("vanaf"))
    status = models.CharField(
        _("status"), max_length=16, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        ordering = ["version", "position", "pk"]

    def __str__(self) -> str:
        return self.description

    def save(self, *args: object, **kwargs: object) -> None:
        self._guard()
        super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object):
        self._guard()
        return super().delete(*args, **kwargs)

    def canonical_line(self) -> str:
        return (
            f"{self.description.strip()} | {self.responsible.strip()} | "
            f"{self.starts_on:%d-%m-%Y} | {self.get_status_display()}"
        )

    def _guard(self) -> None:
        if ActionPlanVersion.objects.filter(
            pk=self.version_id, status=VersionStatus.AGREED
        ).exists():
            raise AgreedVersionError(_("Een akkoord gegeven versie kan niet worden gewijzigd."))
