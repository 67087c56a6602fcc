"""Blocks on a user's start page that the apps above contribute (e.g. "cases at high risk").

`accounts` is the lowest app and may not import the apps above it, so each of them registers
its block here from its `AppConfig.ready()` (see :mod:`accounts.page_blocks`).
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.safestring import SafeString

from .page_blocks import BlockContext, PageBlocks

_BLOCKS = PageBlocks()


def start_block_register(
    *, key: str, order: int, template_name: str, context: BlockContext
) -> None:
    """Add (or replace) the start-page block `key`; `context(request)` gives its context."""
    _BLOCKS.register(key=key, order=order, template_name=template_name, context=context)


def start_blocks_render(request: HttpRequest) -> list[SafeString]:
    """Return the HTML of every registered block that `request.user` gets, in order."""
    return [block.html for block in _BLOCKS.render(request)]
