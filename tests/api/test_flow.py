"""A payroll system's whole day through the API only: sync an employee, report sick, receive
`case.created` at its own receiver (signature checked), report recovery, receive
`case.recovered`.

HR sets the integration up in the browser first (a token and a webhook, secrets read from the
pages that show them once); the Celery worker is played by calling the task function.
"""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from api.tasks import webhooks_tick
from api.webhooks.signing import verify
from tests.api.conftest import ApiClient, employee_body
from tests.api.receiver import local_receiver

pytestmark = pytest.mark.django_db


def test_full_flow_through_the_api(world, login):
    hr = login(world.hr_a)
    token_page = hr.post(
        reverse("api:token_create"),
        {
            "employer": world.employer_a.pk,
            "name": "Loket",
            "scopes": ["employees:read", "employees:write", "cases:read", "cases:write"],
        },
    )
    secret = re.search(r'id="api-secret">(pw_[^<]+)<', token_page.text).group(1)
    payroll = ApiClient(Client(), secret)

    with local_receiver() as receiver:
        webhook_page = hr.post(
            reverse("api:webhook_create"),
            {
                "employer": world.employer_a.pk,
                "url": receiver.url,
                "events": ["case.created", "case.recovered"],
            },
        )
        signing_secret = re.search(r'id="webhook-secret">(whsec_[^<]+)<', webhook_page.text)[1]

        # 1. sync an employee (twice: the repeat changes nothing)
        synced = payroll.put("employees/LK-042", employee_body())
        assert synced.status_code == 201, synced.content
        assert payroll.put("employees/LK-042", employee_body()).status_code == 200

        # 2. report sick
        first_sick_day = timezone.localdate() - timedelta(days=2)
        report = payroll.post(
            "employees/LK-042/sick-reports", {"first_sick_day": str(first_sick_day)}
        )
        assert report.status_code == 201, report.content
        case_id = report.json()["case"]["id"]
        assert report.json()["summed"] is False

        # 3. the worker sends case.created; the receiver checks the signature
        webhooks_tick()
        assert len(receiver.requests) == 1
        created = receiver.requests[0]
        assert verify(
            signing_secret,
            created.headers["Webhook-Timestamp"],
            created.body,
            created.headers["Webhook-Signature"],
        )
        event = json.loads(created.body)
        assert event["type"] == "case.created"
        assert event["data"]["case"] == {
            "id": case_id,
            "personnel_number": "LK-042",
            "status": "open",
            "close_reason": "",
            "first_sick_day": str(first_sick_day),
            "reported_on": str(timezone.localdate()),
        }

        # 4. the case is readable, then recovery is reported
        assert payroll.get(f"cases/{case_id}").json()["status"] == "open"
        recovered = payroll.post(
            "employees/LK-042/recoveries", {"recovery_date": str(timezone.localdate())}
        )
        assert recovered.status_code == 200, recovered.content
        assert recovered.json()["status"] == "recovered"
        webhooks_tick()

    assert [json.loads(r.body)["type"] for r in receiver.requests] == [
        "case.created",
        "case.recovered",
    ]
    # HR sees both deliveries in the log, with status and response time
    from api.models import WebhookEndpoint

    log = hr.get(reverse("api:webhook_detail", args=[WebhookEndpoint.objects.get().pk]))
    assert log.text.count("Afgeleverd") == 2 and " ms" in log.text
