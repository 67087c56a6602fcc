"""Celery tasks of the cases app: thin wrappers around services, safe to run twice."""

from __future__ import annotations

from celery import shared_task

from . import employee_import_jobs


@shared_task(
    acks_late=True, reject_on_worker_lost=True, soft_time_limit=10 * 60, time_limit=11 * 60
)
def run_employee_import(import_id: int) -> str:
    """Validate and write one confirmed payroll import; return its final status."""
    job = employee_import_jobs.employee_import_run(import_id=import_id)
    return job.status if job is not None else "skipped"
