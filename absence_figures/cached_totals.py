"""The heavy aggregates of the Analyse page, cached until the data they are computed from changes.

Every figure is computed from employers, employees, cases, sick periods and partial recoveries.
Each of those models is tracked by pghistory: every insert and update, whichever way it is
written (a service, a bulk import, the demo seed), adds a row to its event table. The highest
event id of each table is therefore a version of the data: it changes with every write, and
reading it is one index lookup per table. The cache key holds that version, the scope, the
periods and today, so a cached value is never served after the data changed; nothing has to
remember to invalidate it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from django.db import connection

from cases.write_stamps import cached_under

#: The event tables of the data the figures read (see the module docstring).
_SOURCE_EVENT_TABLES = (
    "cases_employerevent",
    "cases_employeeevent",
    "cases_caseevent",
    "cases_sickperiodevent",
    "cases_workresumptionevent",
)
_VERSION_SQL = "SELECT " + ", ".join(
    f'(SELECT max("pgh_id") FROM "{table}")' for table in _SOURCE_EVENT_TABLES
)
#: A day at most: the key holds today anyway.
_TIMEOUT = 24 * 60 * 60


def data_version() -> str:
    """Return the version of the figures' source data (one query)."""
    with connection.cursor() as cursor:
        cursor.execute(_VERSION_SQL)
        row = cursor.fetchone()
    return "-".join(str(value or 0) for value in row)


def cached[T](name: str, parts: Hashable, version: str, compute: Callable[[], T]) -> T:
    """Return ``compute()``, from the cache when it was computed for these parts and version."""
    return cached_under(f"absence_figures:{name}", parts, version, compute, timeout=_TIMEOUT)
