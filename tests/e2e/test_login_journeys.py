"""Each demo role logs in through the real login page and lands on its own start page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from cases.demo import DEMO_PASSWORD
from cases.models import Case

ROLE_START_PAGES = [
    ("hr@korenschoof.example", "Vandaag"),
    ("manager@korenschoof.example", "Vandaag"),
    ("werknemer@korenschoof.example", "Vandaag"),
    ("bedrijfsarts@korenschoof.example", "Vandaag"),
    ("arbeidsdeskundige@korenschoof.example", "Mijn dossiers"),
    ("hr@techniek-noord.example", "Vandaag"),
]


def log_in(page: Page, live_server, email: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()


@pytest.mark.parametrize(("email", "heading"), ROLE_START_PAGES)
def test_demo_role_logs_in_and_sees_its_start_page(page, live_server, demo, email, heading):
    log_in(page, live_server, email)
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)


def test_wrong_password_shows_a_dutch_message(page, live_server, demo):
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_login").fill("hr@korenschoof.example")
    page.locator("#id_password").fill("verkeerd-wachtwoord")
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_text(re.compile("niet correct|onjuist", re.I))).to_be_visible()


def test_employee_cannot_open_another_employees_case(page, live_server, demo):
    other = Case.objects.exclude(employee__user__email="werknemer@korenschoof.example").first()
    log_in(page, live_server, "werknemer@korenschoof.example")
    page.get_by_role("link", name="Mijn verzuim").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn verzuim")
    response = page.goto(f"{live_server.url}/dossiers/{other.pk}/")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Pagina niet gevonden")


def test_hr_cannot_open_another_employers_case(page, live_server, demo):
    other = Case.objects.filter(employer__name__startswith="Techniek").first()
    log_in(page, live_server, "hr@korenschoof.example")
    response = page.goto(f"{live_server.url}/dossiers/{other.pk}/")
    assert response is not None and response.status == 404
