"""The employee list: its rows (written in Python), uncounted pages, search and htmx partial."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from cases.models import Case, CaseStatus
from tests.factories import DepartmentFactory, EmployeeFactory

pytestmark = pytest.mark.django_db


def _row(employee, *, employer: str, department: str, manager: str, open_case: str) -> str:
    url = reverse("cases:employee_detail", args=[employee.pk])
    return (
        f'<tr><td><a href="{url}">{employee.full_name}</a></td>'
        f"<td>{employee.personnel_number}</td><td>{employer}</td><td>{department}</td>"
        f"<td>{employee.masked_bsn}</td><td>{manager}</td><td>{open_case}</td></tr>"
    )


def test_each_row_shows_the_employee_with_department_manager_and_open_case(world, login):
    world.colleague_a.department = DepartmentFactory(employer=world.employer_a, name="Logistiek")
    world.colleague_a.save()
    Case.objects.filter(pk=world.colleague_case_a.pk).update(status=CaseStatus.RECOVERED)
    text = login(world.hr_a).get(reverse("cases:employee_list")).text
    manager = world.employee_a.manager
    assert (
        _row(
            world.employee_a,
            employer="Alfa B.V.",
            department="—",
            manager=manager.full_name,
            open_case="ja",
        )
        in text
    )
    assert (
        _row(
            world.colleague_a,
            employer="Alfa B.V.",
            department="Logistiek",
            manager="—",
            open_case="—",
        )
        in text
    )
    assert _row(manager, employer="Alfa B.V.", department="—", manager="—", open_case="—") in text
    assert world.employee_b.personnel_number not in text


def test_rows_escape_names_and_show_anonymised_employees(world, login):
    EmployeeFactory(employer=world.employer_a, first_name="<b>Bold</b>", last_name="Aaa")
    world.colleague_a.anonymised_at = timezone.now()
    world.colleague_a.save()
    text = login(world.hr_a).get(reverse("cases:employee_list")).text
    assert "&lt;b&gt;Bold&lt;/b&gt; Aaa" in text and "<b>Bold" not in text
    assert f"Geanonimiseerde werknemer #{world.colleague_a.pk}" in text


def test_rows_in_english(world, login):
    client = login(world.hr_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text = client.get(reverse("cases:employee_list")).text
    assert "<td>yes</td></tr>" in text
    assert "Page 1" not in text  # one page only: no page links


def test_pages_are_not_counted(world, login):
    for n in range(25):
        EmployeeFactory(employer=world.employer_a, last_name=f"Zz{n:02d}")
    client = login(world.hr_a)
    first = client.get(reverse("cases:employee_list")).text
    assert "Pagina 1<" in first and 'href="?page=2"' in first and "Vorige" not in first
    second = client.get(reverse("cases:employee_list"), {"page": 2}).text
    assert "Pagina 2<" in second and 'href="?page=1"' in second and "Volgende" not in second
    assert "Zz24" in second and "Zz24" not in first
    assert " / " not in second.split('id="employee-rows"')[1]  # no "n / total"


def test_search_by_department_as_an_htmx_partial(world, login):
    world.colleague_a.department = DepartmentFactory(employer=world.employer_a, name="Logistiek")
    world.colleague_a.save()
    response = login(world.hr_a).get(
        reverse("cases:employee_list"), {"q": "logist"}, headers={"HX-Request": "true"}
    )
    assert response.text.lstrip().startswith('<div id="employee-rows">')
    assert "<html" not in response.text
    assert world.colleague_a.personnel_number in response.text
    assert world.employee_a.personnel_number not in response.text


def test_search_without_result(world, login):
    text = login(world.hr_a).get(reverse("cases:employee_list"), {"q": "nobody-here"}).text
    assert "Geen werknemers gevonden." in text
