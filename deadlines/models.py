"""Deadlines per case, their history, UWV-stated dates, reminders, notifications and feeds.

The dates come from the pure engine in :mod:`deadlines.poortwachter`; these models only store
its result per case so that lists, reminders and calendars can query it.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cases.row_text import choice_labels
from cases.write_stamps import write_stamp_trigger
from deadlines.poortwachter import MILESTONE_KEYS
from deadlines.rules.safety_net import SAFETY_NET_KEYS
from deadlines.rules.second_track import SECOND_TRACK_KEYS


class DeadlineKind(models.TextChoices):
    """The timeline's milestones (``MILESTONE_KEYS``) and the second track's, with Dutch labels."""

    PROBLEM_ANALYSIS = "problem_analysis", _("Probleemanalyse")
    ACTION_PLAN = "action_plan", _("Plan van aanpak")
    NEXT_PROGRESS_REVIEW = "next_progress_review", _("Voortgangsgesprek / evaluatie")
    UWV_SICKNESS_REPORT = "uwv_sickness_report", _("42-weken-melding UWV")
    FIRST_YEAR_EVALUATION_WINDOW_START = (
        "first_year_evaluation_window_start",
        _("Start periode eerstejaarsevaluatie"),
    )
    FIRST_YEAR_EVALUATION = "first_year_evaluation", _("Eerstejaarsevaluatie")
    SECOND_TRACK_LATEST = "second_track_latest", _("Uiterste start tweede spoor")
    REINTEGRATION_REPORT = "reintegration_report", _("Re-integratieverslag")
    WIA_APPLICATION = "wia_application", _("WIA-aanvraag")
    WAITING_PERIOD_END = "waiting_period_end", _("Einde wachttijd")
    WAGE_PAYMENT_END = "wage_payment_end", _("Einde loondoorbetaling")
    SECOND_TRACK_REPORT = "second_track_report", _("Voortgangsrapportage tweede spoor")
    SECOND_TRACK_REDECISION = (
        "second_track_redecision",
        _("Opnieuw beslissen over tweede spoor (uitzicht op terugkeer verlopen)"),
    )
    UWV_SAFETY_NET_REPORT = "uwv_safety_net_report", _("Vangnetmelding UWV (Ziektewet)")
    UWV_SAFETY_NET_REPORT_LATEST = (
        "uwv_safety_net_report_latest",
        _("Uiterste vangnetmelding UWV (orgaandonatie)"),
    )
    UWV_END_OF_EMPLOYMENT_REPORT = (
        "uwv_end_of_employment_report",
        _("Ziekmelding UWV bij einde dienstverband"),
    )


#: Every stored deadline kind, in timeline order.
DEADLINE_KEYS = (*MILESTONE_KEYS, *SECOND_TRACK_KEYS, *SAFETY_NET_KEYS)

assert tuple(DeadlineKind.values) == DEADLINE_KEYS, "DeadlineKind must follow DEADLINE_KEYS"


class ResponsibleRole(models.TextChoices):
    HR = "hr", _("Werkgever / casemanager")
    OCCUPATIONAL_PHYSICIAN = "occupational_physician", _("Bedrijfsarts")
    EMPLOYEE = "employee", _("Werknemer")
    REINTEGRATION_SPECIALIST = (
        "reintegration_specialist",
        _("Re-integratiebureau / arbeidsdeskundige"),
    )


K = DeadlineKind

#: Who must act for each milestone (reference §1 "Who"); the werkgever monitors them all.
KIND_ROLES: dict[str, str] = {
    K.PROBLEM_ANALYSIS: ResponsibleRole.OCCUPATIONAL_PHYSICIAN,
    K.ACTION_PLAN: ResponsibleRole.HR,
    K.NEXT_PROGRESS_REVIEW: ResponsibleRole.HR,
    K.UWV_SICKNESS_REPORT: ResponsibleRole.HR,
    K.FIRST_YEAR_EVALUATION_WINDOW_START: ResponsibleRole.HR,
    K.FIRST_YEAR_EVALUATION: ResponsibleRole.HR,
    K.SECOND_TRACK_LATEST: ResponsibleRole.HR,
    K.REINTEGRATION_REPORT: ResponsibleRole.HR,
    K.WIA_APPLICATION: ResponsibleRole.EMPLOYEE,
    K.WAITING_PERIOD_END: ResponsibleRole.HR,
    K.WAGE_PAYMENT_END: ResponsibleRole.HR,
    K.SECOND_TRACK_REPORT: ResponsibleRole.REINTEGRATION_SPECIALIST,
    K.SECOND_TRACK_REDECISION: ResponsibleRole.HR,
    K.UWV_SAFETY_NET_REPORT: ResponsibleRole.HR,
    K.UWV_SAFETY_NET_REPORT_LATEST: ResponsibleRole.HR,
    K.UWV_END_OF_EMPLOYMENT_REPORT: ResponsibleRole.HR,
}

#: Dates to know, not steps to take: no reminders, never overdue.
INFORMATIONAL_KINDS = frozenset(
    {K.FIRST_YEAR_EVALUATION_WINDOW_START, K.WAITING_PERIOD_END, K.WAGE_PAYMENT_END}
)

#: Steps without a dossier record; HR marks them done by hand with a note. (The tweede spoor
#: is done by recording its herplaatsingsopdracht; it stays manual for a trajectory that was
#: started outside the app.)
MANUAL_KINDS = frozenset(
    {
        K.UWV_SICKNESS_REPORT,
        K.SECOND_TRACK_LATEST,
        K.REINTEGRATION_REPORT,
        K.WIA_APPLICATION,
        K.UWV_SAFETY_NET_REPORT,
        K.UWV_SAFETY_NET_REPORT_LATEST,
        K.UWV_END_OF_EMPLOYMENT_REPORT,
    }
)

#: Deadlines that only exist for some cases (a vangnet situation, employment ending while
#: sick); without a date they are left out of lists such as the RIV's.
CONDITIONAL_KINDS = frozenset(SAFETY_NET_KEYS)

#: Milestones that UWV states in a letter or decision (reference §6, §7.9, §7.13).
UWV_KEYS = (K.WIA_APPLICATION, K.REINTEGRATION_REPORT, K.WAITING_PERIOD_END, K.WAGE_PAYMENT_END)


class DeadlineStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Afgerond")
    OVERDUE = "overdue", _("Te laat")
    NOT_APPLICABLE = "not_applicable", _("Niet van toepassing")


class Deadline(models.Model):
    """One milestone of one case with its current due date and status."""

    # No index of its own: the unique (case, kind) index below serves every read by case, and
    # one index fewer to write makes the nightly recompute from scratch faster.
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="deadlines",
        verbose_name=_("dossier"),
        db_index=False,
    )
    kind = models.CharField(_("stap"), max_length=40, choices=DeadlineKind.choices)
    due_date = models.DateField(_("uiterste datum"), null=True, blank=True)
    computed_date = models.DateField(_("berekende datum"), null=True, blank=True)
    overridden = models.BooleanField(_("datum door UWV vastgesteld"), default=False)
    rule = models.CharField(_("regel"), max_length=20, blank=True)
    source = models.TextField(_("bron"), blank=True)
    responsible_role = models.CharField(
        _("verantwoordelijk"), max_length=32, choices=ResponsibleRole.choices
    )
    status = models.CharField(
        _("status"), max_length=16, choices=DeadlineStatus.choices, default=DeadlineStatus.OPEN
    )
    status_reason = models.CharField(_("toelichting status"), max_length=200, blank=True)
    completed_on = models.DateField(_("afgerond op"), null=True, blank=True)
    completed_note = models.TextField(_("notitie bij afronden"), blank=True)
    completed_manually = models.BooleanField(_("handmatig afgerond"), default=False)
    # Indexed only where set (see Meta.indexes): almost every deadline is computed, not
    # completed by hand, and every index costs the nightly recompute a write per row.
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afgerond door"),
        db_index=False,
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["due_date", "pk"]
        triggers = [write_stamp_trigger("deadlines_deadline")]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "kind"],
                name="deadline_unique_case_kind",
                violation_error_message=_("Dit verzuimdossier heeft deze deadline al."),
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | Q(completed_on__isnull=False),
                name="deadline_done_has_date",
                violation_error_message=_("Vul de datum van afronding in."),
            ),
        ]
        # Every read by case goes through the unique (case, kind) index. Each further index
        # costs the recompute a write per deadline (sixteen per case from scratch), so only
        # those that a page's or a job's plan uses are kept.
        indexes = [
            # The deadlines page: open and overdue deadlines in due-date order, read a page at
            # a time; the tweede-spoor overview: one kind's open deadlines up to a date; the
            # nightly refresh of the open deadlines past due.
            models.Index(
                fields=["due_date", "id"],
                condition=models.Q(status__in=["open", "overdue"]),
                name="deadline_actionable_due",
            ),
            # The tweede-spoor overview: the latest-start deadlines in date order, a page at a
            # time (one deadline in sixteen: only those are indexed).
            models.Index(
                fields=["due_date", "case"],
                condition=models.Q(kind="second_track_latest"),
                name="deadline_latest_start_due",
            ),
            # Who completed a deadline by hand (a user's deletion is checked against it).
            models.Index(
                fields=["completed_by"],
                condition=models.Q(completed_by__isnull=False),
                name="deadline_completed_by",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.due_date or '—'}"

    # What Django's generated methods return, from one dict per language (`choice_labels`):
    # theirs translate every label of the field on each call.
    def get_kind_display(self) -> str:
        return choice_labels(DeadlineKind).get(self.kind, self.kind)

    def get_status_display(self) -> str:
        return choice_labels(DeadlineStatus).get(self.status, self.status)

    def get_responsible_role_display(self) -> str:
        return choice_labels(ResponsibleRole).get(self.responsible_role, self.responsible_role)

    @property
    def is_actionable(self) -> bool:
        return self.status in (DeadlineStatus.OPEN, DeadlineStatus.OVERDUE)


class DeadlineChange(models.Model):
    """A move of a deadline's due date, with the reason (a fact change or a UWV letter)."""

    deadline = models.ForeignKey(
        Deadline, on_delete=models.PROTECT, related_name="changes", verbose_name=_("deadline")
    )
    old_due = models.DateField(_("oude datum"), null=True, blank=True)
    new_due = models.DateField(_("nieuwe datum"), null=True, blank=True)
    reason = models.CharField(_("reden"), max_length=200)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    at = models.DateTimeField(_("op"), auto_now_add=True)

    class Meta:
        verbose_name = _("wijziging deadline")
        verbose_name_plural = _("wijzigingen deadlines")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.deadline}: {self.old_due} → {self.new_due} ({self.reason})"


