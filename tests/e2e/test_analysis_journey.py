"""HR opens Analyse from the menu: the charts draw under the CSP, filters live in the URL."""

from __future__ import annotations

import os
import re

from django.core.management import call_command
from playwright.sync_api import expect

from .test_login_journeys import log_in


def test_hr_sees_charts_changes_the_period_and_exports(page, live_server, demo):
    call_command("seed_demo", "--history-years", "1", stdout=open(os.devnull, "w"))  # noqa: SIM115
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "script-src" in m.text else None)
    page.emulate_media(reduced_motion="reduce")
    log_in(page, live_server, "hr@korenschoof.example")
    page.get_by_role("link", name="Analyse", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Analyse")
    # The heading shows before the chart scripts at the end of the page have run.
    page.wait_for_load_state("load")
    for key in ("trend", "classes", "departments", "bands"):
        assert page.evaluate(f"() => !!Chart.getChart(document.getElementById('chart-{key}'))"), key
    assert page.evaluate("() => Chart.getChart('chart-trend').data.datasets.length") == 2
    expect(page.locator("#table-trend tbody tr")).to_have_count(12)
    assert blocked == []

    page.locator("#id_period").select_option("year")
    page.get_by_role("button", name="Toon").click()
    expect(page).to_have_url(re.compile(r"period=year"))
    page.reload()
    expect(page.locator("#id_period")).to_have_value("year")
    expect(page.locator("p.lead")).to_contain_text("01-01-")

    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    assert download.value.suggested_filename.endswith(".csv")
