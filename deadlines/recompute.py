"""Recompute deadlines: one case after a fact changed, or every case nightly.

The nightly run (:func:`deadlines_recompute_all`) walks the cases in keyset-paged batches and
reads each batch as plain tuples: its cases, periods, UWV dates and deadlines in one query
each (by case-id range), plus the facts of the apps above through the registered readers.
It writes only what changed, with bulk statements, so a night in which nothing changed costs
reads only and memory stays flat in the number of cases.
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
from django.utils import timezone
from django.utils.translation import get_language, gettext, gettext_noop
from django.utils.translation import gettext as _

from cases.models import Case, CaseStatus, LeavePeriod, SickPeriod
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

_SYNCED_FIELDS = [
    "due_date",
    "computed_date",
    "overridden",
    "rule",
    "source",
    "responsible_role",
    "status",
    "status_reason",
    "completed_on",
]


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
    deadline: Deadline,
    facts: CaseFacts,
    track: SecondTrackFacts,
    *,
    case_open: bool,
    today: date,
    say: dict[str, str],
) -> tuple[str, str, date | None]:
    """Return (status, reason, completed_on) of ``deadline`` whose dates are already set.

    ``say`` holds the reasons in the active language (see :func:`_reasons`).
    """
    kind, due = deadline.kind, deadline.due_date
    held = _fact_completion(kind, facts, track)
    if held is not None:
        return DeadlineStatus.DONE, say["dossier"], held
    if deadline.completed_manually and deadline.completed_on:
        return DeadlineStatus.DONE, deadline.status_reason, deadline.completed_on
    if kind == K.SECOND_TRACK_LATEST and track.decision == "not_start":
        return (
            DeadlineStatus.NOT_APPLICABLE,
            say["not_start"],
            None,
        )
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
            return (
                DeadlineStatus.NOT_APPLICABLE,
                say["no_plan"],
                None,
            )
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


_synced = attrgetter(*_SYNCED_FIELDS)
_STORED_FIELDS = ("pk", "case_id", "kind", *_SYNCED_FIELDS, "completed_manually")


class _Stored:
    """A stored deadline read as a tuple: the fields the recompute compares, nothing more."""

    __slots__ = _STORED_FIELDS

    def __init__(self, values: tuple) -> None:
        (
            self.pk,
            self.case_id,
            self.kind,
            self.due_date,
            self.computed_date,
            self.overridden,
            self.rule,
            self.source,
            self.responsible_role,
            self.status,
            self.status_reason,
            self.completed_on,
            self.completed_manually,
        ) = values

    @classmethod
    def new(cls, case_id: int, kind: str) -> _Stored:
        """Return a deadline not stored yet, with the model's defaults."""
        return cls((None, case_id, kind, None, None, False, "", "", "", "", "", None, False))

    def as_model(self) -> Deadline:
        """Return an unsaved :class:`Deadline` carrying the pk and the synced fields."""
        return Deadline(**{name: getattr(self, name) for name in _STORED_FIELDS})


@dataclass
class _Sync:
    create: list[Deadline] = field(default_factory=list)
    update: list[Any] = field(default_factory=list)
    changes: list[DeadlineChange] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)


