"""Invitations: HR invites by e-mail, the link sets a password once within 7 days."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from cases.invitation_model import token_hash
from cases.models import AssignmentKind, CaseAssignment, CaseTeamChange, Invitation
from cases.services import (
    employees_invite,
    invitation_accept,
    invitation_create,
    invitation_resend,
    invitation_revoke,
)
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Lange-zin-als-wachtwoord-42"


def _token(mail) -> str:
    match = re.search(r"/dossiers/uitnodiging/([^/\s]+)/", mail.body)
    assert match, mail.body
    return match.group(1)


def _invite_physician(world, capture, **kwargs):
    with capture(execute=True):
        return invitation_create(
            actor=world.hr_a,
            employer=world.employer_a,
            email="Dokter.Nieuw@Arbo.example",
            full_name="Dokter Nieuw",
            role=Role.OCCUPATIONAL_PHYSICIAN,
            **kwargs,
        )


def test_invitation_mails_a_link_whose_token_is_stored_hashed(
    world, django_capture_on_commit_callbacks, mailoutbox
):
    invitation = _invite_physician(world, django_capture_on_commit_callbacks)
    assert invitation.email == "dokter.nieuw@arbo.example"
    assert [m.to for m in mailoutbox] == [["dokter.nieuw@arbo.example"]]
    token = _token(mailoutbox[0])
    assert invitation.token_hash == token_hash(token) and token not in invitation.token_hash
    assert "7 dagen" in mailoutbox[0].body
    assert invitation.expires_at - invitation.sent_at == timedelta(days=7)


def test_a_physician_invited_from_a_case_lands_on_that_case(
    world, client, django_capture_on_commit_callbacks, mailoutbox
):
    _invite_physician(world, django_capture_on_commit_callbacks, case=world.colleague_case_a)
    url = reverse("cases:invitation_accept", args=[_token(mailoutbox[0])])
    page = client.get(url)
    assert page.status_code == 200
    assert "Dokter Nieuw" in page.content.decode()
    response = client.post(url, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert response.status_code == 302
    user = User.objects.get(email="dokter.nieuw@arbo.example")
    assert user.role == Role.OCCUPATIONAL_PHYSICIAN and user.check_password(PASSWORD)
    assert CaseAssignment.objects.filter(
        case=world.colleague_case_a,
        user=user,
        active=True,
        kind=AssignmentKind.OCCUPATIONAL_PHYSICIAN,
    ).exists()
    change = CaseTeamChange.objects.get(case=world.colleague_case_a, new=user)
    assert change.actor == world.hr_a
    assert user.has_perm("cases.view_case", world.colleague_case_a)
    # Logged in; MFA rules as for every bedrijfsarts: the set-up comes first.
    home = client.get(reverse("cases:list"))
    assert home.status_code == 302 and home.url == reverse("mfa_activate_totp")
    # The link works once.
    client.logout()
    again = client.get(url)
    assert again.status_code == 404
    assert "niet (meer) geldig" in again.content.decode()


def test_an_employee_invitation_links_the_account_to_the_employee(
    world, client, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(
            actor=world.hr_a,
            employer=world.employer_a,
            email="collega@alfa.example",
            full_name=world.colleague_a.full_name,
            role=Role.EMPLOYEE,
            employee=world.colleague_a,
        )
    user = invitation_accept(token=_token(mailoutbox[0]), password=PASSWORD)
    world.colleague_a.refresh_from_db()
    assert world.colleague_a.user == user
    assert user.has_perm("cases.view_case", world.colleague_case_a)
    assert not user.has_perm("cases.view_case", world.case_a)


def test_a_bad_password_keeps_the_invitation_open(
    world, client, django_capture_on_commit_callbacks, mailoutbox
):
    _invite_physician(world, django_capture_on_commit_callbacks)
    url = reverse("cases:invitation_accept", args=[_token(mailoutbox[0])])
    response = client.post(url, {"new_password1": "kort", "new_password2": "kort"})
    assert response.status_code == 200
    assert "te kort" in response.content.decode()
    assert not User.objects.filter(email="dokter.nieuw@arbo.example").exists()
    assert client.get(url).status_code == 200


def test_an_invitation_expires_after_seven_days(
    world, client, django_capture_on_commit_callbacks, mailoutbox
):
    invitation = _invite_physician(world, django_capture_on_commit_callbacks)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    token = _token(mailoutbox[0])
    assert client.get(reverse("cases:invitation_accept", args=[token])).status_code == 404
    with pytest.raises(ValidationError):
        invitation_accept(token=token, password=PASSWORD)
    assert Invitation.objects.get(pk=invitation.pk).status() == "expired"


def test_resending_makes_a_new_link_and_kills_the_old_one(
    world, django_capture_on_commit_callbacks, mailoutbox
):
    invitation = _invite_physician(world, django_capture_on_commit_callbacks)
    old = _token(mailoutbox[0])
    with django_capture_on_commit_callbacks(execute=True):
        invitation_resend(invitation=invitation, actor=world.hr_a)
    new = _token(mailoutbox[1])
    assert new != old
    with pytest.raises(ValidationError):
        invitation_accept(token=old, password=PASSWORD)
    assert invitation_accept(token=new, password=PASSWORD).email == invitation.email


def test_a_revoked_invitation_no_longer_works(
    world, django_capture_on_commit_callbacks, mailoutbox
):
    invitation = _invite_physician(world, django_capture_on_commit_callbacks)
    invitation_revoke(invitation=invitation, actor=world.hr_a)
    with pytest.raises(ValidationError):
        invitation_accept(token=_token(mailoutbox[0]), password=PASSWORD)
    with pytest.raises(ValidationError, match="ingetrokken"):
        invitation_resend(invitation=invitation, actor=world.hr_a)
    with pytest.raises(PermissionDenied):
        invitation_revoke(invitation=invitation, actor=world.hr_b)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"email": "HR-a@x.example", "role": Role.OCCUPATIONAL_PHYSICIAN}, "email"),
        ({"role": Role.EMPLOYEE}, "role"),  # an employee needs the employee record
        ({"role": Role.HR}, "role"),
    ],
)
def test_invitation_refusals(world, kwargs, field):
    world.hr_a.email = "hr-a@x.example"
    world.hr_a.save()
    data = {"email": "iemand@x.example", "full_name": "Iemand", **kwargs}
    with pytest.raises(ValidationError) as error:
        invitation_create(actor=world.hr_a, employer=world.employer_a, **data)
    assert field in error.value.message_dict
    assert not Invitation.objects.exists()


def test_one_open_invitation_per_address(world, django_capture_on_commit_callbacks):
    _invite_physician(world, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError, match="staat al een uitnodiging open"):
        _invite_physician(world, django_capture_on_commit_callbacks)


def test_an_employee_with_an_account_is_not_invited(world):
    with pytest.raises(ValidationError, match="heeft al een account"):
        invitation_create(
            actor=world.hr_a,
            employer=world.employer_a,
            email="nog@een.example",
            full_name="X",
            role=Role.EMPLOYEE,
            employee=world.employee_a,
        )


def test_import_invites_employees_with_an_address_and_without_account(
    world, django_capture_on_commit_callbacks, mailoutbox
):
    with_mail = EmployeeFactory(employer=world.employer_a, email="a@alfa.example")
    without_mail = EmployeeFactory(employer=world.employer_a, email="")
    with django_capture_on_commit_callbacks(execute=True):
        count = employees_invite(
            employer=world.employer_a,
            employees=[with_mail, without_mail, world.employee_a],
            actor=world.hr_a,
        )
    assert count == 1
    assert [m.to for m in mailoutbox] == [["a@alfa.example"]]
    # Twice is harmless: the open invitation is not duplicated.
    assert employees_invite(employer=world.employer_a, employees=[with_mail], actor=world.hr_a) == 0


# --- Pages -------------------------------------------------------------------------------------


def test_hr_invites_from_the_employee_page_and_lists_resends_revokes(
    world, login, mailoutbox, django_capture_on_commit_callbacks
):
    client = login(world.hr_a)
    detail = client.get(reverse("cases:employee_detail", args=[world.colleague_a.pk]))
    link = f"{reverse('cases:invitation_create')}?employee={world.colleague_a.pk}"
    assert link in detail.content.decode()
    form = client.get(link)
    assert form.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            link,
            {
                "employer": world.employer_a.pk,
                "full_name": world.colleague_a.full_name,
                "email": "collega@alfa.example",
                "role": Role.EMPLOYEE,
            },
        )
    assert response.status_code == 302, response.content.decode()
    assert [m.to for m in mailoutbox] == [["collega@alfa.example"]]
    invitation = Invitation.objects.get()
    listing = client.get(reverse("cases:invitation_list")).content.decode()
    assert "collega@alfa.example" in listing and 'data-status="open"' in listing
    with django_capture_on_commit_callbacks(execute=True):
        resent = client.post(reverse("cases:invitation_resend", args=[invitation.pk]))
    assert resent.status_code == 302
    assert len(mailoutbox) == 2
    assert client.post(reverse("cases:invitation_revoke", args=[invitation.pk])).status_code == 302
    listing = client.get(reverse("cases:invitation_list")).content.decode()
    assert 'data-status="revoked"' in listing
    # Other HR cannot touch it; other roles do not get the list.
    other = login(world.hr_b)
    assert other.post(reverse("cases:invitation_resend", args=[invitation.pk])).status_code == 404
    assert (
        "collega@alfa.example" not in other.get(reverse("cases:invitation_list")).content.decode()
    )
    assert login(world.manager_a).get(reverse("cases:invitation_list")).status_code == 403


def test_the_case_team_page_offers_an_invitation_for_the_case(world, login, mailoutbox):
    client = login(world.hr_a)
    team_page = client.get(reverse("cases:team", args=[world.case_a.pk])).content.decode()
    assert f"?case={world.case_a.pk}&amp;role=occupational_physician" in team_page
    response = client.post(
        f"{reverse('cases:invitation_create')}?case={world.case_a.pk}",
        {
            "employer": world.employer_a.pk,
            "full_name": "Nieuwe Arts",
            "email": "arts@arbo.example",
            "role": Role.OCCUPATIONAL_PHYSICIAN,
        },
    )
    assert response.status_code == 302
    assert Invitation.objects.get().case == world.case_a


@pytest.mark.parametrize(("user_attr", "expected"), [("hr_b", 404), ("manager_a", 403)])
def test_invitation_form_for_someone_elses_employee_is_denied(world, login, user_attr, expected):
    client = login(getattr(world, user_attr))
    url = f"{reverse('cases:invitation_create')}?employee={world.colleague_a.pk}"
    assert client.get(url).status_code == expected
