"""Render the re-integratieverslag as PDF with WeasyPrint from Django templates.

Two outputs: the RIV the employer hands to UWV, and the employee packet (the same report plus a
plain-Dutch page on what the employee sends to UWV themself, and by when). Both are Dutch
(UWV's language, whatever the user's interface language) and contain no medical data: they are
built from `reintegration_report.content.ReportContent`, which never reads it.

WeasyPrint may only load the app's own static files: `pdf_render.StaticFilesOnlyFetcher`
refuses every other URL (http, https, file:, data:, ftp…) without touching the network or the
file system. WeasyPrint itself is imported on the first PDF (`pdf_render`), not at start.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from deadlines.timeline_svg import MarkerInput, TimelineGeometry, timeline_geometry

from .content import ReportContent, report_content_build
from .poortwachtertoets import CheckResult, poortwachter_check

if TYPE_CHECKING:
    from cases.models import Case

    from .pdf_render import StaticFilesOnlyFetcher

__all__ = [
    "PDF_ORIGIN",
    "ProgressCallback",
    "RenderedPdf",
    "UrlRefused",
    "findings_pdf_for_case",
    "html_to_pdf",
    "render_findings_html",
    "render_report_html",
    "report_pdf_for_case",
    "static_url",
]

#: The made-up origin the PDF's own static files are addressed under (`.invalid` never
#: resolves); only URLs below it and STATIC_URL are served, from the static-file finders.
PDF_ORIGIN = "https://poortwachter-pdf.invalid"

#: The stylesheet of the report (app static file, not hashed: the finders resolve it).
STYLESHEET = "reintegration_report/pdf/report.css"

#: Called as progress(percent, step) while a report is built.
ProgressCallback = Callable[[int, str], None]


class UrlRefused(ValueError):
    """Raised by the fetcher for any URL outside the app's own static files."""


def static_prefix() -> str:
    path = urlsplit(settings.STATIC_URL).path or "/static/"
    return path if path.endswith("/") else path + "/"


def static_url(path: str) -> str:
    """Return the URL under which the PDF renderer may load static file `path`."""
    return f"{PDF_ORIGIN}{static_prefix()}{path}"


# HTML --------------------------------------------------------------------------------------------


def _timeline_picture(content: ReportContent) -> TimelineGeometry | None:
    header = content.header
    deadlines = [d for d in content.deadlines if d.due is not None]
    if not deadlines:
        return None
    end = next((d.due for d in deadlines if d.key == "waiting_period_end"), None)
    return timeline_geometry(
        first_sick_day=header.first_sick_day,
        today=header.generated_on,
        end=end,
        markers=[
            MarkerInput(
                key=d.key, label=d.label, due=d.due, status=d.status, status_label=d.status_label
            )
            for d in deadlines
        ],
        width=760,
        height=96,
        aria_label=translation.gettext("Tijdlijn van 104 weken vanaf de eerste ziektedag"),
    )


def render_report_html(content: ReportContent, *, employee_packet: bool = False) -> str:
    """Return the report as HTML (Dutch): the RIV for UWV, or the employee's copy.

    The Poortwachtertoets summary is never part of it (see `render_findings_html`).
    """
    with translation.override("nl"):
        return render_to_string(
            "reintegration_report/pdf/report.html",
            {
                "c": content,
                "h": content.header,
                "packet": employee_packet,
                "svg": _timeline_picture(content),
                "stylesheet_url": static_url(STYLESHEET),
                "wia_due": content.due("wia_application"),
                "riv_due": content.due("reintegration_report"),
                "waiting_end": content.due("waiting_period_end"),
            },
        )


def html_to_pdf(html: str, *, fetcher: StaticFilesOnlyFetcher | None = None) -> bytes:
    """Return the tagged PDF/A-3b of `html`, loading nothing but the app's static files
    (`reintegration_report.pdf_render`, imported on the first PDF)."""
    from . import pdf_render

    return pdf_render.html_to_pdf(html, fetcher=fetcher)


def render_findings_html(content: ReportContent, check: CheckResult) -> str:
    """Return the internal Poortwachtertoets summary as HTML: a document of its own, for the
    employer's own control, never a page of the RIV or of the employee's copy."""
    with translation.override("nl"):
        return render_to_string(
            "reintegration_report/pdf/findings.html",
            {
                "c": content,
                "h": content.header,
                "check": check,
                "stylesheet_url": static_url(STYLESHEET),
            },
        )


@dataclass(frozen=True, slots=True)
class RenderedPdf:
    """A rendered report with what went into it."""

    pdf: bytes
    content: ReportContent
    check: CheckResult


def report_pdf_for_case(
    case: Case,
    *,
    employee_packet: bool = False,
    now: datetime | None = None,
    progress: ProgressCallback | None = None,
) -> RenderedPdf:
    """Build the content of `case`, run the Poortwachtertoets and render the PDF.

    The caller has checked permission. `progress` is told how far it got (0–95 %).
    """

    def step(percent: int, message: str) -> None:
        if progress is not None:
            progress(percent, message)

    with translation.override("nl"):
        step(10, translation.gettext("Dossier verzamelen"))
        content = report_content_build(case, now=now)
        step(30, translation.gettext("Poortwachtertoets uitvoeren"))
        check = poortwachter_check(content)
        step(40, translation.gettext("Verslag opmaken"))
        html = render_report_html(content, employee_packet=employee_packet)
        step(50, translation.gettext("PDF maken"))
        pdf = html_to_pdf(html)
    return RenderedPdf(pdf=pdf, content=content, check=check)


def findings_pdf_for_case(
    case: Case, *, now: datetime | None = None, progress: ProgressCallback | None = None
) -> RenderedPdf:
    """Render the internal Poortwachtertoets summary of `case` as a separate PDF.

    The caller has checked permission (HR: it is the employer's own control, not for UWV).
    """
    with translation.override("nl"):
        if progress is not None:
            progress(10, translation.gettext("Dossier verzamelen"))
        content = report_content_build(case, now=now)
        check = poortwachter_check(content)
        if progress is not None:
            progress(50, translation.gettext("PDF maken"))
        pdf = html_to_pdf(render_findings_html(content, check))
    return RenderedPdf(pdf=pdf, content=content, check=check)