def _sync_case(
    case_id: int,
    facts: CaseFacts,
    track: SecondTrackFacts,
    safety: SafetyNetFacts,
    existing: dict[str, Any],
    *,
    case_open: bool,
    today: date,
    reason: str,
    actor: User | None,
    sync: _Sync,
    new: Callable[[int, str], Any] = lambda case_id, kind: Deadline(case_id=case_id, kind=kind),
) -> tuple[list[Any], date | None]:
    """Bring the deadlines of a case in line with its timeline; collect the writes in ``sync``.

    ``existing`` maps kind to the stored deadline (a :class:`Deadline` or a :class:`_Stored`).
    Return the case's deadlines and its next actionable due date.
    """
    say = _reasons()
    timeline = compute_timeline(facts)
    milestones = {
        **timeline.milestones,
        **second_track_milestones(track),
        **safety_net_milestones(safety),
    }
    result = []
    for key, milestone in milestones.items():
        deadline = existing.get(key)
        is_new = deadline is None
        if deadline is None:
            deadline = new(case_id, key)
        before = _synced(deadline)
        _apply_milestone(deadline, milestone)
        status, status_reason, completed_on = _status(
            deadline, facts, track, case_open=case_open, today=today, say=say
        )
        deadline.status, deadline.status_reason = status, status_reason[:200]
        deadline.completed_on = completed_on
        manual_before = deadline.completed_manually
        if status != DeadlineStatus.DONE:
            deadline.completed_manually = False
        if is_new:
            sync.create.append(deadline)
        elif before != _synced(deadline) or manual_before != deadline.completed_manually:
            sync.update.append(deadline)
            old_due = before[0]
            if old_due != deadline.due_date:
                sync.changes.append(
                    DeadlineChange(
                        deadline_id=deadline.pk,
                        old_due=old_due,
                        new_due=deadline.due_date,
                        reason=_change_reason(key, old_due, deadline.due_date, facts, reason),
                        actor=actor,
                    )
                )
        result.append(deadline)
    return result, _next_due(result)


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


def _next_due(deadlines: list[Any]) -> date | None:
    """Return the earliest due date of the open deadlines (`Case.next_deadline`)."""
    actionable = (DeadlineStatus.OPEN, DeadlineStatus.OVERDUE)
    return min(
        (d.due_date for d in deadlines if d.status in actionable and d.due_date is not None),
        default=None,
    )


def _apply_milestone(deadline: Any, milestone: Milestone) -> None:
    deadline.due_date = milestone.due
    deadline.computed_date = milestone.computed
    deadline.overridden = milestone.overridden
    deadline.rule = milestone.rule
    deadline.source = milestone.source
    deadline.responsible_role = KIND_ROLES[milestone.key]


_INSERT_COLUMNS = ("case_id", "kind", *_SYNCED_FIELDS, "completed_manually")
_INSERT_TYPES = (
    "bigint", "varchar", "date", "date", "boolean", "varchar", "text", "varchar", "varchar",
    "varchar", "date", "boolean",
)  # fmt: skip


def _insert(rows: list[_Stored]) -> None:
    """Insert new deadlines in one statement: one array per column, no model instances.

    The nightly run from scratch creates a dozen deadlines per case; building and saving them as
    model instances would take most of its time.
    """
    table = Deadline._meta.db_table
    columns = ", ".join(
        f'"{Deadline._meta.get_field(n.removesuffix("_id")).column}"' for n in _INSERT_COLUMNS
    )
    arrays = ", ".join(f"%s::{kind}[]" for kind in _INSERT_TYPES)
    with connection.cursor() as cursor:
        cursor.execute(
            f'INSERT INTO "{table}" ({columns}, "completed_note", "updated_at") '
            f"SELECT *, '', NOW() FROM unnest({arrays})",
            [[getattr(row, name) for row in rows] for name in _INSERT_COLUMNS],
        )


def _write(sync: _Sync) -> None:
    models_ = [d for d in sync.create if isinstance(d, Deadline)]
    if models_:
        Deadline.objects.bulk_create(models_, batch_size=1000)
    rows = [d for d in sync.create if not isinstance(d, Deadline)]
    if rows:
        _insert(rows)
    if sync.update:
        Deadline.objects.bulk_update(
            [d if isinstance(d, Deadline) else d.as_model() for d in sync.update],
            [*_SYNCED_FIELDS, "completed_manually"],
            batch_size=1000,
        )
    if sync.changes:
        DeadlineChange.objects.bulk_create(sync.changes, batch_size=1000)
    if sync.cases:
        Case.objects.bulk_update(sync.cases, ["next_deadline"], batch_size=1000)


