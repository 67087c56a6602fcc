"""The nightly work in bulk: the batch recompute agrees with the single-case one on every
stored field, writes only differences, and planning reads in a fixed number of queries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.models import Case
from deadlines.models import Deadline, DeadlineChange, DeadlineKind, Reminder
from deadlines.recompute import deadlines_recompute
from deadlines.reminder_planning import reminders_plan
from deadlines.services import deadlines_nightly, deadlines_recompute_all
from tests.factories import CaseFactory, EmployeeFactory

pytestmark = pytest.mark.django_db

FIELDS = [f.attname for f in Deadline._meta.concrete_fields]


def _snapshot() -> dict[int, tuple]:
    return {row[0]: row for row in Deadline.objects.order_by("pk").values_list(*FIELDS)}


def _add_cases(world, count: int, days_sick: int = 60) -> None:
    for n in range(count):
        CaseFactory(
            employee=EmployeeFactory(employer=world.employer_a),
            first_sick_day=timezone.localdate() - timedelta(days=days_sick + n),
            reported_by=world.hr_a,
            casemanager=world.hr_a,
        )


def test_batch_and_single_recompute_store_the_same_deadlines(world):
    _add_cases(world, 4)
    assert deadlines_recompute_all() == Case.objects.count()
    batch = _snapshot()
    next_deadlines = dict(Case.objects.values_list("pk", "next_deadline"))
    for case in Case.objects.all():
        deadlines_recompute(case=case, reason="check")
    assert _snapshot() == batch  # nothing to write: not even updated_at moved
    assert dict(Case.objects.values_list("pk", "next_deadline")) == next_deadlines
    assert not DeadlineChange.objects.exists()


def test_batch_recompute_writes_only_what_differs(world):
    deadlines_recompute_all()
    plan = Deadline.objects.get(case=world.case_a, kind=DeadlineKind.ACTION_PLAN)
    right = plan.due_date
    wrong = right + timedelta(days=30)
    Deadline.objects.filter(pk=plan.pk).update(due_date=wrong, computed_date=wrong)
    Case.objects.filter(pk=world.case_a.pk).update(next_deadline=None)
    before = _snapshot()
    assert deadlines_recompute_all(reason="Nachtelijke controle") == 3
    after = _snapshot()
    changed = {pk for pk in after if after[pk] != before[pk]}
    assert changed == {plan.pk}
    plan.refresh_from_db()
    assert plan.due_date == right
    assert plan.updated_at > before[plan.pk][FIELDS.index("updated_at")]
    change = DeadlineChange.objects.get()
    assert (change.deadline_id, change.old_due, change.new_due) == (plan.pk, wrong, right)
    assert change.reason == "Nachtelijke controle"
    world.case_a.refresh_from_db()
    assert world.case_a.next_deadline is not None


def test_planning_reads_in_a_fixed_number_of_queries(world):
    def queries(count: int) -> int:
        _add_cases(world, count, days_sick=40)  # probleemanalyse due within two weeks
        deadlines_recompute_all()
        Reminder.objects.all().delete()
        with CaptureQueriesContext(connection) as captured:
            assert reminders_plan() > 0
        with CaptureQueriesContext(connection) as again:
            assert reminders_plan() == 0
        assert len(again) <= len(captured)
        return len(captured)

    assert queries(2) == queries(10)


def test_nightly_work_recomputes_and_plans(world):
    _add_cases(world, 3, days_sick=40)
    result = deadlines_nightly()
    assert result.cases == Case.objects.count()
    assert result.planned == Reminder.objects.count() > 0
    assert deadlines_nightly().planned == 0
