"""Recompute deadlines: one case after a fact changed, or every case nightly.

The nightly run (:func:`deadlines_recompute_all`) walks the cases in keyset-paged batches and
reads each batch as plain tuples: its cases, periods, UWV dates and deadlines in one query
each (by case-id range), plus the facts of the apps above through the registered readers.
It writes only what changed, with bulk statements, so a night in which nothing changed costs
reads only and memory stays flat in the number of cases.

A batch is written a moment after it was read. A case whose facts change in between is
recomputed on its own (:func:`deadlines_recompute`, with the case row locked), which raises
`Case.deadlines_version`; the nightly write locks the cases it writes and leaves out those whose
version moved since its read, so it never puts back deadlines from facts that are no longer true.
"""

from __future__ import annotations

import functools
import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import get_language, gettext, gettext_noop
from django.utils.translation import gettext as _

from cases.models import Case, CaseStatus, LeavePeriod, SickPeriod
from deadlines.batching import batch_writer, gc_paused
from deadlines.fact_readers import facts_read
from deadlines.models import (
    INFORMATIONAL_KINDS,
    KIND_ROLES,
    Deadline,
    DeadlineChange,
    DeadlineKind,
    DeadlineStatus,
    UwvStatedDate,
)
from deadlines.poortwachter import CaseFacts, InvalidFacts, Milestone, compute_timeline
from deadlines.poortwachter import LeavePeriod as LeaveFact
from deadlines.poortwachter import SickPeriod as SickFact
from deadlines.rules.safety_net import SafetyNetFacts, safety_net_milestones
from deadlines.rules.second_track import SecondTrackFacts, second_track_milestones
from deadlines.stored_facts import (
    case_facts,
    case_facts_build,
    safety_net_facts,
    safety_net_facts_from,
    second_track_facts,
    stored_facts_read,
    uwv_overrides_from,
)

if TYPE_CHECKING:
    from accounts.models import User

__all__ = [
    "RECOMPUTE_BATCH",
    "deadlines_recompute",
    "deadlines_recompute_all",
]

logger = logging.getLogger(__name__)

RECOMPUTE_BATCH = 1000

K = DeadlineKind


_REASONS = {
    "dossier": gettext_noop("Vastgelegd in het dossier"),
    "not_start": gettext_noop("Besloten geen tweede spoor te starten (reden in het dossier)"),
    "no_track": gettext_noop("Geen lopend tweede spoor"),
    "no_end_of_employment": gettext_noop("Het dienstverband eindigt niet tijdens de ziekte"),
    "no_safety_net": gettext_noop("Geen vangnetsituatie vastgelegd"),
    "no_redecision": gettext_noop(
        "Alleen na een besluit 'geen tweede spoor: terugkeer binnen 3 maanden'"
    ),
    "no_plan": gettext_noop("Nog geen plan van aanpak of evaluatie vastgelegd"),
    "no_date": gettext_noop("Geen datum"),
    "closed": gettext_noop("Dossier hersteld/gesloten"),
    "reached": gettext_noop("Datum bereikt (informatief)"),
    "informational": gettext_noop("Informatief"),
}


@functools.cache
def _reasons_in(language: str | None) -> dict[str, str]:
    return {key: gettext(message) for key, message in _REASONS.items()}


def _reasons() -> dict[str, str]:
    """Return the status reasons translated once per language, not once per deadline."""
    return _reasons_in(get_language())


def _fact_completion(kind: str, facts: CaseFacts, track: SecondTrackFacts) -> date | None:
    """Return the day the dossier shows ``kind`` was done, if it does."""
    if kind == K.SECOND_TRACK_LATEST:
        return track.started_on
    if kind == K.PROBLEM_ANALYSIS:
        return facts.problem_analysis_date
    if kind == K.ACTION_PLAN:
        return facts.action_plan_date
    if kind == K.FIRST_YEAR_EVALUATION:
        return facts.first_year_evaluation_date
    return None


