"""The shared layout's cached menu and URLs give the same HTML as the per-request template did."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.template import engines
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django.utils import translation

from accounts.navigation import administration_items_for, items_for
from reintegratie import urls as root

pytestmark = pytest.mark.django_db

#: A URL configuration without the API app (this module serves as one in a test below).
urlpatterns = [p for p in root.urlpatterns if getattr(p, "namespace", None) != "api"]

#: The menu bar as base.html wrote it before it was cached: a {% url %} per entry per request.
PER_REQUEST_MENU = """{% load i18n %}        <ul class="navbar-nav me-auto">
          {% for url_name, label, icon in nav_items %}
            {% url url_name as item_url %}{% if item_url %}
            <li class="nav-item"><a class="nav-link{% if request.path == item_url %} active{% endif %}" href="{{ item_url }}"{% if request.path == item_url %} aria-current="page"{% endif %}><i class="bi bi-{{ icon }}" aria-hidden="true"></i> {{ label }}</a></li>{% endif %}
          {% endfor %}
          {% if nav_admin_items %}
          <li class="nav-item dropdown">
            <a class="nav-link dropdown-toggle" href="#" role="button" data-bs-toggle="dropdown" aria-expanded="false"><i class="bi bi-gear" aria-hidden="true"></i> {% translate "Beheer" %}</a>
            <ul class="dropdown-menu">
              {% for url_name, label, icon in nav_admin_items %}
                {% url url_name as item_url %}{% if item_url %}
                <li><a class="dropdown-item{% if request.path == item_url %} active{% endif %}" href="{{ item_url }}"{% if request.path == item_url %} aria-current="page"{% endif %}><i class="bi bi-{{ icon }}" aria-hidden="true"></i> {{ label }}</a></li>{% endif %}
              {% endfor %}
            </ul>
          </li>
          {% endif %}
        </ul>"""  # noqa: E501

EMPTY_PAGE = '{% extends "base.html" %}{% block content %}<p>leeg</p>{% endblock %}'


def _request(path: str, user):
    request = RequestFactory().get(path)
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    request.csp_nonce = "nonce"
    return request


def _menu_bar(html: str) -> str:
    return html.split('id="mainnav">\n', 1)[1].split('\n        <ul class="navbar-nav">', 1)[0]


def _per_request_menu(path: str, user) -> str:
    context = {"nav_items": items_for(user), "nav_admin_items": administration_items_for(user)}
    return engines["django"].from_string(PER_REQUEST_MENU).render(context, _request(path, user))


def _users(world):
    return [world.hr_a, world.manager_a, world.employee_user_a, world.physician, world.specialist]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_menu_is_the_one_the_per_request_template_rendered(world, language):
    page = engines["django"].from_string(EMPTY_PAGE)
    with translation.override(language):
        for user in _users(world):
            entries = items_for(user) + administration_items_for(user)
            paths = [reverse(name) for name, _label, _icon in entries] + ["/elders/"]
            for path in paths:
                html = page.render({}, _request(path, user))
                assert _menu_bar(html) == _per_request_menu(path, user), (user.role, path)
                if path != "/elders/":
                    assert html.count('aria-current="page"') == 1, path


def test_entries_without_a_url_are_left_out_per_url_configuration(world):
    page = engines["django"].from_string(EMPTY_PAGE)
    assert "Koppelingen" in page.render({}, _request("/", world.hr_a))
    with override_settings(ROOT_URLCONF=__name__):
        html = page.render({}, _request("/", world.hr_a))
        assert _menu_bar(html) == _per_request_menu("/", world.hr_a)
    assert "Koppelingen" not in html and "Bewaartermijnen" in html


def test_the_layout_urls_and_static_files_are_the_usual_ones(world):
    html = engines["django"].from_string(EMPTY_PAGE).render({}, _request("/", world.hr_a))
    for name in ["home", "mfa_index", "account_change_password", "account_logout"]:
        assert f'"{reverse(name)}"' in html
    assert f'data-url="{reverse("session_activity")}"' in html
    assert re.search(r'href="/static/css/app\.css"', html)
    assert 'src="/static/js/session-activity.js"' in html


def test_a_visitor_gets_no_menu(db):
    html = engines["django"].from_string(EMPTY_PAGE).render({}, _request("/", AnonymousUser()))
    assert 'id="mainnav"' not in html
    assert "session-activity.js" not in html
