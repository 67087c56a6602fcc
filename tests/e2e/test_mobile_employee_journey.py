"""The employee portal on a phone: every page an employee can reach fits 390 pixels wide.

Logged in as each demo employee (a new case, a running tweede spoor, a complete dossier), the
test crawls every same-site link and GET form from the start page, as tests/test_every_link.py
does, and checks on each HTML page that nothing scrolls sideways at 390×844.
"""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest
from playwright.sync_api import Page

from cases.demo import DEMO_PASSWORD

EMPLOYEES = (
    "werknemer@korenschoof.example",
    "tess.vos@korenschoof.example",
    "milan.bos@korenschoof.example",
)
SKIP = re.compile(r"^/(static/|accounts/logout|i18n/|admin/|healthz)|\.ics$|/agenda/")
MAX_PAGES = 120
MAX_VARIANTS = 3
#: The links and GET form actions on the page, as absolute URLs.
LINKS_JS = """() => [
    ...Array.from(document.querySelectorAll('a[href]'), a => a.href),
    ...Array.from(document.querySelectorAll('form'))
        .filter(f => (f.getAttribute('method') || 'get').toLowerCase() === 'get')
        .map(f => f.action),
]"""
OVERFLOW_JS = """() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
    wide: Array.from(document.querySelectorAll('body *'))
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
        .slice(0, 5)
        .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')),
})"""
#: The smallest rendered font size (CSS pixels) of the visible timeline's labels, if any.
TIMELINE_FONT_JS = """() => {
    const sizes = Array.from(document.querySelectorAll('main svg[role=img] text'))
        .filter(t => t.getBoundingClientRect().width > 0)
        .map(t => {
            const svg = t.ownerSVGElement;
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            return parseFloat(t.getAttribute('font-size')) * scale;
        });
    return sizes.length ? Math.min(...sizes) : null;
}"""


def _log_in(page: Page, live_server, email: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(re.compile(r"/$"))


def _local(url: str, live_server) -> str | None:
    url = urldefrag(url)[0]
    if not url.startswith(live_server.url):
        return None
    path = url[len(live_server.url) :] or "/"
    return None if SKIP.search(urlsplit(path).path) else path


def _crawl(page: Page, live_server) -> tuple[list[str], list[str], list[float]]:
    """Visit every page reachable from the start page.

    Return the pages seen, the overflow failures and the font sizes of the timelines shown.
    """
    queue, seen, failures, fonts = deque(["/"]), [], [], []
    variants: dict[str, int] = {}
    while queue and len(seen) < MAX_PAGES:
        path = queue.popleft()
        if path in seen:
            continue
        parts = urlsplit(path)
        if parts.query:
            variants[parts.path] = variants.get(parts.path, 0) + 1
            if variants[parts.path] > MAX_VARIANTS:
                continue
        seen.append(path)
        # Downloads (PDF, CSV, documents) are no pages: ask first, open only HTML in the tab.
        head = page.request.get(live_server.url + path)
        if "text/html" not in head.headers.get("content-type", ""):
            continue
        page.goto(live_server.url + path)
        width = page.evaluate(OVERFLOW_JS)
        if width["scroll"] > width["inner"]:
            failures.append(f"{path}: {width['scroll']} px wide; too wide: {width['wide']}")
        if (font := page.evaluate(TIMELINE_FONT_JS)) is not None:
            fonts.append(font)
        for href in page.evaluate(LINKS_JS):
            target = _local(href, live_server)
            if target and target not in seen:
                queue.append(target)
    return seen, failures, fonts


@pytest.mark.parametrize("email", EMPLOYEES)
def test_every_employee_page_fits_a_phone_screen(page: Page, live_server, demo, email):
    page.set_viewport_size({"width": 390, "height": 844})
    _log_in(page, live_server, email)
    seen, failures, fonts = _crawl(page, live_server)
    print(email, len(seen), seen)  # what the crawl reached, shown with -s
    # The crawl really walks the portal (a broken start would pass vacuously).
    assert len(seen) >= 8, seen
    assert not failures, "\n".join(failures)
    # The 104-week timeline on the case page is drawn for the phone: labels of 11 px or more.
    assert fonts and min(fonts) >= 11, fonts
