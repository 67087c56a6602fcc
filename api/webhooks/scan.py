"""Events read from state every minute: deadlines due soon or overdue, finished RIV exports.

Each happening has a key (deadline id and due date; export id), recorded once per employer, so
the scan can run as often as it likes; a deadline that moves gets a new event for its new date.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from deadlines.models import INFORMATIONAL_KINDS, Deadline, DeadlineStatus
from reintegration_report.models import ExportKind, ExportStatus, ReportExport

from ..models import EventType, WebhookEndpoint, WebhookEvent
from ..services.webhooks import webhook_event_record
from .payloads import deadline_payload, export_payload

#: A deadline is "due soon" this many days ahead (the first reminder moment).
DUE_SOON_DAYS = 7


def _subscribers(event_type: str) -> dict[int, object]:
    """Return employer id → earliest creation time of its endpoints subscribed to the event."""
    result: dict[int, object] = {}
    for employer_id, created_at in WebhookEndpoint.objects.filter(
        active=True, events__contains=[event_type]
    ).values_list("employer_id", "created_at"):
        result[employer_id] = min(created_at, result.get(employer_id, created_at))
    return result


def _record_new(employer_id: int, event_type: str, items: list[tuple[str, dict]]) -> int:
    known = set(
        WebhookEvent.objects.filter(
            employer_id=employer_id, key__in=[key for key, _payload in items]
        ).values_list("key", flat=True)
    )
    count = 0
    for key, payload in items:
        if key not in known and webhook_event_record(
            employer_id=employer_id, type=event_type, key=key, payload=payload
        ):
            count += 1
    return count


def _deadlines(employer_id: int, today: date, overdue: bool):
    deadlines = (
        Deadline.objects.filter(
            case__employer_id=employer_id,
            case__status="open",
            status__in=[DeadlineStatus.OPEN, DeadlineStatus.OVERDUE],
            due_date__isnull=False,
        )
        .exclude(kind__in=INFORMATIONAL_KINDS)
        .select_related("case__employee")
    )
    if overdue:
        return deadlines.filter(due_date__lt=today)
    return deadlines.filter(due_date__gte=today, due_date__lte=today + timedelta(DUE_SOON_DAYS))


def webhooks_scan(*, today: date | None = None) -> int:
    """Record the deadline and export events not recorded yet; return how many."""
    today = today or timezone.localdate()
    count = 0
    for event_type, overdue in (
        (EventType.DEADLINE_DUE_SOON, False),
        (EventType.DEADLINE_OVERDUE, True),
    ):
        for employer_id in _subscribers(event_type):
            items = [
                (f"{event_type}:{d.pk}:{d.due_date.isoformat()}", deadline_payload(d))
                for d in _deadlines(employer_id, today, overdue)
            ]
            count += _record_new(employer_id, event_type, items)
    for employer_id, since in _subscribers(EventType.RIV_EXPORTED).items():
        exports = ReportExport.objects.filter(
            case__employer_id=employer_id,
            kind=ExportKind.RIV,
            status=ExportStatus.DONE,
            finished_at__gte=since,
        ).select_related("case__employee")
        items = [(f"riv.exported:{e.pk}", export_payload(e)) for e in exports]
        count += _record_new(employer_id, EventType.RIV_EXPORTED, items)
    return count
