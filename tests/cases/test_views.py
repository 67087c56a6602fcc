"""Case pages answer 404 for cases outside the user's scope, and list only visible cases."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

DENIED = [
    ("hr_b", "case_a"),
    ("manager_a", "colleague_case_a"),
    ("employee_user_a", "colleague_case_a"),
    ("employee_user_a", "case_b"),
    ("other_physician", "case_a"),
    ("specialist", "case_b"),
]


@pytest.mark.parametrize(("user_attr", "case_attr"), DENIED)
def test_case_detail_outside_scope_is_not_found(world, login, user_attr, case_attr):
    client = login(getattr(world, user_attr))
    response = client.get(reverse("cases:detail", args=[getattr(world, case_attr).pk]))
    assert response.status_code == 404


@pytest.mark.parametrize(
    "user_attr", ["hr_a", "manager_a", "employee_user_a", "physician", "specialist"]
)
def test_case_detail_in_scope_is_shown(world, login, user_attr):
    client = login(getattr(world, user_attr))
    response = client.get(reverse("cases:detail", args=[world.case_a.pk]))
    assert response.status_code == 200
    assert world.employee_a.last_name in response.text


def test_case_list_shows_only_visible_cases(world, login):
    client = login(world.employee_user_a)
    response = client.get(reverse("cases:list"))
    assert response.status_code == 200
    assert world.employee_a.last_name in response.text
    assert world.colleague_a.last_name not in response.text
    assert world.employee_b.last_name not in response.text


def test_anonymous_user_is_sent_to_login(client, world):
    response = client.get(reverse("cases:detail", args=[world.case_a.pk]))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
