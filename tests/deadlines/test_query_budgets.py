"""Query budgets of the HR list pages and the case page at two sizes (issue 16).

The count of queries must not grow with the number of cases on a list, nor with the number of
records on a case. (Speed itself is measured by `bench/pages.py`, not by tests.)
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from deadlines.models import Notification
from deadlines.services import deadlines_recompute_all
from tests.dossier.factories import statement
from tests.factories import CaseFactory, EmployeeFactory

pytestmark = pytest.mark.django_db


def _count(client, url: str) -> int:
    client.get(url)  # warm the session and permission caches
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _add_cases(world, n: int) -> None:
    first_sick_day = timezone.localdate() - timedelta(days=400)
    for _ in range(n):
        case = CaseFactory(
            employee=EmployeeFactory(employer=world.employer_a),
            first_sick_day=first_sick_day,
            reported_by=world.hr_a,
        )
        Notification.objects.create(
            user=world.hr_a, case=case, text="Herinnering", url=case.get_absolute_url()
        )
    deadlines_recompute_all()


@pytest.mark.parametrize(
    ("url_name", "budget"),
    [
        ("cases:list", 10),
        ("cases:employee_list", 8),
        ("deadlines:list", 12),
        ("deadlines:notifications", 8),
        ("second_track:overview", 12),
    ],
)
def test_list_pages_do_not_grow_with_cases(world, login, url_name, budget):
    client = login(world.hr_a)
    url = reverse(url_name)
    _add_cases(world, 3)
    few = _count(client, url)
    _add_cases(world, 30)
    many = _count(client, url)
    assert few == many
    assert many <= budget


def test_case_page_does_not_grow_with_records(world, login):
    client = login(world.hr_a)
    case = world.case_a
    url = reverse("cases:detail", args=[case.pk])
    statement(case, world.physician)
    deadlines_recompute_all()
    few = _count(client, url)
    for _ in range(8):
        statement(case, world.physician)
    deadlines_recompute_all()
    many = _count(client, url)
    assert few == many
