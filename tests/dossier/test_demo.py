"""Demo dossiers: created once (idempotent), medical parts invisible to the demo HR user."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from cases import demo as cases_demo
from dossier import demo
from dossier.models import AccessLog, Evaluation, MedicalNote, PhysicianStatement

pytestmark = pytest.mark.django_db


def test_seed_is_idempotent_and_hides_the_medical_part_from_hr(login):
    ctx = cases_demo.DemoContext(today=timezone.localdate())
    cases_demo.seed(ctx)
    demo.seed(ctx)
    counts = (PhysicianStatement.objects.count(), Evaluation.objects.count())
    demo.seed(ctx)
    assert (PhysicianStatement.objects.count(), Evaluation.objects.count()) == counts
    week92 = ctx.cases[("korenschoof", "week92")]
    kinds = set(Evaluation.objects.filter(case=week92).values_list("kind", flat=True))
    assert kinds == {"first_year", "final"}
    assert not week92.physician_statements.none().exists()
    diagnosis = MedicalNote.objects.first().diagnosis
    client = login(ctx.users[("korenschoof", Role.HR)])
    for statement in PhysicianStatement.objects.filter(case__employer__name__contains="Koren"):
        page = client.get(reverse("dossier:statement_detail", args=[statement.pk]))
        assert page.status_code == 200
        assert diagnosis not in page.text
    assert AccessLog.objects.exists()
