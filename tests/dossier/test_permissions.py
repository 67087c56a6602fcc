"""Role × action matrix for the dossier (denials included) and the 404/403 view behaviour."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases.models import Case

pytestmark = pytest.mark.django_db

USERS = [
    "hr_a",
    "hr_b",
    "manager_a",
    "employee_user_a",
    "physician",
    "specialist",
    "other_physician",
]

#: perm → the users (on world.case_a) who have it; everyone else in USERS is denied.
ALLOWED: dict[str, set[str]] = {
    "dossier.view_dossier": {"hr_a", "manager_a", "employee_user_a", "physician", "specialist"},
    "dossier.view_work_advice": {
        "hr_a",
        "manager_a",
        "employee_user_a",
        "physician",
        "specialist",
    },
    "dossier.view_medical": {"employee_user_a", "physician"},
    "dossier.add_statement": {"physician"},
    "dossier.view_action_plan": {
        "hr_a",
        "manager_a",
        "employee_user_a",
        "physician",
        "specialist",
    },
    "dossier.change_action_plan": {"hr_a"},
    "dossier.agree_action_plan": {"employee_user_a"},
    "dossier.view_talks": {"hr_a", "manager_a", "employee_user_a", "physician", "specialist"},
    "dossier.add_talk": {"hr_a"},
    "dossier.view_evaluations": {
        "hr_a",
        "manager_a",
        "employee_user_a",
        "physician",
        "specialist",
    },
    "dossier.add_evaluation": {"hr_a"},
    "dossier.write_opinion": {"employee_user_a"},
    "dossier.view_opinion": {"hr_a", "employee_user_a", "physician"},
    "dossier.view_documents": {"hr_a", "employee_user_a", "physician", "specialist"},
    "dossier.upload_document": {"hr_a", "physician"},
    "dossier.upload_medical_document": {"physician"},
    "dossier.view_access_log": {"hr_a", "employee_user_a"},
}

MATRIX = [(user, perm, user in allowed) for perm, allowed in ALLOWED.items() for user in USERS]


@pytest.mark.parametrize(("user_attr", "perm", "allowed"), MATRIX)
def test_permission_matrix_on_own_case(world, user_attr, perm, allowed):
    assert getattr(world, user_attr).has_perm(perm, world.case_a) is allowed


@pytest.mark.parametrize("perm", list(ALLOWED))
@pytest.mark.parametrize(
    ("user_attr", "case_attr"),
    [
        ("employee_user_a", "colleague_case_a"),  # another employee's case
        ("manager_a", "colleague_case_a"),  # not their team
        ("physician", "case_b"),  # not assigned
        ("specialist", "colleague_case_a"),
        ("hr_a", "case_b"),  # other employer
    ],
)
def test_nothing_is_allowed_on_cases_outside_scope(world, user_attr, case_attr, perm):
    assert not getattr(world, user_attr).has_perm(perm, getattr(world, case_attr))


@pytest.mark.parametrize("user_attr", USERS)
def test_view_dossier_agrees_with_visible_to(world, user_attr):
    user = getattr(world, user_attr)
    for case in (world.case_a, world.colleague_case_a, world.case_b):
        visible = Case.objects.visible_to(user).filter(pk=case.pk).exists()
        assert user.has_perm("dossier.view_dossier", case) is visible


# Views: outside the scope → 404; inside the scope without the action's permission → 403.
WRITE_PAGES = [
    ("dossier:statement_create", {"hr_a", "manager_a", "employee_user_a", "specialist"}),
    ("dossier:capacity_create", {"hr_a", "employee_user_a", "specialist"}),
    ("dossier:plan_create", {"manager_a", "employee_user_a", "physician", "specialist"}),
    ("dossier:talk_create", {"manager_a", "employee_user_a", "physician", "specialist"}),
    ("dossier:document_upload", {"manager_a", "employee_user_a", "specialist"}),
    ("dossier:access_log", {"manager_a", "physician", "specialist"}),
]


@pytest.mark.parametrize(("url_name", "forbidden"), WRITE_PAGES)
def test_case_pages_forbidden_in_scope(world, login, url_name, forbidden):
    for user_attr in forbidden:
        client = login(getattr(world, user_attr))
        response = client.get(reverse(url_name, args=[world.case_a.pk]))
        assert response.status_code == 403, (user_attr, url_name)


@pytest.mark.parametrize(("url_name", "_forbidden"), WRITE_PAGES)
@pytest.mark.parametrize("user_attr", ["hr_b", "other_physician"])
def test_case_pages_not_found_outside_scope(world, login, url_name, _forbidden, user_attr):
    client = login(getattr(world, user_attr))
    assert client.get(reverse(url_name, args=[world.case_a.pk])).status_code == 404


def test_manager_cannot_read_opinion_page(world, login):
    client = login(world.manager_a)
    assert client.get(reverse("dossier:opinion", args=[world.case_a.pk])).status_code == 403
