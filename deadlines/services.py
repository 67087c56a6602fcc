"""Writes of the deadlines app: recompute a case's deadlines, UWV dates, manual completion.

Reminder sending lives in :mod:`deadlines.sending` and is re-exported here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.date_validators import validate_dates_not_in_future
from cases.models import Case
from deadlines.models import (
    INFORMATIONAL_KINDS,
    KIND_ROLES,
    MANUAL_KINDS,
    UWV_KEYS,
    CalendarFeedToken,
    Deadline,
    DeadlineKind,
    DeadlineStatus,
    Notification,
    UwvStatedDate,
    new_feed_token,
)
from deadlines.recompute import deadlines_recompute, deadlines_recompute_all
from deadlines.reminder_planning import reminders_plan
from deadlines.sending import digests_send, reminders_send

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
    "deadlines_nightly",
    "deadlines_recompute",
    "deadlines_recompute_all",
    "digests_send",
    "notification_mark_read",
    "reminders_plan",
    "reminders_send",
    "uwv_date_record",
]

logger = logging.getLogger(__name__)


def deadlines_recompute_on_commit(*, case: Case, reason: str, actor: User | None = None) -> None:
    """Recompute the case's deadlines once the current transaction has committed.

    Called for every :data:`cases.signals.case_facts_changed` (see `DeadlinesConfig.ready`).
    """
    transaction.on_commit(lambda: deadlines_recompute(case=case, reason=reason, actor=actor))


@dataclass(frozen=True)
class NightlyResult:
    cases: int
    planned: int


def deadlines_nightly(*, progress: Callable[[int], None] | None = None) -> NightlyResult:
    """Recompute every case's deadlines, then plan the reminders due today (the nightly work).

    ``progress`` gets the number of cases recomputed so far after every batch.
    """
    cases = deadlines_recompute_all(progress=progress)
    return NightlyResult(cases=cases, planned=reminders_plan())


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
    validate_dates_not_in_future({"letter_date": (letter_date, _("De datum van de brief"))})
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
    validate_dates_not_in_future({"completed_on": (completed_on, _("De datum van afronding"))})
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
