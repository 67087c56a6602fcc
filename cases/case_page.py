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


_SECTIONS: dict[str, CaseSection] = {}


def case_section_register(
    *, key: str, order: int, template_name: str, context: SectionContext
) -> None:
    """Add (or replace) the section `key` of the case page."""
    _SECTIONS[key] = CaseSection(key, order, template_name, context)


def case_sections_render(
    request: HttpRequest, case: Case, *, min_order: int = 0
) -> list[SafeString]:
    """Return the HTML of every registered section (from `min_order` on) that `request.user`
    may see, in order."""
    rendered = []
    for section in sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key)):
        if section.order < min_order:
            continue
        context = section.context(request, case)
        if context is not None:
            rendered.append(render_to_string(section.template_name, context, request=request))
    return rendered
