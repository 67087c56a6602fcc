"""Writes of the deadlines app: recompute a case's deadlines, UWV dates, manual completion.

Reminder sending lives in :mod:`deadlines.sending` and is re-exported here.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Case, CaseStatus
from deadlines.fact_readers import facts_read
from deadlines.models import (
    INFORMATIONAL_KINDS,
    KIND_ROLES,
    MANUAL_KINDS,
    UWV_KEYS,
    CalendarFeedToken,
    Deadline,
    DeadlineChange,
    DeadlineKind,
    DeadlineStatus,
    Notification,
    UwvStatedDate,
    new_feed_token,
)
from deadlines.poortwachter import CaseFacts, InvalidFacts, Milestone, compute_timeline
from deadlines.rules.safety_net import safety_net_milestones
from deadlines.rules.second_track import SecondTrackFacts, second_track_milestones
from deadlines.sending import digests_send, reminders_plan, reminders_send
from deadlines.stored_facts import (
    case_facts,
    safety_net_facts,
    second_track_facts,
    stored_facts_read,
)

if TYPE_CHECKING:
    from accounts.models import User

__all__ = [
    "INFORMATIONAL_KINDS",
    "KIND_ROLES",
    "MANUAL_KINDS",
    "UWV_KEYS",
    "calendar_token_revoke",
    "calendar_token_rotate",
    "deadline_complete",
    "deadlines_recompute",
    "deadlines_recompute_all",
    "digests_send",
    "notification_mark_read",
    "reminders_plan",
    "reminders_send",
    "uwv_date_record",
]

logger = logging.getLogger(__name__)

K = DeadlineKind

_SYNCED_FIELDS = [
    "due_date",
    "computed_date",
    "overridden",
    "rule",
    "source",
    "responsible_role",
    "status",
    "status_reason",
    "completed_on",
]


def _fact_completion(kind: str, facts: CaseFacts, track: SecondTrackFacts) -> date | None:
    """Return the day the dossier shows ``kind`` was done, if it does."""
    if kind == K.SECOND_TRACK_LATEST:
        return track.started_on
    if kind == K.PROBLEM_ANALYSIS:
        return facts.problem_analysis_date
    if kind == K.ACTION_PLAN:
        return facts.action_plan_date
    if kind == K.FIRST_YEAR_EVALUATION:
        return facts.first_year_evaluation_date
    return None


def _status(
    deadline: Deadline,
    facts: CaseFacts,
    track: SecondTrackFacts,
    *,
    case_open: bool,
    today: date,
) -> tuple[str, str, date | None]:
    """Return (status, reason, completed_on) of ``deadline`` whose dates are already set."""
    kind, due = deadline.kind, deadline.due_date
    held = _fact_completion(kind, facts, track)
    if held is not None:
        return DeadlineStatus.DONE, _("Vastgelegd in het dossier"), held
    if deadline.completed_manually and deadline.completed_on:
        return DeadlineStatus.DONE, deadline.status_reason, deadline.completed_on
    if kind == K.SECOND_TRACK_LATEST and track.decision == "not_start":
        return (
            DeadlineStatus.NOT_APPLICABLE,
            _("Besloten geen tweede spoor te starten (reden in het dossier)"),
            None,
        )
    if due is None:
        if kind == K.SECOND_TRACK_REPORT:
            return DeadlineStatus.NOT_APPLICABLE, _("Geen lopend tweede spoor"), None
        if kind == K.SECOND_TRACK_REDECISION:
            return (
                DeadlineStatus.NOT_APPLICABLE,
                _("Alleen na een besluit 'geen tweede spoor: terugkeer binnen 3 maanden'"),
                None,
            )
        if kind == K.UWV_END_OF_EMPLOYMENT_REPORT:
            return (
                DeadlineStatus.NOT_APPLICABLE,
                _("Het dienstverband eindigt niet tijdens de ziekte"),
                None,
            )
        if kind in (K.UWV_SAFETY_NET_REPORT, K.UWV_SAFETY_NET_REPORT_LATEST):
            return DeadlineStatus.NOT_APPLICABLE, _("Geen vangnetsituatie vastgelegd"), None
        if kind == K.NEXT_PROGRESS_REVIEW:
            return (
                DeadlineStatus.NOT_APPLICABLE,
                _("Nog geen plan van aanpak of evaluatie vastgelegd"),
                None,
            )
        return DeadlineStatus.NOT_APPLICABLE, _("Geen datum"), None
    if not case_open:
        return DeadlineStatus.NOT_APPLICABLE, _("Dossier hersteld/gesloten"), None
    if kind in INFORMATIONAL_KINDS:
        if due < today:
            return DeadlineStatus.DONE, _("Datum bereikt (informatief)"), due
        return DeadlineStatus.OPEN, _("Informatief"), None
    if due < today:
        return DeadlineStatus.OVERDUE, "", None
    return DeadlineStatus.OPEN, "", None


@dataclass
class _Sync:
    create: list[Deadline] = field(default_factory=list)
    update: list[Deadline] = field(default_factory=list)
    changes: list[DeadlineChange] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)


def _sync_case(
    case: Case,
    facts: CaseFacts,
    track: SecondTrackFacts,
    existing: dict[str, Deadline],
    *,
    today: date,
    reason: str,
    actor: User | None,
    sync: _Sync,
) -> list[Deadline]:
    """Bring the deadlines of ``case`` in line with its timeline; collect the writes in ``sync``."""
    timeline = compute_timeline(facts)
    milestones = {
        **timeline.milestones,
        **second_track_milestones(track),
        **safety_net_milestones(safety_net_facts(case)),
    }
    case_open = case.status == CaseStatus.OPEN
    result = []
    for key, milestone in milestones.items():
        deadline = existing.get(key)
        is_new = deadline is None
        if deadline is None:
            deadline = Deadline(case=case, kind=key)
        before = [getattr(deadline, name) for name in _SYNCED_FIELDS]
        _apply_milestone(deadline, milestone)
        status, status_reason, completed_on = _status(
            deadline, facts, track, case_open=case_open, today=today
        )
        deadline.status, deadline.status_reason = status, status_reason[:200]
        deadline.completed_on = completed_on
        if status != DeadlineStatus.DONE:
            deadline.completed_manually = False
        if is_new:
            sync.create.append(deadline)
        elif before != [getattr(deadline, name) for name in _SYNCED_FIELDS]:
            sync.update.append(deadline)
            old_due = before[0]
            if old_due != deadline.due_date:
                sync.changes.append(
                    DeadlineChange(
                        deadline=deadline,
                        old_due=old_due,
                        new_due=deadline.due_date,
                        reason=_change_reason(key, old_due, deadline.due_date, facts, reason),
                        actor=actor,
                    )
                )
        result.append(deadline)
    _next_deadline_sync(case, result, sync)
    return result


def _change_reason(
    key: str, old_due: date | None, new_due: date | None, facts: CaseFacts, reason: str
) -> str:
    """Return why a due date moved; name the capped tweede-spoor rule when that moved it."""
    capped = (
        key == K.SECOND_TRACK_LATEST
        and facts.first_year_evaluation_date is not None
        and old_due is not None
        and new_due is not None
        and old_due > new_due
        and old_due == facts.first_year_evaluation_date + timedelta(days=42)
    )
    if capped:
        reason = _(
            "Regel aangepast: een te late eerstejaarsevaluatie schuift de uiterste start van het "
            "tweede spoor niet meer op (einde week 52 + 6 weken)"
        )
    return reason[:200]


def _next_deadline_sync(case: Case, deadlines: list[Deadline], sync: _Sync) -> None:
    """Keep `Case.next_deadline` equal to the earliest due date of its open deadlines."""
    actionable = (DeadlineStatus.OPEN, DeadlineStatus.OVERDUE)
    next_due = min(
        (d.due_date for d in deadlines if d.status in actionable and d.due_date is not None),
        default=None,
    )
    if case.next_deadline != next_due:
        case.next_deadline = next_due
        sync.cases.append(case)


def _apply_milestone(deadline: Deadline, milestone: Milestone) -> None:
    deadline.due_date = milestone.due
    deadline.computed_date = milestone.computed
    deadline.overridden = milestone.overridden
    deadline.rule = milestone.rule
    deadline.source = milestone.source
    deadline.responsible_role = KIND_ROLES[milestone.key]


def _write(sync: _Sync) -> None:
    if sync.create:
        Deadline.objects.bulk_create(sync.create, batch_size=1000)
    if sync.update:
        Deadline.objects.bulk_update(
            sync.update, [*_SYNCED_FIELDS, "completed_manually"], batch_size=1000
        )
    if sync.changes:
        DeadlineChange.objects.bulk_create(sync.changes, batch_size=1000)
    if sync.cases:
        Case.objects.bulk_update(sync.cases, ["next_deadline"], batch_size=1000)


def deadlines_recompute_on_commit(*, case: Case, reason: str, actor: User | None = None) -> None:
    """Recompute the case's deadlines once the current transaction has committed.

    Called for every :data:`cases.signals.case_facts_changed` (see `DeadlinesConfig.ready`).
    """
    transaction.on_commit(lambda: deadlines_recompute(case=case, reason=reason, actor=actor))


@transaction.atomic
def deadlines_recompute(*, case: Case, reason: str, actor: User | None = None) -> list[Deadline]:
    """Recompute the deadlines of ``case`` from its facts and return them in timeline order.

    Call on commit after every change of a fact (periods, dossier steps, UWV dates). Records a
    :class:`DeadlineChange` with ``reason`` for every due date that moves. Concurrent calls for
    one case are serialised by locking the case row.
    """
    locked = Case.objects.select_for_update().get(pk=case.pk)
    existing = {d.kind: d for d in Deadline.objects.filter(case=locked)}
    try:
        read = stored_facts_read(locked)
        facts = case_facts(locked, read)
        track = second_track_facts(locked, read)
    except InvalidFacts as exc:
        logger.warning("Deadlines of case %s not recomputed: %s", locked.pk, exc)
        return list(existing.values())
    sync = _Sync()
    result = _sync_case(
        locked,
        facts,
        track,
        existing,
        today=timezone.localdate(),
        reason=reason,
        actor=actor,
        sync=sync,
    )
    _write(sync)
    return result


CASE_PREFETCHES = ("sick_periods", "leave_periods", "uwv_dates", "deadlines")


def deadlines_recompute_all(*, reason: str = "", batch_size: int = 500) -> int:
    """Recompute the deadlines of every case, in batches; return the number of cases done.

    Each batch loads its cases with their periods, UWV dates, deadlines and dossier dates in
    a fixed number of queries and writes with bulk statements.
    """
    reason = reason or _("Dagelijkse herberekening")
    today = timezone.localdate()
    ids = list(Case.objects.order_by("pk").values_list("pk", flat=True))
    done = 0
    for start in range(0, len(ids), batch_size):
        chunk = ids[start : start + batch_size]
        with transaction.atomic():
            cases = list(Case.objects.filter(pk__in=chunk).prefetch_related(*CASE_PREFETCHES))
            read = facts_read(chunk)
            sync = _Sync()
            for case in cases:
                try:
                    facts = case_facts(case, read[case.pk])
                    track = second_track_facts(case, read[case.pk])
                except InvalidFacts as exc:
                    logger.warning("Deadlines of case %s not recomputed: %s", case.pk, exc)
                    continue
                existing = {d.kind: d for d in case.deadlines.all()}
                _sync_case(
                    case, facts, track, existing, today=today, reason=reason, actor=None, sync=sync
                )
                done += 1
            _write(sync)
    return done


def _require_hr(actor: User, case: Case) -> None:
    if not actor.has_perm("cases.change_case", case):
        raise PermissionDenied


@transaction.atomic
def uwv_date_record(
    *,
    case: Case,
    key: str,
    date: date,
    letter_date: date,
    note: str = "",
    actor: User,
) -> UwvStatedDate:
    """Store a date stated by UWV (it overrides the computed one) and recompute the case."""
    _require_hr(actor, case)
    if key not in UWV_KEYS:
        raise ValidationError({"key": _("UWV stelt deze datum niet vast.")})
    if letter_date > timezone.localdate():
        raise ValidationError({"letter_date": _("De datum van de brief ligt in de toekomst.")})
    stated = UwvStatedDate(
        case=case, key=key, date=date, letter_date=letter_date, note=note, recorded_by=actor
    )
    stated.full_clean()
    stated.save()
    label = DeadlineKind(key).label
    reason = _("Datum volgens UWV-brief van %(letter)s: %(label)s") % {
        "letter": letter_date.strftime("%d-%m-%Y"),
        "label": label,
    }
    deadlines_recompute(case=case, reason=reason, actor=actor)
    return stated


@transaction.atomic
def deadline_complete(
    *, deadline: Deadline, completed_on: date, note: str, actor: User
) -> Deadline:
    """Mark a step without a dossier record done by hand (e.g. the 42-weken-melding)."""
    deadline = Deadline.objects.select_for_update().select_related("case").get(pk=deadline.pk)
    _require_hr(actor, deadline.case)
    if deadline.kind not in MANUAL_KINDS:
        raise ValidationError(_("Deze stap wordt afgerond via het dossier."))
    if not deadline.is_actionable:
        raise ValidationError(_("Deze deadline staat niet meer open."))
    if completed_on > timezone.localdate():
        raise ValidationError({"completed_on": _("De datum ligt in de toekomst.")})
    if not note.strip():
        raise ValidationError({"note": _("Geef een korte toelichting.")})
    deadline.status = DeadlineStatus.DONE
    deadline.status_reason = _("Handmatig afgerond")
    deadline.completed_on = completed_on
    deadline.completed_note = note.strip()
    deadline.completed_manually = True
    deadline.completed_by = actor
    deadline.full_clean()
    deadline.save()
    deadlines_recompute_on_commit(
        case=deadline.case, reason=_("Stap handmatig afgerond"), actor=actor
    )
    return deadline


def notification_mark_read(*, user: User, pk: int | None = None) -> int:
    """Mark one (``pk``) or all unread notifications of ``user`` read; return how many."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if pk is not None:
        unread = unread.filter(pk=pk)
    return unread.update(read_at=timezone.now())


@transaction.atomic
def calendar_token_rotate(*, user: User) -> CalendarFeedToken:
    """Create the user's calendar-feed secret, or replace it (the old URL stops working)."""
    token, created = CalendarFeedToken.objects.select_for_update().get_or_create(user=user)
    if not created:
        token.token = new_feed_token()
        token.revoked_at = None
        token.created_at = timezone.now()
        token.save(update_fields=["token", "revoked_at", "created_at"])
    return token


def calendar_token_revoke(*, user: User) -> None:
    """Revoke the user's calendar-feed secret (its URL answers 404 from now on)."""
    CalendarFeedToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def case_facts_changed_receive(
    sender: object, *, case: Case, reason: str, actor: User | None = None, **kwargs: object
) -> None:
    """Receive :data:`cases.signals.case_facts_changed`: recompute the case after commit."""
    deadlines_recompute_on_commit(case=case, reason=reason, actor=actor)
