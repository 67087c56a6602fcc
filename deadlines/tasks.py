"""Celery tasks: thin wrappers around the services, safe to run twice.

All three are idempotent (claimed rows, unique keys, a recompute that only writes the truth), so
they are acknowledged late and requeued when the worker dies, and have time limits: a run cut
off by its limit leaves claimed rows that the next run takes over after the claim expires.
"""

from __future__ import annotations

from celery import shared_task

from cases.write_stamps import write_stamps_prune
from deadlines import services


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=8 * 60, time_limit=9 * 60)
def send_reminders() -> int:
    """Send every due reminder exactly once; return the number sent by this run."""
    return services.reminders_send().sent


@shared_task(
    acks_late=True, reject_on_worker_lost=True, soft_time_limit=20 * 60, time_limit=25 * 60
)
def send_daily_digests() -> int:
    """Send the daily digest e-mails; return the number sent by this run."""
    return services.digests_send()


@shared_task(
    acks_late=True, reject_on_worker_lost=True, soft_time_limit=50 * 60, time_limit=55 * 60
)
def recompute_all_deadlines() -> int:
    """Recompute every case's deadlines and plan the reminders (nightly: today moves on)."""
    cases = services.deadlines_nightly().cases
    write_stamps_prune()  # the day's stamps; the version (the newest) stays
    return cases
