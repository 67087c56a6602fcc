"""What the sections of one case page read about the case, read once per request.

The case page is built from sections of several apps (`cases.case_page`): the deadlines, the
dossier, the tweede spoor, the Poortwachtertoets block. Several of them need the same rows (the
plan versions for the dossier list, its warnings and the deadline facts; the deadlines for the
timeline and the tweede-spoor latest start). :func:`case_sections` opens a memo on the case it
renders, and each app reads its rows through :func:`case_memoized`, so every table is read once
per page however many sections use it.

A section may also name, per memo key, the queryset it will read (`reads` of
:func:`cases.case_page.case_section_register`): :func:`case_memo_read_together` then reads those
of every section in one round trip (:mod:`cases.batched_reads`) before any section renders.

Outside a case page (no memo opened) :func:`case_memoized` simply reads, so a service or a
test that changes records and reads again never sees stale rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from .batched_reads import CaseRowsRead, querysets_read

if TYPE_CHECKING:
    from .models import Case

_ATTRIBUTE = "_case_page_memo"


def case_memo_open(case: Case) -> None:
    """Start remembering what is read about `case` (this object, so this request) from now on."""
    if getattr(case, _ATTRIBUTE, None) is None:
        setattr(case, _ATTRIBUTE, {})


def case_memo_is_open(case: Case) -> bool:
    """Return whether reads about `case` are remembered (it is being shown on a case page)."""
    return getattr(case, _ATTRIBUTE, None) is not None


def case_memoized[T](case: Case, key: str, read: Callable[[], T]) -> T:
    """Return `read()`, once per `key` while the memo of `case` is open, else every time."""
    memo: dict[str, Any] | None = getattr(case, _ATTRIBUTE, None)
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    return memo[key]


type Read = QuerySet[Any] | CaseRowsRead


def case_memo_read_together(
    case: Case, reads: Mapping[str, Read], also: Iterable[Read] = ()
) -> None:
    """Read the querysets (or :class:`cases.batched_reads.CaseRowsRead`) of `reads` not yet
    remembered, and `also`, in one round trip; remember each of `reads` as the list of its rows
    (what `case_memoized(case, key, lambda: list(queryset))` would hold). Outside an open memo
    only `also` is read."""
    memo: dict[str, Any] | None = getattr(case, _ATTRIBUTE, None)
    todo = {key: read for key, read in reads.items() if memo is not None and key not in memo}
    querysets_read([*todo.values(), *also])
    if memo is not None:
        memo.update(
            {
                key: read.result if isinstance(read, CaseRowsRead) else list(read)
                for key, read in todo.items()
            }
        )
