"""Password reset by e-mail, and allauth's login rate limit."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from accounts.models import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_password_reset_sends_a_dutch_email_without_login(client):
    UserFactory(role=Role.EMPLOYEE, email="anna@test.example")
    response = client.post(reverse("account_reset_password"), {"email": "anna@test.example"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@test.example"]
    assert "wachtwoord" in mail.outbox[0].body.lower()


def test_repeated_failed_logins_are_rate_limited(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/m/ip"}
    cache.clear()
    UserFactory(role=Role.EMPLOYEE, email="bob@test.example")
    for _ in range(3):
        client.post(reverse("account_login"), {"login": "bob@test.example", "password": "fout"})
    response = client.post(
        reverse("account_login"), {"login": "bob@test.example", "password": "fout"}
    )
    assert response.status_code == 200
    assert "Te veel inlogpogingen" in response.text
    assert "_auth_user_id" not in client.session


def test_public_signup_is_closed(client):
    response = client.get(reverse("account_signup"))
    assert "account/signup_closed.html" in [t.name for t in response.templates]
    assert "Registratie gesloten" in response.text
    response = client.post(
        reverse("account_signup"),
        {
            "email": "x@test.example",
            "password1": "Lang-wachtwoord-1",
            "password2": "Lang-wachtwoord-1",
        },
    )
    from accounts.models import User

    assert not User.objects.filter(email="x@test.example").exists()
