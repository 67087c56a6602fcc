"""The Koppelingen pages: HR creates and revokes tokens, registers webhooks, reads the docs."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from api.models import ApiToken, WebhookEndpoint
from api.services.tokens import token_hash
from api.services.webhooks import webhook_endpoint_create

pytestmark = pytest.mark.django_db


def test_hr_sees_koppelingen_in_the_navigation(world, login):
    page = login(world.hr_a).get(reverse("cases:list"))
    assert reverse("api:overview") in page.text


@pytest.mark.parametrize("user_attr", ["manager_a", "employee_user_a", "physician", "specialist"])
def test_other_roles_get_no_link_and_403(world, login, user_attr):
    client = login(getattr(world, user_attr))
    assert reverse("api:overview") not in client.get(reverse("cases:list")).text
    for name in ("overview", "token_create", "webhook_create", "docs"):
        assert client.get(reverse(f"api:{name}")).status_code == 403, name


def test_create_token_shows_the_secret_once(world, login):
    client = login(world.hr_a)
    page = client.post(
        reverse("api:token_create"),
        {
            "employer": world.employer_a.pk,
            "name": "AFAS",
            "scopes": ["employees:read", "cases:write"],
            "expires_at": "",
        },
    )
    assert page.status_code == 200
    assert "no-cache" in page["Cache-Control"] or "no-store" in page["Cache-Control"]
    secret = re.search(r'id="api-secret">(pw_[^<]+)<', page.text).group(1)
    token = ApiToken.objects.get()
    assert token.token_hash == token_hash(secret)
    assert token.scopes == ["cases:write", "employees:read"]
    overview = client.get(reverse("api:overview"))
    assert "AFAS" in overview.text and token.prefix in overview.text
    assert secret not in overview.text


def test_bad_token_form_keeps_the_input(world, login):
    page = login(world.hr_a).post(
        reverse("api:token_create"),
        {"employer": world.employer_a.pk, "name": "AFAS", "expires_at": "2000-01-01"},
    )
    assert page.status_code == 200
    assert not ApiToken.objects.exists()
    assert 'value="AFAS"' in page.text
    assert "is-invalid" in page.text


def test_an_expiry_in_the_past_is_refused(world, login):
    page = login(world.hr_a).post(
        reverse("api:token_create"),
        {
            "employer": world.employer_a.pk,
            "name": "AFAS",
            "scopes": ["employees:read"],
            "expires_at": "2000-01-01",
        },
    )
    assert page.status_code == 200 and not ApiToken.objects.exists()
    assert "toekomst" in page.text


def test_hr_cannot_create_a_token_for_another_employer(world, login):
    page = login(world.hr_a).post(
        reverse("api:token_create"),
        {"employer": world.employer_b.pk, "name": "X", "scopes": ["employees:read"]},
    )
    assert page.status_code == 200  # invalid choice, shown on the form
    assert not ApiToken.objects.exists()


def test_revoke(world, login, make_token):
    token = make_token().token
    client = login(world.hr_a)
    response = client.post(reverse("api:token_revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == world.hr_a
    assert "Ingetrokken" in client.get(reverse("api:overview")).text


def test_hr_of_another_employer_cannot_revoke(world, login, make_token):
    token = make_token().token
    assert login(world.hr_b).post(reverse("api:token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_register_webhook_shows_secret_once_and_logs_deliveries(world, login):
    client = login(world.hr_a)
    page = client.post(
        reverse("api:webhook_create"),
        {
            "employer": world.employer_a.pk,
            "url": "https://hr.example.nl/hooks",
            "events": ["case.created", "deadline.overdue"],
        },
    )
    assert page.status_code == 200, page.text
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.secret in page.text
    detail = client.get(reverse("api:webhook_detail", args=[endpoint.pk]))
    assert detail.status_code == 200 and endpoint.secret not in detail.text
    assert endpoint.secret not in client.get(reverse("api:overview")).text


def test_plain_http_webhook_is_refused_on_the_form(world, login, settings):
    settings.API_WEBHOOK_ALLOW_LOCAL_HTTP = False
    page = login(world.hr_a).post(
        reverse("api:webhook_create"),
        {
            "employer": world.employer_a.pk,
            "url": "http://hr.example.nl",
            "events": ["case.created"],
        },
    )
    assert page.status_code == 200 and not WebhookEndpoint.objects.exists()
    assert "https" in page.text


def test_pause_and_resume(world, login):
    endpoint = webhook_endpoint_create(
        employer=world.employer_a,
        url="https://x.example.nl",
        events=["case.created"],
        actor=world.hr_a,
    )
    client = login(world.hr_a)
    client.post(reverse("api:webhook_toggle", args=[endpoint.pk]))
    endpoint.refresh_from_db()
    assert not endpoint.active
    client.post(reverse("api:webhook_toggle", args=[endpoint.pk]))
    endpoint.refresh_from_db()
    assert endpoint.active
    other = login(world.hr_b)
    assert other.get(reverse("api:webhook_detail", args=[endpoint.pk])).status_code == 404
    assert other.post(reverse("api:webhook_toggle", args=[endpoint.pk])).status_code == 404


def test_docs_page_for_hr_uses_vendored_swagger(world, login):
    page = login(world.hr_a).get(reverse("api:docs"))
    assert page.status_code == 200
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in page.text
    assert "/api/v1/schema/" in page.text
    assert "cdn" not in page.text.lower()


def test_hr_without_employers_sees_an_empty_page_without_actions(world, login):
    from accounts.models import Role
    from tests.factories import UserFactory

    lonely = UserFactory(role=Role.HR)
    client = login(lonely)
    page = client.get(reverse("api:overview"))
    assert page.status_code == 200
    for name in ("token_create", "webhook_create", "docs"):
        assert reverse(f"api:{name}") not in page.text
        assert client.get(reverse(f"api:{name}")).status_code == 403


def test_overview_rows_and_the_employer_column_for_hr_of_two_employers(world, login, make_token):
    created = make_token(scopes=["employees:read"]).token
    webhook_endpoint_create(
        employer=world.employer_a,
        url="https://a.example.nl/hooks",
        events=["case.created"],
        actor=world.hr_a,
    )
    client = login(world.hr_a)
    page = client.get(reverse("api:overview")).text
    assert '<th scope="col">Werkgever</th>' not in page  # one employer: no column
    assert f"<code>{created.prefix}…</code>" in page
    assert '<span class="badge text-bg-light border">employees:read</span>' in page
    assert f"door {world.hr_a.full_name} op " in page and "nooit" in page and "Actief" in page
    assert reverse("api:token_revoke", args=[created.pk]) in page
    assert "https://a.example.nl/hooks" in page
    assert reverse("api:webhook_detail", args=[WebhookEndpoint.objects.get().pk]) in page
    world.employer_b.hr_users.add(world.hr_a)
    page = client.get(reverse("api:overview")).text
    assert page.count('<th scope="col">Werkgever</th>') == 2
    assert page.count(f"<td>{world.employer_a.name}</td>") == 2  # the token and the webhook


def test_admin_lists_and_revokes_tokens_without_secrets(world, client, make_token):
    from accounts.models import User

    created = make_token()
    admin_user = User.objects.create_superuser(
        email="admin@test.example", password="x", full_name="A"
    )
    client.force_login(admin_user)
    changelist = client.get(reverse("admin:api_apitoken_changelist"))
    assert changelist.status_code == 200 and created.token.prefix in changelist.text
    assert created.secret not in changelist.text
    assert client.get(reverse("admin:api_apitoken_add")).status_code == 403
    client.post(
        reverse("admin:api_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [created.token.pk]},
    )
    created.token.refresh_from_db()
    assert created.token.revoked_by == admin_user
