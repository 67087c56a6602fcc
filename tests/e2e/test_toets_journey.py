"""Browser journey of the Poortwachtertoets: HR's start page, the case page and the toets page."""

from __future__ import annotations

import os
import re

from playwright.sync_api import Page, expect

from tests.e2e.test_login_journeys import log_in

SHOTS = os.environ.get("E2E_SCREENSHOTS", "")


def _shot(page: Page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_hr_finds_high_risk_cases_and_reads_what_to_repair(page: Page, live_server, demo):
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, live_server, "hr@korenschoof.example")
    page.goto(f"{live_server.url}/dossiers/")
    block = page.locator("[data-start-block=high_risk_cases]")
    expect(block).to_contain_text("hoog risico")
    expect(block.get_by_role("link", name=re.compile("Vos"))).to_be_visible()  # week 60
    _shot(page, "start-page")

    page.locator("main table").get_by_role("link", name=re.compile("Bos")).first.click()
    expect(page.locator("[data-toets-risk=medium]")).to_be_visible()
    _shot(page, "case-page")
    page.get_by_role("link", name=re.compile("Poortwachtertoets")).first.click()
    expect(page.get_by_text("Eigen controle van deze app, geen oordeel van UWV.")).to_be_visible()
    finding = page.locator("[data-finding=second_track_contract_ended]")
    expect(finding).to_contain_text("Wat u nu doet")
    expect(page.locator("[data-finding=second_track_activity_gap]")).to_contain_text(
        "eigen vuistregel"
    )
    _shot(page, "toets-page")
