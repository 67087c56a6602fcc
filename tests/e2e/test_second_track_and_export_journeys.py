"""Browser journeys of the tweede spoor (coach, employee, HR) and of the RIV export."""

from __future__ import annotations

import re

from django.utils import timezone
from playwright.sync_api import Page, expect

from cases.models import CaseAssignment
from reintegration_report.models import ReportExport
from reintegration_report.tasks import build_report_export
from second_track.models import SecondTrackActivity, SecondTrackComment
from tests.e2e.test_login_journeys import log_in


def _open_case(page: Page, name: str) -> None:
    page.locator("main table").get_by_role("link", name=re.compile(name)).first.click()


def test_coach_logs_an_application_and_sees_no_other_case(page: Page, live_server, demo):
    log_in(page, live_server, "coach@korenschoof.example")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn dossiers")
    # Only the cases of the trajectories the coach was given.
    given = CaseAssignment.objects.filter(user__email="coach@korenschoof.example", active=True)
    expect(page.locator("main table tbody tr")).to_have_count(given.count())
    _open_case(page, "Vos")
    page.get_by_role("link", name=re.compile("^(Naar het|Uw) tweede spoor")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tweede spoor")
    expect(page.get_by_text("Diagnose")).to_have_count(0)
    page.get_by_role("link", name="Activiteit vastleggen").click()
    page.get_by_label("Soort").select_option("application")
    page.get_by_label("Datum").fill(timezone.localdate().isoformat())
    page.get_by_label("Omschrijving").fill("Open sollicitatie met cv en motivatie.")
    page.get_by_label("Werkgever / organisatie").fill("Logistiek Centrum Oost")
    page.get_by_label("Vacature / functie").fill("Orderpicker licht werk")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("cell", name=re.compile("Logistiek Centrum Oost"))).to_be_visible()
    assert SecondTrackActivity.objects.filter(employer_name="Logistiek Centrum Oost").exists()


def test_employee_reads_their_rights_and_comments(page: Page, live_server, demo):
    log_in(page, live_server, "tess.vos@korenschoof.example")
    page.get_by_role("link", name="Mijn verzuim").click()
    _open_case(page, "Vos")
    page.get_by_role("link", name=re.compile("^(Naar het|Uw) tweede spoor")).click()
    expect(page.get_by_role("heading", name=re.compile("wat zijn uw rechten"))).to_be_visible()
    expect(page.get_by_text(re.compile("deskundigenoordeel")).first).to_be_visible()
    page.get_by_role("textbox", name=re.compile("^Opmerking")).fill(
        "Ik wil graag ook in de regio Deventer zoeken."
    )
    page.get_by_role("button", name="Plaatsen").click()
    expect(page.get_by_text("Ik wil graag ook in de regio Deventer zoeken.")).to_be_visible()
    assert SecondTrackComment.objects.filter(text__contains="Deventer").exists()


def test_hr_sees_the_late_second_track_and_exports_the_riv(page: Page, live_server, demo):
    log_in(page, live_server, "hr@techniek-noord.example")
    page.get_by_role("link", name="Tweede spoor").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tweede spoor")
    late = page.locator("tr", has_text="te laat")
    expect(late.first).to_be_visible()

    page.goto(f"{live_server.url}/dossiers/")
    _open_case(page, "Prins")  # the week-92 case
    page.get_by_role("link", name=re.compile("Poortwachtertoets")).first.click()
    expect(page.get_by_text(re.compile("Risico op een loonsanctie"))).to_be_visible()
    page.get_by_role("button", name="Exporteer re-integratieverslag").click()
    expect(page.get_by_text(re.compile("wachtrij|bezig", re.I)).first).to_be_visible()
    build_report_export(ReportExport.objects.get().pk)  # what the Celery worker does
    page.reload()
    download = page.get_by_role("link", name=re.compile("Download", re.I)).first
    expect(download).to_be_visible()
    with page.expect_download() as info:
        download.click()
    assert info.value.suggested_filename.endswith(".pdf")
