"""`cases.batched_reads`: several querysets read in one round trip give what each gives alone;
`CaseRows` compiles a read once and gives each case its rows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Count, F
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from cases.batched_reads import CaseRows, prefetched_set, querysets_read
from cases.models import Case, CaseAssignment, Employee, SickPeriod

pytestmark = pytest.mark.django_db


def _querysets(world):
    case = world.case_a
    return [
        CaseAssignment.objects.filter(case=case).select_related("user").order_by("pk"),
        Case.objects.filter(pk=case.pk)
        .only("first_sick_day", "employee__first_name")
        # an ordering column that is not selected, and an annotation
        .select_related("employee")
        .annotate(periods=Count("sick_periods"), twice=F("pk") * 2)
        .order_by("employee__last_name"),
        case.sick_periods.order_by("start"),  # a related manager's: knows its case
        User.objects.filter(pk__in=[]),  # an empty read: no statement at all
        SickPeriod.objects.values_list("pk", flat=True),  # not of models: read on its own
    ]


def _fields(obj) -> dict:
    return {k: v for k, v in obj.__dict__.items() if k != "_state"}


def test_one_round_trip_gives_what_each_read_gives(world):
    expected = [list(qs) for qs in _querysets(world)]
    querysets = _querysets(world)
    with CaptureQueriesContext(connection) as captured:
        querysets_read(querysets)
    assert len(captured) == 1
    with CaptureQueriesContext(connection) as captured:
        results = [list(qs) for qs in querysets[:4]]
    assert len(captured) == 0  # read already
    for got, want in zip(results, expected, strict=False):
        assert [_fields(o) for o in got] == [_fields(o) for o in want]
    assignment = results[0][0]
    assert assignment.user == expected[0][0].user  # select_related filled
    assert results[1][0].periods == 1 and results[1][0].twice == 2 * world.case_a.pk
    assert results[1][0].employee.first_name == world.case_a.employee.first_name
    with CaptureQueriesContext(connection) as captured:
        assert results[2][0].case is world.case_a  # known related object, no read
    assert len(captured) == 0
    assert list(querysets[4]) == expected[4]


def test_a_prefetched_set_answers_the_related_manager(world):
    case = Case.objects.get(pk=world.case_a.pk)
    periods = case.sick_periods.order_by("start")
    querysets_read([periods])
    prefetched_set(case, "sick_periods", periods)
    with CaptureQueriesContext(connection) as captured:
        assert list(case.sick_periods.all()) == list(periods)
    assert len(captured) == 0


def test_case_rows_compile_once_and_read_each_case(world):
    rows = CaseRows(lambda case_id: SickPeriod.objects.filter(case_id=case_id).order_by("start"))
    for case in (world.case_a, world.case_b, world.case_a):
        want = list(SickPeriod.objects.filter(case=case).order_by("start"))
        with CaptureQueriesContext(connection) as captured:
            got = rows.rows(case)
        assert len(captured) == 1
        assert [p.pk for p in got] == [p.pk for p in want]
        assert all(p.case is case for p in got)  # the rows know their case
    assert rows._template() is not None  # compiled once, reused


def test_case_rows_by_another_id_and_into_a_queryset(world):
    employees = CaseRows(
        lambda employer_id: Employee.objects.filter(employer_id=employer_id).order_by("pk"),
        id_of=lambda case: case.employer_id,
    )
    into = Employee.objects.none()
    read = employees.read(world.case_a, into=into)
    querysets_read([read])
    want = list(Employee.objects.filter(employer=world.employer_a).order_by("pk"))
    assert read.result == want and into._result_cache == want
    nobody = CaseRows(lambda pk: User.objects.filter(pk=pk), id_of=lambda case: None)
    assert nobody.rows(world.case_a) == []  # no id: nothing read


def test_case_rows_whose_sql_depends_on_more_than_the_id_compile_every_time(world):
    def build(case_id):  # a shape that differs between the two probe ids
        periods = SickPeriod.objects.filter(case_id=case_id)
        return periods.order_by("start") if case_id > -1_000_010 else periods.order_by("-start")

    rows = CaseRows(build)
    assert rows._template() is None
    assert [p.pk for p in rows.rows(world.case_a)] == [
        p.pk for p in SickPeriod.objects.filter(case=world.case_a).order_by("start")
    ]
