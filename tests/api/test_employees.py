"""Employees through the API: create, upsert by personnel number, If-Match, filters, paging."""

from __future__ import annotations

import pghistory.models
import pytest
from django.utils import timezone

from cases.models import Department, Employee
from tests.api.conftest import employee_body
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


def _problem(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    return response.json()


def _fields(body: dict) -> set[str]:
    return {error["field"] for error in body.get("errors", [])}


def test_create_then_read_with_etag(api, world):
    response = api.post("employees", {**employee_body(), "personnel_number": "N100"})
    assert response.status_code == 201, response.content
    assert response["Location"] == "/api/v1/employees/N100"
    employee = Employee.objects.get(personnel_number="N100")
    assert employee.employer == world.employer_a
    assert employee.full_name == "Anna van Dijk"
    read = api.get("employees/N100")
    assert read.status_code == 200
    assert read["ETag"] == response["ETag"] == read.json()["etag"]
    assert read.json()["bsn"] == "111222333"


def test_create_twice_is_409(api):
    api.post("employees", {**employee_body(), "personnel_number": "N100"})
    body = _problem(api.post("employees", {**employee_body(), "personnel_number": "N100"}), 409)
    assert "PUT" in body["detail"]


def test_put_creates_updates_and_is_idempotent(api, world):
    first = api.put("employees/N200", employee_body())
    assert first.status_code == 201
    events = pghistory.models.Events.objects.filter(pgh_model="cases.EmployeeEvent").count()
    again = api.put("employees/N200", employee_body())
    assert again.status_code == 200
    assert again["ETag"] == first["ETag"]
    assert pghistory.models.Events.objects.filter(pgh_model="cases.EmployeeEvent").count() == events
    changed = api.put("employees/N200", employee_body(last_name="Jansen"), if_match=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    assert Employee.objects.get(personnel_number="N200").last_name == "Jansen"


def test_stale_if_match_is_412_and_changes_nothing(api):
    first = api.put("employees/N300", employee_body())
    api.put("employees/N300", employee_body(function_title="Teamleider"))  # another system
    body = _problem(
        api.put("employees/N300", employee_body(last_name="Overschreven"), if_match=first["ETag"]),
        412,
    )
    assert body["title"]
    assert Employee.objects.get(personnel_number="N300").last_name == "Dijk"


def test_if_match_on_a_missing_employee_is_412(api):
    _problem(api.put("employees/N400", employee_body(), if_match='"abc"'), 412)
    assert not Employee.objects.filter(personnel_number="N400").exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"bsn": "123456789"}, "bsn"),
        ({"bsn": ""}, "bsn"),
        ({"date_of_birth": "14-03-1985x"}, "date_of_birth"),
        ({"email": "geen-adres"}, "email"),
        ({"contract_hours": "95"}, "contract_hours"),
        ({"first_name": "x" * 101}, "first_name"),
        ({"department": "Bestaat niet"}, "department"),
        ({"manager_personnel_number": "ONBEKEND"}, "manager_personnel_number"),
        ({"diagnosis": "griep"}, "diagnosis"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(api, overrides, field):
    body = _problem(api.put("employees/N500", employee_body(**overrides)), 422)
    assert field in _fields(body), body
    assert body["type"] == "urn:poortwachter:problem:validation-error"
    assert not Employee.objects.filter(personnel_number="N500").exists()


def test_validation_errors_in_english(api):
    body = _problem(api.put("employees/N500", employee_body(bsn="123456789"), language="en"), 422)
    assert body["title"] == "Invalid input"
    assert "BSN" in body["errors"][0]["detail"]


def test_bsn_of_another_employee_is_refused(api, world):
    body = _problem(api.put("employees/N600", employee_body(bsn=world.colleague_a.bsn)), 422)
    assert _fields(body) == {"bsn"}
    assert world.colleague_a.personnel_number in body["errors"][0]["detail"]


def test_department_and_manager_are_linked(api, world):
    DepartmentFactory(employer=world.employer_a, name="Logistiek")
    response = api.put(
        "employees/N700",
        employee_body(
            department="Logistiek", manager_personnel_number=world.colleague_a.personnel_number
        ),
    )
    assert response.status_code == 201, response.content
    employee = Employee.objects.get(personnel_number="N700")
    assert employee.department == Department.objects.get(name="Logistiek")
    assert employee.manager == world.colleague_a


def test_a_department_of_another_employer_is_unknown(api, world):
    DepartmentFactory(employer=world.employer_b, name="Alleen bij B")
    body = _problem(api.put("employees/N800", employee_body(department="Alleen bij B")), 422)
    assert _fields(body) == {"department"}


def test_write_history_names_the_token(api):
    api.put("employees/N900", employee_body())
    event = pghistory.models.Events.objects.filter(
        pgh_model="cases.EmployeeEvent",
        pgh_obj_id=str(Employee.objects.get(personnel_number="N900").pk),
    ).get()
    from api.models import ApiToken

    token = ApiToken.objects.get()
    assert event.pgh_context["api_token"] == token.pk
    assert event.pgh_context["user"] == token.actor_id
    assert event.pgh_context["api_token_name"] == "Salarissysteem"


@pytest.mark.django_db(transaction=True)
def test_list_filters(api, world):
    DepartmentFactory(employer=world.employer_a, name="Logistiek")
    api.put("employees/N1", employee_body(department="Logistiek"))
    moment = timezone.now()  # the history's time comes from the database clock: no time travel
    api.put("employees/N2", employee_body(bsn="111222345"))
    numbers = lambda r: [e["personnel_number"] for e in r.json()["items"]]  # noqa: E731
    assert numbers(api.get("employees", {"personnel_number": "N1"})) == ["N1"]
    assert numbers(api.get("employees", {"department": "Logistiek"})) == ["N1"]
    since = api.get("employees", {"changed_since": moment.isoformat()})
    assert numbers(since) == ["N2"]


def test_cursor_pagination_visits_every_employee_once(api, world):
    seen: list[str] = []
    params = {"limit": 2}
    while True:
        page = api.get("employees", params).json()
        seen += [e["personnel_number"] for e in page["items"]]
        if not page["next_cursor"]:
            break
        params = {"limit": 2, "cursor": page["next_cursor"]}
    expected = set(
        Employee.objects.filter(employer=world.employer_a).values_list(
            "personnel_number", flat=True
        )
    )
    assert len(seen) == len(expected) and set(seen) == expected


def test_bad_cursor_is_400(api):
    body = _problem(api.get("employees", {"cursor": "!!!"}), 400)
    assert _fields(body) == {"cursor"}


@pytest.mark.parametrize("years", [12, 101])
def test_an_implausible_birth_date_is_refused_by_the_imports_rule(api, years):
    today = timezone.localdate()
    birth = today.replace(year=today.year - years, day=min(today.day, 28))
    body = _problem(api.put("employees/N600", employee_body(date_of_birth=str(birth))), 422)
    assert _fields(body) == {"date_of_birth"}
    assert "niet aannemelijk" in body["errors"][0]["detail"]
    assert "tussen 13 en 100 jaar" in body["errors"][0]["detail"]
    assert not Employee.objects.filter(personnel_number="N600").exists()
