"""Pages of a long list without counting it: the list reads one row more than a page to know
whether a next page exists.

Django's Paginator counts the whole list first; over tens of thousands of deadlines that count
costs more than the page itself. The pages that use this show "Vorige / Pagina n / Volgende"
instead of "Pagina n van N".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.core.paginator import Paginator


@dataclass(frozen=True)
class UncountedPage:
    """One page: its rows, its number (from 1) and whether a next page exists."""

    object_list: list[Any]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)


def uncounted_page(rows: Sequence[Any], number: Any, size: int) -> UncountedPage:
    """Return page `number` (a request value; invalid or < 1 means 1) of `rows`, `size` a page.

    `rows` is sliced once, for one row more than the page (a queryset: one query, no count).
    """
    try:
        page = max(int(number), 1)
    except (TypeError, ValueError):
        page = 1
    start = (page - 1) * size
    found = list(rows[start : start + size + 1])
    return UncountedPage(found[:size], page, len(found) > size)


class KnownCountPaginator(Paginator):
    """A Paginator given the number of rows (counted once, e.g. cached) instead of counting."""

    def __init__(self, object_list: Sequence[Any], per_page: int, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count
