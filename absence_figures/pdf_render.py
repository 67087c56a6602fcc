"""WeasyPrint for the management report: HTML to PDF, fetching no URL at all.

Imported on the first report, not at start: WeasyPrint takes about a second to import, which
every web worker, Celery worker and management command would otherwise pay.
"""

from __future__ import annotations

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse


class UrlRefused(ValueError):
    """Raised for any URL the report's HTML asks for (it should ask for none)."""


class NoFetch(URLFetcher):
    """A WeasyPrint URL fetcher that fetches nothing."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=(), allow_redirects=False, fail_on_errors=False)

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        raise UrlRefused(f"URL refused for the PDF: {url[:200]}")


def html_to_pdf(html: str) -> bytes:
    """Return the PDF of `html` (its stylesheet and charts inline)."""
    return HTML(string=html, url_fetcher=NoFetch()).write_pdf()
