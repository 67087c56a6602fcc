"""seed_demo --history-years: deterministic, idempotent, mostly short reports, seasonal."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date

import pytest
from django.core.management import call_command

from absence_figures.demo import HISTORY_MARK, employee_history
from cases.models import Case, Employee, SickPeriod

pytestmark = pytest.mark.django_db


def _history() -> list[tuple]:
    return list(
        SickPeriod.objects.filter(case__expected_duration=HISTORY_MARK)
        .order_by("case__employee__personnel_number", "start")
        .values_list("case__employee__personnel_number", "start", "end")
    )


def test_history_is_idempotent_and_covers_generated_employees(monkeypatch):
    monkeypatch.setattr("deadlines.services.deadlines_recompute", lambda **kwargs: [])
    call_command("seed_demo", "--employees", "10", "--history-years", "3", stdout=None)
    first = _history()
    call_command("seed_demo", "--employees", "10", "--history-years", "3", stdout=None)
    assert _history() == first and len(first) > 20
    generated = Employee.objects.filter(personnel_number__startswith="V")
    with_history = Case.objects.filter(employee__in=generated, expected_duration=HISTORY_MARK)
    assert with_history.values("employee").distinct().count() >= 3
    # Every demo department has enough staff for its team figures to be shown.
    for employee_count in Counter(
        Employee.objects.exclude(department=None).values_list("department", flat=True)
    ).values():
        assert employee_count >= 8
    # History never overlaps the staged (open) cases the other demo steps rely on.
    for case in Case.objects.exclude(expected_duration=HISTORY_MARK):
        older = Case.objects.filter(employee=case.employee, expected_duration=HISTORY_MARK)
        assert not older.filter(sick_periods__end__gte=case.first_sick_day).exists()


def test_generator_is_deterministic_mostly_short_and_seasonal():
    def run(seed: str):
        return employee_history(
            random.Random(seed), first=date(2020, 1, 1), last=date(2025, 12, 31)
        )

    assert run("x-1") == run("x-1")
    reports = [r for n in range(400) for r in run(f"e-{n}")]
    lengths = [(periods[0][1] - periods[0][0]).days + 1 for periods, _r in reports]
    assert sum(length <= 7 for length in lengths) / len(lengths) > 0.5
    assert any(length > 42 for length in lengths)
    months = Counter(periods[0][0].month for periods, _r in reports)
    assert months[1] + months[2] > 1.5 * (months[7] + months[8])
    per_year = len(reports) / 400 / 6
    assert 0.6 < per_year < 1.3
