"""Every demo role follows every link and button it is offered: none answers 403, 404 or 500.

A bounded breadth-first crawl over the test client from the start page, per demo role. Links
(``<a href>``) and GET forms are followed (downloads included); the actions of POST buttons are
collected and submitted empty at the end: a refused or incomplete post must answer with a form
error or a redirect with a message, never 403, 404 or 500.
"""

from __future__ import annotations

import os
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command

from accounts.models import User

pytestmark = pytest.mark.django_db

MAX_PAGES = 250
#: Per path, how many query-string variants (sorting, filters, pages) are followed.
MAX_VARIANTS = 3
SKIP = re.compile(
    r"^/(static/|accounts/logout|accounts/2fa|i18n/|admin/|healthz)"
    r"|\.ics$|/agenda/"
)
BAD = {403, 404, 500}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.posts: list[str] = []
        self._form: tuple[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            method = (a.get("method") or "get").lower()
            action = a.get("action") or ""
            if action:
                (self.posts if method == "post" else self.links).append(action)


def _local(url: str, current: str) -> str | None:
    url = urldefrag(url.replace("&amp;", "&"))[0]
    if not url or url.startswith(("mailto:", "tel:", "javascript:")):
        return None
    parts = urlsplit(url)
    if parts.netloc and parts.netloc not in ("testserver", "localhost"):
        return None
    if url.startswith("?"):
        url = urlsplit(current).path + url
    elif not url.startswith("/"):
        return None
    return None if SKIP.search(urlsplit(url).path) else url


@pytest.fixture
def demo_world(db, settings):
    settings.DEMO_MODE = True
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115


def _demo_users() -> list[User]:
    seen, users = set(), []
    for user in User.objects.filter(is_demo=True).exclude(role="").order_by("email"):
        if user.role not in seen:
            seen.add(user.role)
            users.append(user)
    return users


def _crawl(client) -> tuple[list[str], int]:
    failures: list[str] = []
    queue = deque([("/", "start")])
    seen: set[str] = set()
    variants: dict[str, int] = {}
    posts: set[str] = set()
    while queue and len(seen) < MAX_PAGES:
        url, source = queue.popleft()
        if url in seen:
            continue
        path = urlsplit(url).path
        if urlsplit(url).query:
            variants[path] = variants.get(path, 0) + 1
            if variants[path] > MAX_VARIANTS:
                continue
        seen.add(url)
        response = client.get(url, follow=True)
        if response.status_code in BAD:
            failures.append(f"GET {url} -> {response.status_code} (linked from {source})")
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        final = response.request["PATH_INFO"]
        parser = _Links()
        parser.feed(response.content.decode())
        for href in parser.links:
            target = _local(href, final)
            if target and target not in seen:
                queue.append((target, final))
        posts.update((target, final) for href in parser.posts if (target := _local(href, final)))
    for action, source in sorted(posts):
        response = client.post(action, {})
        if response.status_code in BAD:
            failures.append(f"POST {action} -> {response.status_code} (button on {source})")
    return failures, len(seen)


def test_no_demo_role_is_offered_a_link_or_button_it_may_not_use(demo_world, client):
    failures, reached = [], {}
    for user in _demo_users():
        client.force_login(user)
        found, reached[user.role] = _crawl(client)
        failures += [f"{user.get_role_display()}: {f}" for f in found]
        client.logout()
    print(reached)  # how far the crawl got, shown with -s
    assert len(reached) == 5, reached
    # The crawl really walks the app (a broken start would pass vacuously).
    assert all(n >= 30 for n in reached.values()), reached
    assert not failures, "\n".join(failures)


def test_the_403_page_names_the_role(db, client):
    from tests.factories import UserFactory

    manager = UserFactory(role="manager")
    client.force_login(manager)
    response = client.get("/dossiers/werkgevers/")
    assert response.status_code == 403
    assert "U bent ingelogd als Leidinggevende" in response.content.decode()
