"""MFA is mandatory for HR and bedrijfsarts, optional for others, skippable only for demo users."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [Role.HR, Role.OCCUPATIONAL_PHYSICIAN])
def test_roles_with_health_data_are_sent_to_totp_setup(client, role):
    client.force_login(UserFactory(role=role))
    response = client.get(reverse("cases:list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.MANAGER, Role.REINTEGRATION_SPECIALIST])
def test_other_roles_are_not_forced_to_set_up_mfa(client, role):
    client.force_login(UserFactory(role=role))
    assert client.get(reverse("cases:list")).status_code == 200


def test_demo_users_skip_mfa_only_in_demo_mode(client, settings):
    user = UserFactory(role=Role.HR, is_demo=True)
    client.force_login(user)
    settings.DEMO_MODE = False
    assert client.get(reverse("cases:list")).status_code == 302
    settings.DEMO_MODE = True
    assert client.get(reverse("cases:list")).status_code == 200


def test_production_settings_never_enable_demo_mode():
    from pathlib import Path

    source = Path("reintegratie/settings/production.py").read_text()
    assert "DEMO_MODE = False" in source


def test_login_page_is_dutch(client):
    response = client.get(reverse("account_login"))
    assert response.status_code == 200
    assert "Aanmelden" in response.text
    assert 'lang="nl"' in response.text


def test_login_with_email_and_password(client):
    from tests.factories import TEST_PASSWORD

    user = UserFactory(role=Role.EMPLOYEE, email="piet@test.example")
    response = client.post(
        reverse("account_login"), {"login": "piet@test.example", "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_wrong_password_gives_a_dutch_message(client):
    UserFactory(role=Role.EMPLOYEE, email="piet@test.example")
    response = client.post(
        reverse("account_login"), {"login": "piet@test.example", "password": "fout"}
    )
    assert response.status_code == 200
    assert "onjuist" in response.text.lower() or "niet correct" in response.text.lower()
