"""A version of the caseload data, for caching what is counted over every case.

Counting over 10,000 cases (open, overdue, without a bedrijfsarts, steps due this week…) costs
milliseconds on every start page. Those counts change only when the data under them changes,
so they are cached under a *version* of that data, read in one cheap query.

The version is the highest id in ``cases_writestamp``. A statement-level trigger on every table
the counts read (:func:`write_stamp_trigger`, declared in the models' ``Meta.triggers``) adds a
row there after each INSERT, UPDATE, DELETE or TRUNCATE, whichever way it is written (ORM,
`COPY` in the nightly recompute, a bulk import). One row per statement, not per row, so a
nightly batch costs one insert; the row becomes visible when the writer commits, so a reader
never sees a new version before the data that goes with it.

Which employers an HR user serves (``Employer.hr_users``, an automatic many-to-many table) is
part of the scope too, and users' names show in cached options; those changes are stamped
from the ``m2m_changed`` and ``post_save`` signals (:func:`write_stamp_add`, `cases.apps`).

A page reads the version once (:func:`request_memo_start` / :func:`request_memo_end`), so its
several counts cost one query together; outside a request every call reads it again.

One case is not covered: two writers commit in the reverse order of their stamps and a reader
computes in between (the later commit then leaves the highest id unchanged); and a database
restored from a backup may number its stamps anew. The cache timeout, :data:`CACHE_SECONDS`,
bounds how long a count can lag in either case.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import Any

import pgtrigger
from django.core.cache import cache
from django.db import connection

#: The longest a cached count is used, even when no new stamp appeared (see the module).
CACHE_SECONDS = 60

_STAMP_SQL = "INSERT INTO cases_writestamp DEFAULT VALUES; RETURN NULL;"
#: The version as first read during the current request (several blocks of one page share it).
_request_memo: ContextVar[dict[str, int] | None] = ContextVar("write_version_memo", default=None)


def write_stamp_trigger(table: str) -> pgtrigger.Trigger:
    """Return the trigger that stamps every write statement on `table` (for ``Meta.triggers``)."""
    return pgtrigger.Trigger(
        name=f"{table}_write_stamp",
        level=pgtrigger.Statement,
        when=pgtrigger.After,
        operation=pgtrigger.Insert | pgtrigger.Update | pgtrigger.Delete | pgtrigger.Truncate,
        func=_STAMP_SQL,
    )


def write_stamp_add() -> None:
    """Stamp a write the triggers do not see (who serves which employer: a many-to-many table)."""
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO cases_writestamp DEFAULT VALUES")


def write_version() -> int:
    """Return the current version of the stamped tables (one index lookup, once a request)."""
    memo = _request_memo.get()
    if memo is not None and "version" in memo:
        return memo["version"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT max(id) FROM cases_writestamp")
        (version,) = cursor.fetchone()
    if memo is not None:
        memo["version"] = version or 0
    return version or 0


def request_memo_start(**kwargs: Any) -> None:
    """Start remembering the version for one request (connected to ``request_started``)."""
    _request_memo.set({})


def request_memo_end(**kwargs: Any) -> None:
    """Forget the request's version (connected to ``request_finished``)."""
    _request_memo.set(None)


def cached_under[T](
    key: str, parts: Hashable, version: object, compute: Callable[[], T], *, timeout: int
) -> T:
    """Return ``compute()``, from the cache (under `key`) when it was computed for these parts
    and this version of its data; kept `timeout` seconds at most."""
    digest = hashlib.sha256(repr((parts, version)).encode()).hexdigest()[:32]
    full_key = f"{key}:{digest}"
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, timeout)
    return value


def cached_for_version[T](name: str, parts: Hashable, compute: Callable[[], T]) -> T:
    """Return ``compute()`` for `parts`, from the cache while the stamped data is unchanged."""
    return cached_under(
        f"write_stamps:{name}", parts, write_version(), compute, timeout=CACHE_SECONDS
    )


def write_stamps_prune() -> int:
    """Delete every stamp but the newest (the version stays); return how many were deleted."""
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM cases_writestamp WHERE id < (SELECT max(id) FROM cases_writestamp)"
        )
        return cursor.rowcount
