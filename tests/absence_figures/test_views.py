"""The Analyse page: who sees what, suppression, filters, exports and query budgets."""

from __future__ import annotations

import csv
import io
from datetime import date
from urllib.parse import urlencode

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from accounts.models import Role
from tests.factories import CaseFactory, DepartmentFactory, EmployeeFactory, UserFactory

from .conftest import FixedSet

pytestmark = pytest.mark.django_db

URL = "/analyse/"
MARCH = "?period=month&year=2026&month=3"


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(date(2026, 4, 15), tick=False):
        yield


def _csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))


def test_hr_sees_the_hand_computed_figures(fixed_set: FixedSet, login):
    response = login(fixed_set.hr).get(URL + MARCH)
    assert response.status_code == 200
    analysis = response.context["analysis"]
    figures = analysis.main
    assert str(figures.absence_percentage) == "14.62"
    assert str(figures.report_frequency) == "10.08"
    assert str(figures.zero_absence) == "28.57"
    assert analysis.quality.without_contract_hours == 1  # V counts as full-time
    assert "1 werknemer zonder contracturen telt als voltijd" in response.content.decode()
    assert 'id="chart-trend"' in response.content.decode()
    assert 'id="table-trend"' in response.content.decode()


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.OCCUPATIONAL_PHYSICIAN,
                                  Role.REINTEGRATION_SPECIALIST])  # fmt: skip
@pytest.mark.parametrize("path", ["", "export.csv", "export.xlsx", "rapport.pdf"])
def test_other_roles_are_denied(fixed_set, login, role, path):
    response = login(UserFactory(role=role)).get(URL + path + MARCH)
    assert response.status_code == 403


def test_anonymous_is_sent_to_login(fixed_set, client):
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_hr_never_sees_another_employers_data(fixed_set, login):
    other_hr = UserFactory(role=Role.HR)
    fixed_set.other_employer.hr_users.add(other_hr)
    client = login(other_hr)
    response = client.get(URL + MARCH)
    assert response.context["analysis"].main is None  # 1 employee: suppressed, not 7
    assert response.context["analysis"].employees == 1
    # Choosing the first employer by id in the URL is refused by the form, not served.
    response = client.get(URL + MARCH + f"&employer={fixed_set.employer.pk}")
    assert response.context["analysis"] is None
    assert "employer" in response.context["form"].errors
    response = client.get(URL + "export.csv" + MARCH + f"&employer={fixed_set.employer.pk}")
    assert response["Content-Type"].startswith("text/html")  # the page with the error, no file
    assert "14,62" not in response.content.decode() and "14.62" not in response.content.decode()


@pytest.mark.parametrize("value", ["department", "abc", "-1", "1\x00"])
def test_hr_cannot_choose_a_department_they_do_not_serve(fixed_set, login, value):
    """The chosen department is checked against the departments read with HR's employers."""
    other_hr = UserFactory(role=Role.HR)
    fixed_set.other_employer.hr_users.add(other_hr)
    chosen = fixed_set.department.pk if value == "department" else value
    response = login(other_hr).get(URL + MARCH + "&" + urlencode({"department": chosen}))
    assert response.context["analysis"] is None
    assert "department" in response.context["form"].errors


def test_manager_sees_only_their_department_and_small_groups_are_suppressed(fixed_set, login):
    # Another department of the same employer with a sick employee must not count.
    elsewhere = DepartmentFactory(employer=fixed_set.employer, name="Kantoor")
    sick = EmployeeFactory(employer=fixed_set.employer, department=elsewhere)
    CaseFactory(employee=sick, first_sick_day=date(2026, 3, 2), reported_by=fixed_set.hr)
    client = login(fixed_set.manager)
    analysis = client.get(URL + MARCH).context["analysis"]
    assert analysis.scope_label == "Afdeling Productie"
    assert str(analysis.main.absence_percentage) == "14.62"  # the seven of Productie only
    assert [name for name, *_ in analysis.departments] == ["Productie"]
    # Fewer than 5 employees in the department: nothing is shown.
    for employee in fixed_set.department.employees.exclude(user=fixed_set.manager)[:3]:
        employee.department = elsewhere
        employee.save()
    response = client.get(URL + MARCH)
    analysis = response.context["analysis"]
    assert analysis.main is None and analysis.bands is None
    assert all(figures is None for _month, figures in analysis.trend)
    assert "minder dan 5 medewerkers" in response.content.decode()
    assert "Verzuimpercentage (%);" not in response.content.decode()
    rows = _csv_rows(client.get(URL + "export.csv" + MARCH))
    assert all(
        cell in ("", "Productie") or not cell[0].isdigit() for row in rows for cell in row[1:2]
    )


def test_manager_cannot_widen_the_scope_through_the_url(fixed_set, login):
    other = DepartmentFactory(employer=fixed_set.employer)
    analysis = (
        login(fixed_set.manager)
        .get(URL + MARCH + f"&department={other.pk}&employer={fixed_set.other_employer.pk}")
        .context["analysis"]
    )
    assert analysis.scope_label == "Afdeling Productie"


def test_manager_without_employee_record_sees_an_explanation(db, login):
    response = login(UserFactory(role=Role.MANAGER)).get(URL)
    assert response.status_code == 200
    assert response.context["analysis"] is None
    assert "niet gekoppeld" in response.content.decode()


