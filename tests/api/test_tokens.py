"""API tokens: hashed, shown once, revocable, expiring, scoped, rate-limited, employer-bound."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from api.models import ApiToken, Scope
from api.services.tokens import api_token_revoke, token_hash
from cases.models import Employee

pytestmark = pytest.mark.django_db


def _assert_problem(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status
    assert body["type"].startswith("urn:poortwachter:problem:")
    assert body["title"] and body["detail"] and body["instance"] == response.wsgi_request.path
    return body


def test_only_the_hash_is_stored(world, make_token):
    created = make_token()
    token = ApiToken.objects.get()
    assert token.token_hash == token_hash(created.secret)
    assert created.secret not in str(ApiToken.objects.values().get())
    assert created.secret.startswith(token.prefix)
    assert not token.actor.is_active and not token.actor.has_usable_password()
    assert token.actor.role == ""


def test_token_needs_a_name_and_a_scope(world, make_token):
    with pytest.raises(ValidationError) as error:
        make_token(name=" ", scopes=["cases:delete"])
    assert set(error.value.message_dict) == {"name", "scopes"}


@pytest.mark.parametrize("secret", ["", "pw_unknown", "something-else"])
def test_missing_or_unknown_token_is_401(api, secret):
    _assert_problem(api.get("employees", secret=secret), 401)


def test_revoked_token_is_401_and_changes_nothing(api, world):
    token = ApiToken.objects.get()
    api_token_revoke(token=token, actor=world.hr_a)
    count = Employee.objects.count()
    from tests.api.conftest import employee_body

    _assert_problem(api.put("employees/N1", employee_body()), 401)
    _assert_problem(api.get("employees"), 401)
    assert Employee.objects.count() == count


def test_expired_token_is_401(api, world, time_machine):
    ApiToken.objects.update(expires_at=timezone.now() + timedelta(hours=1))
    assert api.get("employees").status_code == 200
    time_machine.move_to(timezone.now() + timedelta(hours=2))
    _assert_problem(api.get("employees"), 401)


def test_last_use_is_recorded(api):
    assert ApiToken.objects.get().last_used_at is None
    api.get("employees")
    assert ApiToken.objects.get().last_used_at is not None


@pytest.mark.parametrize(
    ("method", "path", "scope"),
    [
        ("get", "employees", Scope.EMPLOYEES_READ),
        ("get", "employees/{pn}", Scope.EMPLOYEES_READ),
        ("put", "employees/{pn}", Scope.EMPLOYEES_WRITE),
        ("post", "employees", Scope.EMPLOYEES_WRITE),
        ("post", "employees/{pn}/sick-reports", Scope.CASES_WRITE),
        ("post", "employees/{pn}/partial-recoveries", Scope.CASES_WRITE),
        ("post", "employees/{pn}/recoveries", Scope.CASES_WRITE),
        ("get", "cases", Scope.CASES_READ),
        ("get", "cases/{case}", Scope.CASES_READ),
        ("get", "deadlines", Scope.DEADLINES_READ),
    ],
)
def test_missing_scope_is_403_and_changes_nothing(world, make_token, method, path, scope):
    from django.test import Client

    from tests.api.conftest import ApiClient, employee_body

    others = [s for s in Scope.values if s != scope]
    client = ApiClient(Client(), make_token(scopes=others).secret)
    url = path.format(pn=world.employee_a.personnel_number, case=world.case_a.pk)
    data = {
        "employees/{pn}": employee_body(),
        "employees": {**employee_body(), "personnel_number": "NEW1"},
        "employees/{pn}/sick-reports": {"first_sick_day": str(timezone.localdate())},
        "employees/{pn}/partial-recoveries": {
            "start": str(timezone.localdate()),
            "percentage_sick": 50,
        },
        "employees/{pn}/recoveries": {"recovery_date": str(timezone.localdate())},
    }.get(path)
    before = (Employee.objects.count(), world.case_a.work_resumptions.count())
    body = _assert_problem(client.call(method, url, data if method != "get" else None), 403)
    assert scope in body["detail"]
    world.employee_a.refresh_from_db()
    assert world.employee_a.first_name != "Anna"
    assert (Employee.objects.count(), world.case_a.work_resumptions.count()) == before


def test_another_employers_data_is_404(api, world):
    _assert_problem(api.get(f"employees/{world.employee_b.personnel_number}"), 404)
    _assert_problem(api.get(f"cases/{world.case_b.pk}"), 404)
    _assert_problem(
        api.post(
            f"employees/{world.employee_b.personnel_number}/recoveries",
            {"recovery_date": str(timezone.localdate())},
        ),
        404,
    )
    listed = api.get("employees", {"limit": 500}).json()["items"]
    assert world.employee_b.personnel_number not in {e["personnel_number"] for e in listed}
    cases = {c["id"] for c in api.get("cases").json()["items"]}
    assert world.case_b.pk not in cases and world.case_a.pk in cases


@override_settings(API_RATE_LIMIT=(3, 60))
def test_rate_limit_answers_429_with_retry_after(api, make_token):
    for _ in range(3):
        assert api.get("employees").status_code == 200
    response = api.get("employees")
    _assert_problem(response, 429)
    assert 1 <= int(response["Retry-After"]) <= 61
    # the limit is per token: another token still gets through
    from django.test import Client

    from tests.api.conftest import ApiClient

    assert ApiClient(Client(), make_token(name="Ander").secret).get("employees").status_code == 200


def test_problem_details_follow_accept_language(api):
    dutch = _assert_problem(api.get("employees/NOPE"), 404)
    english = _assert_problem(api.get("employees/NOPE", language="en-GB,en;q=0.9"), 404)
    assert dutch["title"] == "Niet gevonden"
    assert english["title"] == "Not found"
    assert english["detail"] != dutch["detail"]


def test_unknown_api_path_is_a_problem_404(api):
    body = _assert_problem(api.get("/api/v1/nothing/here"), 404)
    assert body["instance"] == "/api/v1/nothing/here"


def test_schema_is_public_openapi(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    paths = set(schema["paths"])
    assert {
        "/api/v1/employees",
        "/api/v1/employees/{personnel_number}",
        "/api/v1/employees/{personnel_number}/sick-reports",
        "/api/v1/employees/{personnel_number}/partial-recoveries",
        "/api/v1/employees/{personnel_number}/recoveries",
        "/api/v1/cases",
        "/api/v1/cases/{case_id}",
        "/api/v1/deadlines",
    } <= paths
