"""The sections of the case page that other apps contribute (timeline, dossier, tweede spoor…).

`cases` sits at the bottom of the app order and may not import the apps above it, so each of
them registers its section here from its `AppConfig.ready()` (see :mod:`accounts.page_blocks`).
The case page renders them in `order`, each as the asking user may see it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

from django.http import HttpRequest
from django.utils.safestring import SafeString

from accounts.page_blocks import BlockContext, PageBlocks, RenderedBlock

from .case_memo import Read, case_memo_open, case_memo_read_together

if TYPE_CHECKING:
    from .models import Case

#: What a section will read, per memo key (see :func:`cases.case_memo.case_memo_read_together`).
type SectionReads = Callable[[HttpRequest, "Case"], Mapping[str, Read]]

_SECTIONS = PageBlocks()
#: Section key -> (its order, its reads).
_READS: dict[str, tuple[int, SectionReads]] = {}


def case_section_register(
    *,
    key: str,
    order: int,
    template_name: str,
    context: BlockContext,
    label: str = "",
    reads: SectionReads | None = None,
) -> None:
    """Add (or replace) the section `key` of the case page (`label` names it in the menu);
    `context(request, case)` gives its context, or None to leave it out.

    `reads(request, case)`, if given, returns the querysets (per memo key) the context will
    read through :func:`cases.case_memo.case_memoized`, only those `request.user` may see: the
    page reads them with those of the other sections in one round trip."""
    _SECTIONS.register(
        key=key, order=order, template_name=template_name, context=context, label=label
    )
    if reads is None:
        _READS.pop(key, None)
    else:
        _READS[key] = (order, reads)


def case_sections(
    request: HttpRequest,
    case: Case,
    *,
    min_order: int = 0,
    also: Iterable[Read] = (),
) -> list[RenderedBlock]:
    """Return every registered section (from `min_order` on) that `request.user` may see, in
    order, rendered.

    The sections share one memo of the case's records (:mod:`cases.case_memo`), so a table
    that several of them show or derive from is read once; what they declare (`reads`) is
    read in one round trip, with the page's own querysets `also`."""
    case_memo_open(case)
    reads: dict[str, Read] = {}
    for order, section_reads in _READS.values():
        if order >= min_order:
            reads |= section_reads(request, case)
    case_memo_read_together(case, reads, also)
    return _SECTIONS.render(request, case, min_order=min_order)


def case_sections_render(
    request: HttpRequest, case: Case, *, min_order: int = 0
) -> list[SafeString]:
    """Return the HTML of every registered section (from `min_order` on) that `request.user`
    may see, in order."""
    return [section.html for section in case_sections(request, case, min_order=min_order)]