def test_bad_filters_answer_in_dutch_and_keep_the_input(fixed_set, login):
    response = login(fixed_set.hr).get(URL + "?period=range&start=2026-03-10&end=2026-03-01")
    assert response.status_code == 200
    assert "De einddatum ligt vóór de begindatum." in response.content.decode()
    assert 'value="2026-03-10"' in response.content.decode()
    response = login(fixed_set.hr).get(URL + "?period=year&year=2030")
    assert "Deze periode ligt in de toekomst." in response.content.decode()


def test_exports_carry_the_same_figures(fixed_set, login):
    client = login(fixed_set.hr)
    response = client.get(URL + "export.csv" + MARCH)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    rows = _csv_rows(response)
    assert ["Verzuimpercentage (%)", "14,62"] in rows
    assert ["Meldingsfrequentie (per jaar)", "10,08"] in rows
    response = client.get(URL + "export.xlsx" + MARCH)
    workbook = load_workbook(io.BytesIO(response.content))
    values = [tuple(r) for s in workbook.worksheets for r in s.iter_rows(values_only=True)]
    assert ("Verzuimpercentage (%)", 14.62) in values
    assert ("Nulverzuim (%)", 28.57) in values


def test_pdf_report_with_svg_charts(fixed_set, login):
    from absence_figures.report import report_charts

    response = login(fixed_set.hr).get(URL + "rapport.pdf" + MARCH)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    analysis = login(fixed_set.hr).get(URL + MARCH).context["analysis"]
    charts = report_charts(analysis)
    assert set(charts) == {"trend", "classes", "departments", "bands"}
    assert all(svg.startswith("<svg") for svg in charts.values())


def test_vernet_classes_view(fixed_set, login):
    analysis = login(fixed_set.hr).get(URL + MARCH + "&classes=vernet").context["analysis"]
    classes = next(t for t in analysis.tables if t.key == "classes")
    assert classes.rows[0][:2] == ["Kort (1–14 dagen)", 6]


def test_navigation_shows_analyse_to_hr_and_managers_only(fixed_set, login):
    assert 'href="/analyse/"' in login(fixed_set.hr).get("/dossiers/").content.decode()
    assert 'href="/analyse/"' in login(fixed_set.manager).get("/dossiers/").content.decode()
    employee = UserFactory(role=Role.EMPLOYEE)
    EmployeeFactory(employer=fixed_set.employer, user=employee)
    assert 'href="/analyse/"' not in login(employee).get("/dossiers/").content.decode()


def test_chart_script_is_served_from_own_static_files_under_csp(fixed_set, login):
    response = login(fixed_set.hr).get(URL + MARCH)
    html = response.content.decode()
    assert "vendor/chartjs/chart.umd.js" in html and "cdn" not in html.lower()
    policy = response.headers.get("Content-Security-Policy", "")
    assert "script-src 'self'" in policy


def _grow(fixed_set: FixedSet, n: int) -> None:
    for _ in range(n):
        employee = EmployeeFactory(employer=fixed_set.employer, department=fixed_set.department)
        CaseFactory(employee=employee, first_sick_day=date(2026, 3, 3), reported_by=fixed_set.hr)


@pytest.mark.parametrize("path", ["", "export.csv"])
def test_query_count_does_not_grow_with_employees(fixed_set, login, path):
    client = login(fixed_set.hr)
    client.get(URL + path + MARCH)  # warm caches (session, content types)
    cache.clear()  # measure the figures being computed, not read from the cache
    with CaptureQueriesContext(connection) as small:
        client.get(URL + path + MARCH)
    _grow(fixed_set, 25)
    cache.clear()
    with CaptureQueriesContext(connection) as large:
        client.get(URL + path + MARCH)
    assert len(large) == len(small)
    assert len(small) <= 12


def test_cached_figures_follow_every_change_of_their_data(fixed_set, login):
    """The figures are cached (absence_figures.cached_totals) but never outlive their data."""
    client = login(fixed_set.hr)
    before = client.get(URL + MARCH).context["analysis"]
    with CaptureQueriesContext(connection) as cached:
        again = client.get(URL + MARCH).context["analysis"]
    assert again.tables == before.tables
    assert not [q for q in cached.captured_queries if "cases_sickperiod sp" in q["sql"]]
    _grow(fixed_set, 3)
    after = client.get(URL + MARCH).context["analysis"]
    assert after.main.new_reports == before.main.new_reports + 3


def test_default_view_is_the_last_complete_month_and_the_form_shows_it(fixed_set, login):
    response = login(fixed_set.hr).get(URL)
    form = response.context["form"]
    assert (form["period"].value(), form["year"].value(), form["month"].value()) == (
        "month",
        "2026",
        "3",
    )
    assert response.context["analysis"].period.start == date(2026, 3, 1)


def test_manager_without_department_sees_the_team_they_lead(fixed_set, login):
    record = fixed_set.manager.employee_record
    record.department = None
    record.save()
    # Only the employees this manager leads count (all seven of the fixed set).
    EmployeeFactory(employer=fixed_set.employer, department=fixed_set.department)
    analysis = login(fixed_set.manager).get(URL + MARCH).context["analysis"]
    assert analysis.scope_label.startswith("Team van")
    assert analysis.employees == 7
    assert str(analysis.main.absence_percentage) == "14.62"


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.HR, True),
        (Role.MANAGER, True),
        (Role.EMPLOYEE, False),
        (Role.OCCUPATIONAL_PHYSICIAN, False),
        (Role.REINTEGRATION_SPECIALIST, False),
    ],
)
def test_permission_rule_agrees_with_the_view(db, login, role, allowed):
    user = UserFactory(role=role)
    assert user.has_perm("absence_figures.view_analysis") is allowed
    assert (login(user).get(URL).status_code == 200) is allowed
