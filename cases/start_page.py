"""Notices on the start page (the case list) that other apps contribute.

`cases` may not import the apps above it, so an app that has something to tell HR on the start
page (failed reminder e-mails, dossiers due for anonymisation…) registers a notice here from its
`AppConfig.ready()`. A notice whose context function returns None is left out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

type NoticeContext = Callable[[HttpRequest], dict[str, Any] | None]


@dataclass(frozen=True)
class StartNotice:
    key: str
    order: int
    template_name: str
    context: NoticeContext


_NOTICES: dict[str, StartNotice] = {}


def start_notice_register(
    *, key: str, order: int, template_name: str, context: NoticeContext
) -> None:
    """Add (or replace) the start-page notice `key`."""
    _NOTICES[key] = StartNotice(key, order, template_name, context)


def start_notices_render(request: HttpRequest) -> list[SafeString]:
    """Return the HTML of every registered notice that applies to `request.user`, in order."""
    rendered = []
    for notice in sorted(_NOTICES.values(), key=lambda n: (n.order, n.key)):
        context = notice.context(request)
        if context is not None:
            rendered.append(render_to_string(notice.template_name, context, request=request))
    return rendered
