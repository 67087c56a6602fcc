"""The case team: employer defaults, HR changes on the case page, history, notifications."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from cases.models import AssignmentKind, Case, CaseAssignment, CaseTeamChange, TeamRole
from cases.services import (
    case_report_sick,
    case_team,
    case_team_update,
    employer_defaults_update,
)
from deadlines.models import Notification
from tests.factories import EmployeeFactory, UserFactory

pytestmark = pytest.mark.django_db


def _active_physicians(case: Case) -> list[int]:
    return list(
        CaseAssignment.objects.filter(
            case=case, active=True, kind=AssignmentKind.OCCUPATIONAL_PHYSICIAN
        ).values_list("user_id", flat=True)
    )


def test_a_case_reported_by_hr_gets_the_reporter_as_casemanager(world):
    employee = EmployeeFactory(employer=world.employer_a)
    case = case_report_sick(
        employee=employee, first_sick_day=timezone.localdate(), actor=world.hr_a
    ).case
    assert case.casemanager == world.hr_a
    assert _active_physicians(case) == []
    change = CaseTeamChange.objects.get(case=case)
    assert (change.role, change.previous, change.new, change.actor) == (
        TeamRole.CASEMANAGER,
        None,
        world.hr_a,
        world.hr_a,
    )


def test_a_new_case_gets_the_employer_defaults(
    world, django_capture_on_commit_callbacks, mailoutbox
):
    colleague_hr = UserFactory(role=Role.HR, full_name="Casemanager Alfa")
    world.employer_a.hr_users.add(colleague_hr)
    employer_defaults_update(
        employer=world.employer_a,
        actor=world.hr_a,
        default_casemanager=colleague_hr,
        default_physician=world.physician,
    )
    employee = EmployeeFactory(employer=world.employer_a)
    with django_capture_on_commit_callbacks(execute=True):
        case = case_report_sick(
            employee=employee, first_sick_day=timezone.localdate(), actor=world.hr_a
        ).case
    assert case.casemanager == colleague_hr
    assert _active_physicians(case) == [world.physician.pk]
    roles = set(CaseTeamChange.objects.filter(case=case).values_list("role", flat=True))
    assert roles == {TeamRole.CASEMANAGER, TeamRole.OCCUPATIONAL_PHYSICIAN}
    # Both new members are told, in the app and by e-mail.
    assert Notification.objects.filter(user=world.physician, case=case).count() == 1
    assert Notification.objects.filter(user=colleague_hr, case=case).count() == 1
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [world.physician.email, colleague_hr.email]
    )
    assert "bedrijfsarts" in Notification.objects.get(user=world.physician).text


def test_a_case_reported_by_a_manager_without_defaults_has_no_casemanager(world):
    world.employer_a.allow_manager_reports = True
    world.employer_a.save()
    employee = EmployeeFactory(employer=world.employer_a)
    case = case_report_sick(
        employee=employee, first_sick_day=timezone.localdate(), actor=world.manager_a
    ).case
    assert case.casemanager is None
    assert not CaseTeamChange.objects.filter(case=case).exists()


def test_employer_defaults_refuse_the_wrong_people(world):
    with pytest.raises(ValidationError) as error:
        employer_defaults_update(
            employer=world.employer_a,
            actor=world.hr_a,
            default_casemanager=world.hr_b,
            default_physician=world.specialist,
        )
    assert set(error.value.message_dict) == {"default_casemanager", "default_physician"}
    with pytest.raises(PermissionDenied):
        employer_defaults_update(
            employer=world.employer_a,
            actor=world.hr_b,
            default_casemanager=None,
            default_physician=None,
        )


def test_changing_the_physician_keeps_history_and_notifies_the_new_one(
    world, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        changed = case_team_update(
            case=world.case_a, actor=world.hr_a, physician=world.other_physician
        )
    assert changed == ["physician"]
    assert _active_physicians(world.case_a) == [world.other_physician.pk]
    old = CaseAssignment.objects.get(case=world.case_a, user=world.physician)
    assert old.active is False  # kept, not deleted
    change = CaseTeamChange.objects.get(case=world.case_a)
    assert (change.previous, change.new, change.actor) == (
        world.physician,
        world.other_physician,
        world.hr_a,
    )
    assert [m.to for m in mailoutbox] == [[world.other_physician.email]]
    assert Notification.objects.filter(user=world.other_physician, case=world.case_a).exists()
    # The old physician loses access, the new one gains it.
    assert not world.physician.has_perm("cases.view_case", world.case_a)
    assert world.other_physician.has_perm("cases.view_case", world.case_a)


def test_an_unchanged_team_records_nothing(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        changed = case_team_update(
            case=world.case_a,
            actor=world.hr_a,
            casemanager=world.hr_a,
            physician=world.physician,
            specialist=world.specialist,
        )
    assert changed == []
    assert callbacks == []
    assert not CaseTeamChange.objects.exists()


def test_removing_the_specialist_is_recorded(world):
    assert case_team_update(case=world.case_a, actor=world.hr_a, specialist=None) == ["specialist"]
    assert case_team(Case.objects.get(pk=world.case_a.pk))["specialist"] is None
    change = CaseTeamChange.objects.get(case=world.case_a)
    assert (change.previous, change.new) == (world.specialist, None)


@pytest.mark.parametrize(
    ("field", "user_attr"),
    [("physician", "specialist"), ("specialist", "physician"), ("casemanager", "hr_b")],
)
def test_a_team_place_needs_the_right_role(world, field, user_attr):
    with pytest.raises(ValidationError) as error:
        case_team_update(case=world.case_a, actor=world.hr_a, **{field: getattr(world, user_attr)})
    assert field in error.value.message_dict
    assert not CaseTeamChange.objects.exists()


@pytest.mark.parametrize("actor_attr", ["hr_b", "manager_a", "physician", "employee_user_a"])
def test_only_hr_of_the_employer_changes_the_team(world, actor_attr):
    with pytest.raises(PermissionDenied):
        case_team_update(
            case=world.case_a, actor=getattr(world, actor_attr), physician=world.other_physician
        )


# --- Pages -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("user_attr", "expected"),
    [
        ("hr_a", 200),
        ("hr_b", 404),
        ("manager_a", 403),
        ("employee_user_a", 403),
        ("physician", 403),
        ("other_physician", 404),
    ],
)
def test_team_page_permissions(world, login, user_attr, expected):
    client = login(getattr(world, user_attr))
    assert client.get(reverse("cases:team", args=[world.case_a.pk])).status_code == expected


def test_hr_assigns_a_physician_on_the_case_page(world, login):
    client = login(world.hr_a)
    detail_url = reverse("cases:detail", args=[world.colleague_case_a.pk])
    page = client.get(detail_url).content.decode()
    assert "no-physician" in page
    assert reverse("cases:team", args=[world.colleague_case_a.pk]) in page
    response = client.post(
        reverse("cases:team", args=[world.colleague_case_a.pk]),
        {"casemanager": world.hr_a.pk, "physician": world.physician.pk, "specialist": ""},
    )
    assert response.status_code == 302
    page = client.get(detail_url).content.decode()
    assert "no-physician" not in page
    assert "Wijzigingen in het team" in page
    assert world.physician.full_name in page


def test_team_page_rejects_a_person_outside_the_choices_and_keeps_the_rest(world, login):
    client = login(world.hr_a)
    response = client.post(
        reverse("cases:team", args=[world.case_a.pk]),
        {"casemanager": world.hr_a.pk, "physician": world.specialist.pk, "specialist": ""},
    )
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert _active_physicians(world.case_a) == [world.physician.pk]


def test_the_team_button_is_only_shown_to_who_may_use_it(world, login):
    url = reverse("cases:detail", args=[world.case_a.pk])
    team_url = reverse("cases:team", args=[world.case_a.pk])
    assert team_url in login(world.hr_a).get(url).content.decode()
    for user in (world.manager_a, world.physician, world.employee_user_a):
        assert team_url not in login(user).get(url).content.decode()


def test_hr_case_list_warns_about_cases_without_physician(world, login):
    client = login(world.hr_a)
    page = client.get(reverse("cases:list")).content.decode()
    assert "1 lopend dossier heeft geen bedrijfsarts" in page
    filtered = client.get(reverse("cases:list"), {"without_physician": "true"})
    assert [row.pk for row in filtered.context["cases"]] == [world.colleague_case_a.pk]
    assert "no-physician" not in login(world.manager_a).get(reverse("cases:list")).content.decode()


def test_hr_sets_the_employer_defaults_in_the_browser(world, login):
    client = login(world.hr_a)
    listing = client.get(reverse("cases:employer_list")).content.decode()
    assert "Alfa B.V." in listing and "Bravo B.V." not in listing
    url = reverse("cases:employer_update", args=[world.employer_a.pk])
    assert url in listing
    response = client.post(
        url, {"default_casemanager": world.hr_a.pk, "default_physician": world.physician.pk}
    )
    assert response.status_code == 302
    world.employer_a.refresh_from_db()
    assert world.employer_a.default_physician == world.physician
    assert world.employer_a.default_casemanager == world.hr_a
    bad = client.post(url, {"default_physician": world.specialist.pk})
    assert bad.status_code == 200 and "Selecteer een geldige keuze" in bad.content.decode()


@pytest.mark.parametrize(
    ("user_attr", "expected"), [("hr_b", 404), ("manager_a", 404), ("physician", 404)]
)
def test_employer_defaults_page_is_for_its_hr_only(world, login, user_attr, expected):
    client = login(getattr(world, user_attr))
    url = reverse("cases:employer_update", args=[world.employer_a.pk])
    assert client.get(url).status_code == expected


def test_employer_list_is_for_hr_only(world, login):
    assert login(world.manager_a).get(reverse("cases:employer_list")).status_code == 403
