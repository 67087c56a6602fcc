"""Claiming rows to send (reminders, digests) and putting them back after a failed send.

One claim function serves both :class:`~deadlines.models.Reminder` and
:class:`~deadlines.models.DailyDigest`: in a short transaction it locks a batch of rows that are
pending and due for an attempt (``next_attempt_at`` empty or past), or claimed by a worker that
died (claimed longer than :data:`STALE_CLAIM` ago), with ``SELECT … FOR UPDATE SKIP LOCKED``,
and marks them claimed by this run; concurrent runs get disjoint batches.

A failed send does not leave the row claimed: :func:`claim_release_failed` puts it back as
pending with the next attempt after :data:`RETRY_BACKOFF` (1, 5, 15, then 60 minutes), and after
:data:`MAX_ATTEMPTS` attempts marks it failed (logged; HR sees it on the start page).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone

from deadlines.models import DailyDigest, Reminder, ReminderStatus

__all__ = [
    "CLAIM_BATCH",
    "MAX_ATTEMPTS",
    "RETRY_BACKOFF",
    "STALE_CLAIM",
    "claim_release_failed",
    "claim_rows",
    "retry_delay",
]

logger = logging.getLogger("deadlines.sending")

STALE_CLAIM = timedelta(minutes=10)
CLAIM_BATCH = 20
#: Wait before the next attempt after the 1st, 2nd, 3rd and every later failed attempt.
RETRY_BACKOFF = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=15),
    timedelta(minutes=60),
)
MAX_ATTEMPTS = 8

type Sendable = type[Reminder] | type[DailyDigest]


def retry_delay(attempts: int) -> timedelta:
    """Return the wait after the ``attempts``-th failed attempt (1-based)."""
    return RETRY_BACKOFF[min(max(attempts, 1), len(RETRY_BACKOFF)) - 1]


def claim_rows(model: Sendable, *, now: datetime, batch: int = CLAIM_BATCH) -> list[int]:
    """Claim a batch of sendable rows of ``model`` for this run; return their ids."""
    due = Q(status=ReminderStatus.PENDING) & (
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    abandoned = Q(status=ReminderStatus.CLAIMED, claimed_at__lt=now - STALE_CLAIM)
    with transaction.atomic():
        ids = list(
            model.objects.filter(due | abandoned)
            .order_by("pk")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:batch]
        )
        if ids:
            model.objects.filter(pk__in=ids).update(
                status=ReminderStatus.CLAIMED, claimed_at=now, attempts=F("attempts") + 1
            )
    return ids


def claim_release_failed(
    model: Sendable, *, pk: int, claimed_at: datetime, error: BaseException
) -> str:
    """Put a row whose send failed back as pending with its next attempt time, or mark it failed
    after :data:`MAX_ATTEMPTS`; only while it is still claimed by ``claimed_at``. Return the new
    status ("claimed" when the row is not ours any more)."""
    mine: models.QuerySet = model.objects.filter(
        pk=pk, status=ReminderStatus.CLAIMED, claimed_at=claimed_at
    )
    attempts = mine.values_list("attempts", flat=True).first()
    if attempts is None:
        return ReminderStatus.CLAIMED
    message = f"{type(error).__name__}: {error}"[:500]
    if attempts >= MAX_ATTEMPTS:
        mine.update(status=ReminderStatus.FAILED, next_attempt_at=None, last_error=message)
        logger.error(
            "%s %s failed after %s attempts, not retried: %s",
            model._meta.verbose_name,
            pk,
            attempts,
            message,
        )
        return ReminderStatus.FAILED
    next_attempt = timezone.now() + retry_delay(attempts)
    mine.update(status=ReminderStatus.PENDING, next_attempt_at=next_attempt, last_error=message)
    logger.warning(
        "%s %s not sent (attempt %s), retried from %s: %s",
        model._meta.verbose_name,
        pk,
        attempts,
        next_attempt.isoformat(timespec="seconds"),
        message,
    )
    return ReminderStatus.PENDING
