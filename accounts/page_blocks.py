"""Template blocks that the apps above contribute to one page (the one shape of such a hook).

A lower app may not import the apps above it, so a page that shows their parts (the sections of
the case page, the blocks of the start page) keeps a :class:`PageBlocks` registry; each higher
app registers its block from its `AppConfig.ready()`. A block whose context function returns
None (not for this user, or nothing to show) is left out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

#: Called with the request and the page's own arguments (e.g. the case).
type BlockContext = Callable[..., dict[str, Any] | None]


@dataclass(frozen=True)
class PageBlock:
    """One block: its key (anchor), its place, its template, its context and its menu label."""

    key: str
    order: int
    template_name: str
    context: BlockContext
    label: str = ""


@dataclass(frozen=True)
class RenderedBlock:
    """A block as the asking user sees it: key, label and HTML."""

    key: str
    label: str
    html: SafeString


class PageBlocks:
    """The blocks registered for one page, rendered in `order` (then key)."""

    def __init__(self) -> None:
        self._blocks: dict[str, PageBlock] = {}

    def register(
        self, *, key: str, order: int, template_name: str, context: BlockContext, label: str = ""
    ) -> None:
        """Add (or replace) the block `key`."""
        self._blocks[key] = PageBlock(key, order, template_name, context, label)

    def render(self, request: HttpRequest, *args: Any, min_order: int = 0) -> list[RenderedBlock]:
        """Return every block from `min_order` on that applies to `request.user`, rendered."""
        rendered = []
        for block in sorted(self._blocks.values(), key=lambda b: (b.order, b.key)):
            if block.order < min_order:
                continue
            context = block.context(request, *args)
            if context is not None:
                html = render_to_string(block.template_name, context, request=request)
                rendered.append(RenderedBlock(block.key, str(block.label), html))
        return rendered