class UwvStatedDate(models.Model):
    """A date stated by UWV in a letter or decision; the latest one overrides the computation."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="uwv_dates", verbose_name=_("dossier")
    )
    key = models.CharField(_("stap"), max_length=40, choices=DeadlineKind.choices)
    date = models.DateField(_("datum volgens UWV"))
    letter_date = models.DateField(_("datum brief UWV"))
    note = models.TextField(_("toelichting"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("door UWV vastgestelde datum")
        verbose_name_plural = _("door UWV vastgestelde datums")
        ordering = ["case", "key", "letter_date", "recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_key_display()}: {self.date} (brief {self.letter_date})"


class ReminderKind(models.TextChoices):
    BEFORE_14 = "before_14", _("14 dagen vooraf")
    BEFORE_3 = "before_3", _("3 dagen vooraf")
    DUE = "due", _("Op de uiterste datum")
    OVERDUE = "overdue", _("Te laat")


class ReminderStatus(models.TextChoices):
    PENDING = "pending", _("Wacht")
    CLAIMED = "claimed", _("In behandeling")
    SENT = "sent", _("Verzonden")
    CANCELLED = "cancelled", _("Vervallen")
    FAILED = "failed", _("Mislukt")


class ReminderChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    DIGEST = "digest", _("Dagelijks overzicht")


class DailyDigest(models.Model):
    """The one digest e-mail of one user on one day (claimed and sent exactly once)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="deadline_digests",
        verbose_name=_("ontvanger"),
    )
    day = models.DateField(_("dag"))
    status = models.CharField(
        _("status"), max_length=16, choices=ReminderStatus.choices, default=ReminderStatus.PENDING
    )
    claimed_at = models.DateTimeField(_("geclaimd op"), null=True, blank=True)
    sent_at = models.DateTimeField(_("verzonden op"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("pogingen"), default=0)
    next_attempt_at = models.DateTimeField(_("volgende poging op"), null=True, blank=True)
    last_error = models.CharField(_("laatste fout"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("dagelijks overzicht")
        verbose_name_plural = _("dagelijkse overzichten")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "day"],
                name="digest_unique_recipient_day",
                violation_error_message=_(
                    "Voor deze ontvanger is voor deze dag al een dagoverzicht gemaakt."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.recipient} {self.day}"


class Reminder(models.Model):
    """One reminder moment of one deadline for one recipient; sent exactly once.

    ``due_date`` is the due date it reminds about: when the deadline moves, the moments of the
    new date are new reminders, and pending ones for the old date are cancelled.
    """

    # No index of its own: the unique key `reminder_exactly_once` starts with the deadline.
    deadline = models.ForeignKey(
        Deadline,
        on_delete=models.PROTECT,
        related_name="reminders",
        verbose_name=_("deadline"),
        db_index=False,
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="deadline_reminders",
        verbose_name=_("ontvanger"),
    )
    kind = models.CharField(_("soort"), max_length=16, choices=ReminderKind.choices)
    sequence = models.PositiveIntegerField(_("volgnummer"), default=0)
    due_date = models.DateField(_("uiterste datum"))
    scheduled_for = models.DateField(_("gepland op"))
    channel = models.CharField(
        _("kanaal"), max_length=16, choices=ReminderChannel.choices, default=ReminderChannel.EMAIL
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ReminderStatus.choices, default=ReminderStatus.PENDING
    )
    claimed_at = models.DateTimeField(_("geclaimd op"), null=True, blank=True)
    sent_at = models.DateTimeField(_("verzonden op"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("pogingen"), default=0)
    next_attempt_at = models.DateTimeField(_("volgende poging op"), null=True, blank=True)
    last_error = models.CharField(_("laatste fout"), max_length=500, blank=True)
    notified_at = models.DateTimeField(_("in-app melding gemaakt op"), null=True, blank=True)
    # Indexed only where set (see Meta.indexes): the reminder planning inserts thousands of
    # rows a night, none with a digest yet.
    digest = models.ForeignKey(
        DailyDigest,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reminders",
        verbose_name=_("dagelijks overzicht"),
        db_index=False,
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("herinnering")
        verbose_name_plural = _("herinneringen")
        triggers = [write_stamp_trigger("deadlines_reminder")]
        constraints = [
            models.UniqueConstraint(
                fields=["deadline", "recipient", "kind", "sequence", "due_date"],
                name="reminder_exactly_once",
                violation_error_message=_("Deze herinnering is al ingepland."),
            )
        ]
        indexes = [
            models.Index(fields=["status", "claimed_at"], name="reminder_status_claimed"),
            models.Index(
                fields=["digest"],
                condition=models.Q(digest__isnull=False),
                name="reminder_digest",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.deadline} → {self.recipient} ({self.kind} {self.sequence})"


class Notification(models.Model):
    """An in-app message for one user (a reminder, or a deadline that moved)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("gebruiker"),
    )
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dossier"),
    )
    deadline = models.ForeignKey(
        Deadline,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("deadline"),
    )
    text = models.CharField(_("tekst"), max_length=500)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    read_at = models.DateTimeField(_("gelezen op"), null=True, blank=True)

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_user_read")]

    def __str__(self) -> str:
        return self.text


def new_feed_token() -> str:
    """Return a fresh, unguessable calendar-feed secret."""
    return secrets.token_urlsafe(32)


class CalendarFeedToken(models.Model):
    """The secret in a user's iCalendar feed URL; revoked tokens give 404."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed_token",
        verbose_name=_("gebruiker"),
    )
    token = models.CharField(
        _("geheime sleutel"), max_length=64, unique=True, default=new_feed_token
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        verbose_name = _("agenda-abonnement")
        verbose_name_plural = _("agenda-abonnementen")

    def __str__(self) -> str:
        return f"{self.user}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
