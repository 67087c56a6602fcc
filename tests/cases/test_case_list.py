"""The case overview: filters, sorting, htmx partial, and a query budget independent of size."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Case, CaseStatus, SickPeriod
from tests.factories import CaseFactory, DepartmentFactory, EmployeeFactory

pytestmark = pytest.mark.django_db


def test_search_by_name_and_personnel_number(world, login):
    client = login(world.hr_a)
    response = client.get(reverse("cases:list"), {"q": world.colleague_a.personnel_number})
    assert world.colleague_a.last_name in response.text
    assert world.employee_a.personnel_number not in response.text
    response = client.get(reverse("cases:list"), {"q": world.employee_a.last_name})
    assert world.employee_a.personnel_number in response.text


def test_filter_status_department_and_week(world, login):
    department = DepartmentFactory(employer=world.employer_a, name="Logistiek")
    world.colleague_a.department = department
    world.colleague_a.save()
    Case.objects.filter(pk=world.case_a.pk).update(status=CaseStatus.RECOVERED)
    client = login(world.hr_a)
    response = client.get(reverse("cases:list"), {"status": "recovered"})
    assert world.employee_a.personnel_number in response.text
    assert world.colleague_a.personnel_number not in response.text
    response = client.get(reverse("cases:list"), {"department": department.pk})
    assert world.colleague_a.personnel_number in response.text
    assert world.employee_a.personnel_number not in response.text
    # Both cases are in week 4 (factory EZD three weeks ago).
    response = client.get(reverse("cases:list"), {"week_min": 4, "week_max": 4})
    assert world.colleague_a.personnel_number in response.text
    response = client.get(reverse("cases:list"), {"week_min": 5})
    assert world.colleague_a.personnel_number not in response.text


def test_htmx_request_gets_only_the_rows_partial(world, login):
    response = login(world.hr_a).get(
        reverse("cases:list"), {"q": world.employee_a.last_name}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert 'id="case-rows"' in response.text
    assert "<html" not in response.text
    assert world.employee_a.personnel_number in response.text


def test_sorting_by_week(world, login):
    Case.objects.filter(pk=world.case_a.pk).update(
        first_sick_day=timezone.localdate() - timedelta(weeks=30)
    )
    SickPeriod.objects.filter(case=world.case_a).update(
        start=timezone.localdate() - timedelta(weeks=30)
    )
    text = login(world.hr_a).get(reverse("cases:list"), {"ordering": "-week"}).text
    assert text.index(world.employee_a.personnel_number) < text.index(
        world.colleague_a.personnel_number
    )


def test_manager_sees_only_the_team(world, login):
    text = login(world.manager_a).get(reverse("cases:list")).text
    assert world.employee_a.last_name in text
    assert world.colleague_a.last_name not in text
    assert world.employee_b.last_name not in text


def _make_cases(employer, count):
    for _ in range(count):
        CaseFactory(employee=EmployeeFactory(employer=employer, department=None))


@pytest.mark.parametrize("count", [10, 200])
def test_case_list_query_budget(world, login, django_assert_max_num_queries, count):
    _make_cases(world.employer_a, count)
    client = login(world.hr_a)
    client.get(reverse("cases:list"))  # warm up session and caches
    with django_assert_max_num_queries(10):
        response = client.get(reverse("cases:list"), {"ordering": "-week"})
    assert response.status_code == 200
    with django_assert_max_num_queries(10):
        client.get(reverse("cases:list"), {"q": "a", "overdue": "true", "week_min": 1})


def test_filter_selects_are_styled_and_keep_their_choices(world, login):
    from django.urls import reverse

    client = login(world.hr_a)
    html = client.get(reverse("cases:list")).content.decode()
    assert html.count('class="form-select"') >= 3
    form = client.get(reverse("cases:list")).context["filter"].form
    assert [(v, label) for v, label in form.fields["casemanager"].choices if v] == [
        (world.hr_a.pk, str(world.hr_a))
    ]


def test_department_and_casemanager_filters_take_only_offered_ids(world, login):
    from django.urls import reverse

    from cases.models import Case, Department, Employee

    client = login(world.hr_a)
    Case.objects.filter(pk=world.case_a.pk).update(casemanager=world.hr_a)
    mine = client.get(reverse("cases:list"), {"casemanager": world.hr_a.pk}).context["cases"]
    assert [row.pk for row in mine] == [world.case_a.pk]
    department = Department.objects.create(employer=world.employer_a, name="Magazijn")
    Employee.objects.filter(pk=world.case_a.employee_id).update(department=department)
    in_department = client.get(reverse("cases:list"), {"department": department.pk})
    assert [row.pk for row in in_department.context["cases"]] == [world.case_a.pk]
    # Another employer's HR user is not an option: refused, nothing of theirs shown.
    refused = client.get(reverse("cases:list"), {"casemanager": world.hr_b.pk})
    assert "casemanager" in refused.context["filter"].form.errors
