"""Celery tasks of the re-integratieverslag: thin wrappers around services, safe to run twice."""

from __future__ import annotations

from celery import shared_task

from . import services


@shared_task
def build_report_export(export_id: int) -> str:
    """Render and store one requested RIV export; return its final status (or "skipped")."""
    export = services.report_export_run(export_id=export_id)
    return export.status if export is not None else "skipped"
