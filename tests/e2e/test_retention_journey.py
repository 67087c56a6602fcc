"""Browser journey of retention: HR reads what is due, sets a legal hold, changes the policy."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from cases.models import Case
from retention.models import RetentionPolicy
from tests.e2e.test_login_journeys import log_in


def test_hr_reads_what_is_due_holds_a_case_and_changes_the_policy(page: Page, live_server, demo):
    log_in(page, live_server, "hr@korenschoof.example")
    page.get_by_role("button", name="Beheer").click()
    page.get_by_role("link", name="Bewaartermijnen").first.click()
    due = page.locator("table.retention-due")
    expect(due).to_contain_text("2 jaar verstreken op")
    expect(page.locator("table.retention-held")).to_contain_text("kantonrechter")
    expect(page.locator("table.retention-employees")).to_contain_text("Uit dienst op")

    # Hold the first due case: it leaves the "due" table for the "held" one.
    first = due.locator("tbody tr").first
    case_pk = int(first.get_by_role("link").inner_text().lstrip("#"))
    first.get_by_role("link").click()
    page.get_by_role("link", name=re.compile("Bewaarplicht vastleggen")).click()
    page.get_by_label("Reden").fill("Verzoek om een deskundigenoordeel loopt.")
    page.get_by_role("button", name="Bewaarplicht vastleggen").click()
    expect(page.locator(".legal-hold")).to_contain_text("deskundigenoordeel")
    assert Case.objects.get(pk=case_pk).legal_hold

    page.goto(f"{live_server.url}/bewaartermijnen/")
    expect(page.locator("table.retention-held")).to_contain_text("deskundigenoordeel")

    # Eigenrisicodrager with 2 years is refused in Dutch; 5 years is stored.
    page.get_by_role("link", name="Wijzigen").first.click()
    page.get_by_label("Eigenrisicodrager Ziektewet").check()
    page.get_by_role("button", name="Bewaarbeleid opslaan").click()
    expect(page.locator("main form")).to_contain_text("ten minste 5 jaar")
    page.get_by_label("Bewaartermijn re-integratiedossier (jaren)").fill("5")
    page.get_by_role("button", name="Bewaarbeleid opslaan").click()
    expect(page.locator("table.retention-policies")).to_contain_text("5 jaar")
    assert RetentionPolicy.objects.get(employer__name__startswith="Bakkerij").own_risk_bearer_zw
