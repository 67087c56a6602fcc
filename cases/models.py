"""Employers, their employees, and the sickness cases (verzuimdossiers) of those employees."""

from __future__ import annotations

from datetime import date

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.url_builders import pk_url

from .querysets import CaseQuerySet, EmployeeQuerySet
from .validators import mask_bsn, validate_bsn, validate_kvk_number, validate_payroll_tax_number
from .write_stamps import write_stamp_trigger


@pghistory.track()
class Employer(models.Model):
    """A company whose sick employees are managed here (one installation serves several)."""

    name = models.CharField(_("naam"), max_length=200)
    kvk_number = models.CharField(
        _("KvK-nummer"), max_length=8, unique=True, validators=[validate_kvk_number]
    )
    payroll_tax_number = models.CharField(
        _("loonheffingennummer"), max_length=12, validators=[validate_payroll_tax_number]
    )
    allow_employee_sick_report = models.BooleanField(
        _("werknemer mag zichzelf ziek melden"), default=False
    )
    allow_employee_recovery_report = models.BooleanField(
        _("werknemer mag zichzelf hersteld melden"), default=True
    )
    allow_manager_reports = models.BooleanField(
        _("leidinggevende mag ziek- en herstelmeldingen doen"), default=True
    )
    full_time_hours = models.DecimalField(
        _("uren per week bij een voltijdcontract"),
        max_digits=4,
        decimal_places=1,
        default=40,
        help_text=_("Deeltijdfactor in de verzuimcijfers = contracturen / voltijduren."),
    )
    hr_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("HR-medewerkers"),
        related_name="hr_employers",
        blank=True,
        limit_choices_to={"role": "hr"},
    )
    #: What a new case gets (the case team, see `cases.services.team`).
    default_casemanager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("standaard casemanager"),
        help_text=_("Nieuwe verzuimdossiers krijgen deze casemanager."),
    )
    default_physician = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gecontracteerde bedrijfsarts"),
        help_text=_("Nieuwe verzuimdossiers worden aan deze bedrijfsarts toegewezen."),
    )

    class Meta:
        verbose_name = _("werkgever")
        verbose_name_plural = _("werkgevers")
        ordering = ["name"]
        triggers = [write_stamp_trigger("cases_employer")]
        constraints = [
            models.CheckConstraint(
                condition=Q(full_time_hours__gt=0) & Q(full_time_hours__lte=80),
                name="employer_full_time_hours_range",
                violation_error_message=_(
                    "Een voltijdcontract telt meer dan 0 en hoogstens 80 uur per week."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    """An organisational unit of one employer."""

    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, related_name="departments", verbose_name=_("werkgever")
    )
    name = models.CharField(_("naam"), max_length=200)

    class Meta:
        verbose_name = _("afdeling")
        verbose_name_plural = _("afdelingen")
        ordering = ["employer__name", "name"]
        triggers = [write_stamp_trigger("cases_department")]
        constraints = [
            models.UniqueConstraint(
                fields=["employer", "name"],
                name="department_unique_name",
                violation_error_message=_("Deze werkgever heeft al een afdeling met deze naam."),
            )
        ]

    def __str__(self) -> str:
        return self.name


def employee_display_name(
    pk: int | None, first_name: str, name_prefix: str, last_name: str, anonymised_at: object
) -> str:
    """Return how an employee is named on every page (a placeholder once anonymised)."""
    if anonymised_at:
        return str(_("Geanonimiseerde werknemer #%(pk)s") % {"pk": pk})
    return " ".join(p for p in (first_name, name_prefix, last_name) if p)


@pghistory.track()
class Employee(models.Model):
    """A person employed by an employer; may be linked to a login (role employee or manager)."""

    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, related_name="employees", verbose_name=_("werkgever")
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="employees",
        verbose_name=_("afdeling"),
    )
    personnel_number = models.CharField(_("personeelsnummer"), max_length=32)
    first_name = models.CharField(_("voornaam"), max_length=100)
    name_prefix = models.CharField(_("tussenvoegsel"), max_length=30, blank=True)
    last_name = models.CharField(_("achternaam"), max_length=150)
    bsn = models.CharField(_("BSN"), max_length=9, validators=[validate_bsn])
    date_of_birth = models.DateField(_("geboortedatum"))
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    function_title = models.CharField(_("functie"), max_length=200, blank=True)
    contract_hours = models.DecimalField(
        _("contracturen per week"), max_digits=4, decimal_places=1, default=0
    )
    manager = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="team",
        verbose_name=_("leidinggevende"),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="employee_record",
        verbose_name=_("account"),
    )
    employment_start_date = models.DateField(_("in dienst sinds"), null=True, blank=True)
    employment_end_date = models.DateField(_("einde dienstverband"), null=True, blank=True)
    #: Set when the personal data were removed (AVG); the row stays for the verzuimcijfers.
    anonymised_at = models.DateTimeField(_("geanonimiseerd op"), null=True, blank=True)

    objects = EmployeeQuerySet.as_manager()

    class Meta:
        verbose_name = _("werknemer")
        verbose_name_plural = _("werknemers")
        ordering = ["last_name", "first_name"]
        triggers = [write_stamp_trigger("cases_employee")]
        # The employee list's order: its first page walks this index instead of sorting all.
        indexes = [
            models.Index(fields=["last_name", "first_name", "id"], name="employee_name_order")
        ]
        constraints = [
            # Unconditional: the payroll import upserts ON CONFLICT on it (an anonymised
            # employee gets the number "anon-<pk>").
            models.UniqueConstraint(
                fields=["employer", "personnel_number"],
                name="employee_unique_personnel_number",
                violation_error_message=_(
                    "Deze werkgever heeft al een werknemer met dit personeelsnummer."
                ),
            ),
            # An anonymised employee has no BSN (AVG, `retention`), so "" may repeat.
            models.UniqueConstraint(
                fields=["employer", "bsn"],
                condition=~Q(bsn=""),
                name="employee_unique_bsn",
                violation_error_message=_("Deze werkgever heeft al een werknemer met dit BSN."),
            ),
            models.CheckConstraint(
                condition=Q(contract_hours__gte=0) & Q(contract_hours__lte=80),
                name="employee_contract_hours_range",
                violation_error_message=_("De contracturen liggen tussen 0 en 80 uur per week."),
            ),
            models.CheckConstraint(
                condition=Q(employment_start_date__isnull=True)
                | Q(employment_end_date__isnull=True)
                | Q(employment_end_date__gte=models.F("employment_start_date")),
                name="employee_employment_end_after_start",
                violation_error_message=_("De datum uit dienst ligt vóór de datum in dienst."),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return employee_display_name(
            self.pk, self.first_name, self.name_prefix, self.last_name, self.anonymised_at
        )

    @property
    def masked_bsn(self) -> str:
        return mask_bsn(self.bsn)


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Lopend")
    RECOVERED = "recovered", _("Hersteld")
    CLOSED = "closed", _("Afgesloten")


class CloseReason(models.TextChoices):
    RECOVERED = "recovered", _("Volledig hersteld")
    WAITING_PERIOD_ENDED = "waiting_period_ended", _("Einde wachttijd (104 weken)")
    EMPLOYMENT_ENDED = "employment_ended", _("Uit dienst")
    MERGED = "merged", _("Samengeteld met een ander verzuimdossier")
    REGISTERED_IN_ERROR = "registered_in_error", _("Ten onrechte geregistreerd")
    LEAVE_INTERRUPTION = (
        "leave_interruption",
        _("Onderbroken door zwangerschaps- en bevallingsverlof (andere oorzaak)"),
    )


class SafetyNetSituation(models.TextChoices):
    """Which Ziektewet vangnet situation applies (only the category; never a medical detail).

    It decides the term of the UWV report (domain reference §2.3, §2.4, docs/vangnet-meldingen.md).
    """

    NONE = "", _("Geen (of onbekend)")
    PREGNANCY_BEFORE_LEAVE = (
        "pregnancy_before_leave",
        _("Ziek door zwangerschap, vóór het zwangerschapsverlof"),
    )
    PREGNANCY_FLEX_PERIOD = (
        "pregnancy_flex_period",
        _("Ziek in de flexibiliseringsperiode vóór het verlof"),
    )
    PREGNANCY_AFTER_LEAVE = (
        "pregnancy_after_leave",
        _("Ziek door zwangerschap of bevalling, na het bevallingsverlof"),
    )
    ORGAN_DONATION = "organ_donation", _("Orgaandonatie")
    NO_RISK_POLICY = "no_risk_policy", _("No-riskpolis")


# `next_deadline`, `second_track_due` and `deadlines_version` are kept by the deadlines app;
# their changes are not case history.
@pghistory.track(exclude=["next_deadline", "second_track_due", "deadlines_version"])
class Case(models.Model):
    """One sickness case of one employee: from the ziekmelding to recovery or week 104.

    Holds only what an employer may record (AP "De zieke werknemer", domain reference §4.2):
    there is deliberately no field for diagnosis or cause.
    """

    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, related_name="cases", verbose_name=_("werkgever")
    )
    employee = models.ForeignKey(
        Employee, on_delete=models.PROTECT, related_name="cases", verbose_name=_("werknemer")
    )
    first_sick_day = models.DateField(_("eerste ziektedag"))
    status = models.CharField(
        _("status"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    close_reason = models.CharField(
        _("reden afsluiten"), max_length=32, choices=CloseReason.choices, blank=True
    )
    casemanager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="managed_cases",
        verbose_name=_("casemanager"),
    )
    reported_on = models.DateField(_("ziek gemeld op"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="reported_cases",
        verbose_name=_("ziek gemeld door"),
    )
    # What the employer may ask at the ziekmelding (domain reference §4.2), nothing more.
    contact_address = models.TextField(_("verpleegadres tijdens ziekte"), blank=True)
    contact_phone = models.CharField(_("telefoonnummer tijdens ziekte"), max_length=30, blank=True)
    expected_duration = models.CharField(_("verwachte duur"), max_length=200, blank=True)
    appointments_note = models.TextField(_("lopende afspraken en werkzaamheden"), blank=True)
    safety_net_applies = models.BooleanField(
        _("valt onder een vangnetregeling Ziektewet"), null=True, blank=True
    )
    safety_net_situation = models.CharField(
        _("vangnetsituatie (voor de melding aan UWV)"),
        max_length=32,
        choices=SafetyNetSituation.choices,
        blank=True,
        default=SafetyNetSituation.NONE,
    )
    employment_end_date = models.DateField(
        _("laatste werkdag (dienstverband eindigt tijdens ziekte)"), null=True, blank=True
    )
    work_accident = models.BooleanField(_("verband met een bedrijfsongeval"), default=False)
    liable_third_party = models.BooleanField(_("aansprakelijke derde (regres)"), default=False)
    #: The earliest due date of the case's open deadlines, kept up to date by the deadlines app
    #: on every recompute (the case list sorts and filters on it without a subquery).
    next_deadline = models.DateField(_("volgende deadline"), null=True, blank=True, editable=False)
    #: The open "uiterste start tweede spoor" deadline's date, kept by the deadlines app beside
    #: `next_deadline`, so the start page counts it from the cases alone.
    second_track_due = models.DateField(
        _("uiterste start tweede spoor"), null=True, blank=True, editable=False
    )
    #: Raised by every recompute of this one case (after a fact changed), so the nightly run
    #: can tell that a case it read was recomputed before it wrote, and leave it alone.
    deadlines_version = models.PositiveIntegerField(default=0, editable=False)
    #: A legal hold (dispute, procedure) keeps the case out of the anonymisation (`retention`).
    legal_hold = models.BooleanField(_("bewaarplicht wegens geschil (legal hold)"), default=False)
    legal_hold_reason = models.TextField(_("reden bewaarplicht"), blank=True)
    legal_hold_since = models.DateTimeField(_("bewaarplicht sinds"), null=True, blank=True)
    legal_hold_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bewaarplicht vastgelegd door"),
    )
    #: Set when the personal data of the case were removed (AVG bewaartermijn or erasure).
    anonymised_at = models.DateTimeField(_("geanonimiseerd op"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("verzuimdossier")
        verbose_name_plural = _("verzuimdossiers")
        ordering = ["-first_sick_day", "-pk"]
        triggers = [write_stamp_trigger("cases_case")]
        constraints = [
            models.CheckConstraint(
                condition=Q(employment_end_date__isnull=True)
                | Q(employment_end_date__gte=F("first_sick_day")),
                name="case_employment_ends_after_first_sick_day",
                violation_error_message=_("De laatste werkdag ligt vóór de eerste ziektedag."),
            ),
            models.CheckConstraint(
                condition=Q(legal_hold=False) | ~Q(legal_hold_reason=""),
                name="case_legal_hold_has_reason",
                violation_error_message=_("Geef de reden van de bewaarplicht op."),
            ),
        ]
        # `next_deadline` and `second_track_due` are not indexed: no page's plan used such an
        # index (the lists filter by employer first), and without one the recompute's update
        # of these dates can stay on the row's page (a HOT update, see migration 0015).
        indexes = [
            models.Index(fields=["employer", "status"], name="case_employer_status"),
            models.Index(fields=["first_sick_day"], name="case_first_sick_day"),
        ]

    def __str__(self) -> str:
        return f"{self.employee} — {self.first_sick_day:%d-%m-%Y}"

    def get_absolute_url(self) -> str:
        return pk_url("cases:detail")(self.pk)  # reversed once per process

    @property
    def is_open(self) -> bool:
        return self.status == CaseStatus.OPEN


#: Codes the services write into `SickPeriod.note`, with what a reader sees instead.
SICK_PERIOD_NOTES = {
    "after_leave": _("Ziekte na afloop van het zwangerschaps- en bevallingsverlof, zelfde oorzaak"),
}


@pghistory.track()
class SickPeriod(models.Model):
    """A stretch of incapacity within a case; several only after a relapse (samentelling)."""

    #: Stored codes per field and their readable text, for the case history (`cases.selectors`).
    HISTORY_VALUE_LABELS = {"note": SICK_PERIOD_NOTES}

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="sick_periods", verbose_name=_("dossier")
    )
    start = models.DateField(_("eerste ziektedag"))
    end = models.DateField(_("laatste ziektedag"), null=True, blank=True)
    note = models.CharField(
        _("toelichting"),
        max_length=300,
        blank=True,
        help_text=_("Waarom deze periode bij dit dossier hoort (bijv. samentelling)."),
    )

    class Meta:
        verbose_name = _("ziekteperiode")
        verbose_name_plural = _("ziekteperiodes")
        triggers = [write_stamp_trigger("cases_sickperiod")]
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="sick_period_end_after_start",
                violation_error_message=_(
                    "De laatste ziektedag ligt vóór de eerste ziektedag van deze periode."
                ),
            ),
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(end__isnull=True),
                name="one_running_period_per_case",
                violation_error_message=_("Dit verzuimdossier heeft al een lopende ziekteperiode."),
            ),
        ]

    def __str__(self) -> str:
        end = f"{self.end:%d-%m-%Y}" if self.end else _("heden")
        return f"{self.start:%d-%m-%Y} – {end}"

    @property
    def explanation(self) -> str:
        """Return the Dutch explanation why this period belongs to the case."""
        return str(SICK_PERIOD_NOTES.get(self.note, self.note))

    def days_until(self, day: date) -> int:
        """Return the number of sick days of this period up to and including `day`."""
        last = min(self.end or day, day)
        return max(0, (last - self.start).days + 1)