def _status(
    kind: str,
    due: date | None,
    facts: CaseFacts,
    track: SecondTrackFacts,
    *,
    manual_on: date | None,
    manual_reason: str,
    case_open: bool,
    today: date,
    say: dict[str, str],
) -> tuple[str, str, date | None]:
    """Return (status, reason, completed_on) of the deadline ``kind`` due on ``due``.

    ``manual_on`` and ``manual_reason`` are the day and note of a completion by hand (None when
    the deadline was not completed by hand); ``say`` holds the reasons in the active language
    (see :func:`_reasons`).
    """
    held = _fact_completion(kind, facts, track)
    if held is not None:
        return DeadlineStatus.DONE, say["dossier"], held
    if manual_on is not None:
        return DeadlineStatus.DONE, manual_reason, manual_on
    if kind == K.SECOND_TRACK_LATEST and track.decision == "not_start":
        return DeadlineStatus.NOT_APPLICABLE, say["not_start"], None
    if due is None:
        if kind == K.SECOND_TRACK_REPORT:
            return DeadlineStatus.NOT_APPLICABLE, say["no_track"], None
        if kind == K.SECOND_TRACK_REDECISION:
            return DeadlineStatus.NOT_APPLICABLE, say["no_redecision"], None
        if kind == K.UWV_END_OF_EMPLOYMENT_REPORT:
            return DeadlineStatus.NOT_APPLICABLE, say["no_end_of_employment"], None
        if kind in (K.UWV_SAFETY_NET_REPORT, K.UWV_SAFETY_NET_REPORT_LATEST):
            return DeadlineStatus.NOT_APPLICABLE, say["no_safety_net"], None
        if kind == K.NEXT_PROGRESS_REVIEW:
            return DeadlineStatus.NOT_APPLICABLE, say["no_plan"], None
        return DeadlineStatus.NOT_APPLICABLE, say["no_date"], None
    if not case_open:
        return DeadlineStatus.NOT_APPLICABLE, say["closed"], None
    if kind in INFORMATIONAL_KINDS:
        if due < today:
            return DeadlineStatus.DONE, say["reached"], due
        return DeadlineStatus.OPEN, say["informational"], None
    if due < today:
        return DeadlineStatus.OVERDUE, "", None
    return DeadlineStatus.OPEN, "", None


#: The stored values of a deadline that the recompute sets, in this order; a deadline's
#: *values* are a tuple of them (compared with ``!=``, no model instance per deadline).
_VALUE_FIELDS = (
    "due_date",
    "computed_date",
    "overridden",
    "rule",
    "source",
    "responsible_role",
    "status",
    "status_reason",
    "completed_on",
    "completed_manually",
)
_values_of = attrgetter(*_VALUE_FIELDS)
_DUE, _STATUS, _REASON, _COMPLETED_ON, _MANUAL = 0, 6, 7, 8, 9
_ACTIONABLE = (DeadlineStatus.OPEN, DeadlineStatus.OVERDUE)

type _Values = tuple[Any, ...]


def _wanted(
    milestone: Milestone,
    stored: _Values | None,
    facts: CaseFacts,
    track: SecondTrackFacts,
    *,
    case_open: bool,
    today: date,
    say: dict[str, str],
) -> _Values:
    """Return the values the deadline of ``milestone`` must have, given its ``stored`` values.

    A completion by hand is kept while the step is still done (see :func:`_status`).
    """
    manual = stored is not None and stored[_MANUAL] and stored[_COMPLETED_ON] is not None
    status, reason, completed_on = _status(
        milestone.key,
        milestone.due,
        facts,
        track,
        manual_on=stored[_COMPLETED_ON] if manual else None,
        manual_reason=stored[_REASON] if manual else "",
        case_open=case_open,
        today=today,
        say=say,
    )
    return (
        milestone.due,
        milestone.computed,
        milestone.overridden,
        milestone.rule,
        milestone.source,
        KIND_ROLES[milestone.key],
        status,
        reason[:200],
        completed_on,
        status == DeadlineStatus.DONE and stored is not None and bool(stored[_MANUAL]),
    )


