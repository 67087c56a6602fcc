"""Reminder e-mails and in-app notifications, each sent exactly once, a batch at a time.

Three steps, each safe to run concurrently and repeatedly:

1. **plan** — insert one :class:`Reminder` per (deadline, recipient, moment) that is due by
   today (:mod:`deadlines.reminder_planning`); the unique constraint plus ``ON CONFLICT DO
   NOTHING`` makes a second run (or a concurrent one) insert nothing.
2. **claim** — in a short transaction, lock a batch of :data:`SEND_BATCH` pending rows due for
   an attempt with ``SELECT … FOR UPDATE SKIP LOCKED`` and mark them claimed
   (:mod:`deadlines.claims`); concurrent runs get disjoint batches. A row claimed longer than
   :data:`STALE_CLAIM` ago belongs to a dead worker and may be claimed again.
3. **send** — per batch: cancel what is no longer due, create the missing in-app
   notifications in bulk (once, whatever happens to the e-mails), send the e-mails over one
   mail connection (or leave them to the daily digest), then mark the rows sent with one
   conditional update on our own claim. A failed e-mail (SMTP down, refused, or no answer
   within the mailer's timeout) puts that row alone back as pending with a next-attempt time
   (backoff 1, 5, 15, 60 minutes); after :data:`MAX_ATTEMPTS` it is marked failed, logged
   and shown to HR.

The only duplicates left possible come from a worker dying between sending e-mails and marking
their rows sent: those rows (at most one batch) are re-sent after :data:`STALE_CLAIM`
(at-least-once for that crash).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from cases.models import CaseStatus
from deadlines.claims import (
    CLAIM_BATCH,
    MAX_ATTEMPTS,
    STALE_CLAIM,
    claim_release_failed,
    claim_rows,
)
from deadlines.kind_texts import KIND_TEXTS
from deadlines.mail_batch import MailBatch, MailServerDown
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
    "SEND_BATCH",
    "SEND_TIME",
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

#: Reminders claimed, notified, e-mailed over one connection and marked sent together.
SEND_BATCH = 100
#: A run starts no new batch after this time, and a batch tries no more e-mails this long
#: after its claim: the rest wait for the next run (every 10 minutes). So a run ends within
#: about twice this time plus one mail timeout: before the task's soft time limit (8 minutes)
#: and long before its claims look abandoned (:data:`STALE_CLAIM`) and another run sends
#: them too.
SEND_TIME = timedelta(minutes=3)


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
    """Return the one-line Dutch text of a reminder (notification, e-mail and digest line)."""
    deadline = reminder.deadline
    return mark_safe(  # rendered with autoescape: safe to put in another template as it is
        render_to_string(
            "deadlines/email/reminder_line.txt",
            {"reminder": reminder, "deadline": deadline, "case": deadline.case},
        ).strip()
    )


def _case_link(case) -> str:
    return settings.SITE_URL.rstrip("/") + case.get_absolute_url()


def _ours(ids: Iterable[int], claimed_at: datetime) -> QuerySet[Reminder]:
    """Return the reminders among ``ids`` that are still claimed by this run."""
    return Reminder.objects.filter(
        pk__in=list(ids), status=ReminderStatus.CLAIMED, claimed_at=claimed_at
    )


def _still_due(reminder: Reminder) -> bool:
    deadline = reminder.deadline
    return (
        deadline.status in _ACTIONABLE
        and deadline.due_date == reminder.due_date
        and deadline.case.status == CaseStatus.OPEN
        and reminder.recipient.is_active
    )


def _deliver_batch(ids: list[int], claimed_at: datetime) -> tuple[int, int]:
    """Deliver a batch of claimed reminders; return how many were sent and cancelled.

    In a fixed number of queries whatever the batch size: read the batch, cancel what is no
    longer due, create the missing in-app notifications in bulk, send the e-mails over one
    mail connection (:class:`~deadlines.mail_batch.MailBatch`), mark what was sent. A
    failed e-mail goes back as pending with its next attempt (its own failure only).
    """
    reminders = list(
        _ours(ids, claimed_at)
        .select_related("deadline__case__employee", "recipient")
        .order_by("pk")
    )
    due = [r for r in reminders if _still_due(r)]
    stale = [r.pk for r in reminders if not _still_due(r)]
    cancelled = _ours(stale, claimed_at).update(status=ReminderStatus.CANCELLED) if stale else 0
    lines = {r.pk: reminder_text(r) for r in due}  # the notification's text, the e-mail's line
    _notify_once(due, claimed_at, lines)
    digest = [r.pk for r in due if r.recipient.wants_daily_digest]
    sent = _mark_sent(digest, claimed_at, ReminderChannel.DIGEST)
    sent += _mail([r for r in due if not r.recipient.wants_daily_digest], claimed_at, lines)
    return sent, cancelled


def _mark_sent(ids: list[int], claimed_at: datetime, channel: str) -> int:
    """Mark these reminders sent (those still ours); return how many."""
    if not ids:
        return 0
    return _ours(ids, claimed_at).update(
        status=ReminderStatus.SENT,
        sent_at=timezone.now(),
        next_attempt_at=None,
        last_error="",
        channel=channel,
    )


def _reminder_email(reminder: Reminder, line: str) -> EmailMessage:
    deadline = reminder.deadline
    context = {
        "line": line,
        "reminder": reminder,
        "deadline": deadline,
        "case": deadline.case,
        "link": _case_link(deadline.case),
        "recipient": reminder.recipient,
        # What to do and its legal basis in plain Dutch; rule ids and [S..] tags stay in the app.
        "what": KIND_TEXTS.get(deadline.kind, deadline.get_kind_display()),
    }
    subject = render_to_string("deadlines/email/reminder_subject.txt", context)
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=render_to_string("deadlines/email/reminder.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[reminder.recipient.email],
    )


def _mail(reminders: list[Reminder], claimed_at: datetime, lines: dict[int, str]) -> int:
    """E-mail these reminders over one connection and mark those sent; return how many.

    Each failure is recorded on its own reminder (:func:`claim_release_failed`): the others of
    the batch are neither marked failed nor sent again. What was sent is marked sent even when
    an error interrupts the batch. Reminders not tried within :data:`SEND_TIME` of the claim
    go back for a later run (with their backoff), so a slow mail server can never keep a claim
    until it looks abandoned (:data:`STALE_CLAIM`) and another run sends it too.
    """
    sent: list[int] = []
    try:
        with MailBatch() as batch:
            for reminder in reminders:
                try:
                    if timezone.now() - claimed_at > SEND_TIME:
                        raise TimeoutError("batch out of time; tried again in a later run")
                    batch.send(_reminder_email(reminder, lines[reminder.pk]))
                except MailServerDown as down:
                    claim_release_failed(
                        Reminder, pk=reminder.pk, claimed_at=claimed_at, error=down.error
                    )
                except Exception as error:  # noqa: BLE001 - SMTP errors, timeouts, anything
                    claim_release_failed(
                        Reminder, pk=reminder.pk, claimed_at=claimed_at, error=error
                    )
                else:
                    sent.append(reminder.pk)
    finally:
        marked = _mark_sent(sent, claimed_at, ReminderChannel.EMAIL)
    return marked


def _notify_once(reminders: list[Reminder], claimed_at: datetime, lines: dict[int, str]) -> None:
    """Create the in-app notifications of the reminders we hold, unless an earlier attempt did.

    In one transaction: lock the rows still ours without a notification, mark them notified and
    insert their notifications in bulk. It is committed before the e-mails are tried, so a
    reminder whose e-mail fails (and waits for its next attempt) is already visible in the app.
    """
    waiting = {r.pk: r for r in reminders if r.notified_at is None}
    if not waiting:
        return
    with transaction.atomic():
        mine = list(
            _ours(waiting, claimed_at)
            .filter(notified_at__isnull=True)
            .select_for_update()
            .values_list("pk", flat=True)
        )
        if not mine:
            return
        Reminder.objects.filter(pk__in=mine).update(notified_at=timezone.now())
        Notification.objects.bulk_create(
            [
                Notification(
                    user=waiting[pk].recipient,
                    case=waiting[pk].deadline.case,
                    deadline=waiting[pk].deadline,
                    text=lines[pk][:500],
                    url=waiting[pk].deadline.case.get_absolute_url(),
                )
                for pk in mine
            ]
        )


def reminders_send(
    *, today: date | None = None, plan: bool = True, batch: int = SEND_BATCH
) -> SendResult:
    """Plan, claim and send the due reminders, a batch at a time, for up to
    :data:`SEND_TIME` (the next run goes on); safe to run twice at the same time (each run
    claims its own batches)."""
    today = today or timezone.localdate()
    planned = 0
    if plan:
        deadlines_refresh_statuses(today=today)
        planned = reminders_plan(today=today)
    sent = cancelled = 0
    started = timezone.now()
    with translation.override(settings.LANGUAGE_CODE):
        while timezone.now() - started <= SEND_TIME:
            now = timezone.now()
            ids = reminders_claim(now=now, batch=batch)
            if not ids:
                break
            try:
                batch_sent, batch_cancelled = _deliver_batch(ids, now)
            except Exception as error:  # noqa: BLE001 - the database, a template: a batch failure
                # What is still claimed goes back with its backoff (failed after MAX_ATTEMPTS),
                # instead of waiting for STALE_CLAIM.
                for reminder_id in ids:
                    claim_release_failed(Reminder, pk=reminder_id, claimed_at=now, error=error)
                continue
            sent += batch_sent
            cancelled += batch_cancelled
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


def _digest_deliver(digest_id: int, claimed_at: datetime, mail: MailBatch) -> bool:
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
    mail.send(
        EmailMessage(
            subject=" ".join(subject.split()),
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[digest.recipient.email],
        )
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
            with MailBatch() as mail:  # one connection for the batch of digests
                for digest_id in ids:
                    try:
                        sent += _digest_deliver(digest_id, now, mail)
                    except MailServerDown as down:
                        claim_release_failed(
                            DailyDigest, pk=digest_id, claimed_at=now, error=down.error
                        )
                    except Exception as error:  # noqa: BLE001 - SMTP errors, timeouts, anything
                        claim_release_failed(DailyDigest, pk=digest_id, claimed_at=now, error=error)
    return sent


def user_unread_count(user: User) -> int:
    """Return the number of unread notifications of ``user``."""
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
