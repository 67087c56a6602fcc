"""The nightly retention job: list what is past its term, then anonymise exactly that."""

from __future__ import annotations

import logging

from celery import shared_task

from .services import retention_run

logger = logging.getLogger(__name__)


# Idempotent (anonymised cases are no longer listed), so a requeue after a lost worker is safe.
@shared_task(
    acks_late=True, reject_on_worker_lost=True, soft_time_limit=50 * 60, time_limit=55 * 60
)
def anonymise_past_retention() -> int:
    """Anonymise the cases and employees past their retention term; return how many."""
    report = retention_run()
    for row in report.cases:
        logger.info("retention: case %s anonymised: %s", row.case.pk, row.verdict.reason)
    for row in report.employees:
        logger.info("retention: employee %s anonymised", row.employee.pk)
    return len(report.cases_done) + len(report.employees_done)