@dataclass
class _Sync:
    """The writes of one recompute: new deadlines, changed ones, moved due dates, cases."""

    #: (case id, kind, values) of new deadlines.
    create: list[tuple[int, str, _Values]] = field(default_factory=list)
    #: (case id, deadline pk, values) of changed deadlines.
    update: list[tuple[int, int, _Values]] = field(default_factory=list)
    changes: list[DeadlineChange] = field(default_factory=list)
    #: (case id, next actionable due date, open tweede-spoor latest start) of changed cases.
    next_due: list[tuple[int, date | None, date | None]] = field(default_factory=list)
    #: case id → `Case.deadlines_version` as read, for every case with a write (nightly run).
    versions: dict[int, int] = field(default_factory=dict)

    def without(self, cases: set[int]) -> _Sync:
        """Return these writes less those of ``cases``."""
        dropped = {pk for case_id, pk, _values in self.update if case_id in cases}
        return _Sync(
            create=[row for row in self.create if row[0] not in cases],
            update=[row for row in self.update if row[0] not in cases],
            changes=[c for c in self.changes if c.deadline_id not in dropped],
            next_due=[row for row in self.next_due if row[0] not in cases],
            versions={pk: v for pk, v in self.versions.items() if pk not in cases},
        )


def _sync_case(
    case_id: int,
    facts: CaseFacts,
    track: SecondTrackFacts,
    safety: SafetyNetFacts,
    existing: dict[str, tuple[int, _Values]],
    *,
    case_open: bool,
    today: date,
    reason: str,
    actor: User | None,
    sync: _Sync,
) -> tuple[dict[str, _Values], tuple[date | None, date | None]]:
    """Compare the deadlines of a case with its timeline; collect the writes in ``sync``.

    ``existing`` maps kind to (pk, values) of the stored deadlines. Return the wanted values
    per kind, in timeline order, and the case's dates: its next actionable due date and the
    due date of its tweede-spoor latest start while that is still open (`Case.next_deadline`,
    `Case.second_track_due`).
    """
    say = _reasons()
    milestones = {
        **compute_timeline(facts).milestones,
        **second_track_milestones(track),
        **safety_net_milestones(safety),
    }
    result: dict[str, _Values] = {}
    next_due = None
    for key, milestone in milestones.items():
        pk, stored = existing.get(key, (None, None))
        values = _wanted(milestone, stored, facts, track, case_open=case_open, today=today, say=say)
        result[key] = values
        due = values[_DUE]
        if due is not None and values[_STATUS] in _ACTIONABLE:
            next_due = due if next_due is None else min(next_due, due)
        if stored is None:
            sync.create.append((case_id, key, values))
        elif values != stored:
            sync.update.append((case_id, pk, values))
            old_due = stored[_DUE]
            if old_due != due:
                sync.changes.append(
                    DeadlineChange(
                        deadline_id=pk,
                        old_due=old_due,
                        new_due=due,
                        reason=_change_reason(key, old_due, due, facts, reason),
                        actor=actor,
                    )
                )
    track_latest = result.get(K.SECOND_TRACK_LATEST)
    track_due = (
        track_latest[_DUE] if track_latest and track_latest[_STATUS] in _ACTIONABLE else None
    )
    return result, (next_due, track_due)


def _change_reason(
    key: str, old_due: date | None, new_due: date | None, facts: CaseFacts, reason: str
) -> str:
    """Return why a due date moved; name the capped tweede-spoor rule when that moved it."""
    capped = (
        key == K.SECOND_TRACK_LATEST
        and facts.first_year_evaluation_date is not None
        and old_due is not None
        and new_due is not None
        and old_due > new_due
        and old_due == facts.first_year_evaluation_date + timedelta(days=42)
    )
    if capped:
        reason = gettext(
            "Regel aangepast: een te late eerstejaarsevaluatie schuift de uiterste start van het "
            "tweede spoor niet meer op (einde week 52 + 6 weken)"
        )
    return reason[:200]


def _column(name: str) -> str:
    return Deadline._meta.get_field(name).column


#: The columns `_copy_new` writes, in order.
_COPY_FIELDS = ("case", "kind", *_VALUE_FIELDS, "completed_note", "updated_at")


