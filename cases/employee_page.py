"""Blocks on the employee page that the apps above contribute (e.g. erasure, `retention`).

Same shape as :mod:`cases.case_page`: each higher app registers its block from its
`AppConfig.ready()`; the employee page renders those whose context is not None.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest
from django.utils.safestring import SafeString

from accounts.page_blocks import BlockContext, PageBlocks

if TYPE_CHECKING:
    from .models import Employee

_BLOCKS = PageBlocks()


def employee_block_register(
    *, key: str, order: int, template_name: str, context: BlockContext
) -> None:
    """Add (or replace) the block `key`; `context(request, employee)` gives its context."""
    _BLOCKS.register(key=key, order=order, template_name=template_name, context=context)


def employee_blocks_render(request: HttpRequest, employee: Employee) -> list[SafeString]:
    """Return the HTML of every registered block `request.user` may see, in order."""
    return [block.html for block in _BLOCKS.render(request, employee)]
