"""Tweede spoor (second track): re-integration with another employer (domain reference §3.10).

The records, in the order a trajectory runs:

- `LabourExpertStudy`: the arbeidsdeskundig onderzoek, with a conclusion per track;
- `SecondTrackDecision`: the employer's decision to start a second track (resting on the
  statement that spoor 1 is not, or not likely, possible) or not to start one, with the reason;
- `SecondTrack`: the trajectory itself: the herplaatsingsopdracht, the bureau or in-house route,
  the employee's agreement or own proposal and the employer's answer, budget and contract;
- `SecondTrackProfile`: persoonsprofiel and zoekprofiel, one row per version (never edited);
- `SecondTrackActivity`: applications, coaching, training, placements… (employee or specialist);
- `SecondTrackReport`: the bureau's progress reports, due at the trajectory's fixed rhythm;
- `SecondTrackComment`: remarks by the employee (or others) on the trajectory.

Nothing here is medical: the functional possibilities come from the belastbaarheid (FML).
Nothing is hard-deleted: records are withdrawn (activities) or superseded (decisions, profiles).
"""

from __future__ import annotations

from datetime import date, timedelta

import pghistory
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from cases.write_stamps import write_stamp_trigger

#: Less fitting work also counts as passend after about six months of illness (§3.10).
WIDER_SUITABLE_WORK_AFTER = timedelta(days=183)

#: The default rhythm of the bureau's progress reports (§3.10: "regular, e.g. monthly").
DEFAULT_REPORT_INTERVAL_WEEKS = 4


class TrackConclusion(models.TextChoices):
    POSSIBLE = "possible", _("Mogelijk")
    POSSIBLE_WITH_ADJUSTMENTS = "possible_with_adjustments", _("Mogelijk met aanpassingen")
    NOT_LIKELY = "not_likely", _("Niet waarschijnlijk")
    NOT_POSSIBLE = "not_possible", _("Niet mogelijk")
    NOT_ASSESSED = "not_assessed", _("Nog niet te beoordelen")


class SecondTrackAdvice(models.TextChoices):
    INDICATED = "indicated", _("Tweede spoor geïndiceerd")
    NOT_INDICATED = "not_indicated", _("Tweede spoor (nog) niet geïndiceerd")


