"""The day-to-day caseload from scratch: a new HR user invites a bedrijfsarts, reports a case,
assigns the doctor, and the doctor (after accepting the invitation) writes the probleemanalyse.
"""

from __future__ import annotations

import re
import time
from datetime import date

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from accounts.models import Role, User
from cases.models import CaseAssignment, CaseTeamChange, Employee, Employer
from deadlines.models import Notification
from dossier.models import PhysicianStatement

HR_PASSWORD = "Nieuwe-HR-wachtwoord-2026"
DOCTOR_PASSWORD = "Arts-kiest-een-lang-wachtwoord"
HR_SECRET = "JBSWY3DPEHPK3PXP"


def _totp(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.fixture
def fresh_employer(transactional_db) -> tuple[User, Employee]:
    """An employer with one employee and a brand-new HR user (TOTP set up, no demo account)."""
    employer = Employer.objects.create(
        name="Nieuw Begin B.V.", kvk_number="87654321", payroll_tax_number="876543210L01"
    )
    hr = User.objects.create_user(
        email="hr@nieuwbegin.example", password=HR_PASSWORD, full_name="Hanna Roos", role=Role.HR
    )
    Authenticator.objects.create(user=hr, type=Authenticator.Type.TOTP, data={"secret": HR_SECRET})
    employer.hr_users.add(hr)
    employee = Employee.objects.create(
        employer=employer,
        personnel_number="001",
        first_name="Milan",
        last_name="Bos",
        bsn="111222333",
        date_of_birth=date(1988, 3, 14),
        contract_hours=36,
    )
    return hr, employee


def _log_in_with_code(page: Page, live_server, email: str, password: str, secret: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.get_by_role("button", name="Aanmelden").click()
    page.locator("input[name=code]").fill(_totp(secret))
    page.locator("form button[type=submit]").first.click()


def test_new_hr_user_invites_a_doctor_who_writes_the_problem_analysis(
    page: Page, browser: Browser, live_server, fresh_employer, settings
):
    settings.SITE_URL = live_server.url
    hr, employee = fresh_employer
    _log_in_with_code(page, live_server, hr.email, HR_PASSWORD, HR_SECRET)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vandaag")

    # 1. HR invites a bedrijfsarts.
    page.get_by_role("link", name="Werknemers").click()
    page.get_by_role("link", name="Uitnodigingen").click()
    page.get_by_role("link", name="Bedrijfsarts of specialist uitnodigen").click()
    page.get_by_label("Naam").fill("Dokter Daan de Wit")
    page.get_by_label("E-mailadres").fill("daan@arbodienst.example")
    page.get_by_label("Rol").select_option(Role.OCCUPATIONAL_PHYSICIAN)
    page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page.locator("tr[data-status=open]")).to_contain_text("daan@arbodienst.example")
    link = re.search(r"http\S+/uitnodiging/\S+/", mail.outbox[-1].body).group(0)

    # 2. The doctor accepts in their own browser: password, then the MFA set-up (as today).
    doctor_context = browser.new_context()
    doctor = doctor_context.new_page()
    doctor.goto(link)
    expect(doctor.get_by_role("heading", level=1)).to_have_text("Welkom bij Poortwachter")
    doctor.locator("input[name=new_password1]").fill(DOCTOR_PASSWORD)
    doctor.locator("input[name=new_password2]").fill(DOCTOR_PASSWORD)
    doctor.get_by_role("button", name="Wachtwoord instellen en inloggen").click()
    expect(doctor).to_have_url(re.compile("/accounts/2fa/totp/activate"))
    secret = doctor.locator("#authenticator_secret").input_value()
    doctor.locator("input[name=code]").fill(_totp(secret))
    doctor.locator("main form button[type=submit]").first.click()
    doctor.goto(f"{live_server.url}/")
    expect(doctor.get_by_role("heading", level=1)).to_contain_text("Vandaag")
    expect(doctor.get_by_text("Er zijn nog geen dossiers aan u toegewezen.")).to_be_visible()
    # The link works only once.
    doctor_context.new_page().goto(link)
    assert "niet (meer) geldig" in doctor_context.pages[-1].content()

    # 3. HR reports Milan Bos sick: a case without bedrijfsarts, with a warning.
    page.get_by_role("link", name="Ziekmelding").first.click()
    page.get_by_label("Werknemer").select_option(str(employee.pk))
    page.get_by_label("Eerste ziektedag").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Ziekmelding opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Milan Bos")
    expect(page.locator(".no-physician")).to_be_visible()
    page.get_by_role("link", name="Vandaag").click()
    expect(page.locator("[data-count=without_physician]")).to_contain_text("1")
    page.go_back()

    # 4. HR assigns the doctor in the case team.
    page.get_by_role("link", name="Team wijzigen").click()
    page.get_by_label("Bedrijfsarts").select_option(
        label="Dokter Daan de Wit (daan@arbodienst.example)"
    )
    page.get_by_role("button", name="Team opslaan").click()
    expect(page.locator(".no-physician")).to_have_count(0)
    expect(page.locator(".case-team")).to_contain_text("Dokter Daan de Wit")
    doctor_user = User.objects.get(email="daan@arbodienst.example")
    assert CaseTeamChange.objects.filter(new=doctor_user).exists()
    assert CaseAssignment.objects.filter(user=doctor_user, active=True).count() == 1
    assert Notification.objects.filter(user=doctor_user).exists()

    # 5. The doctor sees the case on the start page and writes the probleemanalyse from there.
    doctor.reload()
    expect(doctor.get_by_role("link", name="Milan Bos")).to_be_visible()
    doctor.get_by_role("link", name="Probleemanalyse schrijven").click()
    doctor.get_by_label("Soort").select_option("problem_analysis")
    doctor.get_by_label("Functionele beperkingen").fill("Kan tijdelijk niet tillen.")
    doctor.get_by_label("Mogelijkheden").fill("Administratief werk, halve dagen.")
    doctor.get_by_label("Prognose (in termen van werk)").fill("Herstel binnen drie maanden.")
    doctor.get_by_label("Advies over re-integratie").fill("Opbouwen in eigen werk.")
    doctor.get_by_role("button", name=re.compile("Opslaan|Vastleggen")).first.click()
    expect(doctor.get_by_text("Het oordeel is vastgelegd.")).to_be_visible()
    statement = PhysicianStatement.objects.get()
    assert statement.author == doctor_user and statement.kind == "problem_analysis"
    assert statement.case.employee == employee
    doctor_context.close()
