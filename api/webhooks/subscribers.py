"""Subscriptions to what happens in the lower apps, which never import this app.

- `case.created`, `case.recovered`, `case.closed`: Django's own `post_init`/`post_save` of
  `cases.Case` (the status a case was loaded with is kept on the instance, so a transition is
  seen without an extra query). The event is recorded in the saving transaction.
- `deadline.due_soon`, `deadline.overdue`, `riv.exported`: the deadline statuses and the export
  rows change by queryset `update()`, which sends no signal; :mod:`api.webhooks.scan` reads them
  every minute instead (see `webhooks_scan`).
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_init, post_save

from cases.models import Case, CaseStatus

from ..models import EventType
from ..services.webhooks import webhook_event_record
from .payloads import case_payload

_LOADED_STATUS = "_webhook_loaded_status"
_STATUS_EVENTS = {
    CaseStatus.RECOVERED: EventType.CASE_RECOVERED,
    CaseStatus.CLOSED: EventType.CASE_CLOSED,
}


def _remember_status(sender: type[Case], instance: Case, **kwargs: Any) -> None:
    instance.__dict__[_LOADED_STATUS] = instance.__dict__.get("status")


def _case_saved(sender: type[Case], instance: Case, created: bool, **kwargs: Any) -> None:
    before = instance.__dict__.get(_LOADED_STATUS)
    instance.__dict__[_LOADED_STATUS] = instance.status
    if kwargs.get("raw"):
        return
    if created:
        event, key = EventType.CASE_CREATED, f"case.created:{instance.pk}"
    elif instance.status != before and instance.status in _STATUS_EVENTS:
        event = _STATUS_EVENTS[instance.status]
        key = f"{event}:{instance.pk}:{instance.updated_at.isoformat()}"
    else:
        return
    webhook_event_record(
        employer_id=instance.employer_id,
        type=event,
        key=key,
        payload=case_payload(instance),
    )


def connect() -> None:
    """Connect the receivers (called once from `ApiConfig.ready`)."""
    post_init.connect(_remember_status, sender=Case, dispatch_uid="api.webhooks.case_init")
    post_save.connect(_case_saved, sender=Case, dispatch_uid="api.webhooks.case_saved")
