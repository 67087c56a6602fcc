"""Statements of the bedrijfsarts: a work-advice part for the employer, a medical part apart."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .signatures import content_digest

#: A belastbaarheid record older than this is flagged as outdated (domain reference §3.10).
CAPACITY_MAX_AGE = timedelta(days=183)


class StatementKind(models.TextChoices):
    PROBLEM_ANALYSIS = "problem_analysis", _("Probleemanalyse")
    PROBLEM_ANALYSIS_REVISION = "problem_analysis_revision", _("Bijstelling probleemanalyse")
    CURRENT_ASSESSMENT = "current_assessment", _("Actueel oordeel")
    CONSULTATION_NOTE = "consultation_note", _("Spreekuurverslag")


class WorkPrognosis(models.TextChoices):
    """The prognosis in work terms of a (bijgestelde) probleemanalyse (Poortwachtertoets input)."""

    RETURN_OWN_WORK = "return_own_work", _("Terugkeer in het eigen werk")
    RETURN_OTHER_WORK_OWN_EMPLOYER = (
        "return_other_work_own_employer",
        _("Terugkeer in ander werk bij de eigen werkgever"),
    )
    NO_RETURN_OWN_EMPLOYER = (
        "no_return_own_employer",
        _("Geen terugkeer bij de eigen werkgever verwacht"),
    )
    UNKNOWN = "unknown", _("Nog niet te zeggen")


#: Statements employer and employee sign for receipt (the probleemanalyse and its bijstellingen).
SIGNED_STATEMENT_KINDS = (StatementKind.PROBLEM_ANALYSIS, StatementKind.PROBLEM_ANALYSIS_REVISION)


class PhysicianStatement(models.Model):
    """The work-advice part of a bedrijfsarts statement: what HR, manager and employee may read.

    Never put anything medical here (diagnosis, history, treatment): that is `MedicalNote`.
    """

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="physician_statements",
        verbose_name=_("verzuimdossier"),
    )
    kind = models.CharField(_("soort"), max_length=32, choices=StatementKind.choices)
    statement_date = models.DateField(_("datum"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("bedrijfsarts"),
    )
    functional_limitations = models.TextField(_("functionele beperkingen"))
    possibilities = models.TextField(_("mogelijkheden"))
    prognosis = models.TextField(_("prognose (in termen van werk)"))
    advice = models.TextField(_("advies over re-integratie"))
    expected_return = models.CharField(_("verwachte terugkeer"), max_length=200, blank=True)
    work_prognosis = models.CharField(
        _("prognose terugkeer"),
        max_length=32,
        choices=WorkPrognosis.choices,
        default=WorkPrognosis.UNKNOWN,
        help_text=_(
            "Bij een (bijgestelde) probleemanalyse: waar verwacht de bedrijfsarts terugkeer? Een "
            "gewijzigde prognose vraagt om een bijgesteld plan van aanpak."
        ),
    )
    medical_information_sent_on = models.DateField(
        _("medische informatie aan UWV verzonden op"),
        null=True,
        blank=True,
        help_text=_(
            "Bij het actueel oordeel: de dag dat u de medische informatie aan de "
            "verzekeringsarts van UWV stuurde (alleen de datum, geen inhoud)."
        ),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("oordeel bedrijfsarts")
        verbose_name_plural = _("oordelen bedrijfsarts")
        ordering = ["-statement_date", "-pk"]
        indexes = [models.Index(fields=["case", "kind", "statement_date"], name="stmt_case_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.statement_date:%d-%m-%Y}"

    def get_absolute_url(self) -> str:
        return reverse("dossier:statement_detail", kwargs={"pk": self.pk})

    @property
    def needs_signatures(self) -> bool:
        """Return whether employer and employee sign this statement (receipt of the analysis)."""
        return self.kind in SIGNED_STATEMENT_KINDS

    @property
    def document_date(self) -> date:
        return self.statement_date

    def compute_hash(self) -> str:
        """Return the SHA-256 of the work-advice content (never anything medical)."""
        return content_digest(
            {
                "case": self.case_id,
                "statement": self.pk,
                "kind": self.kind,
                "date": self.statement_date.isoformat(),
                "functional_limitations": self.functional_limitations.strip(),
                "possibilities": self.possibilities.strip(),
                "prognosis": self.prognosis.strip(),
                "advice": self.advice.strip(),
                "expected_return": self.expected_return.strip(),
            }
        )


class MedicalNote(models.Model):
    """The confidential medical part of a statement: only the assigned bedrijfsarts and the
    employee themself (AVG inzage) may read it.

    `related_name="+"`: there is deliberately no `statement.medical_note` accessor, so shared
    querysets and templates cannot reach it; load it with `selectors.medical_note_get`.
    """

    statement = models.OneToOneField(
        PhysicianStatement,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("oordeel"),
    )
    diagnosis = models.TextField(_("diagnose"), blank=True)
    history = models.TextField(_("anamnese / voorgeschiedenis"), blank=True)
    treatment = models.TextField(_("behandeling"), blank=True)

    class Meta:
        verbose_name = _("medische notitie")
        verbose_name_plural = _("medische notities")

    def __str__(self) -> str:
        return str(_("Medisch deel"))


#: The six rubrieken of the Functionele Mogelijkhedenlijst: (field prefix, Dutch label).
CAPACITY_SECTIONS: list[tuple[str, str]] = [
    ("personal", _("Persoonlijk functioneren")),
    ("social", _("Sociaal functioneren")),
    ("environment", _("Aanpassing aan fysieke omgevingseisen")),
    ("dynamic", _("Dynamische handelingen")),
    ("static", _("Statische houdingen")),
    ("hours", _("Werktijden")),
]


class WorkCapacityAssessment(models.Model):
    """A structured belastbaarheid record (FML-style) by the bedrijfsarts; no medical content."""

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="capacity_assessments",
        verbose_name=_("verzuimdossier"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("bedrijfsarts"),
    )
    assessed_on = models.DateField(_("datum"))
    valid_until = models.DateField(_("geldig tot"), null=True, blank=True)
    personal_limited = models.BooleanField(_("Persoonlijk functioneren: beperkt"), default=False)
    personal_notes = models.TextField(_("Persoonlijk functioneren: toelichting"), blank=True)
    social_limited = models.BooleanField(_("Sociaal functioneren: beperkt"), default=False)
    social_notes = models.TextField(_("Sociaal functioneren: toelichting"), blank=True)
    environment_limited = models.BooleanField(
        _("Aanpassing aan fysieke omgevingseisen: beperkt"), default=False
    )
    environment_notes = models.TextField(
        _("Aanpassing aan fysieke omgevingseisen: toelichting"), blank=True
    )
    dynamic_limited = models.BooleanField(_("Dynamische handelingen: beperkt"), default=False)
    dynamic_notes = models.TextField(_("Dynamische handelingen: toelichting"), blank=True)
    static_limited = models.BooleanField(_("Statische houdingen: beperkt"), default=False)
    static_notes = models.TextField(_("Statische houdingen: toelichting"), blank=True)
    hours_limited = models.BooleanField(_("Werktijden: beperkt"), default=False)
    hours_notes = models.TextField(_("Werktijden: toelichting"), blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("belastbaarheid (FML)")
        verbose_name_plural = _("belastbaarheid (FML)")
        ordering = ["-assessed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("assessed_on")),
                name="capacity_valid_after_assessed",
                violation_error_message=_("'Geldig tot' ligt vóór de datum van de belastbaarheid."),
            )
        ]

    def __str__(self) -> str:
        return f"{_('Belastbaarheid')} {self.assessed_on:%d-%m-%Y}"

    def get_absolute_url(self) -> str:
        return reverse("dossier:capacity_detail", kwargs={"pk": self.pk})

    def sections(self) -> list[tuple[str, bool, str]]:
        """Return (label, limited, notes) per rubriek, in FML order."""
        return [
            (label, getattr(self, f"{p}_limited"), getattr(self, f"{p}_notes"))
            for p, label in CAPACITY_SECTIONS
        ]

    def is_outdated(self, today: date) -> bool:
        """Return whether this record is older than six months on `today`."""
        return today - self.assessed_on > CAPACITY_MAX_AGE
