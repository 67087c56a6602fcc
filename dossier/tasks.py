"""Celery tasks of the dossier: thin wrappers around the services, safe to run twice."""

from __future__ import annotations

from celery import shared_task

from dossier.services.exports import dossier_export_run


@shared_task
def build_dossier_export(export_id: int) -> str:
    """Render and store one requested RIV export; return its final status (or "skipped")."""
    export = dossier_export_run(export_id=export_id)
    return export.status if export is not None else "skipped"
