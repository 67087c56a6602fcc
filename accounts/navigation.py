"""The main navigation per role. Each entry: (url name, Dutch label, icon).

The daily pages sit in the bar; the set-up pages a role visits now and then (links with other
systems, retention terms) sit under "Beheer", so the bar fits a 1366-pixel screen.
An entry whose URL name does not resolve (yet) is left out of the menu by base.html.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .models import Role

NavItem = tuple[str, str, str]

NAVIGATION: dict[str, list[NavItem]] = {
    Role.HR: [
        ("deadlines:today", _("Vandaag"), "sun"),
        ("cases:list", _("Verzuimdossiers"), "folder2-open"),
        ("cases:report_sick", _("Ziekmelding"), "plus-circle"),
        ("cases:employee_list", _("Werknemers"), "people"),
        ("deadlines:list", _("Deadlines"), "calendar-check"),
        ("second_track:overview", _("Tweede spoor"), "signpost-split"),
        ("deadlines:notifications", _("Meldingen"), "bell"),
        ("absence_figures:analysis", _("Analyse"), "bar-chart-line"),
    ],
    Role.MANAGER: [
        ("deadlines:today", _("Vandaag"), "sun"),
        ("cases:list", _("Mijn team"), "people"),
        ("deadlines:list", _("Deadlines"), "calendar-check"),
        ("absence_figures:analysis", _("Analyse"), "bar-chart-line"),
    ],
    Role.EMPLOYEE: [
        ("deadlines:today", _("Vandaag"), "sun"),
        ("cases:list", _("Mijn verzuim"), "person"),
        ("deadlines:list", _("Mijn acties"), "calendar-check"),
    ],
    Role.OCCUPATIONAL_PHYSICIAN: [
        ("deadlines:today", _("Vandaag"), "sun"),
        ("cases:list", _("Mijn dossiers"), "clipboard2-pulse"),
        ("deadlines:list", _("Deadlines"), "calendar-check"),
    ],
    Role.REINTEGRATION_SPECIALIST: [
        ("cases:list", _("Mijn trajecten"), "signpost-split"),
    ],
}


ADMINISTRATION: dict[str, list[NavItem]] = {
    Role.HR: [
        ("api:overview", _("Koppelingen"), "plug"),
        ("retention:due", _("Bewaartermijnen"), "archive"),
    ],
}


def _entries(table: dict[str, list[NavItem]], user: object) -> list[NavItem]:
    if not getattr(user, "is_authenticated", False):
        return []
    return table.get(user.role, [])  # type: ignore[attr-defined]


def administration_items_for(user: object) -> list[NavItem]:
    """Return the role's set-up pages shown under "Beheer" (none when logged out)."""
    return _entries(ADMINISTRATION, user)


def items_for(user: object) -> list[NavItem]:
    """Return the navigation entries for `user`'s role (none when logged out)."""
    return _entries(NAVIGATION, user)
