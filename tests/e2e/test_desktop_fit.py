"""The staff pages on a 1366-pixel laptop screen: the menu and its pages never scroll sideways.

Logged in as each demo staff role, the test opens every page of the role's menu (the bar and
"Beheer") and a case page, and checks that nothing is wider than the window.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from accounts.models import User
from accounts.navigation import administration_items_for, items_for
from cases.models import Case
from tests.e2e.test_mobile_employee_journey import OVERFLOW_JS, _log_in

STAFF = (
    "hr@korenschoof.example",
    "manager@korenschoof.example",
    "bedrijfsarts@korenschoof.example",
    "arbeidsdeskundige@korenschoof.example",
)


@pytest.mark.parametrize("email", STAFF)
def test_menu_pages_fit_a_laptop_screen(page: Page, live_server, demo, email):
    page.set_viewport_size({"width": 1366, "height": 768})
    _log_in(page, live_server, email)
    user = User.objects.get(email=email)
    paths = [reverse(name) for name, _, _ in items_for(user) + administration_items_for(user)]
    case = Case.objects.visible_to(user).order_by("pk").first()
    paths.append(reverse("cases:detail", args=[case.pk]))
    failures = []
    for path in paths:
        page.goto(live_server.url + path)
        width = page.evaluate(OVERFLOW_JS)
        if width["scroll"] > width["inner"]:
            failures.append(f"{path}: {width['scroll']} px wide; too wide: {width['wide']}")
    assert len(paths) >= 2
    assert not failures, "\n".join(failures)