@transaction.atomic
def deadlines_recompute(*, case: Case, reason: str, actor: User | None = None) -> list[Deadline]:
    """Recompute the deadlines of ``case`` from its facts and return them in timeline order.

    Call on commit after every change of a fact (periods, dossier steps, UWV dates). Records a
    :class:`DeadlineChange` with ``reason`` for every due date that moves. Concurrent calls for
    one case are serialised by locking the case row.
    """
    locked = Case.objects.select_for_update().get(pk=case.pk)
    existing = {d.kind: d for d in Deadline.objects.filter(case=locked)}
    try:
        read = stored_facts_read(locked)
        facts = case_facts(locked, read)
        track = second_track_facts(locked, read)
        safety = safety_net_facts(locked)
    except InvalidFacts as exc:
        logger.warning("Deadlines of case %s not recomputed: %s", locked.pk, exc)
        return list(existing.values())
    sync = _Sync()
    result, next_due = _sync_case(
        locked.pk,
        facts,
        track,
        safety,
        existing,
        case_open=locked.status == CaseStatus.OPEN,
        today=timezone.localdate(),
        reason=reason,
        actor=actor,
        sync=sync,
    )
    if locked.next_deadline != next_due:
        locked.next_deadline = next_due
        sync.cases.append(locked)
    _write(sync)
    for deadline in result:
        deadline.case = locked
    return result


def _grouped(rows: Any) -> defaultdict[int, list[tuple]]:
    """Group ``(case_id, *values)`` rows by case id, keeping their order."""
    groups: defaultdict[int, list[tuple]] = defaultdict(list)
    for case_id, *values in rows:
        groups[case_id].append(tuple(values))
    return groups


@dataclass
class _Batch:
    """One batch of cases read as tuples: (pk, status, next_deadline) and their facts."""

    cases: list[tuple[int, str, date | None, date, str, date | None]]
    sick: defaultdict[int, list[tuple]]
    leave: defaultdict[int, list[tuple]]
    uwv: defaultdict[int, list[tuple]]
    deadlines: defaultdict[int, dict[str, _Stored]]
    read: dict[int, dict[str, Any]]


def _batch_read(after: int, size: int) -> _Batch | None:
    cases = list(
        Case.objects.filter(pk__gt=after)
        .order_by("pk")
        .values_list(
            "pk",
            "status",
            "next_deadline",
            "first_sick_day",
            "safety_net_situation",
            "employment_end_date",
        )[:size]
    )
    if not cases:
        return None
    span = {"case_id__gte": cases[0][0], "case_id__lte": cases[-1][0]}
    deadlines: defaultdict[int, dict[str, _Stored]] = defaultdict(dict)
    for values in Deadline.objects.filter(**span).order_by().values_list(*_STORED_FIELDS):
        stored = _Stored(values)
        deadlines[stored.case_id][stored.kind] = stored
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
        deadlines=deadlines,
        read=facts_read([row[0] for row in cases]),
    )


def _batch_sync(batch: _Batch, *, today: date, reason: str) -> int:
    sync = _Sync()
    done = 0
    for pk, status, next_deadline, first_sick_day, situation, employment_end in batch.cases:
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
        _result, next_due = _sync_case(
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
            new=_Stored.new,
        )
        if next_due != next_deadline:
            sync.cases.append(Case(pk=pk, next_deadline=next_due))
        done += 1
    _write(sync)
    return done


def deadlines_recompute_all(
    *,
    reason: str = "",
    batch_size: int = RECOMPUTE_BATCH,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Recompute the deadlines of every case, in batches; return the number of cases done.

    Each batch reads its cases and their facts in a fixed number of queries and writes only
    the deadlines, change records and next-deadline dates that differ, with bulk statements.
    ``progress`` is called with the running total after every batch.
    """
    reason = reason or _("Dagelijkse herberekening")
    today = timezone.localdate()
    done, after = 0, 0
    while True:
        with transaction.atomic():
            batch = _batch_read(after, batch_size)
            if batch is None:
                break
            done += _batch_sync(batch, today=today, reason=reason)
        after = batch.cases[-1][0]
        if progress is not None:
            progress(done)
    return done
