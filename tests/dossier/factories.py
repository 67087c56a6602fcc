"""Factories and builders for dossier records (they go through the services where it matters)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from dossier import services
from dossier.models import StatementKind

MARKER = "MEDISCH-GEHEIM-7731"

#: The smallest files `filetype` recognises, for upload tests.
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00"
    b"\x00IEND\xaeB`\x82"
)
HTML_BYTES = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def pdf_upload(name: str = "verslag.pdf", extra: bytes = b"") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES + extra, content_type="application/pdf")


def statement(case, author, *, kind: str = StatementKind.PROBLEM_ANALYSIS, **overrides: Any):
    data = {
        "kind": kind,
        "statement_date": timezone.localdate() - timedelta(days=2),
        "functional_limitations": "Geen zwaar tillen, niet langer dan 2 uur aaneen staan.",
        "possibilities": "Licht administratief werk, 4 uur per dag.",
        "prognosis": "Verwacht herstel in eigen werk binnen 3 maanden.",
        "advice": "Start met aangepast werk, opbouw per 2 weken.",
        "expected_return": "Binnen 3 maanden",
        "diagnosis": "",
        "history": "",
        "treatment": "",
        **overrides,
    }
    return services.statement_create(case=case, actor=author, **data)


def plan_content(**overrides: Any) -> dict[str, Any]:
    return {
        "goal": "Terugkeer in eigen werk als verkoopmedewerker.",
        "goal_term": "Binnen 3 maanden",
        "evaluation_frequency_weeks": 6,
        "casemanager": "HR Alfa",
        "employer_view": "Werkgever ziet mogelijkheden in aangepast werk.",
        "employee_view": "Werknemer wil graag rustig opbouwen.",
        **overrides,
    }


def activities(*descriptions: str) -> list[dict[str, Any]]:
    return [
        {
            "description": d,
            "responsible": "Werknemer",
            "starts_on": date(2026, 1, 5) + timedelta(days=7 * i),
            "status": "planned",
        }
        for i, d in enumerate(descriptions or ("Aangepast werk 4 uur per dag",))
    ]


def plan(case, hr, **overrides: Any):
    acts = overrides.pop("activities", None) or activities()
    return services.action_plan_version_create(
        case=case, actor=hr, activities=acts, **plan_content(**overrides)
    )


def talk_fields(**overrides: Any) -> dict[str, Any]:
    held = timezone.localdate()
    return {
        "held_on": held,
        "participants": "HR, werknemer, leidinggevende",
        "agreements": "Uren uitbreiden naar 6 per dag.",
        "employer_view": "Goede voortgang.",
        "employee_view": "Gaat beter.",
        "next_talk_on": held + timedelta(days=28),
        **overrides,
    }


def evaluation_fields(**overrides: Any) -> dict[str, Any]:
    return {
        "held_on": timezone.localdate(),
        "look_back": "Afspraken zijn nagekomen.",
        "look_forward": "Doel jaar 2: volledige terugkeer in spoor 1.",
        "employer_view": "Eens.",
        "employee_view": "Eens.",
        **overrides,
    }
