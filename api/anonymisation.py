"""What the API removes when a case is anonymised (registered in `cases.anonymisers`).

Webhook events keep their payload (ids, dates, status) for the delivery log, but lose the
personnel number, the one field in them that identifies the employee.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Q

from .models import WebhookEvent

#: The payload keys that name a case: {"case": {"id"}}, {"deadline": {"case_id"}}, {"export": …}.
_CASE_KEYS = (("case", "id"), ("deadline", "case_id"), ("export", "case_id"))


def webhook_events_anonymise(case_ids: Sequence[int]) -> int:
    """Drop the personnel number from the webhook payloads about the cases; return rows written."""
    about_cases = Q()
    for outer, key in _CASE_KEYS:
        about_cases |= Q(**{f"payload__{outer}__{key}__in": list(case_ids)})
    events = []
    for event in WebhookEvent.objects.filter(about_cases).only("payload"):
        for outer, _key in _CASE_KEYS:
            body = event.payload.get(outer)
            if isinstance(body, dict) and body.get("personnel_number") is not None:
                body["personnel_number"] = None
                events.append(event)
    WebhookEvent.objects.bulk_update(events, ["payload"], batch_size=500)
    return len(events)
