"""Find every free text that still holds something about a set of cases."""

from __future__ import annotations

from collections import deque

from django.apps import apps
from django.db import models

from cases.anonymisers import ANONYMISED_TEXT
from cases.models import Case

#: Apps whose rows may belong to a case.
APPS = ("cases", "dossier", "second_track", "deadlines", "reintegration_report", "api")
#: Texts that are technical, not personal (labels, hashes, types, rule names, errors).
KEPT = {
    "cases.SickPeriod.note": {"after_leave"},
    "dossier.AccessLog.record_type": None,
    "dossier.DocumentVersion.content_type": None,
    "dossier.DocumentVersion.extension": None,
    "dossier.Signature.content_hash": None,
    "dossier.ActionPlanVersion.content_hash": None,
    "deadlines.Deadline.rule": None,
    "deadlines.Deadline.source": None,
    "deadlines.Reminder.last_error": None,
    "deadlines.Notification.url": None,
    "reintegration_report.ReportExport.step": None,
    "reintegration_report.ReportExport.error": None,
    "reintegration_report.ReportExport.risk": None,
    "cases.Invitation.token_hash": None,
    "api.WebhookEvent.type": None,
    "api.WebhookEvent.key": None,
}


def case_path(model: type[models.Model]) -> str | None:
    """Return the lookup from `model` to its case id through foreign keys (depth ≤ 3)."""
    if model is Case:
        return "pk"
    queue = deque([(model, "", 0)])
    while queue:
        current, prefix, depth = queue.popleft()
        for field in current._meta.concrete_fields:
            if not field.is_relation or field.name.startswith("pgh_") or depth >= 3:
                continue
            target = field.related_model
            path = f"{prefix}{field.name}"
            if target is Case:
                return f"{path}_id" if not prefix else f"{path}__pk"
            if target._meta.app_label in APPS and target is not current:
                queue.append((target, f"{path}__", depth + 1))
    return None


def _label(model: type[models.Model], name: str) -> str:
    base = model._meta.label.removesuffix("Event") if model.__name__.endswith("Event") else None
    return f"{base or model._meta.label}.{name}"


def personal_texts_left(case_ids: list[int]) -> list[str]:
    """Return "model.field = value" for each filled free text still attached to the cases."""
    left = []
    for model in apps.get_models():
        if model._meta.app_label not in APPS:
            continue
        path = case_path(model)
        if model.__name__.endswith("Event") and hasattr(model, "pgh_obj"):
            tracked = model._meta.get_field("pgh_obj").related_model
            inner = case_path(tracked)
            path = "pgh_obj_id" if tracked is Case else (inner and f"pgh_obj__{inner}")
        if path is None:
            continue
        rows = model.objects.filter(**{f"{path}__in": case_ids})
        for field in model._meta.concrete_fields:
            if field.choices or field.name.startswith("pgh_"):
                continue
            if not isinstance(field, models.CharField | models.TextField | models.FileField):
                continue
            allowed = KEPT.get(_label(model, field.name), set())
            if allowed is None:
                continue
            for value in rows.values_list(field.name, flat=True):
                if value not in ("", ANONYMISED_TEXT, *allowed):
                    left.append(f"{_label(model, field.name)} = {value!r}")
    return left