@pghistory.track()
class LabourExpertStudy(models.Model):
    """Het arbeidsdeskundig onderzoek: spoor 1 re-assessed and the feasibility of spoor 2."""

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="labour_expert_studies",
        verbose_name=_("verzuimdossier"),
    )
    held_on = models.DateField(_("datum onderzoek"))
    expert_name = models.CharField(_("arbeidsdeskundige"), max_length=200)
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    own_work = models.CharField(
        _("spoor 1: eigen werk"), max_length=32, choices=TrackConclusion.choices
    )
    other_work_own_employer = models.CharField(
        _("spoor 1: ander werk bij de eigen werkgever"),
        max_length=32,
        choices=TrackConclusion.choices,
    )
    second_track = models.CharField(
        _("spoor 2: werk bij een andere werkgever"),
        max_length=32,
        choices=SecondTrackAdvice.choices,
    )
    conclusion = models.TextField(_("conclusie en advies"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("arbeidsdeskundig onderzoek")
        verbose_name_plural = _("arbeidsdeskundige onderzoeken")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{_('Arbeidsdeskundig onderzoek')} {self.held_on:%d-%m-%Y}"


class DecisionKind(models.TextChoices):
    START = "start", _("Tweede spoor starten")
    NOT_START = "not_start", _("Geen tweede spoor")


class StatementBy(models.TextChoices):
    OCCUPATIONAL_PHYSICIAN = "occupational_physician", _("Bedrijfsarts")
    LABOUR_EXPERT = "labour_expert", _("Arbeidsdeskundige")


class NotStartReason(models.TextChoices):
    RETURN_WITHIN_3_MONTHS = (
        "return_within_3_months",
        _("Concreet uitzicht op structurele terugkeer in de eigen organisatie binnen 3 maanden"),
    )
    NO_WORK_CAPACITY = (
        "no_work_capacity",
        _("Blijvend geen of slechts marginale benutbare mogelijkheden (bedrijfsarts)"),
    )
    AOW_WITHIN_1_YEAR = (
        "aow_within_1_year",
        _("AOW-leeftijd binnen een jaar na de wachttijd, en werkgever en werknemer zijn het eens"),
    )
    FULL_RETURN = "full_return", _("Volledige terugkeer in eigen of ander passend werk bereikt")
    OTHER = "other", _("Andere reden")


#: The Werkwijzer Poortwachter's grounds for not starting the tweede spoor (the toets's names);
#: any other reason counts as "other", which UWV does not accept.
WERKWIJZER_GROUNDS: dict[str, str] = {
    NotStartReason.RETURN_WITHIN_3_MONTHS: "return_within_3_months",
    NotStartReason.NO_WORK_CAPACITY: "marginal_possibilities",
    NotStartReason.AOW_WITHIN_1_YEAR: "aow_within_1_year",
}


@pghistory.track()
class SecondTrackDecision(models.Model):
    """The employer's decision on the second track; the latest decision of a case counts.

    Starting rests on a statement by the bedrijfsarts or arbeidsdeskundige that re-integration
    in the own company is not (or not likely) possible. Not starting requires a reason, which
    goes into the re-integratieverslag.
    """

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="second_track_decisions",
        verbose_name=_("verzuimdossier"),
    )
    kind = models.CharField(_("besluit"), max_length=16, choices=DecisionKind.choices)
    decided_on = models.DateField(_("datum besluit"))
    statement_by = models.CharField(
        _("verklaring spoor 1 niet (waarschijnlijk) mogelijk door"),
        max_length=32,
        choices=StatementBy.choices,
        blank=True,
    )
    statement_date = models.DateField(_("datum verklaring"), null=True, blank=True)
    statement_summary = models.TextField(_("inhoud verklaring"), blank=True)
    study = models.ForeignKey(
        LabourExpertStudy,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("arbeidsdeskundig onderzoek"),
    )
    not_start_reason = models.CharField(
        _("reden geen tweede spoor"), max_length=32, choices=NotStartReason.choices, blank=True
    )
    reason_text = models.TextField(_("toelichting"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("besluit tweede spoor")
        verbose_name_plural = _("besluiten tweede spoor")
        triggers = [write_stamp_trigger("second_track_secondtrackdecision")]
        ordering = ["-decided_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="start", statement_date__isnull=False) & ~Q(statement_by="")
                | Q(kind="not_start") & ~Q(not_start_reason="") & ~Q(reason_text=""),
                name="second_track_decision_complete",
                violation_error_message=_(
                    "Een besluit om te starten vraagt de datum en de opsteller van de verklaring; "
                    "een besluit om niet te starten vraagt een reden en een toelichting."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.decided_on:%d-%m-%Y}"


class Route(models.TextChoices):
    BUREAU = "bureau", _("Re-integratiebureau")
    IN_HOUSE = "in_house", _("Eigen organisatie (interne begeleiding)")


class EmployeeChoice(models.TextChoices):
    PENDING = "pending", _("Nog niet gereageerd")
    AGREED = "agreed", _("Akkoord met het gekozen bureau")
    OWN_PROPOSAL = "own_proposal", _("Stelt zelf een ander bureau voor")


class ProposalAnswer(models.TextChoices):
    NONE = "", _("Nog niet beantwoord")
    ACCEPTED = "accepted", _("Voorstel werknemer overgenomen")
    DECLINED = "declined", _("Voorstel werknemer afgewezen (met motivering)")


class TrackStatus(models.TextChoices):
    ACTIVE = "active", _("Lopend")
    ENDED = "ended", _("Beëindigd")


class TrackOutcome(models.TextChoices):
    NONE = "", _("Nog geen uitkomst")
    NEW_CONTRACT = "new_contract", _("Nieuw dienstverband bij andere werkgever")
    PLACEMENT_CONTRACT = "placement_contract", _("Detachering omgezet in dienstverband")
    RETURN_OWN_EMPLOYER = "return_own_employer", _("Terugkeer bij eigen werkgever (spoor 1)")
    ENDED_NO_RESULT = "ended_no_result", _("Beëindigd zonder plaatsing")
    ENDED_OTHER = "ended_other", _("Beëindigd om een andere reden")


@pghistory.track()
class SecondTrack(models.Model):
    """One second-track trajectory: the herplaatsingsopdracht and how it is carried out."""

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="second_tracks",
        verbose_name=_("verzuimdossier"),
    )
    decision = models.ForeignKey(
        SecondTrackDecision,
        on_delete=models.PROTECT,
        related_name="tracks",
        verbose_name=_("besluit"),
    )
    assignment_date = models.DateField(_("datum herplaatsingsopdracht"))
    route = models.CharField(_("uitvoering"), max_length=16, choices=Route.choices)
    bureau_name = models.CharField(_("re-integratiebureau"), max_length=200, blank=True)
    bureau_contact = models.CharField(_("contactpersoon bureau"), max_length=200, blank=True)
    specialist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("loopbaancoach / arbeidsdeskundige in de app"),
    )
    employee_choice = models.CharField(
        _("keuze werknemer"),
        max_length=16,
        choices=EmployeeChoice.choices,
        default=EmployeeChoice.PENDING,
    )
    employee_choice_at = models.DateTimeField(_("keuze vastgelegd op"), null=True, blank=True)
    employee_proposed_bureau = models.CharField(
        _("door werknemer voorgesteld bureau"), max_length=200, blank=True
    )
    employee_proposal_reason = models.TextField(_("motivering werknemer"), blank=True)
    proposal_answer = models.CharField(
        _("antwoord werkgever"), max_length=16, choices=ProposalAnswer.choices, blank=True
    )
    proposal_answer_text = models.TextField(_("motivering antwoord werkgever"), blank=True)
    proposal_answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    plan_versions = models.ManyToManyField(
        "dossier.ActionPlanVersion",
        blank=True,
        related_name="+",
        verbose_name=_("bijgestelde plan-van-aanpakversies"),
    )
    budget = models.DecimalField(
        _("budget (€)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    contract_start = models.DateField(_("contract vanaf"), null=True, blank=True)
    contract_end = models.DateField(_("contract tot"), null=True, blank=True)
    started_on = models.DateField(_("start traject (intake)"), null=True, blank=True)
    report_interval_weeks = models.PositiveSmallIntegerField(
        _("voortgangsrapportage elke … weken"),
        default=DEFAULT_REPORT_INTERVAL_WEEKS,
        validators=[MinValueValidator(1), MaxValueValidator(13)],
    )
    status = models.CharField(
        _("status"), max_length=16, choices=TrackStatus.choices, default=TrackStatus.ACTIVE
    )
    outcome = models.CharField(
        _("uitkomst"), max_length=32, choices=TrackOutcome.choices, blank=True
    )
    outcome_on = models.DateField(_("datum uitkomst"), null=True, blank=True)
    outcome_text = models.TextField(_("toelichting uitkomst"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("tweedespoortraject")
        verbose_name_plural = _("tweedespoortrajecten")
        triggers = [write_stamp_trigger("second_track_secondtrack")]
        ordering = ["-assignment_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(contract_end__isnull=True)
                | Q(contract_start__isnull=True)
                | Q(contract_end__gte=F("contract_start")),
                name="second_track_contract_order",
                violation_error_message=_("Het einde van het contract ligt vóór het begin."),
            ),
            models.CheckConstraint(
                condition=Q(status="active", outcome="")
                | Q(status="ended", outcome_on__isnull=False) & ~Q(outcome=""),
                name="second_track_outcome_when_ended",
                violation_error_message=_(
                    "Een beëindigd traject vraagt een uitkomst met datum; een lopend traject "
                    "heeft nog geen uitkomst."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Tweede spoor')} {self.assignment_date:%d-%m-%Y}"

    @property
    def start_date(self) -> date:
        """The day the second track counts as started: the herplaatsingsopdracht."""
        return self.assignment_date

    @property
    def is_active(self) -> bool:
        return self.status == TrackStatus.ACTIVE

    @property
    def provider(self) -> str:
        """Who carries out the trajectory, for lists and the dossier."""
        if self.route == Route.IN_HOUSE:
            return str(Route.IN_HOUSE.label)
        return self.bureau_name


@pghistory.track()
class SecondTrackProfile(models.Model):
    """Persoonsprofiel and zoekprofiel; each change is a new row, the newest counts."""

    track = models.ForeignKey(
        SecondTrack, on_delete=models.PROTECT, related_name="profiles", verbose_name=_("traject")
    )
    number = models.PositiveIntegerField(_("versie"))
    # Persoonsprofiel
    education = models.TextField(_("opleiding"))
    work_experience = models.TextField(_("werkervaring"))
    skills = models.TextField(_("vaardigheden en competenties"))
    functional_possibilities = models.TextField(
        _("functionele mogelijkheden (uit de belastbaarheid)"),
        help_text=_("Alleen mogelijkheden en beperkingen in termen van werk, geen medische info."),
    )
    capacity_assessment = models.ForeignKey(
        "dossier.WorkCapacityAssessment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gebaseerd op belastbaarheid"),
    )
    # Zoekprofiel
    target_functions = models.TextField(_("functies waarop gezocht wordt"))
    target_sectors = models.TextField(_("branches / sectoren"))
    hours_per_week = models.PositiveSmallIntegerField(
        _("uren per week"), validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    max_travel_minutes = models.PositiveSmallIntegerField(
        _("maximale reistijd enkele reis (minuten)"),
        validators=[MinValueValidator(0), MaxValueValidator(240)],
    )
    wage_level = models.CharField(_("loonniveau"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("persoons- en zoekprofiel")
        verbose_name_plural = _("persoons- en zoekprofielen")
        ordering = ["track", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["track", "number"],
                name="second_track_profile_unique",
                violation_error_message=_(
                    "Dit traject heeft al een zoekprofiel met dit nummer. Probeer het nog eens."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{_('Profiel')} v{self.number}"


class ActivityKind(models.TextChoices):
    APPLICATION = "application", _("Sollicitatie")
    COACHING = "coaching", _("Coachingsgesprek")
    TRAINING = "training", _("Training / cursus / scholing")
    ASSESSMENT = "assessment", _("Assessment / test")
    JOB_SEARCH = "job_search", _("Sollicitatiebegeleiding / vacatures zoeken")
    WORK_TRIAL = "work_trial", _("Werkervaringsplaats / proefplaatsing")
    SECONDMENT = "secondment", _("Detachering")
    OTHER = "other", _("Overig")


#: Activity kinds that are a placement with a receiving employer and a period.
PLACEMENT_KINDS = frozenset({ActivityKind.WORK_TRIAL, ActivityKind.SECONDMENT})


class ApplicationOutcome(models.TextChoices):
    NONE = "", _("—")
    PENDING = "pending", _("Nog geen reactie")
    INVITED = "invited", _("Uitgenodigd voor gesprek")
    REJECTED = "rejected", _("Afgewezen")
    OFFER = "offer", _("Aanbod / aangenomen")
    WITHDRAWN = "withdrawn", _("Zelf teruggetrokken")


@pghistory.track()
class SecondTrackActivity(models.Model):
    """One step in the search for work: logged by the specialist, HR or the employee."""

    track = models.ForeignKey(
        SecondTrack,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("traject"),
    )
    kind = models.CharField(_("soort"), max_length=16, choices=ActivityKind.choices)
    held_on = models.DateField(_("datum"))
    description = models.TextField(_("omschrijving"))
    # Applications
    employer_name = models.CharField(_("werkgever / organisatie"), max_length=200, blank=True)
    vacancy = models.CharField(_("vacature / functie"), max_length=200, blank=True)
    application_outcome = models.CharField(
        _("resultaat sollicitatie"), max_length=16, choices=ApplicationOutcome.choices, blank=True
    )
    # Detachering / proefplaatsing (employer_name is the receiving employer)
    placement_start = models.DateField(_("plaatsing vanaf"), null=True, blank=True)
    placement_end = models.DateField(_("plaatsing tot"), null=True, blank=True)
    placement_evaluation = models.TextField(_("evaluatie plaatsing"), blank=True)
    by_employee = models.BooleanField(_("door werknemer toegevoegd"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    withdrawal_reason = models.CharField(_("reden intrekken"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("activiteit tweede spoor")
        verbose_name_plural = _("activiteiten tweede spoor")
        triggers = [write_stamp_trigger("second_track_secondtrackactivity")]
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(placement_end__isnull=True)
                | Q(placement_start__isnull=True)
                | Q(placement_end__gte=F("placement_start")),
                name="second_track_placement_order",
                violation_error_message=_("Het einde van de plaatsing ligt vóór het begin."),
            )
        ]
        indexes = [models.Index(fields=["track", "held_on"], name="st_activity_track_date")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on:%d-%m-%Y}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def is_placement(self) -> bool:
        return self.kind in PLACEMENT_KINDS


@pghistory.track()
class SecondTrackReport(models.Model):
    """A progress report of the bureau (or in-house coach): structured text and/or an upload."""

    track = models.ForeignKey(
        SecondTrack, on_delete=models.PROTECT, related_name="reports", verbose_name=_("traject")
    )
    report_date = models.DateField(_("datum rapportage"))
    period_start = models.DateField(_("periode vanaf"))
    period_end = models.DateField(_("periode tot en met"))
    progress = models.TextField(_("voortgang en resultaten"))
    next_steps = models.TextField(_("vervolgstappen"))
    employee_cooperation = models.TextField(_("inzet en medewerking werknemer"), blank=True)
    document = models.ForeignKey(
        "dossier.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("geüploade rapportage"),
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("voortgangsrapportage tweede spoor")
        verbose_name_plural = _("voortgangsrapportages tweede spoor")
        triggers = [write_stamp_trigger("second_track_secondtrackreport")]
        ordering = ["-report_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="second_track_report_period_order",
                violation_error_message=_(
                    "Het einde van de rapportageperiode ligt vóór het begin."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{_('Voortgangsrapportage')} {self.report_date:%d-%m-%Y}"


class SecondTrackComment(models.Model):
    """A remark on the trajectory, mostly by the employee; append-only."""

    track = models.ForeignKey(
        SecondTrack, on_delete=models.PROTECT, related_name="comments", verbose_name=_("traject")
    )
    text = models.TextField(_("opmerking"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("geplaatst op"), auto_now_add=True)

    class Meta:
        verbose_name = _("opmerking tweede spoor")
        verbose_name_plural = _("opmerkingen tweede spoor")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:50]
