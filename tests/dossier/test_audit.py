"""The append-only access log: reads and writes are logged, shown to HR and the employee."""

from __future__ import annotations

import pytest
from django.db import ProgrammingError, transaction
from django.urls import reverse

from dossier.models import AccessLog
from tests.dossier.factories import MARKER, pdf_upload, plan, statement

pytestmark = pytest.mark.django_db


def test_reads_and_writes_are_logged(world, login):
    s = statement(world.case_a, world.physician, diagnosis=MARKER)
    version = plan(world.case_a, world.hr_a)
    client = login(world.manager_a)
    client.get(reverse("dossier:statement_detail", args=[s.pk]))
    client = login(world.physician)
    client.get(reverse("dossier:statement_detail", args=[s.pk]))
    rows = set(AccessLog.objects.values_list("user__full_name", "action", "record_type"))
    assert ("Bedrijfsarts", "create", "statement") in rows
    assert ("HR Alfa", "create", "plan_version") in rows
    assert ("Manager Alfa", "view", "statement") in rows
    assert ("Manager Alfa", "view", "medical_note") not in rows
    assert ("Bedrijfsarts", "view", "medical_note") in rows
    assert version.pk in AccessLog.objects.filter(record_type="plan_version").values_list(
        "record_id", flat=True
    )


def test_download_is_logged(world, login):
    from dossier import services

    document = services.document_upload(
        case=world.case_a, actor=world.hr_a, title="Verslag", upload=pdf_upload()
    )
    client = login(world.specialist)
    client.get(document.versions.get().get_download_url())
    assert AccessLog.objects.filter(user=world.specialist, action="download").count() == 1


def test_access_log_is_append_only(world):
    statement(world.case_a, world.physician)
    entry = AccessLog.objects.first()
    with pytest.raises(ProgrammingError), transaction.atomic():
        AccessLog.objects.filter(pk=entry.pk).update(action="view")
    with pytest.raises(ProgrammingError), transaction.atomic():
        entry.delete()


def test_employee_sees_who_viewed_their_dossier(world, login):
    s = statement(world.case_a, world.physician)
    login(world.manager_a).get(reverse("dossier:statement_detail", args=[s.pk]))
    client = login(world.employee_user_a)
    page = client.get(reverse("dossier:access_log", args=[world.case_a.pk]))
    assert page.status_code == 200
    assert "Wie heeft mijn dossier bekeken" in page.text
    assert "Manager Alfa" in page.text


def test_hr_sees_the_log_but_not_medical_titles(world, login):
    from dossier import services

    services.document_upload(
        case=world.case_a,
        actor=world.physician,
        title=MARKER,
        upload=pdf_upload(),
        is_medical=True,
    )
    page = login(world.hr_a).get(reverse("dossier:access_log", args=[world.case_a.pk]))
    assert page.status_code == 200
    assert "Bedrijfsarts" in page.text
    assert MARKER not in page.text