@functools.cache
def _copy_types() -> list[str]:
    """Return the PostgreSQL type of each of `_COPY_FIELDS` (e.g. ``varchar`` for
    ``varchar(40)``), as binary ``COPY`` needs them."""
    fields = [Deadline._meta.get_field(name) for name in _COPY_FIELDS]
    return [field.db_type(connection).split("(")[0] for field in fields]


def _copy_new(rows: list[tuple[int, str, _Values]]) -> None:
    """Insert new deadlines with a binary ``COPY``: no model instance and no SQL text per row.

    The nightly run from scratch creates sixteen deadlines per case; building and saving them
    as model instances (or quoting them into one statement) would take most of its time, and
    the binary format costs psycopg a quarter of the CPU time of the text format.
    """
    columns = ", ".join(f'"{_column(name)}"' for name in _COPY_FIELDS)
    now = timezone.now()
    sql = f'COPY "{Deadline._meta.db_table}" ({columns}) FROM STDIN (FORMAT BINARY)'
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        copy.set_types(_copy_types())
        for case_id, kind, values in rows:
            copy.write_row((case_id, kind, *values, "", now))


_UPDATE_TYPES = (
    "date", "date", "boolean", "varchar", "text", "varchar", "varchar", "varchar", "date",
    "boolean",
)  # fmt: skip


def _update_changed(rows: list[tuple[int, int, _Values]]) -> None:
    """Write the changed deadlines in one statement: one array per column, joined on the pk."""
    names = ["id", *_VALUE_FIELDS]
    arrays = ", ".join(f"%s::{kind}[]" for kind in ("bigint", *_UPDATE_TYPES))
    assignments = ", ".join(f'"{_column(n)}" = new."{n}"' for n in _VALUE_FIELDS)
    table = Deadline._meta.db_table
    columns = [[pk for _case, pk, _values in rows]] + [
        [values[i] for _case, _pk, values in rows] for i in range(len(_VALUE_FIELDS))
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            f'UPDATE "{table}" SET {assignments}, "updated_at" = %s '
            f'FROM unnest({arrays}) AS new({", ".join(names)}) WHERE "{table}"."id" = new.id',
            [timezone.now(), *columns],
        )


def _update_next_due(rows: list[tuple[int, date | None, date | None]]) -> None:
    """Set the derived dates of these cases in one statement (not case history)."""
    table = Case._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f'UPDATE "{table}" SET "next_deadline" = new.due, "second_track_due" = new.track '
            "FROM unnest(%s::bigint[], %s::date[], %s::date[]) AS new(id, due, track) "
            f'WHERE "{table}"."id" = new.id',
            [list(column) for column in zip(*rows, strict=True)],
        )


def _recomputed_meanwhile(versions: dict[int, int]) -> set[int]:
    """Lock these cases (as their own recompute does) and return those whose
    `deadlines_version` is no longer the one read: recomputed on their own since the read."""
    if not versions:
        return set()
    table = Case._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT "id", "deadlines_version" FROM "{table}" WHERE "id" = ANY(%s::bigint[]) '
            'ORDER BY "id" FOR NO KEY UPDATE',
            [list(versions)],
        )
        current = dict(cursor.fetchall())
    return {pk for pk, version in versions.items() if current.get(pk) != version}


def _write(sync: _Sync) -> None:
    """Write one nightly batch, less the cases recomputed on their own since it was read."""
    skipped = _recomputed_meanwhile(sync.versions)
    if skipped:
        logger.info("Nightly recompute left %d case(s) recomputed meanwhile", len(skipped))
        sync = sync.without(skipped)
    if sync.create:
        _copy_new(sync.create)
    if sync.update:
        _update_changed(sync.update)
    if sync.changes:
        DeadlineChange.objects.bulk_create(sync.changes, batch_size=1000)
    if sync.next_due:
        _update_next_due(sync.next_due)