class AssignmentKind(models.TextChoices):
    OCCUPATIONAL_PHYSICIAN = "occupational_physician", _("Bedrijfsarts")
    REINTEGRATION_SPECIALIST = (
        "reintegration_specialist",
        _("Arbeidsdeskundige / re-integratiebureau"),
    )


@pghistory.track()
class CaseAssignment(models.Model):
    """Gives a bedrijfsarts or external specialist access to one case."""

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("dossier")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="case_assignments",
        verbose_name=_("gebruiker"),
    )
    kind = models.CharField(_("soort"), max_length=32, choices=AssignmentKind.choices)
    active = models.BooleanField(_("actief"), default=True)
    assigned_at = models.DateTimeField(_("toegewezen op"), auto_now_add=True)

    class Meta:
        verbose_name = _("toewijzing")
        verbose_name_plural = _("toewijzingen")
        triggers = [write_stamp_trigger("cases_caseassignment")]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "user"],
                condition=Q(active=True),
                name="one_active_assignment",
                violation_error_message=_("Deze persoon is al aan dit verzuimdossier toegewezen."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.case}"


class TeamRole(models.TextChoices):
    """The places in a case team: the casemanager and the assignment kinds."""

    CASEMANAGER = "casemanager", _("Casemanager")
    OCCUPATIONAL_PHYSICIAN = "occupational_physician", _("Bedrijfsarts")
    REINTEGRATION_SPECIALIST = (
        "reintegration_specialist",
        _("Arbeidsdeskundige / re-integratiebureau"),
    )


