"""The re-integratieverslag as PDF: parts in order, the running header on every page, no
medical data, escaped user text, a fetcher that loads nothing but our static files, the CLI.

PDF text is read back with pypdf. The dossiers are small so the suite stays fast.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.formats import date_format
from pypdf import PdfReader

from accounts.models import Role
from cases.models import CaseAssignment
from cases.prepared_reads import prepared_sql
from dossier.models import Document, MedicalNote
from reintegration_report import pdf as pdf_module
from reintegration_report import pdf_render
from reintegration_report.content import report_content_build
from reintegration_report.pdf import (
    PDF_ORIGIN,
    UrlRefused,
    findings_pdf_for_case,
    html_to_pdf,
    render_findings_html,
    render_report_html,
    report_pdf_for_case,
    static_url,
)
from reintegration_report.pdf_render import StaticFilesOnlyFetcher
from tests.factories import UserFactory
from tests.reintegration_report.report_builders import Actors, two_year_dossier

pytestmark = pytest.mark.django_db

#: The parts of the RIV, in UWV's order (domain reference §3.9, §3.10).
PART_HEADINGS = [
    "Verloop en termijnen",
    "1. Probleemanalyse en bijstellingen",
    "2. Plan van aanpak en bijstellingen",
    "3. Voortgangsgesprekken",
    "4. Eerstejaarsevaluatie en laatste evaluatie",
    "5. Actueel oordeel bedrijfsarts",
    "6. Eindevaluatie",
    "7. Medische informatie",
    "8. Tweede spoor",
    "9. Oordeel van de werknemer",
    "10. Bijlagen",
    "Ondertekening per onderdeel",
]

HOSTILE = '<img src="http://evil.example/x.png"> <img src="file:///etc/passwd"> <b>vet</b>'


def actors(world) -> Actors:
    return Actors(
        hr=world.hr_a,
        physician=world.physician,
        employee=world.employee_user_a,
        specialist=world.specialist,
    )


def small_dossier(world, **overrides):
    options = {"talks": 3, "plan_versions": 2, "track_activities": 4, "reports": 1, **overrides}
    return two_year_dossier(world.case_a, actors(world), **options)


def page_texts(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def flat(text: str) -> str:
    """Undo line breaks and soft hyphens of the layout for substring checks."""
    text = text.replace("\u2010\n", "").replace("-\n", "-").replace("\u00ad", "")
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def dossier(world):
    return small_dossier(world)


@pytest.fixture
def medical_markers(dossier) -> list[str]:
    """Put a distinct marker in every text field of every medical note and medical document."""
    markers = []
    text_fields = [
        f.name for f in MedicalNote._meta.get_fields() if f.get_internal_type() == "TextField"
    ]
    assert text_fields == ["diagnosis", "history", "treatment"]
    for note in MedicalNote.objects.filter(statement__case=dossier):
        values = {name: f"MEDMARK{name.upper()}{note.pk}X" for name in text_fields}
        MedicalNote.objects.filter(pk=note.pk).update(**values)
        markers += values.values()
    for document in Document.objects.filter(case=dossier, is_medical=True):
        title = f"MEDMARKDOC{document.pk}X"
        Document.objects.filter(pk=document.pk).update(title=title)
        markers.append(title)
    assert len(markers) >= 10
    return markers


def test_riv_parts_in_order_with_cover_contents_and_running_header(dossier, world):
    """One rendering checked for structure (rendering costs seconds; keep the suite fast)."""
    rendered = report_pdf_for_case(dossier)
    pages = page_texts(rendered.pdf)
    employee, employer = dossier.employee, dossier.employer

    # Every page: name, BSN and "pagina x van y".
    assert len(pages) > 8
    for number, text in enumerate(pages, start=1):
        assert f"BSN {employee.bsn}" in text, number
        assert employee.full_name in flat(text), number
        assert f"pagina {number} van {len(pages)}" in text, number

    # The cover.
    cover = flat(pages[0])
    assert "Re-integratieverslag" in cover
    assert f"Loonheffingennummer {employer.payroll_tax_number}" in cover
    assert employer.name in cover
    assert "Eerste ziektedag" in cover
    assert f"Casemanager {world.hr_a.full_name}" in cover
    assert f"Bedrijfsarts {world.physician.full_name}" in cover
    assert "Opgesteld op" in cover

    # No findings page unless asked; then the table of contents with page numbers.
    assert "Samenvatting Poortwachtertoets" not in flat(" ".join(pages))
    assert pages[1].startswith("Inhoud")
    for heading in PART_HEADINGS:
        line = next(line for line in pages[1].splitlines() if line.startswith(heading))
        number = int(re.search(r"(\d+)\s*$", line).group(1))
        assert heading.split(". ")[-1] in flat(pages[number - 1]), heading

    # The parts in UWV's order, after the table of contents.
    body = flat(" ".join(pages[2:]))
    positions = [body.find(heading) for heading in PART_HEADINGS]
    assert -1 not in positions, dict(zip(PART_HEADINGS, positions, strict=True))
    assert positions == sorted(positions)
    # Their content, with who drew each up and who agreed when.
    assert "Probleemanalyse — " in body
    assert "Bijstelling probleemanalyse — " in body
    assert "Opgesteld door bedrijfsarts" in body
    assert "Versie 2 (bijstelling)" in body
    assert body.count("Akkoord werknemer: Werknemer Alfa op") == 2
    assert "SHA-256" in body
    assert "Gesprek van" in body
    assert "Eerstejaarsevaluatie — " in body
    assert "Actueel oordeel — " in body
    assert "Eindevaluatie — " in body
    assert "Arbeidsdeskundig onderzoek" in body
    assert "Herplaatsingsopdracht van" in body
    assert "Persoons- en zoekprofiel" in body
    assert "Voortgangsrapportages" in body
    assert "De begeleiding was goed" in body  # the submitted opinion
    assert "Functieomschrijving verkoopmedewerker" in body  # an attachment


def test_findings_summary_is_a_separate_internal_pdf_never_in_the_riv(dossier):
    rendered = findings_pdf_for_case(dossier)
    pages = [flat(p) for p in page_texts(rendered.pdf)]
    assert "Samenvatting Poortwachtertoets (intern)" in pages[0]
    assert "geen onderdeel van het re-integratieverslag" in pages[0]
    text = " ".join(pages)
    assert f"Risico op een loonsanctie: {rendered.check.risk_label}" in text
    assert rendered.check.findings  # the dossier fixture has findings to show
    for finding in rendered.check.findings:
        assert flat(finding.label) in text, finding.code
    assert "Plan van aanpak en bijstellingen" not in text  # not the report itself
    for packet in (False, True):
        html = render_report_html(rendered.content, employee_packet=packet)
        assert "Poortwachtertoets" not in html and "loonsanctie" not in html.lower()


def test_no_medical_data_in_either_output(dossier, medical_markers):
    """The employee packet holds the whole RIV plus its own pages: both are checked."""
    with CaptureQueriesContext(connection) as queries:
        packet = report_pdf_for_case(dossier, employee_packet=True)
    # An EXECUTE of a prepared read is checked as the SQL it stands for.
    read = [prepared_sql(part) for q in queries.captured_queries for part in q["sql"].split("; ")]
    assert not [sql for sql in read if "medicalnote" in sql.lower()]
    outputs = [
        render_report_html(packet.content),
        render_report_html(packet.content, employee_packet=True),
        render_findings_html(packet.content, packet.check),
        " ".join(page_texts(packet.pdf)),
    ]
    for output in outputs:
        for marker in medical_markers:
            assert marker not in output
    assert "Functieomschrijving verkoopmedewerker" in outputs[0]
    assert not [a for a in packet.content.attachments if a.title.startswith("MEDMARK")]


def test_riv_code_never_imports_the_medical_model():
    root = Path(pdf_module.__file__).parent
    files = [root / "pdf.py", root / "poortwachtertoets.py", *(root / "content").glob("*.py")]
    assert len(files) > 4
    for path in files:
        source = path.read_text()
        assert "MedicalNote" not in source, path.name
        assert "medical_note" not in source, path.name


def test_content_costs_the_same_queries_for_a_small_and_a_large_dossier(world):
    small = small_dossier(world)
    with CaptureQueriesContext(connection) as few:
        report_content_build(small)
    colleague_user = UserFactory(role=Role.EMPLOYEE)
    world.colleague_a.user = colleague_user
    world.colleague_a.save()
    CaseAssignment.objects.create(case=world.colleague_case_a, user=world.physician)
    large = two_year_dossier(
        world.colleague_case_a,
        Actors(hr=world.hr_a, physician=world.physician, employee=colleague_user),
        talks=12,
        plan_versions=3,
        track_activities=30,
        reports=5,
    )
    with CaptureQueriesContext(connection) as many:
        content = report_content_build(large)
    assert len(content.talks) == 12
    assert len(content.second_track.tracks[0].activities) == 30
    assert len(many) == len(few)
    # One query each for the signatures, the partial-recovery records, the
    # deskundigenoordelen and the date the medische informatie was sent came on top of the 28.
    assert len(many) <= 32


# Escaping and the URL fetcher ------------------------------------------------------------------


class SpyFetcher(StaticFilesOnlyFetcher):
    def __init__(self) -> None:
        super().__init__()
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        try:
            return super().fetch(url, headers)
        except UrlRefused:
            self.refused.append(url)
            raise


def test_markup_typed_into_text_fields_is_escaped_not_fetched_or_rendered(world, monkeypatch):
    case = small_dossier(world, text=HOSTILE)

    def no_network(*args, **kwargs):
        raise AssertionError(f"network or file access attempted: {args!r}")

    monkeypatch.setattr("urllib.request.OpenerDirector.open", no_network)
    monkeypatch.setattr("socket.create_connection", no_network)
    spy = SpyFetcher()
    monkeypatch.setattr(pdf_render, "StaticFilesOnlyFetcher", lambda: spy)

    rendered = report_pdf_for_case(case, employee_packet=True)

    assert spy.requested == [static_url("reintegration_report/pdf/report.css")]
    assert spy.refused == []
    html = render_report_html(rendered.content, employee_packet=True)
    assert "&lt;img src=&quot;http://evil.example/x.png&quot;&gt;" in html
    assert '<img src="http' not in html and "<b>vet</b>" not in html
    text = flat(" ".join(page_texts(rendered.pdf)))
    assert '<img src="http://evil.example/x.png">' in text  # shown as the literal text typed
    assert '<img src="file:///etc/passwd">' in text
    assert "root:" not in text
    reader = PdfReader(io.BytesIO(rendered.pdf))
    for page in reader.pages:
        xobjects = page.get("/Resources", {}).get("/XObject", {})
        assert not [x for x in xobjects.values() if x.get_object().get("/Subtype") == "/Image"]


def test_markup_that_reaches_the_renderer_is_refused_by_the_fetcher(monkeypatch):
    """Defence in depth: even unescaped markup cannot make WeasyPrint fetch anything."""

    def no_network(*args, **kwargs):
        raise AssertionError("network or file access attempted")

    monkeypatch.setattr("urllib.request.OpenerDirector.open", no_network)
    monkeypatch.setattr("socket.create_connection", no_network)
    spy = SpyFetcher()
    html = (
        "<html><body><p>tekst</p>"
        '<img src="http://evil.example/x.png"><img src="file:///etc/passwd">'
        '<img src="data:image/png;base64,iVBORw0KGgo=">'
        '<link rel="stylesheet" href="https://evil.example/x.css">'
        f'<img src="{PDF_ORIGIN}/static/../reintegratie/settings/base.py">'
        "</body></html>"
    )
    data = html_to_pdf(html, fetcher=spy)
    assert data.startswith(b"%PDF")
    assert set(spy.refused) == set(spy.requested)
    assert any(url.startswith("http://evil.example") for url in spy.refused)
    assert any(url.startswith("file:///etc/passwd") for url in spy.refused)
    assert "root:" not in " ".join(page_texts(data))


@pytest.mark.parametrize(
    "url",
    [
        "http://evil.example/x.png",
        "https://evil.example/x.png",
        "file:///etc/passwd",
        "data:text/plain,hallo",
        "ftp://evil.example/x",
        f"{PDF_ORIGIN}/media/secret.pdf",
        f"{PDF_ORIGIN}/static/../manage.py",
        f"{PDF_ORIGIN}/static/%2e%2e/manage.py",
        f"{PDF_ORIGIN}/static/reintegration_report/pdf/report.css?x=1",
        f"{PDF_ORIGIN}/static/reintegration_report/pdf/nope.css",
        f"{PDF_ORIGIN}/static/",
        "https://poortwachter-pdf.invalid.evil.example/static/reintegration_report/pdf/report.css",
    ],
)
def test_fetcher_refuses_everything_but_our_static_files(url):
    with pytest.raises(UrlRefused):
        StaticFilesOnlyFetcher().fetch(url)


def test_fetcher_serves_our_stylesheet():
    response = StaticFilesOnlyFetcher().fetch(static_url("reintegration_report/pdf/report.css"))
    assert response.content_type == "text/css"
    assert b"@page" in response.read()


def test_riv_shows_arbeidsgeschiktheid_and_hours_worked_over_time(dossier, world):
    from decimal import Decimal

    from cases.models import WorkResumption

    world.employee_a.contract_hours = Decimal("32")
    world.employee_a.save()
    start = dossier.first_sick_day
    for weeks, sick, hours in ((10, 75, "8"), (20, 50, "16.5"), (30, 20, None)):
        WorkResumption.objects.create(
            case=dossier,
            start=start + timedelta(weeks=weeks),
            percentage_sick=sick,
            hours_worked=Decimal(hours) if hours else None,
            therapeutic=weeks == 10,
            created_by=world.hr_a,
        )
    content = report_content_build(dossier)
    assert [(w.percentage_fit, w.hours_worked) for w in content.work_resumptions] == [
        (25, Decimal("8")),
        (50, Decimal("16.5")),
        (80, None),
    ]
    html = flat(re.sub(r"<[^>]+>", " ", render_report_html(content)))
    assert "Werkhervatting: arbeidsgeschiktheid en gewerkte uren" in html
    for row in ("25% 75% 8 van 32 ja", "50% 50% 16,5 van 32 nee", "80% 20% niet vastgelegd nee"):
        assert row in html, row
    assert "De datum waarop de medische informatie aan UWV is verzonden" in html or (
        "medische informatie op" in html
    )


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler-utils (pdfinfo) missing")
def test_riv_and_employee_copy_are_tagged_pdf_a_3b_with_language_and_metadata(dossier, tmp_path):
    for packet, title in (
        (False, "Re-integratieverslag — "),
        (True, "Re-integratieverslag — exemplaar werknemer — "),
    ):
        data = report_pdf_for_case(dossier, employee_packet=packet).pdf
        path = tmp_path / f"riv-{packet}.pdf"
        path.write_bytes(data)
        info = subprocess.run(
            ["pdfinfo", str(path)], capture_output=True, text=True, check=True
        ).stdout
        fields = {
            key.strip(): value.strip()
            for key, _sep, value in (line.partition(":") for line in info.splitlines())
        }
        assert fields["Tagged"] == "yes"
        assert fields["Title"] == title + dossier.employee.full_name
        assert fields["Author"] == dossier.employer.name
        assert fields["Subject"]
        xmp = subprocess.run(
            ["pdfinfo", "-meta", str(path)], capture_output=True, text=True, check=True
        ).stdout
        assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="B"' in xmp
        root = PdfReader(io.BytesIO(data)).trailer["/Root"]
        assert root["/Lang"] == "nl"
        assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root


# The employee packet ---------------------------------------------------------------------------


def test_employee_packet_tells_what_to_send_to_uwv_and_by_when(dossier):
    rendered = report_pdf_for_case(dossier, employee_packet=True)
    pages = page_texts(rendered.pdf)
    assert "exemplaar werknemer" in flat(pages[0])
    instruction = flat(pages[1])
    wia_due = rendered.content.due("wia_application")
    assert "Wat u zelf naar UWV stuurt" in instruction
    with translation.override("nl"):
        assert f"uiterlijk {date_format(wia_due, 'l j F Y')} aan" in instruction
    assert "week 93" in instruction
    assert "re-integratieverslag" in instruction.lower()
    assert "eigen oordeel" in instruction.lower()
    assert "bedrijfsarts" in instruction and "nooit via uw werkgever" in instruction
    # Their copy is due in week 91 at the latest; they may refuse the online upload.
    riv_due = rendered.content.due("reintegration_report")
    with translation.override("nl"):
        assert (
            "uiterlijk in week 91 van uw ziekte geven: uiterlijk "
            f"{date_format(riv_due)}" in instruction
        )
    assert "U mag weigeren dat uw werkgever het verslag online in het werkgeversportaal" in (
        instruction
    )
    assert "zelf mee met uw WIA-aanvraag" in instruction
    # The report itself follows, with every part.
    assert "10. Bijlagen" in flat(" ".join(pages[2:]))


# The command line ------------------------------------------------------------------------------


def test_cli_writes_the_pdf(dossier, tmp_path):
    out = tmp_path / "riv.pdf"
    stdout = io.StringIO()
    call_command(
        "export_reintegration_report",
        str(dossier.pk),
        "--output",
        str(out),
        "--employee-packet",
        stdout=stdout,
    )
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    pages = page_texts(data)
    assert "Wat u zelf naar UWV stuurt" in pages[1]
    assert "Samenvatting Poortwachtertoets" not in flat(" ".join(pages))
    assert str(out) in stdout.getvalue()
    internal = tmp_path / "toets.pdf"
    call_command(
        "export_reintegration_report",
        str(dossier.pk),
        "--output",
        str(internal),
        "--findings",
        stdout=io.StringIO(),
    )
    assert "Samenvatting Poortwachtertoets (intern)" in flat(page_texts(internal.read_bytes())[0])


def test_cli_unknown_case_exits_2_with_one_line(db, tmp_path, capsys, monkeypatch):
    from reintegration_report.management.commands.export_reintegration_report import Command

    monkeypatch.setattr("django.db.connections.close_all", lambda: None)
    with pytest.raises(CommandError) as raised:
        call_command("export_reintegration_report", "999999", "--output", str(tmp_path / "x.pdf"))
    assert raised.value.returncode == 2
    with pytest.raises(SystemExit) as exited:
        Command().run_from_argv(
            [
                "manage.py",
                "export_reintegration_report",
                "999999",
                "--output",
                str(tmp_path / "x.pdf"),
            ]
        )
    assert exited.value.code == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert "unknown case: 999999" in err
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize(
    "argv",
    [
        ["export_reintegration_report"],
        ["export_reintegration_report", "abc", "--output", "x.pdf"],
        ["export_reintegration_report", "1"],
        ["export_reintegration_report", "1", "--output", "x.txt"],
        ["export_reintegration_report", "1", "--output", "/no/such/dir/x.pdf"],
    ],
)
def test_cli_bad_arguments_exit_2(db, argv, monkeypatch, capsys):
    from reintegration_report.management.commands.export_reintegration_report import Command

    monkeypatch.setattr("django.db.connections.close_all", lambda: None)
    monkeypatch.setattr(sys, "argv", ["manage.py", *argv])
    with pytest.raises(SystemExit) as exited:
        Command().run_from_argv(["manage.py", *argv])
    assert exited.value.code == 2
    assert capsys.readouterr().err.strip()
