"""Blocks on a user's start page that the apps above contribute (e.g. "cases at high risk").

`accounts` is the lowest app and may not import the apps above it, so each of them registers
its block here from its `AppConfig.ready()`. The start page renders them in `order`; a block
whose context function returns None (not for this user, or nothing to show) is left out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

type BlockContext = Callable[[HttpRequest], dict[str, Any] | None]


@dataclass(frozen=True)
class StartBlock:
    key: str
    order: int
    template_name: str
    context: BlockContext


_BLOCKS: dict[str, StartBlock] = {}


def start_block_register(
    *, key: str, order: int, template_name: str, context: BlockContext
) -> None:
    """Add (or replace) the start-page block `key`."""
    _BLOCKS[key] = StartBlock(key, order, template_name, context)


def start_blocks_render(request: HttpRequest) -> list[SafeString]:
    """Return the HTML of every registered block that `request.user` gets, in order."""
    rendered = []
    for block in sorted(_BLOCKS.values(), key=lambda b: (b.order, b.key)):
        context = block.context(request)
        if context is not None:
            rendered.append(render_to_string(block.template_name, context, request=request))
    return rendered