class CaseTeamChange(models.Model):
    """One change of the case team: who changed which place, when, from whom to whom."""

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="team_changes", verbose_name=_("dossier")
    )
    role = models.CharField(_("rol"), max_length=32, choices=TeamRole.choices)
    previous = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("van"),
    )
    new = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("naar"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("gewijzigd door"),
    )
    at = models.DateTimeField(_("gewijzigd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("wijziging dossierteam")
        verbose_name_plural = _("wijzigingen dossierteam")
        ordering = ["-at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(previous=models.F("new"))
                | Q(previous__isnull=True)
                | Q(new__isnull=True),
                name="case_team_change_changes",
                violation_error_message=_(
                    "Een wijziging van het dossierteam wijst een andere persoon aan dan de huidige."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.previous or '—'} → {self.new or '—'}"


@pghistory.track()
class WorkResumption(models.Model):
    """Partial recovery: from `start` the employee is `percentage_sick` % sick (still sick).

    Working partially, or on an arbeidstherapeutische basis, does not end the sick period
    (domain reference §2.2); only a full recovery (herstelmelding) does.
    """

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="work_resumptions", verbose_name=_("dossier")
    )
    start = models.DateField(_("met ingang van"))
    percentage_sick = models.PositiveSmallIntegerField(_("percentage ziek"))
    hours_worked = models.DecimalField(
        _("gewerkte uren per week"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    therapeutic = models.BooleanField(_("arbeidstherapeutisch werken"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("gedeeltelijke werkhervatting")
        verbose_name_plural = _("gedeeltelijke werkhervattingen")
        ordering = ["start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(percentage_sick__gte=0) & Q(percentage_sick__lte=100),
                name="work_resumption_percentage_range",
                violation_error_message=_("Het percentage ziek ligt tussen 0 en 100."),
            ),
            models.CheckConstraint(
                condition=Q(hours_worked__isnull=True)
                | (Q(hours_worked__gte=0) & Q(hours_worked__lte=80)),
                name="work_resumption_hours_range",
                violation_error_message=_("De gewerkte uren liggen tussen 0 en 80 per week."),
            ),
            models.UniqueConstraint(
                fields=["case", "start"],
                name="work_resumption_unique_start",
                violation_error_message=_(
                    "Op deze datum is al een werkhervatting vastgelegd. Kies een andere "
                    "ingangsdatum."
                ),
            ),
        ]

    def __str__(self) -> str:
        return _("%(pct)s%% ziek vanaf %(start)s") % {
            "pct": self.percentage_sick,
            "start": f"{self.start:%d-%m-%Y}",
        }


@pghistory.track()
class LeavePeriod(models.Model):
    """A WAZO zwangerschaps- en bevallingsverlof; not counted in the 104 weeks (§2.3).

    With the same cause before and after, the sick periods around it count as one period.
    """

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="leave_periods", verbose_name=_("dossier")
    )
    start = models.DateField(_("eerste verlofdag"))
    end = models.DateField(_("laatste verlofdag"))
    same_cause = models.BooleanField(
        _("ziekte na het verlof heeft dezelfde oorzaak"),
        default=True,
        help_text=_(
            "Alleen dan tellen de ziekteperiodes voor en na het verlof als één periode. "
            "Vermeld de oorzaak zelf niet."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("zwangerschaps- en bevallingsverlof")
        verbose_name_plural = _("zwangerschaps- en bevallingsverloven")
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")),
                name="leave_period_end_after_start",
                violation_error_message=_("De laatste verlofdag ligt vóór de eerste verlofdag."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.start:%d-%m-%Y} – {self.end:%d-%m-%Y}"


@pghistory.track()
class FirstSickDayCorrection(models.Model):
    """A correction of the eerste ziektedag (EZD), kept as history with its reason."""

    case = models.ForeignKey(
        Case,
        on_delete=models.PROTECT,
        related_name="first_sick_day_corrections",
        verbose_name=_("dossier"),
    )
    old_date = models.DateField(_("oude eerste ziektedag"))
    new_date = models.DateField(_("nieuwe eerste ziektedag"))
    reason = models.TextField(_("reden"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("gecorrigeerd door"),
    )
    at = models.DateTimeField(_("gecorrigeerd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("correctie eerste ziektedag")
        verbose_name_plural = _("correcties eerste ziektedag")
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="first_sick_day_correction_reason",
                violation_error_message=_("Geef de reden van de correctie op."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.old_date:%d-%m-%Y} → {self.new_date:%d-%m-%Y}"


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("In de wachtrij")
    RUNNING = "running", _("Bezig")
    DONE = "done", _("Klaar")
    FAILED = "failed", _("Mislukt")


class EmployeeImport(models.Model):
    """One confirmed payroll import, run by a Celery task; the page shows its progress.

    The file is kept only until the import has run (it holds BSNs): then `data` is emptied.
    """

    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, related_name="+", verbose_name=_("werkgever")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("aangevraagd door"),
    )
    data = models.BinaryField(_("bestand"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("voortgang (%)"), default=0)
    step = models.CharField(_("stap"), max_length=200, blank=True)
    error = models.TextField(_("foutmelding"), blank=True)
    created = models.PositiveIntegerField(_("nieuw"), default=0)
    updated = models.PositiveIntegerField(_("bijgewerkt"), default=0)
    unchanged = models.PositiveIntegerField(_("ongewijzigd"), default=0)
    #: HR asked to invite the file's employees with an e-mail address and no account yet.
    invite = models.BooleanField(_("werknemers uitnodigen"), default=False)
    invited = models.PositiveIntegerField(_("uitgenodigd"), default=0)
    created_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    started_at = models.DateTimeField(_("gestart op"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)

    class Meta:
        verbose_name = _("werknemersimport")
        verbose_name_plural = _("werknemersimports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.employer} {self.created_at:%d-%m-%Y %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("cases:employee_import_status", kwargs={"pk": self.pk})

    @property
    def is_finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)


# Registered in this app through this import (the model lives in its own module).
from .invitation_model import Invitation, InvitationStatus  # noqa: E402, F401


class WriteStamp(models.Model):
    """One write statement on a table whose counts are cached (see :mod:`cases.write_stamps`)."""

    id = models.BigAutoField(primary_key=True)

    class Meta:
        verbose_name = _("schrijfstempel")
        verbose_name_plural = _("schrijfstempels")

    def __str__(self) -> str:
        return str(self.id)
