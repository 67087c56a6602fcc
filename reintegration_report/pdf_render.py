"""WeasyPrint for the re-integratieverslag: the static-files-only fetcher and HTML to PDF/A.

Imported on the first PDF (`reintegration_report.pdf.html_to_pdf`), not at start: WeasyPrint
takes about a second to import, which every web worker, Celery worker and management command
would otherwise pay.
"""

from __future__ import annotations

import mimetypes
import posixpath
from urllib.parse import unquote, urlsplit

from django.contrib.staticfiles import finders
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .pdf import PDF_ORIGIN, UrlRefused, static_prefix

__all__ = ["PDF_VARIANT", "StaticFilesOnlyFetcher", "html_to_pdf"]


class StaticFilesOnlyFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that serves only the app's static files, nothing else.

    It never calls the parent's `fetch` (which would open http, file: and data: URLs): every URL
    that is not `PDF_ORIGIN` + STATIC_URL + a path the static-file finders know is refused.
    `requested` records every URL asked for (tests and logs use it).
    """

    def __init__(self) -> None:
        super().__init__(allowed_protocols=(), allow_redirects=False, fail_on_errors=False)
        self.requested: list[str] = []

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        self.requested.append(url)
        path = self._static_path(url)
        if path is None:
            raise UrlRefused(f"URL refused for the PDF: {url[:200]}")
        with open(path, "rb") as handle:
            body = handle.read()
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=body, headers={"Content-Type": content_type})

    @staticmethod
    def _static_path(url: str) -> str | None:
        """Return the file of a static URL of ours, else None."""
        prefix = PDF_ORIGIN + static_prefix()
        if not url.startswith(prefix):
            return None
        parts = urlsplit(url)
        if parts.query or parts.fragment:
            return None
        relative = unquote(parts.path[len(static_prefix()) :])
        normalised = posixpath.normpath(relative)
        if (
            not relative
            or normalised != relative
            or normalised.startswith(("/", "../"))
            or "\\" in relative
            or "\x00" in relative
        ):
            return None
        found = finders.find(normalised)
        return found if isinstance(found, str) else None


#: The RIV must stay readable for years (archival PDF/A-3b) and be readable with a screen reader
#: (a tagged structure with the document language from ``<html lang="nl">``). Title, author and
#: subject come from the HTML head (``<title>``, ``<meta name="author">``,
#: ``<meta name="description">``).
PDF_VARIANT = "pdf/a-3b"


def html_to_pdf(html: str, *, fetcher: StaticFilesOnlyFetcher | None = None) -> bytes:
    """Return the tagged PDF/A-3b of `html`, loading nothing but the app's static files."""
    document = HTML(
        string=html, base_url=PDF_ORIGIN + "/", url_fetcher=fetcher or StaticFilesOnlyFetcher()
    )
    return document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)
