"""The sections of the case page that other apps contribute (timeline, dossier, tweede spoor…).

`cases` sits at the bottom of the app order and may not import the apps above it, so each of
them registers its section here from its `AppConfig.ready()`. The case page renders them in
`order`, each as the asking user may see it: a section whose context function returns None is
left out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

if TYPE_CHECKING:
    from .models import Case

type SectionContext = Callable[[HttpRequest, Case], dict[str, Any] | None]


@dataclass(frozen=True)
class CaseSection:
    """One block of the case page: its anchor, its place, its template and its context."""

    key: str
    order: int
    template_name: str
    context: SectionContext
    #: The Dutch name in the case page's in-page navigation.
    label: str = ""


@dataclass(frozen=True)
class RenderedSection:
    """A section as the asking user sees it: anchor key, navigation label and HTML."""

    key: str
    label: str
    html: SafeString


_SECTIONS: dict[str, CaseSection] = {}


def case_section_register(
    *, key: str, order: int, template_name: str, context: SectionContext, label: str = ""
) -> None:
    """Add (or replace) the section `key` of the case page (`label` names it in the menu)."""
    _SECTIONS[key] = CaseSection(key, order, template_name, context, label)


def case_sections(request: HttpRequest, case: Case, *, min_order: int = 0) -> list[RenderedSection]:
    """Return every registered section (from `min_order` on) that `request.user` may see, in
    order, rendered."""
    rendered = []
    for section in sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key)):
        if section.order < min_order:
            continue
        context = section.context(request, case)
        if context is not None:
            html = render_to_string(section.template_name, context, request=request)
            rendered.append(RenderedSection(section.key, str(section.label), html))
    return rendered


def case_sections_render(
    request: HttpRequest, case: Case, *, min_order: int = 0
) -> list[SafeString]:
    """Return the HTML of every registered section (from `min_order` on) that `request.user`
    may see, in order."""
    return [section.html for section in case_sections(request, case, min_order=min_order)]
