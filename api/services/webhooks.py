"""Webhook endpoints, recording events, and sending signed deliveries with retries.

Events are recorded in the same transaction as the change that caused them (an outbox): a case
that is saved has its `case.created` event, a rolled-back one has none. Each delivery is sent by
a Celery task after commit; a minute-by-minute sweep sends whatever is due (retries, and any
delivery whose task was lost). A delivery is claimed with a conditional UPDATE before sending,
so two workers never send it twice at once.

Retries follow the reminder mail policy: after 1, 5, 15 and 60 minutes, then hourly; after 8
attempts the delivery has failed, and its endpoint is paused with a notice to HR.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import socket
import time
import urllib.error
import urllib.request
import uuid
from datetime import timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Employer
from deadlines.models import Notification

from ..models import (
    DeliveryStatus,
    EventType,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
)
from ..webhooks.signing import new_secret, signature_header

if TYPE_CHECKING:
    from accounts.models import User

logger = logging.getLogger(__name__)

#: Minutes to wait after the 1st, 2nd, … failed attempt; 8 attempts in all.
RETRY_DELAYS_MINUTES = (1, 5, 15, 60, 60, 60, 60)
MAX_ATTEMPTS = len(RETRY_DELAYS_MINUTES) + 1
STALE_CLAIM = timedelta(minutes=5)
TIMEOUT_SECONDS = 10
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


# --- Endpoints ---------------------------------------------------------------------------------


def _allow_local() -> bool:
    return bool(getattr(settings, "API_WEBHOOK_ALLOW_LOCAL_HTTP", settings.DEBUG))


def _is_public(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_global
    except ValueError:
        return True  # a host name: checked when it is resolved, before each delivery


def webhook_url_error(url: str) -> str | None:
    """Return why `url` may not receive webhooks, or None.

    Only https to a public address; plain http to 127.0.0.1/localhost in DEBUG and the tests.
    """
    parts = urlsplit(url)
    host = parts.hostname or ""
    local = host in LOCAL_HOSTS and _allow_local()
    if parts.scheme == "http" and local:
        return None
    if parts.scheme != "https" or not host:
        return _("Gebruik een https-adres.")
    if not local and (host in LOCAL_HOSTS or not _is_public(host)):
        return _("Gebruik het adres van een systeem op internet, geen intern adres.")
    return None


def _address_error(url: str) -> str:
    """Return why the resolved address of `url` is refused now (internal network), or ""."""
    host = urlsplit(url).hostname or ""
    if host in LOCAL_HOSTS and _allow_local():
        return ""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except OSError as exc:
        return f"DNS: {exc}"[:300]
    if not addresses or not all(_is_public(a) for a in addresses):
        return "refused: the host resolves to an internal address"
    return ""


@transaction.atomic
def webhook_endpoint_create(
    *, employer: Employer, url: str, events: list[str], actor: User
) -> WebhookEndpoint:
    """Register an endpoint; its secret is on the returned object (show it once)."""
    errors: dict[str, str] = {}
    problem = webhook_url_error(url)
    if problem:
        errors["url"] = problem
    if not events or set(events) - set(EventType.values):
        errors["events"] = _("Kies minstens één gebeurtenis.")
    if errors:
        raise ValidationError(errors)
    endpoint = WebhookEndpoint(
        employer=employer,
        url=url,
        events=sorted(set(events)),
        secret=new_secret(),
        created_by=actor,
    )
    endpoint.full_clean()
    endpoint.save()
    return endpoint


@transaction.atomic
def webhook_endpoint_set_active(
    *, endpoint: WebhookEndpoint, active: bool, actor: User, reason: str = ""
) -> WebhookEndpoint:
    """Pause or resume an endpoint; resuming forgets the failures counted so far."""
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    endpoint.active = active
    endpoint.paused_at = None if active else timezone.now()
    endpoint.paused_reason = (
        ""
        if active
        else (reason or _("Gepauzeerd door %(name)s") % {"name": actor.get_full_name()})[:200]
    )
    if active:
        endpoint.consecutive_failures = 0
    endpoint.save()
    return endpoint


# --- Events ------------------------------------------------------------------------------------


def _envelope(event: WebhookEvent, employer: Employer) -> dict[str, Any]:
    return {
        "id": str(event.id),
        "type": event.type,
        "created_at": event.created_at.isoformat(),
        "employer": {"kvk_number": employer.kvk_number},
        "data": event.payload,
    }


def _enqueue(delivery_ids: list[int]) -> None:
    from ..tasks import deliver_webhook

    for delivery_id in delivery_ids:
        try:
            deliver_webhook.delay(delivery_id)
        except Exception:  # broker down: the sweep sends it within a minute
            logger.warning("Could not queue webhook delivery %s", delivery_id, exc_info=True)


def subscribed_endpoints(employer_id: int, event_type: str):
    return WebhookEndpoint.objects.filter(
        employer_id=employer_id, active=True, events__contains=[event_type]
    )


#: Events per INSERT statement of `webhook_events_record`.
_EVENT_BATCH = 1000


def webhook_events_record(*, employer_id: int, type: str, items: list[tuple[str, dict]]) -> int:
    """Record events of one type: each (key, payload) not recorded yet, with a delivery per
    subscribed endpoint (sent on commit); return how many were new.

    The minute scan can find thousands at once (an employer that just subscribed): the events
    go in with one ``INSERT … ON CONFLICT DO NOTHING`` per thousand, so a key recorded first
    by a concurrent scan (or by the case's own save) is left out, and the deliveries with one
    bulk insert.
    """
    endpoints = list(subscribed_endpoints(employer_id, type)) if items else []
    if not endpoints:
        return 0
    table = WebhookEvent._meta.db_table
    new: list[uuid.UUID] = []
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(items), _EVENT_BATCH):
            chunk = items[start : start + _EVENT_BATCH]
            cursor.execute(
                f'INSERT INTO "{table}" ("id", "employer_id", "type", "key", "payload", '
                '"created_at") SELECT new.id, %s, %s, new.key, new.payload::jsonb, %s '
                "FROM unnest(%s::uuid[], %s::varchar[], %s::text[]) AS new(id, key, payload) "
                'ON CONFLICT ("employer_id", "key") DO NOTHING RETURNING "id"',
                [
                    employer_id,
                    type,
                    timezone.now(),
                    [uuid.uuid4() for _item in chunk],
                    [key for key, _payload in chunk],
                    [json.dumps(payload) for _key, payload in chunk],
                ],
            )
            new += [row[0] for row in cursor.fetchall()]
        deliveries = WebhookDelivery.objects.bulk_create(
            [WebhookDelivery(event_id=e, endpoint=endpoint) for e in new for endpoint in endpoints],
            batch_size=_EVENT_BATCH,
        )
    ids = [d.pk for d in deliveries]
    transaction.on_commit(lambda: _enqueue(ids))
    return len(new)


def webhook_event_record(*, employer_id: int, type: str, key: str, payload: dict[str, Any]) -> bool:
    """Record an event once per `key` and a delivery per subscribed endpoint (sent on commit);
    return whether it was new."""
    items = [(key, payload)]
    return webhook_events_record(employer_id=employer_id, type=type, items=items) == 1


# --- Sending -----------------------------------------------------------------------------------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # a redirect is an answer, not an instruction to follow


_opener = urllib.request.build_opener(_NoRedirect)


def _post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int | None, str]:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with _opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            return response.status, ""
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return None, str(getattr(exc, "reason", exc))[:300]


def _claim(delivery_id: int, now) -> bool:
    due = Q(status__in=[DeliveryStatus.PENDING, DeliveryStatus.RETRYING]) & (
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    stale = Q(status=DeliveryStatus.SENDING, claimed_at__lt=now - STALE_CLAIM)
    return bool(
        WebhookDelivery.objects.filter(pk=delivery_id)
        .filter(due | stale)
        .update(status=DeliveryStatus.SENDING, claimed_at=now)
    )


def webhook_delivery_send(*, delivery_id: int) -> WebhookDelivery | None:
    """Send one due delivery (safe to call twice: claimed first); return it, or None."""
    now = timezone.now()
    if not _claim(delivery_id, now):
        return None
    delivery = WebhookDelivery.objects.select_related("event__employer", "endpoint").get(
        pk=delivery_id
    )
    endpoint = delivery.endpoint
    if not endpoint.active:  # paused after queueing: wait for HR to resume it
        WebhookDelivery.objects.filter(pk=delivery_id).update(
            status=DeliveryStatus.RETRYING, next_attempt_at=None, claimed_at=None
        )
        return delivery
    body = json.dumps(
        _envelope(delivery.event, delivery.event.employer), cls=DjangoJSONEncoder
    ).encode()
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "Poortwachter-Webhooks/1",
        "Webhook-Id": str(delivery.event_id),
        "Webhook-Event": delivery.event.type,
        "Webhook-Timestamp": str(timestamp),
        "Webhook-Signature": signature_header(endpoint.secret, timestamp, body),
    }
    started = time.perf_counter()
    error = _address_error(endpoint.url)
    status_code = None
    if not error:
        status_code, error = _post(endpoint.url, body, headers)
    elapsed_ms = round((time.perf_counter() - started) * 1000)
    succeeded = status_code is not None and 200 <= status_code < 300
    _record_attempt(delivery, status_code, elapsed_ms, error, succeeded)
    delivery.refresh_from_db()
    return delivery


@transaction.atomic
def _record_attempt(
    delivery: WebhookDelivery, status_code: int | None, elapsed_ms: int, error: str, ok: bool
) -> None:
    number = delivery.attempts + 1
    WebhookAttempt.objects.create(
        delivery=delivery,
        number=number,
        status_code=status_code,
        response_ms=elapsed_ms,
        error=error,
        succeeded=ok,
    )
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=delivery.endpoint_id)
    now = timezone.now()
    changes: dict[str, Any] = {"attempts": number, "claimed_at": None}
    if ok:
        changes.update(status=DeliveryStatus.SUCCEEDED, finished_at=now, next_attempt_at=None)
        endpoint.consecutive_failures = 0
    elif number >= MAX_ATTEMPTS:
        changes.update(status=DeliveryStatus.FAILED, finished_at=now, next_attempt_at=None)
        endpoint.consecutive_failures += 1
        _pause_failing(endpoint)
    else:
        delay = timedelta(minutes=RETRY_DELAYS_MINUTES[number - 1])
        changes.update(status=DeliveryStatus.RETRYING, next_attempt_at=now + delay)
        endpoint.consecutive_failures += 1
        transaction.on_commit(lambda: _enqueue_later(delivery.pk, delay))
    WebhookDelivery.objects.filter(pk=delivery.pk).update(**changes)
    endpoint.save(update_fields=["consecutive_failures", "active", "paused_at", "paused_reason"])


def _enqueue_later(delivery_id: int, delay: timedelta) -> None:
    from ..tasks import deliver_webhook

    try:
        deliver_webhook.apply_async((delivery_id,), countdown=delay.total_seconds())
    except Exception:
        logger.warning("Could not queue webhook retry %s", delivery_id, exc_info=True)


def _pause_failing(endpoint: WebhookEndpoint) -> None:
    """Pause an endpoint whose delivery failed 8 times and tell the employer's HR."""
    if not endpoint.active:
        return
    endpoint.active = False
    endpoint.paused_at = timezone.now()
    endpoint.paused_reason = _("Automatisch gepauzeerd: een aflevering mislukte %(n)s keer.") % {
        "n": MAX_ATTEMPTS
    }
    text = _(
        "Webhook %(url)s is gepauzeerd omdat afleveringen blijven mislukken. Controleer het "
        "systeem dat de berichten ontvangt en zet de webhook daarna weer aan."
    ) % {"url": endpoint.url}
    url = reverse("api:webhook_detail", args=[endpoint.pk])
    Notification.objects.bulk_create(
        [
            Notification(user=user, text=text[:500], url=url)
            for user in endpoint.employer.hr_users.filter(is_active=True)
        ]
    )


def webhooks_send_due(*, now=None, limit: int = 200) -> int:
    """Send the deliveries that are due (first tries whose task was lost, retries); count sent."""
    now = now or timezone.now()
    due = (
        WebhookDelivery.objects.filter(
            Q(status__in=[DeliveryStatus.PENDING, DeliveryStatus.RETRYING], endpoint__active=True)
            & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
            | Q(status=DeliveryStatus.SENDING, claimed_at__lt=now - STALE_CLAIM)
        )
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(1 for pk in list(due) if webhook_delivery_send(delivery_id=pk) is not None)
