"""The demo week-92 dossier's RIV checked against what UWV asks (issue 15, part 7)."""

from __future__ import annotations

import io
import re

import pytest
from django.utils import timezone
from pypdf import PdfReader

from cases import demo as cases_demo
from dossier import demo as dossier_demo
from dossier.models import MedicalNote, Signature
from reintegration_report.pdf import report_pdf_for_case
from second_track import demo as second_track_demo

pytestmark = pytest.mark.django_db

#: The parts UWV names, in its order (domain reference §3.9), as headed in the RIV.
UWV_PARTS = [
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


def _flat(text: str) -> str:
    text = text.replace("\u2010\n", "").replace("-\n", "-").replace("\u00ad", "")
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def week92():
    ctx = cases_demo.DemoContext(today=timezone.localdate())
    cases_demo.seed(ctx)
    dossier_demo.seed(ctx)
    second_track_demo.seed(ctx)
    return ctx.cases[("korenschoof", "week92")]


def test_demo_week_92_riv_has_every_part_in_order_signed_and_dated(week92):
    rendered = report_pdf_for_case(week92)
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(rendered.pdf)).pages]
    body = _flat(" ".join(pages[2:]))

    # Each part UWV names, in its order, after the table of contents.
    positions = [body.find(part) for part in UWV_PARTS]
    assert -1 not in positions, dict(zip(UWV_PARTS, positions, strict=True))
    assert positions == sorted(positions)

    # The BSN on every page.
    bsn = week92.employee.bsn
    for number, text in enumerate(pages, start=1):
        assert f"BSN {bsn}" in text, number

    # Signatures and dates per part: both parties signed every signed document of the demo.
    signatures = Signature.objects.filter(case=week92)
    content = rendered.content
    signed_parts = [
        *[s for s in content.problem_analyses if s.needs_signatures],
        *content.plan_versions,
        content.first_year_evaluation,
        content.final_evaluation,
    ]
    assert all(part is not None for part in signed_parts)
    for part in signed_parts:
        slots = dict(part.signature_slots)
        assert slots["employer"] is not None and slots["employee"] is not None, part
    assert signatures.count() == 2 * len(signed_parts)
    for signature in signatures:
        how = "digitaal ondertekend door" if signature.is_digital else "op papier ondertekend door"
        when = signature.signed_on.strftime("%d-%m-%Y")  # the one date format
        assert f"{how} {signature.signer_name} op {when}" in body, signature
    overview = body[body.find("Ondertekening per onderdeel") :]
    assert "niet ondertekend" not in overview
    for label in ("Probleemanalyse", "Plan van aanpak versie 1", "Eerstejaarsevaluatie"):
        assert label in overview
    assert "Eindevaluatie" in overview
    # The employee's agreement is under the employee's name, never under HR's.
    for signature in signatures.filter(party="employee"):
        assert signature.signer_name == week92.employee.full_name
    for version in content.plan_versions:
        assert version.agreed_by.startswith(week92.employee.full_name) or (
            version.agreed_by == week92.employee.user.full_name
        )

    # No medical content, no Poortwachtertoets page.
    text = _flat(" ".join(pages))
    for note in MedicalNote.objects.filter(statement__case=week92):
        for value in (note.diagnosis, note.history, note.treatment):
            if value:
                assert value[:40] not in text
    assert "Poortwachtertoets" not in text
    assert "loonsanctie" not in text.lower()
