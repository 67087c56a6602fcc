"""`cases.batched_reads`: several querysets read in one round trip give what each gives alone."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Count, F
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from cases.batched_reads import prefetched_set, querysets_read
from cases.models import Case, CaseAssignment, SickPeriod

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
