"""Cursor pagination: a stable keyset order, and an opaque cursor for the next page."""

from __future__ import annotations

import base64
import json
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from .problems import Problem

DEFAULT_LIMIT = 100
MAX_LIMIT = 500


def _encode(values: list[Any]) -> str:
    raw = json.dumps([v.isoformat() if isinstance(v, date) else v for v in values])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(cursor: str, count: int) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
        if not isinstance(values, list) or len(values) != count:
            raise ValueError(cursor)
        return values
    except ValueError as exc:  # also binascii.Error, json and unicode errors
        raise Problem(
            400,
            _("Ongeldige cursor."),
            errors=[{"field": "cursor", "detail": _("Ongeldige cursor.")}],
        ) from exc


def paginate(
    queryset: QuerySet,
    *,
    cursor: str | None,
    limit: int | None,
    order: tuple[str, ...] = ("pk",),
) -> tuple[list[Any], str | None]:
    """Return one page of `queryset` in `order` (last field unique) and the next cursor."""
    limit = min(max(1, limit or DEFAULT_LIMIT), MAX_LIMIT)
    queryset = queryset.order_by(*order)
    if cursor:
        values = _decode(cursor, len(order))
        if len(order) == 1:
            queryset = queryset.filter(**{f"{order[0]}__gt": values[0]})
        else:
            first, last = order
            queryset = queryset.filter(
                Q(**{f"{first}__gt": values[0]}) | Q(**{first: values[0], f"{last}__gt": values[1]})
            )
    page = list(queryset[: limit + 1])
    if len(page) <= limit:
        return page, None
    page = page[:limit]
    return page, _encode([getattr(page[-1], name) for name in order])
