"""Events read from state every minute: deadlines due soon or overdue, finished RIV exports.

Each happening has a key (deadline id and due date; export id), recorded once per employer, so
the scan can run as often as it likes; a deadline that moves gets a new event for its new date.
The key is built in SQL too, so each query returns only what has no event yet: a minute in
which nothing happened reads no rows, however many deadlines are overdue.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import CharField, Exists, F, Func, OuterRef, QuerySet, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from deadlines.models import INFORMATIONAL_KINDS, Deadline, DeadlineStatus
from reintegration_report.models import ExportKind, ExportStatus, ReportExport

from ..models import EventType, WebhookEndpoint, WebhookEvent
from ..services.webhooks import webhook_events_record
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


def _key(event_type: str, *fields: Func | Cast) -> Concat:
    """The SQL of an event key: the type, then each of the row's `fields`, joined by ':'.

    The same text as the keys recorded before (``deadline.overdue:<id>:<YYYY-MM-DD>``)."""
    parts: list[Func | Cast | Value] = [Value(f"{event_type}")]
    for field in fields:
        parts += [Value(":"), field]
    return Concat(*parts, output_field=CharField())


def _iso_date(field: str) -> Func:
    return Func(F(field), Value("YYYY-MM-DD"), function="to_char", output_field=CharField())


def _not_recorded(queryset: QuerySet, employer_id: int, key: Concat) -> QuerySet:
    """The rows of `queryset` whose event `key` the employer has no event for yet."""
    recorded = WebhookEvent.objects.filter(employer_id=employer_id, key=OuterRef("event_key"))
    return queryset.annotate(event_key=key).exclude(Exists(recorded))


def _deadlines(employer_id: int, today: date, event_type: str) -> QuerySet:
    """The employer's open deadlines due soon (or overdue) without this event for their date."""
    deadlines = Deadline.objects.filter(
        case__employer_id=employer_id,
        case__status="open",
        status__in=[DeadlineStatus.OPEN, DeadlineStatus.OVERDUE],
        due_date__isnull=False,
    ).exclude(kind__in=INFORMATIONAL_KINDS)
    if event_type == EventType.DEADLINE_OVERDUE:
        deadlines = deadlines.filter(due_date__lt=today)
    else:
        deadlines = deadlines.filter(
            due_date__gte=today, due_date__lte=today + timedelta(DUE_SOON_DAYS)
        )
    key = _key(event_type, Cast("pk", CharField()), _iso_date("due_date"))
    return _not_recorded(deadlines, employer_id, key).select_related("case__employee")


def webhooks_scan(*, today: date | None = None) -> int:
    """Record the deadline and export events not recorded yet; return how many."""
    today = today or timezone.localdate()
    count = 0
    for event_type in (EventType.DEADLINE_DUE_SOON, EventType.DEADLINE_OVERDUE):
        for employer_id in _subscribers(event_type):
            items = [
                (d.event_key, deadline_payload(d))
                for d in _deadlines(employer_id, today, event_type)
            ]
            count += webhook_events_record(employer_id=employer_id, type=event_type, items=items)
    for employer_id, since in _subscribers(EventType.RIV_EXPORTED).items():
        exports = ReportExport.objects.filter(
            case__employer_id=employer_id,
            kind=ExportKind.RIV,
            status=ExportStatus.DONE,
            finished_at__gte=since,
        )
        key = _key(EventType.RIV_EXPORTED, Cast("pk", CharField()))
        items = [
            (e.event_key, export_payload(e))
            for e in _not_recorded(exports, employer_id, key).select_related("case__employee")
        ]
        count += webhook_events_record(
            employer_id=employer_id, type=EventType.RIV_EXPORTED, items=items
        )
    return count
