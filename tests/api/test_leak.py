"""The medical wall holds for the API: a marker in every medical field (and every free text of
the case and dossier) never appears in any API response or webhook payload.

Reuses the dossier leak test's fixture (`tests/dossier/test_leak.py`: a case_a dossier with the
marker in every medical place) and adds the marker to the case's own free texts.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.forms.models import model_to_dict
from django.urls import URLPattern
from django.utils import timezone

from api.models import WebhookEvent
from api.services.webhooks import webhook_endpoint_create, webhooks_send_due
from api.urls_v1 import urlpatterns as api_patterns
from api.webhooks.scan import webhooks_scan
from cases import services as case_services
from cases.models import Case, SickPeriod
from deadlines.models import Deadline, DeadlineKind, ResponsibleRole
from dossier.models import MedicalNote
from reintegration_report.models import ReportExport
from tests.api.receiver import local_receiver
from tests.dossier.factories import MARKER
from tests.dossier.test_leak import dossier  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def marked(world, dossier):  # noqa: F811
    """The dossier fixture plus the marker in every free text of case_a and its timeline."""
    Case.objects.filter(pk=world.case_a.pk).update(
        contact_address=MARKER, appointments_note=MARKER, expected_duration=MARKER
    )
    SickPeriod.objects.filter(case=world.case_a).update(note=MARKER)
    today = timezone.localdate()
    for kind, due in (
        (DeadlineKind.PROBLEM_ANALYSIS, today - timedelta(days=1)),
        (DeadlineKind.ACTION_PLAN, today + timedelta(days=2)),
    ):
        Deadline.objects.update_or_create(
            case=world.case_a,
            kind=kind,
            defaults={
                "due_date": due,
                "status": "open",
                "responsible_role": ResponsibleRole.HR,
                "source": MARKER,
                "status_reason": MARKER,
                "completed_note": MARKER,
            },
        )
    return dossier


def _get_urls(world) -> list[str]:
    """A URL for every GET route of the API, for case_a and employee_a."""
    urls = []
    for pattern in api_patterns:
        assert isinstance(pattern, URLPattern)
        route = str(pattern.pattern)
        if "schema" in route or pattern.name in ("unknown", "api-root"):
            continue
        route = route.replace("<personnel_number>", world.employee_a.personnel_number)
        route = route.replace("<case_id>", str(world.case_a.pk))
        urls.append(f"/api/v1/{route}")
    return urls


def test_positive_control_the_marker_is_there(world, marked):
    assert MedicalNote.objects.filter(diagnosis__contains=MARKER).exists()
    case = Case.objects.get(pk=world.case_a.pk)
    assert MARKER in json.dumps(model_to_dict(case), default=str)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_api_response_contains_the_marker(api, world, marked, language):
    urls = _get_urls(world)
    assert any("/cases/" in url for url in urls) and any("/employees/" in url for url in urls)
    for url in urls:
        for params in ({}, {"within_days": 366}):
            response = api.get(url, params, language=language)
            assert response.status_code in (200, 405), (url, response.content)
            text = response.content.decode() + json.dumps(dict(response.headers))
            assert MARKER not in text, url


def test_no_write_response_contains_the_marker(api, world, marked):
    pn = world.employee_a.personnel_number
    today = timezone.localdate()
    responses = [
        api.post(
            f"employees/{pn}/partial-recoveries", {"start": str(today), "percentage_sick": 40}
        ),
        api.post(f"employees/{pn}/sick-reports", {"first_sick_day": str(today)}),  # 409
        api.post(f"employees/{pn}/recoveries", {"recovery_date": str(today)}),
    ]
    assert [r.status_code for r in responses] == [201, 409, 200]
    for response in responses:
        assert MARKER not in response.content.decode()


def test_no_webhook_payload_contains_the_marker(world, marked):
    with local_receiver() as receiver:
        webhook_endpoint_create(
            employer=world.employer_a,
            url=receiver.url,
            events=[
                "case.created",
                "case.recovered",
                "case.closed",
                "deadline.due_soon",
                "deadline.overdue",
                "riv.exported",
            ],
            actor=world.hr_a,
        )
        # case.created with the marker typed into the ziekmelding's free texts
        case_services.case_report_sick(
            employee=world.colleague_a.__class__.objects.create(
                employer=world.employer_a,
                personnel_number="LEAK1",
                first_name="Lea",
                last_name="Kage",
                bsn="111222333",
                date_of_birth="1990-01-01",
            ),
            first_sick_day=timezone.localdate() - timedelta(days=3),
            actor=world.hr_a,
            contact_address=MARKER,
            appointments_note=MARKER,
            expected_duration=MARKER,
        )
        case_services.case_report_recovery(
            case=world.case_a, recovery_date=timezone.localdate(), actor=world.hr_a
        )
        case_services.case_transition(
            case=world.case_a, to="closed", reason="recovered", actor=world.hr_a
        )
        export = ReportExport.objects.get(pk=marked["reintegration_report:export_status"])
        from dossier.models import DocumentVersion

        ReportExport.objects.filter(pk=export.pk).update(
            status="done",
            finished_at=timezone.now(),
            step=MARKER,
            error=MARKER,
            document_version=DocumentVersion.objects.filter(document__case=world.case_a).first(),
        )
        Case.objects.filter(pk=world.case_a.pk).update(status="open")  # deadlines of open cases
        webhooks_scan()
        webhooks_send_due()
    types = set(WebhookEvent.objects.values_list("type", flat=True))
    assert types == {
        "case.created",
        "case.recovered",
        "case.closed",
        "deadline.due_soon",
        "deadline.overdue",
        "riv.exported",
    }
    assert len(receiver.requests) == WebhookEvent.objects.count()
    for request in receiver.requests:
        assert MARKER not in request.body.decode() + json.dumps(request.headers)
