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

Only querysets of model instances are batched; any other (``values()``, ``values_list()``)
is simply read on its own when iterated.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from weakref import ref as weak_ref

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.query import ModelIterable, get_related_populators


def querysets_read(querysets: Iterable[QuerySet[Any]]) -> None:
    """Read every not yet read model queryset in `querysets` with one statement per queryset,
    all sent together (per database)."""
    pending = [
        qs for qs in querysets if qs._result_cache is None and qs._iterable_class is ModelIterable
    ]
    by_db: dict[str, list[QuerySet[Any]]] = {}
    for queryset in pending:
        by_db.setdefault(queryset.db, []).append(queryset)
    for db, batch in by_db.items():
        _read_together(db, batch)


def _read_together(db: str, querysets: list[QuerySet[Any]]) -> None:
    statements, compiled = [], []
    for queryset in querysets:
        compiler = queryset.query.get_compiler(using=db)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            queryset._result_cache = []  # what iterating it returns, without a read
            continue
        statements.append((sql, params))
        compiled.append((queryset, compiler))
    if not statements:
        return
    with connections[db].cursor() as cursor:
        cursor.execute(
            "; ".join(sql for sql, _params in statements),
            [param for _sql, params in statements for param in params],
        )
        # Counted from the end: an execute wrapper (pghistory's) may have moved to the last
        # result set, or put a statement of its own before ours.
        for index, (queryset, compiler) in enumerate(compiled, start=-len(compiled)):
            cursor.set_result(index)
            queryset._result_cache = _instances(queryset, compiler, cursor.fetchall())


def _instances(queryset: QuerySet[Any], compiler: Any, rows: list[tuple]) -> list[Model]:
    """Return the model instances of `rows`, as :class:`django.db.models.query.ModelIterable`
    builds them from its own read (converters, related objects, annotations)."""
    db = queryset.db
    if compiler.has_extra_select:  # ordering columns that are not selected
        rows = [row[: compiler.col_count] for row in rows]
    select, klass_info = compiler.select, compiler.klass_info
    model_cls = klass_info["model"]
    fields = klass_info["select_fields"]
    start, end = fields[0], fields[-1] + 1
    init_list = [column[0].target.attname for column in select[start:end]]
    fetch_mode = queryset._fetch_mode
    populators = get_related_populators(klass_info, select, db, fetch_mode)
    known = list(queryset._known_related_objects.items())
    instances = []
    for row in compiler.results_iter([rows]):
        obj = model_cls.from_db(db, init_list, row[start:end], fetch_mode=fetch_mode)
        for populator in populators:
            populator.populate(row, obj)
        for name, position in compiler.annotation_col_map.items():
            setattr(obj, name, row[position])
        for field, related in known:  # e.g. the case of `case.sick_periods.all()`
            if not field.is_cached(obj) and getattr(obj, field.attname) in related:
                setattr(obj, field.name, related[getattr(obj, field.attname)])
        instances.append(obj)
    if fetch_mode.track_peers:  # FETCH_PEERS: a lazy read loads the field for all of them
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
