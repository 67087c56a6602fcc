"""seed_demo's volume option can grow the generated set in steps without clashing."""

import pytest
from django.core.management import call_command

from cases.models import Case, Employee

pytestmark = pytest.mark.django_db


def test_seed_volume_grows_in_steps_without_duplicate_bsns(monkeypatch):
    monkeypatch.setattr("deadlines.services.deadlines_recompute", lambda **kwargs: [])
    call_command("seed_demo", "--employees", "3", stdout=None)
    call_command("seed_demo", "--employees", "7", stdout=None)
    generated = Employee.objects.filter(personnel_number__startswith="V")
    assert generated.count() == 7
    assert len(set(generated.values_list("bsn", flat=True))) == 7
    assert Case.objects.filter(employee__in=generated).count() == 7
