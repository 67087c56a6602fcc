"""The empty choice of a select speaks the page's language (no "---------" or English)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

PAGES = [
    ("deadlines:list", ()),  # django-filter selects
    ("cases:list", ()),
    ("cases:report_sick", ()),  # model choice: the employee
]


@pytest.fixture(autouse=True)
def _reset_language():
    yield
    translation.deactivate()


def _pages(client, world) -> str:
    html = ""
    for name, args in PAGES:
        url = reverse(name, args=args)
        response = client.get(url)
        assert response.status_code == 200, url
        html += response.content.decode()
    return html


def test_empty_choices_are_dutch_on_dutch_pages(world, login):
    html = _pages(login(world.hr_a), world)
    assert '<option value="" selected>- Kies een optie -</option>' in html
    assert '<option value="" selected>- Alle -</option>' in html
    assert "---------" not in html
    assert "Select an option" not in html


def test_empty_choices_are_english_on_english_pages(world, login):
    client = login(world.hr_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = _pages(client, world)
    assert '<option value="" selected>- Select an option -</option>' in html
    assert '<option value="" selected>- All -</option>' in html
    assert "---------" not in html
    assert "Kies een optie" not in html
