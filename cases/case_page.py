"""The sections of the case page that other apps contribute (timeline, dossier, tweede spoor…).

`cases` sits at the bottom of the app order and may not import the apps above it, so each of
them registers its section here from its `AppConfig.ready()` (see :mod:`accounts.page_blocks`).
The case page renders them in `order`, each as the asking user may see it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest
from django.utils.safestring import SafeString

from accounts.page_blocks import BlockContext, PageBlocks, RenderedBlock

from .case_memo import case_memo_open

if TYPE_CHECKING:
    from .models import Case

_SECTIONS = PageBlocks()


def case_section_register(
    *, key: str, order: int, template_name: str, context: BlockContext, label: str = ""
) -> None:
    """Add (or replace) the section `key` of the case page (`label` names it in the menu);
    `context(request, case)` gives its context, or None to leave it out."""
    _SECTIONS.register(
        key=key, order=order, template_name=template_name, context=context, label=label
    )


def case_sections(request: HttpRequest, case: Case, *, min_order: int = 0) -> list[RenderedBlock]:
    """Return every registered section (from `min_order` on) that `request.user` may see, in
    order, rendered.

    The sections share one memo of the case's records (:mod:`cases.case_memo`), so a table
    that several of them show or derive from is read once."""
    case_memo_open(case)
    return _SECTIONS.render(request, case, min_order=min_order)


def case_sections_render(
    request: HttpRequest, case: Case, *, min_order: int = 0
) -> list[SafeString]:
    """Return the HTML of every registered section (from `min_order` on) that `request.user`
    may see, in order."""
    return [section.html for section in case_sections(request, case, min_order=min_order)]
