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


def test_bsn_sequence_yields_every_valid_bsn_in_order():
    from itertools import islice

    from cases.demo import bsn_sequence
    from cases.validators import bsn_is_valid

    for start in (0, 111222330, 500000000, 999999000):
        expected = [f"{n:09d}" for n in range(start, start + 1000) if bsn_is_valid(f"{n:09d}")]
        assert list(islice(bsn_sequence(start), len(expected))) == expected


def test_generated_records_have_one_insert_event_each(monkeypatch):
    """The volume's rows are copied in with their triggers ignored; their history is written
    in one statement per table instead: exactly one "insert" event per row."""
    from django.apps import apps

    from cases.models import SickPeriod

    monkeypatch.setattr("deadlines.services.deadlines_recompute", lambda **kwargs: [])
    call_command("seed_demo", "--employees", "5", stdout=None)
    generated = Employee.objects.filter(personnel_number__startswith="V")
    cases = Case.objects.filter(employee__in=generated)
    periods = SickPeriod.objects.filter(case__in=cases)
    for model, rows in ((Employee, generated), (Case, cases), (SickPeriod, periods)):
        event_model = apps.get_model("cases", f"{model.__name__}Event")
        events = event_model.objects.filter(pgh_obj_id__in=rows.values("pk"))
        assert events.filter(pgh_label="insert").count() == rows.count() == 5
        assert not events.exclude(pgh_label="insert").exists()
