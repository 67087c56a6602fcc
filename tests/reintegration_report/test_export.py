"""Exporting the RIV from the browser: the Poortwachtertoets page, the request, the Celery task
that stores the PDF as a document version, the htmx status page and who may download what.

Who may do what (chosen here): HR of the employer runs the check, exports and downloads both
outputs; the employee may download only the employee packet (their copy with the instruction);
the manager, the bedrijfsarts, the specialist and another employer's HR get nothing.
"""

from __future__ import annotations

import hashlib
from unittest import mock

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from dossier.models import Document
from reintegration_report.models import ExportKind, ExportStatus, ReportExport
from reintegration_report.services import report_export_request, report_export_run
from reintegration_report.tasks import build_report_export
from tests.dossier.factories import PDF_BYTES
from tests.reintegration_report.report_builders import Actors, two_year_dossier

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(world):
    actors = Actors(
        hr=world.hr_a,
        physician=world.physician,
        employee=world.employee_user_a,
        specialist=world.specialist,
    )
    return two_year_dossier(
        world.case_a, actors, talks=2, plan_versions=1, track_activities=2, reports=1
    )


@pytest.fixture
def fast_pdf():
    """Skip WeasyPrint where only the storing and the permissions matter (it takes seconds)."""
    with mock.patch("reintegration_report.pdf.html_to_pdf", return_value=PDF_BYTES + b"%riv"):
        yield


def _done_export(case, hr, kind=ExportKind.RIV) -> ReportExport:
    with mock.patch("reintegration_report.tasks.build_report_export.delay"):
        export = report_export_request(case=case, actor=hr, kind=kind)
    return report_export_run(export_id=export.pk)


# The Poortwachtertoets page ---------------------------------------------------------------------


