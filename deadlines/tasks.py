"""Celery tasks: thin wrappers around the services, safe to run twice."""

from __future__ import annotations

from celery import shared_task

from deadlines import services


@shared_task
def send_reminders() -> int:
    """Send every due reminder exactly once; return the number sent by this run."""
    return services.reminders_send().sent


@shared_task
def send_daily_digests() -> int:
    """Send the daily digest e-mails; return the number sent by this run."""
    return services.digests_send()


@shared_task
def recompute_all_deadlines() -> int:
    """Recompute every case's deadlines and plan the reminders (nightly: today moves on)."""
    return services.deadlines_nightly().cases