@transaction.atomic
def deadlines_recompute(*, case: Case, reason: str, actor: User | None = None) -> list[Deadline]:
    """Recompute the deadlines of ``case`` from its facts and return them in timeline order.

    Call on commit after every change of a fact (periods, dossier steps, UWV dates). Records a
    :class:`DeadlineChange` with ``reason`` for every due date that moves. Concurrent calls for
    one case are serialised by locking the case row; raising `Case.deadlines_version` tells a
    nightly batch that read the case before that it must not write it.
    """
    # The periods are read once for the timeline and the vangnet facts both.
    locked = (
        Case.objects.select_for_update()
        .prefetch_related("sick_periods", "leave_periods", "uwv_dates")
        .get(pk=case.pk)
    )
    Case.objects.filter(pk=locked.pk).update(deadlines_version=F("deadlines_version") + 1)
    stored = {d.kind: d for d in Deadline.objects.filter(case=locked)}
    try:
        read = stored_facts_read(locked)
        facts = case_facts(locked, read)
        track = second_track_facts(locked, read)
        safety = safety_net_facts(locked)
    except InvalidFacts as exc:
        logger.warning("Deadlines of case %s not recomputed: %s", locked.pk, exc)
        return list(stored.values())
    sync = _Sync()
    wanted, dates = _sync_case(
        locked.pk,
        facts,
        track,
        safety,
        {kind: (d.pk, _values_of(d)) for kind, d in stored.items()},
        case_open=locked.status == CaseStatus.OPEN,
        today=timezone.localdate(),
        reason=reason,
        actor=actor,
        sync=sync,
    )
    changed = {pk for _case, pk, _values in sync.update}
    now = timezone.now()
    result = []
    for kind, values in wanted.items():
        deadline = stored.get(kind) or Deadline(case=locked, kind=kind)
        for name, value in zip(_VALUE_FIELDS, values, strict=True):
            setattr(deadline, name, value)
        if deadline.pk in changed:
            deadline.updated_at = now
        deadline.case = locked
        result.append(deadline)
    new = [d for d in result if d.pk is None]
    if new:
        Deadline.objects.bulk_create(new)
    if changed:
        Deadline.objects.bulk_update(
            [d for d in result if d.pk in changed], [*_VALUE_FIELDS, "updated_at"]
        )
    if sync.changes:
        DeadlineChange.objects.bulk_create(sync.changes)
    if (locked.next_deadline, locked.second_track_due) != dates:
        locked.next_deadline, locked.second_track_due = dates
        Case.objects.filter(pk=locked.pk).update(next_deadline=dates[0], second_track_due=dates[1])
    return result


def _grouped(rows: Any) -> defaultdict[int, list[tuple]]:
    """Group ``(case_id, *values)`` rows by case id, keeping their order."""
    groups: defaultdict[int, list[tuple]] = defaultdict(list)
    for case_id, *values in rows:
        groups[case_id].append(tuple(values))
    return groups


@dataclass
class _Batch:
    """One batch of cases read as tuples, with their facts and stored deadlines."""

    #: (pk, status, next_deadline, second_track_due, first_sick_day, safety_net_situation,
    #: employment_end_date, deadlines_version)
    cases: list[tuple[int, str, date | None, date | None, date, str, date | None, int]]
    sick: defaultdict[int, list[tuple]]
    leave: defaultdict[int, list[tuple]]
    uwv: defaultdict[int, list[tuple]]
    #: case id → kind → (pk, values)
    deadlines: defaultdict[int, dict[str, tuple[int, _Values]]]
    read: dict[int, dict[str, Any]]


def _stored_deadlines(first: int, last: int) -> defaultdict[int, dict[str, tuple[int, _Values]]]:
    """Return the stored deadlines of the cases with ids from ``first`` to ``last``, as tuples.

    One range query, fetched at once, straight from the cursor: no model instance per row.
    """
    columns = ", ".join(f'"{_column(n)}"' for n in ("id", "case", "kind", *_VALUE_FIELDS))
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT {columns} FROM "{Deadline._meta.db_table}" '
            'WHERE "case_id" >= %s AND "case_id" <= %s',
            [first, last],
        )
        rows = cursor.fetchall()
    deadlines: defaultdict[int, dict[str, tuple[int, _Values]]] = defaultdict(dict)
    for row in rows:  # (pk, case id, kind, *values)
        deadlines[row[1]][row[2]] = (row[0], row[3:])
    return deadlines


