"""Webhooks: endpoints, events from what happens, signed deliveries, retries, pausing."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from api.models import DeliveryStatus, EventType, WebhookDelivery, WebhookEndpoint, WebhookEvent
from api.services.webhooks import (
    MAX_ATTEMPTS,
    webhook_delivery_send,
    webhook_endpoint_create,
    webhook_endpoint_set_active,
    webhook_events_record,
    webhooks_send_due,
)
from api.tasks import deliver_webhook, webhooks_tick
from api.webhooks.scan import webhooks_scan
from api.webhooks.signing import verify
from cases import services as case_services
from deadlines.models import Deadline, DeadlineKind, DeadlineStatus, Notification, ResponsibleRole
from reintegration_report.models import ReportExport
from tests.api.receiver import local_receiver
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db

ALL_EVENTS = list(EventType.values)


def _endpoint(world, url, events=None, employer=None):
    return webhook_endpoint_create(
        employer=employer or world.employer_a,
        url=url,
        events=ALL_EVENTS if events is None else events,
        actor=world.hr_a,
    )


def _report_sick(world, employee=None, days_ago=1):
    return case_services.case_report_sick(
        employee=employee or EmployeeFactory(employer=world.employer_a),
        first_sick_day=timezone.localdate() - timedelta(days=days_ago),
        actor=world.hr_a,
    )


@pytest.mark.parametrize(
    "url",
    ["http://example.nl/hook", "ftp://example.nl/hook", "http://10.0.0.5/hook", "https://"],
)
def test_only_https_or_local_http_in_tests(world, url):
    with pytest.raises(ValidationError) as error:
        _endpoint(world, url)
    assert "url" in error.value.message_dict


@override_settings(API_WEBHOOK_ALLOW_LOCAL_HTTP=False)
def test_local_http_is_refused_outside_tests_and_debug(world):
    with pytest.raises(ValidationError):
        _endpoint(world, "http://127.0.0.1:9999/hook")
    assert _endpoint(world, "https://hr.example.nl/hook").secret.startswith("whsec_")


def test_events_must_be_known(world):
    with pytest.raises(ValidationError) as error:
        _endpoint(world, "https://hr.example.nl/hook", events=["case.deleted"])
    assert "events" in error.value.message_dict


def test_case_created_is_recorded_in_the_reporting_transaction(world):
    endpoint = _endpoint(world, "https://hr.example.nl/hook", events=["case.created"])
    _endpoint(world, "https://b.example.nl/hook", employer=world.employer_b)
    result = _report_sick(world)
    event = WebhookEvent.objects.get()
    assert event.type == "case.created"
    assert event.payload["case"]["id"] == result.case.pk
    delivery = WebhookDelivery.objects.get()
    assert delivery.endpoint == endpoint and delivery.status == DeliveryStatus.PENDING


def test_unsubscribed_or_paused_endpoints_get_nothing(world):
    _endpoint(world, "https://hr.example.nl/a", events=["case.closed"])
    paused = _endpoint(world, "https://hr.example.nl/b", events=["case.created"])
    webhook_endpoint_set_active(endpoint=paused, active=False, actor=world.hr_a)
    _report_sick(world)
    assert not WebhookEvent.objects.exists() and not WebhookDelivery.objects.exists()


def test_recovered_and_closed_events(world):
    _endpoint(world, "https://hr.example.nl/hook")
    result = _report_sick(world, days_ago=10)
    case_services.case_report_recovery(
        case=result.case, recovery_date=timezone.localdate(), actor=world.hr_a
    )
    case_services.case_transition(
        case=result.case, to="closed", reason="recovered", actor=world.hr_a
    )
    types = sorted(WebhookEvent.objects.values_list("type", flat=True))
    assert types == ["case.closed", "case.created", "case.recovered"]


def test_signed_delivery_reaches_the_receiver(world):
    with local_receiver() as receiver:
        endpoint = _endpoint(world, receiver.url, events=["case.created"])
        result = _report_sick(world)
        delivery = WebhookDelivery.objects.get()
        assert deliver_webhook(delivery.pk) is True
        assert deliver_webhook(delivery.pk) is False  # already delivered: not sent twice
    assert len(receiver.requests) == 1
    request = receiver.requests[0]
    assert verify(
        endpoint.secret,
        request.headers["Webhook-Timestamp"],
        request.body,
        request.headers["Webhook-Signature"],
    )
    assert not verify(
        "whsec_wrong",
        request.headers["Webhook-Timestamp"],
        request.body,
        request.headers["Webhook-Signature"],
    )
    body = json.loads(request.body)
    assert body["type"] == "case.created"
    assert body["data"]["case"]["id"] == result.case.pk
    assert body["employer"] == {"kvk_number": world.employer_a.kvk_number}
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED and delivery.attempts == 1
    attempt = delivery.attempt_log.get()
    assert attempt.status_code == 204 and attempt.succeeded and attempt.response_ms >= 0


def test_failures_back_off_then_fail_and_pause_the_endpoint(world, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    with local_receiver(status=500) as receiver:
        endpoint = _endpoint(world, receiver.url, events=["case.created"])
        _report_sick(world)
        delivery = WebhookDelivery.objects.get()
        waits = []
        for attempt in range(1, MAX_ATTEMPTS + 1):
            sent = webhook_delivery_send(delivery_id=delivery.pk)
            assert sent is not None, attempt
            assert webhook_delivery_send(delivery_id=delivery.pk) is None  # not due yet
            if sent.next_attempt_at:
                waits.append(round((sent.next_attempt_at - timezone.now()).total_seconds() / 60))
                time_machine.move_to(sent.next_attempt_at)
    assert waits == [1, 5, 15, 60, 60, 60, 60]
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED and delivery.attempts == MAX_ATTEMPTS
    assert len(receiver.requests) == MAX_ATTEMPTS
    assert [a.status_code for a in delivery.attempt_log.all()] == [500] * MAX_ATTEMPTS
    endpoint.refresh_from_db()
    assert not endpoint.active and endpoint.paused_reason
    notice = Notification.objects.get(user=world.hr_a)
    assert endpoint.url in notice.text
    assert not Notification.objects.filter(user=world.hr_b).exists()


def test_unreachable_endpoint_logs_the_error(world):
    endpoint = _endpoint(world, "http://127.0.0.1:9/closed", events=["case.created"])
    _report_sick(world)
    delivery = webhook_delivery_send(delivery_id=WebhookDelivery.objects.get().pk)
    assert delivery.status == DeliveryStatus.RETRYING
    attempt = delivery.attempt_log.get()
    assert attempt.status_code is None and attempt.error
    endpoint.refresh_from_db()
    assert endpoint.consecutive_failures == 1


def test_resumed_endpoint_gets_the_waiting_deliveries(world):
    with local_receiver() as receiver:
        endpoint = _endpoint(world, receiver.url, events=["case.created"])
        _report_sick(world)
        webhook_endpoint_set_active(endpoint=endpoint, active=False, actor=world.hr_a)
        assert webhooks_send_due() == 0
        webhook_endpoint_set_active(endpoint=endpoint, active=True, actor=world.hr_a)
        assert webhooks_send_due() == 1
    assert len(receiver.requests) == 1


def _deadline(case, kind, due):
    return Deadline.objects.create(
        case=case, kind=kind, due_date=due, responsible_role=ResponsibleRole.HR
    )


def test_deadline_events_once_per_due_date(world):
    _endpoint(world, "https://hr.example.nl/hook", events=["deadline.due_soon", "deadline.overdue"])
    today = timezone.localdate()
    soon = _deadline(world.case_a, DeadlineKind.ACTION_PLAN, today + timedelta(days=3))
    late = _deadline(world.case_a, DeadlineKind.PROBLEM_ANALYSIS, today - timedelta(days=1))
    _deadline(world.case_a, DeadlineKind.UWV_SICKNESS_REPORT, today + timedelta(days=60))
    _deadline(world.case_b, DeadlineKind.ACTION_PLAN, today + timedelta(days=1))  # employer B
    assert webhooks_scan() == 2
    assert webhooks_scan() == 0  # once
    events = {e.type: e.payload["deadline"] for e in WebhookEvent.objects.all()}
    assert events["deadline.due_soon"]["id"] == soon.pk
    assert events["deadline.overdue"]["id"] == late.pk
    Deadline.objects.filter(pk=soon.pk).update(due_date=today + timedelta(days=4))
    assert webhooks_scan() == 1  # a moved deadline is new news
    Deadline.objects.filter(pk=late.pk).update(status=DeadlineStatus.DONE, completed_on=today)
    assert webhooks_scan() == 0


def test_events_recorded_before_are_known_by_their_key(world):
    """Keys stay `<type>:<id>:<YYYY-MM-DD>`: an event recorded earlier is not recorded again."""
    _endpoint(world, "https://hr.example.nl/hook", events=["deadline.due_soon", "deadline.overdue"])
    today = timezone.localdate()
    late = _deadline(world.case_a, DeadlineKind.PROBLEM_ANALYSIS, today - timedelta(days=1))
    soon = _deadline(world.case_a, DeadlineKind.ACTION_PLAN, today + timedelta(days=3))
    WebhookEvent.objects.create(
        employer=world.employer_a,
        type="deadline.overdue",
        key=f"deadline.overdue:{late.pk}:{late.due_date.isoformat()}",
        payload={},
    )
    assert webhooks_scan() == 1
    recorded = WebhookEvent.objects.get(type="deadline.due_soon")
    assert recorded.key == f"deadline.due_soon:{soon.pk}:{soon.due_date.isoformat()}"


def test_a_batch_of_events_is_recorded_once_with_a_delivery_each(world):
    endpoint = _endpoint(world, "https://hr.example.nl/hook", events=["deadline.overdue"])
    items = [(f"deadline.overdue:{n}:2026-01-01", {"deadline": {"id": n}}) for n in range(3)]
    record = webhook_events_record
    assert record(employer_id=world.employer_a.pk, type="deadline.overdue", items=items) == 3
    more = [*items, ("deadline.overdue:9:2026-01-01", {"deadline": {"id": 9}})]
    assert record(employer_id=world.employer_a.pk, type="deadline.overdue", items=more) == 1
    assert endpoint.deliveries.count() == WebhookEvent.objects.count() == 4
    assert WebhookEvent.objects.get(key="deadline.overdue:9:2026-01-01").payload == {
        "deadline": {"id": 9}
    }
    # Nobody subscribed to this type for employer B: nothing is recorded.
    assert record(employer_id=world.employer_b.pk, type="deadline.overdue", items=items) == 0


def test_riv_exported_event(world):
    _endpoint(world, "https://hr.example.nl/hook", events=["riv.exported"])
    export = ReportExport.objects.create(case=world.case_a, kind="riv", requested_by=world.hr_a)
    assert webhooks_scan() == 0  # still queued
    ReportExport.objects.filter(pk=export.pk).update(status="failed", finished_at=timezone.now())
    assert webhooks_scan() == 0
    ReportExport.objects.filter(pk=export.pk).update(
        status="done", finished_at=timezone.now(), document_version=_version(world)
    )
    assert webhooks_scan() == 1
    event = WebhookEvent.objects.get()
    assert event.type == "riv.exported"
    assert event.payload["export"]["id"] == export.pk
    assert webhooks_scan() == 0


def _version(world):
    from dossier import services
    from tests.dossier.factories import pdf_upload

    document = services.document_upload(
        case=world.case_a, actor=world.hr_a, title="Re-integratieverslag", upload=pdf_upload()
    )
    return document.versions.get()


def test_tick_scans_and_sends(world):
    with local_receiver() as receiver:
        _endpoint(world, receiver.url, events=["deadline.overdue"])
        _deadline(world.case_a, DeadlineKind.ACTION_PLAN, timezone.localdate() - timedelta(1))
        assert webhooks_tick() == 1
    assert json.loads(receiver.requests[0].body)["type"] == "deadline.overdue"


def test_endpoint_of_one_employer_never_gets_anothers_events(world):
    _endpoint(world, "https://b.example.nl/hook", employer=world.employer_b)
    _report_sick(world)
    _deadline(world.case_a, DeadlineKind.ACTION_PLAN, timezone.localdate())
    webhooks_scan()
    assert not WebhookEvent.objects.exists()
    assert WebhookEndpoint.objects.get().deliveries.count() == 0


@pytest.mark.parametrize(
    "url",
    ["https://10.1.2.3/hook", "https://192.168.1.10/hook", "https://169.254.169.254/latest"],
)
def test_internal_addresses_are_refused(world, url):
    with pytest.raises(ValidationError) as error:
        _endpoint(world, url)
    assert "url" in error.value.message_dict


def test_a_host_resolving_inside_is_not_called(world, settings):
    _endpoint(world, "https://localhost:9/hook", events=["case.created"])
    settings.API_WEBHOOK_ALLOW_LOCAL_HTTP = False  # as in production
    _report_sick(world)
    delivery = webhook_delivery_send(delivery_id=WebhookDelivery.objects.get().pk)
    attempt = delivery.attempt_log.get()
    assert attempt.status_code is None and "internal" in attempt.error
    assert delivery.status == DeliveryStatus.RETRYING
