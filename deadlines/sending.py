"""Reminder e-mails and in-app notifications, each sent exactly once.

Three steps, each safe to run concurrently and repeatedly:

1. **plan** — insert one :class:`Reminder` per (deadline, recipient, moment) that is due by
   today; the unique constraint plus ``bulk_create(ignore_conflicts=True)`` makes a second run
   (or a concurrent one) insert nothing.
2. **claim** — in a short transaction, lock a small batch of pending rows due for an attempt
   with ``SELECT … FOR UPDATE SKIP LOCKED`` and mark them claimed (:mod:`deadlines.claims`);
   concurrent runs get disjoint batches. A row claimed longer than :data:`STALE_CLAIM` ago
   belongs to a dead worker and may be claimed again.
3. **send** — create the in-app notification (once, whatever happens to the e-mail), send the
   e-mail (or leave it to the daily digest), then mark the row sent with a conditional update
   on our own claim. A failed send (SMTP down, or no answer within the mailer's timeout) puts
   the row back as pending with a next-attempt time (backoff 1, 5, 15, 60 minutes); after
   :data:`MAX_ATTEMPTS` it is marked failed, logged and shown to HR.

The only duplicate left possible is a worker dying between sending the e-mail and marking the
row sent: the row is then re-sent after :data:`STALE_CLAIM` (at-least-once for that crash).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation

from cases.models import CaseStatus
from deadlines.claims import (
    CLAIM_BATCH,
    MAX_ATTEMPTS,
    STALE_CLAIM,
    claim_release_failed,
    claim_rows,
)
from deadlines.models import (
    INFORMATIONAL_KINDS,
    DailyDigest,
    Deadline,
    DeadlineStatus,
    Notification,
    Reminder,
    ReminderChannel,
    ReminderStatus,
)
from deadlines.reminder_planning import CATCH_UP_DAYS, reminders_plan

if TYPE_CHECKING:
    from accounts.models import User

__all__ = [
    "CATCH_UP_DAYS",
    "CLAIM_BATCH",
    "MAX_ATTEMPTS",
    "STALE_CLAIM",
    "SendResult",
    "digests_send",
    "reminder_text",
    "reminders_claim",
    "reminders_plan",
    "reminders_send",
]

logger = logging.getLogger(__name__)


_ACTIONABLE = (DeadlineStatus.OPEN, DeadlineStatus.OVERDUE)


@dataclass(frozen=True)
class SendResult:
    planned: int
    sent: int
    cancelled: int


def deadlines_refresh_statuses(*, today: date) -> int:
    """Mark open deadlines past due overdue (informational ones reached); return the count."""
    past = Deadline.objects.filter(status=DeadlineStatus.OPEN, due_date__lt=today)
    changed = past.exclude(kind__in=INFORMATIONAL_KINDS).update(status=DeadlineStatus.OVERDUE)
    changed += past.filter(kind__in=INFORMATIONAL_KINDS).update(
        status=DeadlineStatus.DONE,
        status_reason="Datum bereikt (informatief)",
        completed_on=F("due_date"),
    )
    return changed


def reminders_claim(*, now: datetime, batch: int = CLAIM_BATCH) -> list[int]:
    """Claim a batch of pending (or abandoned) reminders for this worker; return their ids."""
    return claim_rows(Reminder, now=now, batch=batch)


def reminder_text(reminder: Reminder) -> str:
    """Return the one-line Dutch text of a reminder (notification and digest line)."""
    deadline = reminder.deadline
    return render_to_string(
        "deadlines/email/reminder_line.txt",
        {"reminder": reminder, "deadline": deadline, "case": deadline.case},
    ).strip()


def _case_link(case) -> str:
    return settings.SITE_URL.rstrip("/") + case.get_absolute_url()


def _deliver(reminder_id: int, claimed_at: datetime, today: date) -> str:
    """Send one claimed reminder; return its final status (or "claimed" when not ours)."""
    reminder = (
        Reminder.objects.select_related("deadline__case__employee", "recipient")
        .filter(pk=reminder_id, status=ReminderStatus.CLAIMED, claimed_at=claimed_at)
        .first()
    )
    if reminder is None:
        return ReminderStatus.CLAIMED
    deadline = reminder.deadline
    case = deadline.case
    mine = Reminder.objects.filter(
        pk=reminder_id, status=ReminderStatus.CLAIMED, claimed_at=claimed_at
    )
    still_due = (
        deadline.status in _ACTIONABLE
        and deadline.due_date == reminder.due_date
        and case.status == CaseStatus.OPEN
        and reminder.recipient.is_active
    )
    if not still_due:
        mine.update(status=ReminderStatus.CANCELLED)
        return ReminderStatus.CANCELLED
    _notify_once(reminder, mine)
    digest = reminder.recipient.wants_daily_digest
    context = {
        "reminder": reminder,
        "deadline": deadline,
        "case": case,
        "link": _case_link(case),
        "recipient": reminder.recipient,
    }
    if not digest:
        subject = render_to_string("deadlines/email/reminder_subject.txt", context)
        body = render_to_string("deadlines/email/reminder.txt", context)
        send_mail(
            " ".join(subject.split()),
            body,
            settings.DEFAULT_FROM_EMAIL,
            [reminder.recipient.email],
        )
    updated = mine.update(
        status=ReminderStatus.SENT,
        sent_at=timezone.now(),
        next_attempt_at=None,
        last_error="",
        channel=ReminderChannel.DIGEST if digest else ReminderChannel.EMAIL,
    )
    return ReminderStatus.SENT if updated else ReminderStatus.CLAIMED


def _notify_once(reminder: Reminder, mine) -> None:
    """Create the in-app notification of a reminder we hold, unless an earlier attempt did.

    It is committed before the e-mail is tried, so a reminder whose e-mail fails (and waits for
    its next attempt) is already visible in the app.
    """
    if reminder.notified_at is not None:
        return
    deadline = reminder.deadline
    case = deadline.case
    with transaction.atomic():
        if mine.filter(notified_at__isnull=True).update(notified_at=timezone.now()):
            Notification.objects.create(
                user=reminder.recipient,
                case=case,
                deadline=deadline,
                text=reminder_text(reminder)[:500],
                url=case.get_absolute_url(),
            )


def reminders_send(*, today: date | None = None, plan: bool = True) -> SendResult:
    """Plan, claim and send every due reminder; safe to run twice at the same time."""
    today = today or timezone.localdate()
    planned = 0
    if plan:
        deadlines_refresh_statuses(today=today)
        planned = reminders_plan(today=today)
    sent = cancelled = 0
    with translation.override(settings.LANGUAGE_CODE):
        while True:
            now = timezone.now()
            ids = reminders_claim(now=now)
            if not ids:
                break
            for reminder_id in ids:
                try:
                    outcome = _deliver(reminder_id, now, today)
                except Exception as error:  # noqa: BLE001 - SMTP errors, timeouts, anything
                    claim_release_failed(Reminder, pk=reminder_id, claimed_at=now, error=error)
                    continue
                sent += outcome == ReminderStatus.SENT
                cancelled += outcome == ReminderStatus.CANCELLED
    return SendResult(planned=planned, sent=sent, cancelled=cancelled)


def _digests_plan(today: date) -> None:
    user_ids = (
        Reminder.objects.filter(
            channel=ReminderChannel.DIGEST, status=ReminderStatus.SENT, digest__isnull=True
        )
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    DailyDigest.objects.bulk_create(
        [DailyDigest(recipient_id=user_id, day=today) for user_id in user_ids],
        ignore_conflicts=True,
    )


def _digest_deliver(digest_id: int, claimed_at: datetime) -> bool:
    mine = DailyDigest.objects.filter(
        pk=digest_id, status=ReminderStatus.CLAIMED, claimed_at=claimed_at
    )
    digest = mine.select_related("recipient").first()
    if digest is None:
        return False
    # Attach the day's reminders to this digest; a re-claim after a crash keeps what is attached.
    Reminder.objects.filter(
        recipient_id=digest.recipient_id,
        channel=ReminderChannel.DIGEST,
        status=ReminderStatus.SENT,
        digest__isnull=True,
    ).update(digest=digest)
    reminders = list(
        digest.reminders.select_related("deadline__case__employee").order_by(
            "deadline__due_date", "pk"
        )
    )
    if not reminders:
        mine.update(status=ReminderStatus.CANCELLED)
        return False
    context = {
        "recipient": digest.recipient,
        "day": digest.day,
        "items": [
            {
                "reminder": r,
                "deadline": r.deadline,
                "case": r.deadline.case,
                "link": _case_link(r.deadline.case),
            }
            for r in reminders
        ],
    }
    subject = render_to_string("deadlines/email/digest_subject.txt", context)
    body = render_to_string("deadlines/email/digest.txt", context)
    send_mail(
        " ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [digest.recipient.email]
    )
    return bool(
        mine.update(
            status=ReminderStatus.SENT, sent_at=timezone.now(), next_attempt_at=None, last_error=""
        )
    )


def digests_send(*, today: date | None = None) -> int:
    """Send each digest user one e-mail with the reminders of the day; return how many."""
    today = today or timezone.localdate()
    _digests_plan(today)
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        while True:
            now = timezone.now()
            ids = claim_rows(DailyDigest, now=now)
            if not ids:
                break
            for digest_id in ids:
                try:
                    sent += _digest_deliver(digest_id, now)
                except Exception as error:  # noqa: BLE001 - SMTP errors, timeouts, anything
                    claim_release_failed(DailyDigest, pk=digest_id, claimed_at=now, error=error)
    return sent


def user_unread_count(user: User) -> int:
    """Return the number of unread notifications of ``user``."""
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
