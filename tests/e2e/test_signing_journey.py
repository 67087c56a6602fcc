"""Browser journey: the employee writes their view on an evaluation and signs it; HR signs."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from dossier.models import Evaluation, EvaluationKind, Signature
from tests.e2e.test_login_journeys import log_in


def test_employee_writes_view_and_both_sign_an_evaluation(page: Page, live_server, demo):
    evaluation = (
        Evaluation.objects.filter(
            case__employer__name__icontains="korenschoof",
            kind=EvaluationKind.FINAL,
            case__employee__user__isnull=False,
        )
        .select_related("case__employee__user")
        .first()
    )
    employee_email = evaluation.case.employee.user.email
    # A new, unsigned evaluation without the employee's view (the demo's are signed already).
    fresh = Evaluation.objects.create(
        case=evaluation.case,
        kind=EvaluationKind.FIRST_YEAR,
        held_on=evaluation.held_on,
        look_back="Terugblik.",
        look_forward="Vooruitblik.",
        employer_view="Visie werkgever.",
        created_by=evaluation.created_by,
    )
    url = f"{live_server.url}{fresh.get_absolute_url()}"

    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, employee_email)
    page.goto(url)
    page.get_by_role("link", name="Mijn visie schrijven").click()
    page.get_by_role("textbox", name=re.compile("Visie werknemer")).fill("Ik kijk terug met rust.")
    page.get_by_role("button", name="Visie opslaan").click()
    expect(page.get_by_text("Geschreven door de werknemer")).to_be_visible()
    page.get_by_role("button", name="Digitaal ondertekenen").click()
    expect(page.get_by_text(re.compile("Digitaal ondertekend door"))).to_be_visible()
    page.screenshot(path="/tmp/signing-employee-390.png", full_page=True)

    page.context.clear_cookies()
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, live_server, "hr@korenschoof.example")
    page.goto(url)
    page.get_by_role("button", name="Digitaal ondertekenen").click()
    expect(page.get_by_text(re.compile("Digitaal ondertekend door")).nth(1)).to_be_visible()
    page.screenshot(path="/tmp/signing-hr-1366.png", full_page=True)
    parties = set(Signature.objects.filter(evaluation=fresh).values_list("party", flat=True))
    assert parties == {"employer", "employee"}
