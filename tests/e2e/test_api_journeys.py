"""HR sets up an integration in the browser: a token shown once, a webhook, the API docs."""

from __future__ import annotations

import os
import re

from playwright.sync_api import Page, expect

from api.models import ApiToken, WebhookEndpoint
from tests.e2e.test_login_journeys import log_in

SHOTS = os.environ.get("E2E_SCREENSHOTS")


def _shot(page: Page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_hr_creates_a_token_and_a_webhook_and_reads_the_docs(page, live_server, demo):
    page.set_viewport_size({"width": 1366, "height": 900})
    csp_errors: list[str] = []
    page.on(
        "console",
        lambda message: (
            csp_errors.append(f"{page.url}: {message.text[:80]}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    log_in(page, live_server, "hr@korenschoof.example")
    page.get_by_role("button", name="Beheer").click()
    page.get_by_role("link", name="Koppelingen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Koppelingen")

    page.get_by_role("link", name="Nieuwe API-sleutel").click()
    page.get_by_label("Naam").fill("AFAS salaris")
    page.get_by_label("Werknemers lezen").check()
    page.get_by_label("Ziek- en herstelmeldingen doen").check()
    page.get_by_role("button", name="Sleutel aanmaken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("API-sleutel aangemaakt")
    secret = page.locator("#api-secret").inner_text()
    assert re.fullmatch(r"pw_[\w-]{40,}", secret)
    _shot(page, "token_created")
    page.get_by_role("link", name="Klaar").click()
    expect(page.get_by_text("AFAS salaris")).to_be_visible()
    assert secret not in page.content()
    assert ApiToken.objects.get().scopes == ["cases:write", "employees:read"]

    page.get_by_role("link", name="Nieuwe webhook").click()
    page.get_by_label("URL").fill("https://hr.korenschoof.example/hooks")
    page.get_by_label("Verzuimdossier aangemaakt (ziekmelding)").check()
    page.get_by_role("button", name="Webhook opslaan").click()
    expect(page.locator("#webhook-secret")).to_have_text(re.compile(r"^whsec_"))
    page.get_by_role("link", name="Naar de webhook").click()
    expect(page.get_by_text("Nog geen afleveringen.")).to_be_visible()
    page.get_by_role("button", name="Pauzeren").click()
    expect(page.get_by_role("button", name="Weer aanzetten")).to_be_visible()
    assert not WebhookEndpoint.objects.get().active
    page.get_by_role("button", name="Beheer").click()
    page.get_by_role("link", name="Koppelingen").first.click()
    _shot(page, "overview")

    csp_errors.clear()  # the docs page must work under its CSP (Swagger UI from our static files)
    page.get_by_role("link", name="API-documentatie").click()
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Poortwachter API")
    expect(page.get_by_text("/api/v1/employees/{personnel_number}/sick-reports")).to_be_visible()
    _shot(page, "docs")
    assert csp_errors == []