def test_hr_sees_the_check_with_every_item_and_the_export_form(world, case, login):
    response = login(world.hr_a).get(
        reverse("reintegration_report:poortwachtertoets", args=[case.pk])
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Risico op een loonsanctie" in html
    assert "Eigen controle van deze app, geen oordeel van UWV." in html
    assert 'data-risk="' in html
    assert "Exporteer re-integratieverslag" in html
    assert 'name="include_findings"' not in html  # the toets is never added to the RIV
    assert 'value="employee_packet"' in html and 'value="findings"' in html


@pytest.mark.parametrize(
    ("user_attr", "status"),
    [
        ("manager_a", 403),
        ("employee_user_a", 403),
        ("physician", 403),
        ("specialist", 403),
        ("hr_b", 404),
        ("other_physician", 404),
    ],
)
def test_others_may_not_check_or_export(world, case, login, user_attr, status):
    client = login(getattr(world, user_attr))
    assert (
        client.get(reverse("reintegration_report:poortwachtertoets", args=[case.pk])).status_code
        == status
    )
    response = client.post(reverse("reintegration_report:export", args=[case.pk]), {"kind": "riv"})
    assert response.status_code == status
    assert not ReportExport.objects.exists()


def test_check_page_is_linked_from_the_dossier_for_hr_only(world, case, login):
    url = reverse("reintegration_report:poortwachtertoets", args=[case.pk])
    assert url in login(world.hr_a).get(reverse("dossier:case", args=[case.pk])).content.decode()
    employee_page = login(world.employee_user_a).get(reverse("dossier:case", args=[case.pk]))
    assert url not in employee_page.content.decode()


# Request → task → stored version → download -----------------------------------------------------


def test_hr_exports_and_the_task_stores_a_hashed_document_version(
    world, case, login, django_capture_on_commit_callbacks
):
    client = login(world.hr_a)
    with (
        mock.patch("reintegration_report.tasks.build_report_export.delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(
            reverse("reintegration_report:export", args=[case.pk]),
            {"kind": "riv"},
        )
    export = ReportExport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reintegration_report:export_status", args=[export.pk])
    delay.assert_called_once_with(export.pk)
    assert (export.status, export.requested_by, export.kind) == (
        ExportStatus.QUEUED,
        world.hr_a,
        "riv",
    )

    # While queued the status page polls itself with htmx.
    page = client.get(reverse("reintegration_report:export_status", args=[export.pk]))
    assert 'hx-trigger="every 2s"' in page.content.decode()

    assert build_report_export(export.pk) == ExportStatus.DONE
    export.refresh_from_db()
    version = export.document_version
    assert export.progress == 100 and export.finished_at and export.risk
    assert version.document.title == "Re-integratieverslag"
    assert version.document.record_kind == ""
    assert not version.document.is_medical
    assert version.content_type == "application/pdf"
    assert version.uploaded_by == world.hr_a
    data = version.file.open("rb").read()
    assert data.startswith(b"%PDF")
    assert version.sha256 == hashlib.sha256(data).hexdigest()
    assert version.size == len(data)

    # The htmx partial now stops polling and links the download.
    partial = client.get(
        reverse("reintegration_report:export_status", args=[export.pk]),
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "hx-trigger" not in partial
    assert "<html" not in partial
    assert version.get_download_url() in partial

    download = client.get(version.get_download_url())
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == data


@pytest.mark.usefixtures("fast_pdf")
def test_running_the_task_twice_does_nothing_the_second_time(world, case):
    export = _done_export(case, world.hr_a)
    assert build_report_export(export.pk) == "skipped"
    assert Document.objects.get(title="Re-integratieverslag").versions.count() == 1


@pytest.mark.usefixtures("fast_pdf")
def test_each_export_is_a_new_version_of_one_document_per_kind(world, case):
    first = _done_export(case, world.hr_a)
    second = _done_export(case, world.hr_a)
    packet = _done_export(case, world.hr_a, kind=ExportKind.EMPLOYEE_PACKET)
    assert first.document_version.document_id == second.document_version.document_id
    assert (first.document_version.number, second.document_version.number) == (1, 2)
    assert packet.document_version.document_id != first.document_version.document_id
    assert packet.document_version.document.title == "Re-integratieverslag — exemplaar werknemer"
    # An exported report is not listed as an attachment of the next one.
    from reintegration_report.content import report_content_build

    titles = [a.title for a in report_content_build(case).attachments]
    assert titles == ["Functieomschrijving verkoopmedewerker"]


def test_a_failing_render_ends_as_failed_with_a_message(world, case, login):
    with mock.patch("reintegration_report.tasks.build_report_export.delay"):
        export = report_export_request(case=case, actor=world.hr_a, kind=ExportKind.RIV)
    with mock.patch("reintegration_report.pdf.html_to_pdf", side_effect=RuntimeError("boom")):
        assert build_report_export(export.pk) == ExportStatus.FAILED
    export.refresh_from_db()
    assert export.error and "boom" not in export.error
    assert export.document_version is None
    page = login(world.hr_a).get(reverse("reintegration_report:export_status", args=[export.pk]))
    assert export.error in page.content.decode()
    assert "hx-trigger" not in page.content.decode()


@pytest.mark.usefixtures("fast_pdf")
def test_progress_is_written_while_rendering(world, case):
    with mock.patch("reintegration_report.tasks.build_report_export.delay"):
        export = report_export_request(case=case, actor=world.hr_a, kind=ExportKind.RIV)
    seen = []

    def spy_progress(export_id, percent, step):
        seen.append((percent, step))

    with mock.patch("reintegration_report.services._progress", side_effect=spy_progress):
        report_export_run(export_id=export.pk)
    percents = [p for p, _ in seen]
    assert percents == sorted(percents) and percents[-1] == 90 and len(percents) >= 4
    assert ReportExport.objects.filter(pk=export.pk, status=ExportStatus.DONE).exists()


@pytest.mark.parametrize(
    ("user_attr", "riv", "packet"),
    [
        ("hr_a", 200, 200),
        ("employee_user_a", 403, 200),
        ("manager_a", 403, 403),
        ("specialist", 403, 403),
        ("physician", 403, 403),
        ("hr_b", 404, 404),
    ],
)
@pytest.mark.usefixtures("fast_pdf")
def test_who_may_download_the_exports(world, case, login, user_attr, riv, packet):
    riv_version = _done_export(case, world.hr_a).document_version
    packet_version = _done_export(case, world.hr_a, ExportKind.EMPLOYEE_PACKET).document_version
    client = login(getattr(world, user_attr))
    assert client.get(riv_version.get_download_url()).status_code == riv
    assert client.get(packet_version.get_download_url()).status_code == packet
    detail = reverse("dossier:document_detail", args=[riv_version.document_id])
    assert client.get(detail).status_code == riv


@pytest.mark.usefixtures("fast_pdf")
def test_the_internal_toets_summary_is_its_own_document_for_hr_only(world, case, login):
    riv = _done_export(case, world.hr_a)
    findings = _done_export(case, world.hr_a, ExportKind.FINDINGS)
    document = findings.document_version.document
    assert document.title == "Samenvatting Poortwachtertoets (intern)"
    assert document.pk != riv.document_version.document_id
    url = findings.document_version.get_download_url()
    assert login(world.hr_a).get(url).status_code == 200
    for attr in ("employee_user_a", "manager_a", "specialist"):
        assert login(getattr(world, attr)).get(url).status_code == 403, attr


@pytest.mark.parametrize("user_attr", ["employee_user_a", "specialist", "manager_a", "hr_b"])
@pytest.mark.usefixtures("fast_pdf")
def test_only_hr_sees_the_export_status(world, case, login, user_attr):
    export = _done_export(case, world.hr_a)
    response = login(getattr(world, user_attr)).get(
        reverse("reintegration_report:export_status", args=[export.pk])
    )
    assert response.status_code in (403, 404)


def test_an_unknown_kind_is_refused(world, case, login):
    response = login(world.hr_a).post(
        reverse("reintegration_report:export", args=[case.pk]), {"kind": "medisch"}
    )
    assert response.status_code == 400
    assert not ReportExport.objects.exists()


# The demo ---------------------------------------------------------------------------------------


def test_demo_case_in_week_92_exports_a_complete_riv_from_browser_and_cli(login, tmp_path):
    """The whole export from the browser and the command, on the demo data `make run` loads."""
    import io

    from django.core.management import call_command
    from django.utils import timezone
    from pypdf import PdfReader

    from accounts.models import Role
    from cases import demo as cases_demo
    from dossier import demo
    from second_track import demo as second_track_demo

    ctx = cases_demo.DemoContext(today=timezone.localdate())
    cases_demo.seed(ctx)
    demo.seed(ctx)
    second_track_demo.seed(ctx)
    case = ctx.cases[("korenschoof", "week92")]
    client = login(ctx.users[("korenschoof", Role.HR)])

    assert (
        client.get(reverse("reintegration_report:poortwachtertoets", args=[case.pk])).status_code
        == 200
    )
    from reintegration_report.content import report_content_build
    from reintegration_report.poortwachtertoets import Risk, poortwachter_check

    # The korenschoof week-92 dossier has the gaps of a real one; techniek-noord's is clean.
    check = poortwachter_check(report_content_build(case))
    assert check.risk == Risk.MEDIUM
    assert {
        "plan_not_revised",
        "capacity_assessment_outdated",
        "second_track_activity_gap",
        "second_track_contract_ended",
        "medical_information_missing",
    } <= {f.code for f in check.findings}
    clean = poortwachter_check(report_content_build(ctx.cases[("techniek-noord", "week92")]))
    assert [f.code for f in clean.risk_reasons] == ["uwv_sickness_report_missing"]
    with mock.patch("reintegration_report.tasks.build_report_export.delay"):
        client.post(reverse("reintegration_report:export", args=[case.pk]), {"kind": "riv"})
    export = ReportExport.objects.get(case=case)
    assert build_report_export(export.pk) == ExportStatus.DONE
    export.refresh_from_db()
    from_browser = client.get(export.document_version.get_download_url())
    assert from_browser.status_code == 200

    out = tmp_path / "riv.pdf"
    call_command(
        "export_reintegration_report", str(case.pk), "--output", str(out), stdout=io.StringIO()
    )
    for data in (b"".join(from_browser.streaming_content), out.read_bytes()):
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
        for part in (
            "1. Probleemanalyse en bijstellingen",
            "2. Plan van aanpak en bijstellingen",
            "3. Voortgangsgesprekken",
            "4. Eerstejaarsevaluatie en laatste evaluatie",
            "5. Actueel oordeel bedrijfsarts",
            "6. Eindevaluatie",
            "8. Tweede spoor",
            "10. Bijlagen",
        ):
            assert part in text, part
        assert "Er is geen eindevaluatie vastgelegd." not in text
        assert "Er is geen actueel oordeel" not in text
        assert case.employee.bsn in text


# No stuck jobs ----------------------------------------------------------------------------------


def test_tasks_have_time_limits_and_are_requeued_when_the_worker_dies():
    from deadlines import tasks as deadline_tasks
    from reintegration_report import tasks as report_tasks

    for task in (
        report_tasks.build_report_export,
        report_tasks.fail_stuck_report_exports,
        deadline_tasks.send_reminders,
        deadline_tasks.send_daily_digests,
        deadline_tasks.recompute_all_deadlines,
    ):
        assert task.acks_late and task.reject_on_worker_lost, task.name
        assert 0 < task.soft_time_limit < task.time_limit, task.name


def test_an_export_left_running_by_a_killed_worker_ends_failed_with_a_retry(
    world, case, login, fast_pdf, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from reintegration_report.services import STALE_AFTER, report_exports_fail_stuck
    from reintegration_report.tasks import fail_stuck_report_exports

    with mock.patch("reintegration_report.tasks.build_report_export.delay"):
        dead = report_export_request(case=case, actor=world.hr_a, kind=ExportKind.RIV)
        busy = report_export_request(case=case, actor=world.hr_a, kind=ExportKind.RIV)
    now = timezone.now()
    # The worker died while rendering `dead`; `busy` is still within its time limit.
    ReportExport.objects.filter(pk=dead.pk).update(
        status=ExportStatus.RUNNING, started_at=now - STALE_AFTER - timedelta(seconds=1)
    )
    ReportExport.objects.filter(pk=busy.pk).update(
        status=ExportStatus.RUNNING, started_at=now - timedelta(minutes=2)
    )
    assert fail_stuck_report_exports() == 1
    assert report_exports_fail_stuck() == 0  # a second sweep finds nothing
    dead.refresh_from_db()
    busy.refresh_from_db()
    assert dead.status == ExportStatus.FAILED and "Opnieuw proberen" in dead.error
    assert busy.status == ExportStatus.RUNNING

    client = login(world.hr_a)
    page = client.get(reverse("reintegration_report:export_status", args=[dead.pk]))
    html = page.content.decode()
    assert 'data-status="failed"' in html
    assert "afgebroken" in html
    retry_url = reverse("reintegration_report:export_retry", args=[dead.pk])
    assert f'action="{retry_url}"' in html
    with (
        mock.patch("reintegration_report.tasks.build_report_export.delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(retry_url)
    again = ReportExport.objects.exclude(pk__in=[dead.pk, busy.pk]).get()
    assert response.status_code == 302 and response.url == again.get_absolute_url()
    assert (again.kind, again.status) == (ExportKind.RIV, ExportStatus.QUEUED)
    delay.assert_called_once_with(again.pk)
    # A finished (not failed) export cannot be "retried".
    assert (
        client.post(reverse("reintegration_report:export_retry", args=[busy.pk])).status_code == 302
    )
    assert ReportExport.objects.count() == 3


def test_an_export_never_started_is_failed_after_an_hour(world, case):
    from datetime import timedelta

    from django.utils import timezone

    from reintegration_report.services import report_exports_fail_stuck

    with mock.patch("reintegration_report.tasks.build_report_export.delay"):
        export = report_export_request(case=case, actor=world.hr_a, kind=ExportKind.RIV)
    assert report_exports_fail_stuck() == 0
    assert report_exports_fail_stuck(now=timezone.now() + timedelta(minutes=61)) == 1
    export.refresh_from_db()
    assert export.status == ExportStatus.FAILED


@pytest.mark.parametrize(
    ("user_attr", "status"), [("employee_user_a", 403), ("manager_a", 403), ("hr_b", 404)]
)
def test_others_may_not_retry_an_export(world, case, login, user_attr, status):
    with mock.patch("reintegration_report.tasks.build_report_export.delay"):
        export = report_export_request(case=case, actor=world.hr_a, kind=ExportKind.RIV)
    ReportExport.objects.filter(pk=export.pk).update(status=ExportStatus.FAILED)
    response = login(getattr(world, user_attr)).post(
        reverse("reintegration_report:export_retry", args=[export.pk])
    )
    assert response.status_code == status
    assert ReportExport.objects.count() == 1


@pytest.mark.usefixtures("fast_pdf")
def test_the_report_downloads_under_a_readable_name(world, case, login):
    employee = case.employee
    employee.first_name, employee.name_prefix, employee.last_name = "Milan", "", "Bos"
    employee.save()
    with time_machine.travel("2026-11-30 10:00 +01:00", tick=False):
        export = _done_export(case, world.hr_a)
    download = login(world.hr_a).get(export.document_version.get_download_url())
    assert download["Content-Disposition"] == (
        'attachment; filename="Re-integratieverslag Milan Bos 2026-11-30.pdf"; '
        "filename*=UTF-8''Re-integratieverslag%20Milan%20Bos%202026-11-30.pdf"
    )


def test_the_status_page_says_when_no_worker_picks_the_export_up(world, case, login):
    start = "2026-11-30 10:00:00 +01:00"
    with time_machine.travel(start, tick=False) as clock:
        client = login(world.hr_a)  # on the travelled clock, or the idle timeout logs HR out
        with mock.patch("reintegration_report.tasks.build_report_export.delay"):
            export = report_export_request(case=case, actor=world.hr_a, kind=ExportKind.RIV)
        url = reverse("reintegration_report:export_status", args=[export.pk])

        def partial() -> str:
            return client.get(url, headers={"HX-Request": "true"}).content.decode()

        clock.shift(29)
        assert "not-picked-up" not in partial()
        clock.shift(1)  # 30 seconds queued: the page says what to check, and keeps polling
        html = partial()
        assert "nog niet opgepakt" in html and "Celery-worker" in html
        assert "docker compose ps worker" in html
        assert 'hx-trigger="every 2s"' in html
        full = client.get(url).content.decode()
        assert "De export staat sinds 10:00 in de wachtrij en is nog niet opgepakt." in full
        # A worker that starts later picks it up: the warning goes, the progress shows.
        clock.shift(60)
        ReportExport.objects.filter(pk=export.pk).update(
            status=ExportStatus.RUNNING, started_at=timezone.now(), progress=40, step="Opmaken"
        )
        html = partial()
        assert "not-picked-up" not in html
        assert "Opmaken (40%)" in html and 'hx-trigger="every 2s"' in html
