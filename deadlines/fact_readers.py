"""Where the deadlines engine reads the facts that other apps hold.

The apps above `deadlines` (the dossier, the tweede spoor) register a reader in their
`AppConfig.ready()`: a function from case ids to the facts of each case, read in a fixed number
of queries however many ids it gets. The engine asks all of them at once through
:func:`facts_read`, so it never imports those apps.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cases.models import Case

type FactReader = Callable[[Sequence[int]], Mapping[int, Mapping[str, Any]]]
#: The same facts of one case shown on its page, from the rows the page reads anyway.
type CaseFactReader = Callable[["Case"], Mapping[str, Any]]
#: The querysets (per memo key) a case reader reads, for the case page to read them together.
type CaseFactReads = Callable[["Case"], Mapping[str, Any]]

_READERS: dict[str, FactReader] = {}
_CASE_READERS: dict[str, CaseFactReader] = {}
_CASE_READS: dict[str, CaseFactReads] = {}


def fact_reader_register(
    name: str,
    reader: FactReader,
    case_reader: CaseFactReader | None = None,
    case_reads: CaseFactReads | None = None,
) -> None:
    """Register (or replace) the reader `name`, e.g. ``"dossier"`` or ``"second_track"``.

    `case_reader`, when given, returns the same facts of one case from the rows its app shows
    on the case page (through :mod:`cases.case_memo`), so the page reads those tables once;
    `case_reads` names the querysets it reads there (see :func:`facts_case_reads`).
    """
    _READERS[name] = reader
    for registry, value in ((_CASE_READERS, case_reader), (_CASE_READS, case_reads)):
        if value is None:
            registry.pop(name, None)
        else:
            registry[name] = value


def facts_case_reads(case: Case) -> dict[str, Any]:
    """Return what the case readers will read of `case` (per memo key), for the case page to
    read it with its sections in one round trip (:func:`cases.case_page.case_sections`)."""
    reads: dict[str, Any] = {}
    for case_reads in _CASE_READS.values():
        reads |= case_reads(case)
    return reads


def facts_read(case_ids: Sequence[int]) -> dict[int, dict[str, Mapping[str, Any]]]:
    """Return per case id the facts of every registered reader, under the reader's name.

    A reader that has nothing for a case leaves that name out; the engine uses its defaults.
    """
    ids = list(case_ids)
    result: dict[int, dict[str, Mapping[str, Any]]] = {pk: {} for pk in ids}
    for name, reader in _READERS.items():
        for pk, facts in reader(ids).items():
            result[pk][name] = facts
    return result


def facts_read_case(case: Case) -> dict[str, Mapping[str, Any]]:
    """Return :func:`facts_read` of one case, through the case readers where registered."""
    result: dict[str, Mapping[str, Any]] = {}
    for name, reader in _READERS.items():
        case_reader = _CASE_READERS.get(name)
        facts = case_reader(case) if case_reader else reader([case.pk]).get(case.pk)
        if facts is not None:
            result[name] = facts
    return result


def case_id_span(case_ids: Sequence[int], field: str = "case_id") -> dict[str, Any]:
    """Return filter keywords selecting ``field`` between the lowest and highest of the ids.

    The engine asks for consecutive pages of cases, so a range is what it wants, and a range
    is one index condition where a list of a thousand ids is a thousand parameters to bind and
    parse. Readers must drop rows of cases outside ``case_ids`` (the range may hold gaps).
    """
    if not case_ids:
        return {f"{field}__in": []}
    return {f"{field}__gte": min(case_ids), f"{field}__lte": max(case_ids)}
