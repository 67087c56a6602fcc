"""Celery tasks of the re-integratieverslag: thin wrappers around services, safe to run twice.

Both are idempotent (the export is claimed with a conditional update; the sweep only moves
rows that are still stuck), so they are acknowledged late and put back on the queue when the
worker dies (`acks_late`, `reject_on_worker_lost`), and they have time limits so that no export
stays "running": at the soft limit the task fails the export with a message; should even the
hard limit be reached, the periodic `fail_stuck_report_exports` marks it failed.
"""

from __future__ import annotations

from celery import shared_task

from . import services
from .models import EXPORT_SOFT_TIME_LIMIT, EXPORT_TIME_LIMIT


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=EXPORT_SOFT_TIME_LIMIT,
    time_limit=EXPORT_TIME_LIMIT,
)
def build_report_export(export_id: int) -> str:
    """Render and store one requested RIV export; return its final status (or "skipped")."""
    export = services.report_export_run(export_id=export_id)
    return export.status if export is not None else "skipped"


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=60, time_limit=90)
def fail_stuck_report_exports() -> int:
    """Mark exports still running after their time limit (or never started) failed."""
    return services.report_exports_fail_stuck()
