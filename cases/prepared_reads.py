"""Server-side prepared statements for the reads whose SQL is the same for every case.

PostgreSQL plans every statement it is sent. For the case page's twenty small reads (a few
rows each, by the case's id) planning costs more than reading: 0.1 to 1 ms each, the case row
with its five joined tables most. A read whose SQL never changes (a
:class:`cases.batched_reads.CaseRows`) is therefore prepared once per database connection
(``PREPARE``) and afterwards executed by name (``EXECUTE name(args)``), which reuses the plan.
It pays off with persistent connections (production's ``CONN_MAX_AGE``); setting
``DATABASE_PREPARED_READS=false`` turns it off, e.g. behind a pooler in transaction mode, where
a connection's prepared statements are not the client's.

Prepared statements belong to the session, not to a transaction: a ``PREPARE`` that succeeded
stays after a rollback. What is prepared is remembered per connection, and only once the batch
that prepared it succeeded. After an error the connection's names move to a new generation, so
a name is never prepared twice nor executed when it may not exist; when the statements were
gone (``prepared statement … does not exist``) the batch is sent again, prepared anew, if no
transaction was aborted by it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol
from weakref import WeakKeyDictionary

import psycopg
from django.conf import settings
from django.db import DatabaseError

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.backends.utils import CursorWrapper

__all__ = ["PreparedSQL", "prepared_execute", "prepared_sql", "statement_name"]

#: A placeholder of Django's SQL (``%s``), or an escaped percent sign (``%%``).
_PLACEHOLDER = re.compile(r"%%|%s")

#: Statement name -> its SQL with Django's placeholders (to read a logged EXECUTE back).
_SQL_OF: dict[str, str] = {}


class PreparedSQL(Protocol):
    """One statement of a batch: its SQL and parameters, and its name when it is prepared
    (see :func:`statement_name`; None sends the SQL as it is)."""

    sql: str
    params: list[Any]
    name: str | None


class _Prepared:
    """What is prepared on one connection: names of the current generation."""

    __slots__ = ("generation", "names")

    def __init__(self) -> None:
        self.generation = 0
        self.names: set[str] = set()

    def forget(self) -> None:
        self.generation += 1
        self.names = set()


#: Per psycopg connection (a new connection starts with nothing prepared).
_CONNECTIONS: WeakKeyDictionary[Any, _Prepared] = WeakKeyDictionary()


def statement_name(sql: str) -> str:
    """Return the name to prepare `sql` under: the same for the same SQL in every process."""
    name = "pw_" + hashlib.blake2b(sql.encode(), digest_size=8).hexdigest()
    _SQL_OF[name] = sql
    return name


def prepared_sql(executed: str) -> str:
    """Return the SQL an ``EXECUTE pw_…`` statement stands for (any other SQL as it is)."""
    match = re.match(r"\s*EXECUTE (pw_[0-9a-f]+)_\d+", executed)
    return _SQL_OF.get(match.group(1), executed) if match else executed


def _numbered(sql: str) -> str:
    """Return `sql` with its ``%s`` placeholders as ``$1``, ``$2``… (``%%`` kept as is)."""
    count = 0

    def number(match: re.Match[str]) -> str:
        nonlocal count
        if match.group() == "%%":
            return "%%"
        count += 1
        return f"${count}"

    return _PLACEHOLDER.sub(number, sql)


def _batch(state: _Prepared, statements: Sequence[PreparedSQL]) -> tuple[str, list[Any], set[str]]:
    """Return one multi-statement for `statements` (in order), its parameters and the names it
    prepares. The PREPAREs come first, so each statement's result is one of the last
    ``len(statements)``."""
    prepares, parts, params, new = [], [], [], set()
    prepared = settings.DATABASE_PREPARED_READS
    for statement in statements:
        params.extend(statement.params)
        if statement.name is None or not prepared:
            parts.append(statement.sql)
            continue
        name = f"{statement.name}_{state.generation}"
        if name not in state.names and name not in new:
            prepares.append(f"PREPARE {name} AS {_numbered(statement.sql)}")
            new.add(name)
        arguments = ", ".join(["%s"] * len(statement.params))
        parts.append(f"EXECUTE {name}({arguments})" if arguments else f"EXECUTE {name}")
    return "; ".join([*prepares, *parts]), params, new


def prepared_execute(
    connection: BaseDatabaseWrapper,
    statements: Sequence[PreparedSQL],
    results: Callable[[CursorWrapper], None],
) -> None:
    """Send `statements` as one multi-statement on `connection` and call `results` with the
    cursor (whose last ``len(statements)`` result sets are theirs), preparing the named ones
    on first use."""
    connection.ensure_connection()
    state = _CONNECTIONS.setdefault(connection.connection, _Prepared())
    for attempt in (1, 2):
        sql, params, new = _batch(state, statements)
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                results(cursor)
        except DatabaseError as error:
            state.forget()
            gone = isinstance(error.__cause__, psycopg.errors.InvalidSqlStatementName)
            if attempt == 1 and gone and not connection.in_atomic_block:
                continue
            raise
        state.names |= new
        return