def _batch_read(after: int, size: int) -> _Batch | None:
    cases = list(
        Case.objects.filter(pk__gt=after)
        .order_by("pk")
        .values_list(
            "pk",
            "status",
            "next_deadline",
            "second_track_due",
            "first_sick_day",
            "safety_net_situation",
            "employment_end_date",
            "deadlines_version",
        )[:size]
    )
    if not cases:
        return None
    span = {"case_id__gte": cases[0][0], "case_id__lte": cases[-1][0]}
    return _Batch(
        cases=cases,
        sick=_grouped(
            SickPeriod.objects.filter(**span)
            .order_by("case_id", "start", "pk")
            .values_list("case_id", "start", "end")
        ),
        leave=_grouped(
            LeavePeriod.objects.filter(**span)
            .order_by("case_id", "start", "pk")
            .values_list("case_id", "start", "end", "same_cause")
        ),
        uwv=_grouped(
            UwvStatedDate.objects.filter(**span)
            .order_by()
            .values_list("case_id", "key", "date", "letter_date", "recorded_at", "pk")
        ),
        deadlines=_stored_deadlines(cases[0][0], cases[-1][0]),
        read=facts_read([row[0] for row in cases]),
    )


def _batch_sync(batch: _Batch, *, today: date, reason: str) -> tuple[_Sync, int]:
    """Return the writes of `batch` and the number of its cases recomputed."""
    sync = _Sync()
    done = 0
    for (
        pk,
        status,
        *stored_dates,
        first_sick_day,
        situation,
        employment_end,
        version,
    ) in batch.cases:
        read = batch.read[pk]
        try:
            facts = case_facts_build(
                tuple(SickFact(start=s, end=e) for s, e in batch.sick[pk]),
                tuple(LeaveFact(start=s, end=e, same_cause=c) for s, e, c in batch.leave[pk]),
                uwv_overrides_from(batch.uwv[pk]),
                read,
            )
            track = SecondTrackFacts(**read.get("second_track", {}))
            safety = safety_net_facts_from(
                first_sick_day=first_sick_day,
                situation=situation,
                employment_end_date=employment_end,
                case_open=status == CaseStatus.OPEN,
                sick_period_ends=[end for _start, end in batch.sick[pk]],
            )
        except InvalidFacts as exc:
            logger.warning("Deadlines of case %s not recomputed: %s", pk, exc)
            continue
        writes = len(sync.create) + len(sync.update)
        _wanted_values, dates = _sync_case(
            pk,
            facts,
            track,
            safety,
            batch.deadlines[pk],
            case_open=status == CaseStatus.OPEN,
            today=today,
            reason=reason,
            actor=None,
            sync=sync,
        )
        if dates != tuple(stored_dates):
            sync.next_due.append((pk, *dates))
        if dates != tuple(stored_dates) or len(sync.create) + len(sync.update) > writes:
            sync.versions[pk] = version  # the case has writes: checked again when written
        done += 1
    return sync, done


def _progress(progress: Callable[[int], None] | None, done: int) -> Callable[[Any], None] | None:
    """Return what reports `done` cases once their batch is written (None: no reporting)."""
    if progress is None:
        return None
    return lambda _written: progress(done)


def deadlines_recompute_all(
    *,
    reason: str = "",
    batch_size: int = RECOMPUTE_BATCH,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Recompute the deadlines of every case, in batches; return the number of cases done.

    Each batch reads its cases and their facts in a fixed number of queries and writes only
    the deadlines, change records and next-deadline dates that differ, with bulk statements,
    in a transaction of its own; outside a transaction the next batch is read and computed
    while the server writes the previous one (:class:`deadlines.batching.BatchWriter`).
    ``progress`` is called with the running total after every batch is written.
    """
    reason = reason or _("Dagelijkse herberekening")
    today = timezone.localdate()
    done, after = 0, 0
    with batch_writer() as writer:
        while True:
            with gc_paused():
                batch = _batch_read(after, batch_size)
                if batch is None:
                    break
                sync, count = _batch_sync(batch, today=today, reason=reason)
            done += count
            writer.write(functools.partial(_write, sync), then=_progress(progress, done))
            after = batch.cases[-1][0]
    return done
