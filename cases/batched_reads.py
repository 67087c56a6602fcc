"""Read several small querysets of one page in one round trip to the database.

The case page reads about twenty small tables of one case (its periods, team, deadlines, plan
versions, talks...), a few rows each. Read one by one, each waits for its own round trip to
PostgreSQL, which on a busy server costs more than the read itself. :func:`querysets_read`
compiles each queryset as Django would, sends them all as one multi-statement (client-side
binding allows it; pghistory puts its context before a statement the same way), and turns each
result set into model instances the way iterating the queryset would (`select_related`,
`only()` and annotations included). It fills each queryset's result cache, so iterating it
afterwards reads nothing. :func:`prefetched_set` then hands such a queryset to a related
manager, as `prefetch_related` would.

The reads of a :class:`CaseRows` (the same SQL for every case) are prepared once per database
connection and then executed by name (:mod:`cases.prepared_reads`): planning them cost more
than reading them.

Only querysets of model instances are batched; any other (``values()``, ``values_list()``) is
simply read on its own when iterated.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from weakref import ref as weak_ref

from django.core.exceptions import EmptyResultSet, FieldDoesNotExist
from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.query import ModelIterable, get_related_populators

from .prepared_reads import prepared_execute, statement_name

if TYPE_CHECKING:
    from .models import Case


def querysets_read(reads: Iterable[QuerySet[Any] | CaseRowsRead]) -> None:
    """Read every not yet read model queryset (and :class:`CaseRowsRead`) in `reads` with one
    statement each, all sent together (per database)."""
    by_db: dict[str, list[_Statement]] = {}
    for read in reads:
        if isinstance(read, CaseRowsRead):
            statement = read.statement()
        elif read._result_cache is None and read._iterable_class is ModelIterable:
            statement = _queryset_statement(read)
        else:
            continue
        if statement is not None:
            by_db.setdefault(statement.db, []).append(statement)
    for db, statements in by_db.items():
        _read_together(db, statements)


@dataclass
class _Statement:
    """One statement of a batch and what to do with its rows."""

    db: str
    sql: str
    params: list[Any]
    done: Callable[[list[tuple]], None]
    #: Set for the SQL of a :class:`CaseRows` (the same for every case): it is prepared once per
    #: connection and executed by this name (see :mod:`cases.prepared_reads`).
    name: str | None = None


def _queryset_statement(queryset: QuerySet[Any]) -> _Statement | None:
    compiler = queryset.query.get_compiler(using=queryset.db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        queryset._result_cache = []  # what iterating it returns, without a read
        return None

    def done(rows: list[tuple]) -> None:
        queryset._result_cache = _instances(queryset, compiler, rows)

    return _Statement(queryset.db, sql, list(params), done)


def _read_together(db: str, statements: list[_Statement]) -> None:
    def results(cursor: Any) -> None:
        # Counted from the end: an execute wrapper (pghistory's) may have moved to the last
        # result set, or put a statement of its own before ours (as do the PREPAREs).
        for index, statement in enumerate(statements, start=-len(statements)):
            cursor.set_result(index)
            statement.done(cursor.fetchall())

    prepared_execute(connections[db], statements, results)


class CaseRows:
    """The rows of one case from a read whose SQL depends on nothing but the case's id, e.g.
    ``CaseRows(lambda case_id: Talk.objects.filter(case_id=case_id).order_by("-held_on"))``.

    Building and compiling a queryset costs Django 0.2 to 0.4 ms, more than PostgreSQL needs
    for such a read, and the case page has twenty. A CaseRows builds and compiles its queryset
    once per process and thread, for two ids, and keeps the SQL only when nothing but the id's
    parameters differ between them; after that a read only puts the case's id in those
    parameters. (When they differ otherwise, it builds and compiles for every read.)

    `build` must depend on its argument only: no user, no date, no setting. `id_of` gives the
    id to read by, when it is not the case's own (e.g. its employer's); None reads nothing.
    """

    _PROBES = (-1_000_003, -1_000_033)  # two ids no row has

    def __init__(
        self,
        build: Callable[[int], QuerySet[Any]],
        id_of: Callable[[Case], int | None] = lambda case: case.pk,
    ) -> None:
        self.build = build
        self.id_of = id_of
        self._compiled = threading.local()

    def read(self, case: Case, into: QuerySet[Any] | None = None) -> CaseRowsRead:
        """Return the read of the rows of `case`, to run with :func:`querysets_read` (or
        :meth:`rows`); `into`, a queryset of the same rows, is filled too."""
        return CaseRowsRead(self, case, into)

    def read_id(self, key: int) -> CaseRowsRead:
        """Return the read of the rows of the id `key` (see :meth:`read`)."""
        return CaseRowsRead(self, None, key=key)

    def rows(self, case: Case) -> list[Model]:
        """Return the rows of `case`, read now (alone)."""
        read = self.read(case)
        querysets_read([read])
        return read.result

    def _template(self) -> _Template | None:
        """Return the queryset compiled for the probe id, compiled once (per thread: a compiler
        belongs to its thread's connection); None when the SQL depends on more than the id."""
        if not hasattr(self._compiled, "template"):
            self._compiled.template = None
            compiled = []
            for probe in self._PROBES:
                queryset = self.build(probe)
                compiler = queryset.query.get_compiler(using=queryset.db)
                try:
                    sql, params = compiler.as_sql()
                except EmptyResultSet:
                    return None
                compiled.append((queryset, compiler, sql, list(params)))
            (queryset, compiler, sql, params), (other_qs, _c, other_sql, other_params) = compiled
            positions = [i for i, p in enumerate(params) if p == self._PROBES[0]]
            if (
                sql == other_sql
                and queryset.db == other_qs.db
                and queryset._iterable_class is ModelIterable
                and positions
                and len(params) == len(other_params)
                and all(
                    (other == self._PROBES[1]) if i in positions else (other == p)
                    for i, (p, other) in enumerate(zip(params, other_params, strict=True))
                )
            ):
                self._compiled.template = _Template(
                    queryset,
                    compiler,
                    sql,
                    params,
                    positions,
                    _Builder(queryset, compiler),
                    statement_name(sql),
                )
        return self._compiled.template


@dataclass(frozen=True)
class _Template:
    """A :class:`CaseRows` queryset compiled for a probe id, and where that id stands."""

    queryset: QuerySet[Any]
    compiler: Any
    sql: str
    params: list[Any]
    positions: list[int]
    builder: _Builder
    name: str


@dataclass
class CaseRowsRead:
    """A :class:`CaseRows` read of one case (or of one id, `key`); `result` holds its rows once
    read (and so does the result cache of `into`, a queryset of the same rows, when given)."""

    rows: CaseRows
    case: Case | None
    into: QuerySet[Any] | None = None
    key: int | None = None
    result: list[Model] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.case is not None:
            self.key = self.rows.id_of(self.case)

    def statement(self) -> _Statement | None:
        """Return the statement of this read (None when it reads nothing)."""
        key = self.key
        if key is None:
            self._with_case([])
            return None
        template = self.rows._template()
        if template is None:  # not the same SQL for every case: build and compile this one
            queryset = self.rows.build(key)
            statement = _queryset_statement(queryset)
            if statement is None:
                return None
            done = statement.done

            def read_done(rows: list[tuple]) -> None:
                done(rows)
                self.result = self._with_case(list(queryset))

            statement.done = read_done
            return statement
        params = list(template.params)
        for position in template.positions:
            params[position] = key

        def template_done(rows: list[tuple]) -> None:
            self.result = self._with_case(template.builder.instances(rows))

        return _Statement(
            template.queryset.db, template.sql, params, template_done, name=template.name
        )

    def _with_case(self, instances: list[Model]) -> list[Model]:
        """Set the case of rows that have one (what `case.<related>.all()` rows know); fill
        `into`."""
        if self.into is not None:
            self.into._result_cache = instances
        if instances and self.case is not None:
            try:
                fk = instances[0]._meta.get_field("case")
            except FieldDoesNotExist:
                return instances
            if fk.is_relation and (fk.many_to_one or fk.one_to_one):
                for obj in instances:
                    if getattr(obj, fk.attname) == self.case.pk:
                        fk.set_cached_value(obj, self.case)
        return instances


def _instances(queryset: QuerySet[Any], compiler: Any, rows: list[tuple]) -> list[Model]:
    """Return the model instances of `rows` of `queryset` compiled by `compiler`."""
    return _Builder(queryset, compiler).instances(rows)


class _Builder:
    """Makes rows into model instances as :class:`django.db.models.query.ModelIterable` does
    after its own read (converters, related objects, annotations). What it prepares depends on
    the compiled query only, so a :class:`CaseRows` keeps one for every read."""

    def __init__(self, queryset: QuerySet[Any], compiler: Any) -> None:
        self.db = queryset.db
        self.compiler = compiler
        select, klass_info = compiler.select, compiler.klass_info
        self.model_cls = klass_info["model"]
        fields = klass_info["select_fields"]
        self.start, self.end = fields[0], fields[-1] + 1
        self.init_list = [column[0].target.attname for column in select[self.start : self.end]]
        self.fetch_mode = queryset._fetch_mode
        self.populators = get_related_populators(klass_info, select, self.db, self.fetch_mode)
        self.known = list(queryset._known_related_objects.items())
        self.columns = [column[0] for column in select[: compiler.col_count]]
        self.converters = compiler.get_converters(self.columns)
        self.composite = compiler.has_composite_fields(self.columns)

    def instances(self, rows: list[tuple]) -> list[Model]:
        """Return the instances of `rows` (as fetched: one tuple per row)."""
        compiler, start, end = self.compiler, self.start, self.end
        if compiler.has_extra_select:  # ordering columns that are not selected
            rows = [row[: compiler.col_count] for row in rows]
        if self.converters:  # what `compiler.results_iter` does to fetched rows
            rows = compiler.apply_converters(rows, self.converters)
        if self.composite:
            rows = compiler.composite_fields_to_tuples(rows, self.columns)
        instances = []
        for row in rows:
            obj = self.model_cls.from_db(
                self.db, self.init_list, row[start:end], fetch_mode=self.fetch_mode
            )
            for populator in self.populators:
                populator.populate(row, obj)
            for name, position in compiler.annotation_col_map.items():
                setattr(obj, name, row[position])
            for fk, related in self.known:  # e.g. the case of `case.sick_periods.all()`
                if not fk.is_cached(obj) and getattr(obj, fk.attname) in related:
                    setattr(obj, fk.name, related[getattr(obj, fk.attname)])
            instances.append(obj)
        if self.fetch_mode.track_peers:  # FETCH_PEERS: a lazy read loads a field for them all
            peers = [weak_ref(obj) for obj in instances]
            for obj in instances:
                obj._state.peers = peers
        return instances


def prefetched_set(instance: Model, name: str, queryset: QuerySet[Any]) -> None:
    """Let the related manager `name` of `instance` answer from `queryset` (already read, e.g.
    by :func:`querysets_read`), as `prefetch_related(name)` would have it."""
    queryset._prefetch_done = True
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    instance._prefetched_objects_cache[name] = queryset
