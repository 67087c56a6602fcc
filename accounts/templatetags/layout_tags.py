"""Tags of the shared layout (templates/base.html) that would cost the same work on every page.

The menu, the URLs and the static file URLs of the layout only change with the role, the
language, the URL configuration (tests swap it) and the script prefix; they are worked out once
per process for each of those and kept in a dictionary (a handful of entries per role).
Everything that belongs to one request (user name, CSRF token, CSP nonce, path) stays in the
template.
"""

from __future__ import annotations

from django import template
from django.template.loader import get_template
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from accounts.navigation import NavItem, administration_items_for, items_for
from accounts.url_builders import pk_url, url_setting

register = template.Library()

_menus: dict[tuple, SafeString] = {}
_role_urls: dict[tuple, frozenset[str]] = {}
_urls: dict[tuple, str] = {}
_statics: dict[str, str] = {}


def _reverse_or_empty(name: str) -> str:
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


def _menu_urls(role: str, items: list[NavItem], setting: tuple[str, str]) -> frozenset[str]:
    key = (role, setting)
    if key not in _role_urls:
        _role_urls[key] = frozenset(filter(None, (_reverse_or_empty(n) for n, _l, _i in items)))
    return _role_urls[key]


@register.simple_tag(takes_context=True)
def main_menu(context: template.Context) -> SafeString:
    """Render the role's menu bar (templates/_main_menu.html), the current page's entry active.

    The HTML is the same for every request of one role, language, URL set-up and active entry,
    so it is rendered once per process for each and then only looked up.
    """
    user = context.get("user")
    request = context.get("request")
    role = getattr(user, "role", "") if getattr(user, "is_authenticated", False) else ""
    items = items_for(user) + administration_items_for(user)
    setting = url_setting()
    path = getattr(request, "path", "")
    active = path if path in _menu_urls(role, items, setting) else ""
    key = (role, get_language(), setting, active)
    if key not in _menus:
        html = get_template("_main_menu.html").render(
            {
                "nav_items": items_for(user),
                "nav_admin_items": administration_items_for(user),
                "active_path": active,
            }
        )
        _menus[key] = mark_safe(html.strip("\n"))  # rendered by the template engine
    return _menus[key]


@register.simple_tag
def fixed_url(name: str) -> str:
    """Return ``{% url name %}`` for a URL without arguments, reversed once per process."""
    key = (name, url_setting())
    if key not in _urls:
        _urls[key] = reverse(name)
    return _urls[key]


@register.simple_tag(name="pk_url")
def pk_url_tag(name: str, pk: int) -> str:
    """Return ``{% url name pk %}`` for a URL with one id, the pattern reversed once per process
    (:func:`accounts.url_builders.pk_url`): the case page has some twenty such links."""
    return pk_url(name)(pk)


@register.simple_tag
def static_file(path: str) -> str:
    """Return ``{% static path %}``, looked up once per process (the manifest does not change)."""
    if path not in _statics:
        _statics[path] = static(path)
    return _statics[path]
