"""Plan reminders: insert one :class:`Reminder` per (deadline, recipient, moment) due by today.

Only the most recent moment of each deadline is planned, and only when it is at most
:data:`CATCH_UP_DAYS` old (a case registered late does not get a burst of old reminders). The
deadlines are read per batch of open cases (keyset-paged by case id) as plain tuples, so
memory stays flat in the number of cases; per batch the moments already planned are read once,
so a nightly run inserts only what is new.
The unique constraint plus ``ON CONFLICT DO NOTHING`` keeps a concurrent run from inserting a
row twice.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from django.db import connection
from django.utils import timezone

from cases.models import AssignmentKind, Case, CaseAssignment, CaseStatus, Employer
from deadlines.batching import batch_writer
from deadlines.models import (
    INFORMATIONAL_KINDS,
    Deadline,
    DeadlineStatus,
    Reminder,
    ReminderChannel,
    ReminderStatus,
    ResponsibleRole,
)
from deadlines.reminders import last_due_reminder

__all__ = ["CATCH_UP_DAYS", "PLAN_BATCH", "reminders_plan"]

#: A moment older than this is not sent any more (e.g. a case registered late): only the most
#: recent moment of a deadline, when at most this many days old, is planned.
CATCH_UP_DAYS = 7
PLAN_BATCH = 1000

_ACTIONABLE = (DeadlineStatus.OPEN, DeadlineStatus.OVERDUE)

# (deadline id, case id, due date, responsible role, employer id, casemanager id, employee user)
type _Row = tuple[int, int, date, str, int, int | None, int | None]


def _recipients_by_case(rows: list[_Row]) -> dict[tuple[int, str], list[int]]:
    """Return the recipient user ids per (case id, responsible role), in two queries."""
    case_ids = {row[1] for row in rows}
    employer_ids = {row[4] for row in rows}
    physicians: dict[int, list[int]] = defaultdict(list)
    specialists: dict[int, list[int]] = defaultdict(list)
    # A range of case ids (one index condition), not a list of a thousand parameters.
    for case_id, user_id, kind in CaseAssignment.objects.filter(
        case_id__gte=min(case_ids), case_id__lte=max(case_ids), active=True, user__is_active=True
    ).values_list("case_id", "user_id", "kind"):
        if case_id not in case_ids:
            continue
        if kind == AssignmentKind.OCCUPATIONAL_PHYSICIAN:
            physicians[case_id].append(user_id)
        else:
            specialists[case_id].append(user_id)
    hr_users: dict[int, list[int]] = defaultdict(list)
    for employer_id, user_id in Employer.hr_users.through.objects.filter(
        employer_id__in=employer_ids, user__is_active=True
    ).values_list("employer_id", "user_id"):
        hr_users[employer_id].append(user_id)
    result: dict[tuple[int, str], list[int]] = {}
    for _pk, case_id, _due, _role, employer_id, casemanager_id, employee_user in rows:
        if (case_id, ResponsibleRole.HR) in result:
            continue
        hr = [casemanager_id] if casemanager_id else hr_users[employer_id]
        result[(case_id, ResponsibleRole.HR)] = hr
        # The werkgever stays responsible for monitoring every step (reference §1, [S64]):
        # without a bedrijfsarts or an employee login, HR is reminded instead.
        result[(case_id, ResponsibleRole.OCCUPATIONAL_PHYSICIAN)] = physicians[case_id] or hr
        result[(case_id, ResponsibleRole.EMPLOYEE)] = [employee_user] if employee_user else hr
        # The bureau's report: its coach in the app and HR, who must chase a late report.
        result[(case_id, ResponsibleRole.REINTEGRATION_SPECIALIST)] = [*specialists[case_id], *hr]
    return result


def _due_rows(today: date, after: int, batch: int) -> tuple[int | None, list[_Row]]:
    """Return the last case id of the next batch of open cases after ``after`` and the
    remindable deadlines of those cases, as tuples.

    Paged by case id (like the recompute), so each query is an index range whatever the
    planner's row estimates are.
    """
    cases = {
        pk: rest
        for pk, *rest in Case.objects.filter(pk__gt=after, status=CaseStatus.OPEN)
        .order_by("pk")
        .values_list("pk", "employer_id", "casemanager_id", "employee__user_id")[:batch]
    }
    if not cases:
        return None, []
    last = max(cases)
    deadlines = (
        Deadline.objects.filter(
            case_id__gte=min(cases),
            case_id__lte=last,
            status__in=_ACTIONABLE,
            due_date__isnull=False,
            due_date__lte=today + timedelta(days=14),
        )
        .exclude(kind__in=INFORMATIONAL_KINDS)
        .order_by()
        .values_list("pk", "case_id", "due_date", "responsible_role")
    )
    rows = [
        (pk, case_id, due, role, *cases[case_id])
        for pk, case_id, due, role in deadlines
        if case_id in cases
    ]
    return last, rows


def _planned(deadline_ids: Iterable[int], oldest: date) -> set[tuple]:
    """Return the keys of the reminders already planned for these deadlines since ``oldest``.

    The ids go as one array parameter (``= ANY(%s)``): a list of thousands of ``IN``
    parameters costs more to bind and parse than the lookup itself.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            'SELECT "deadline_id", "recipient_id", "kind", "sequence", "due_date" '
            f'FROM "{Reminder._meta.db_table}" '
            'WHERE "deadline_id" = ANY(%s::bigint[]) AND "scheduled_for" >= %s',
            [list(deadline_ids), oldest],
        )
        return set(cursor.fetchall())


#: A new reminder: (deadline id, recipient id, kind, sequence, due date, scheduled for).
type _New = tuple[int, int, str, int, date, date]


def _plan_batch(rows: list[_Row], today: date) -> list[_New]:
    """Return the reminders of `rows` (one batch) that are due and not planned yet."""
    oldest = today - timedelta(days=CATCH_UP_DAYS)
    moments = {}
    for row in rows:
        moment = last_due_reminder(row[2], today=today)
        if moment is not None and moment.on >= oldest:
            moments[row[0]] = moment
    if not moments:
        return []
    planned = _planned(moments, oldest)
    recipients = _recipients_by_case([row for row in rows if row[0] in moments])
    new: list[_New] = []
    for pk, case_id, due, role, *_case in rows:
        moment = moments.get(pk)
        if moment is None:
            continue
        for user_id in recipients[(case_id, role)]:
            key = (pk, user_id, moment.kind, moment.sequence, due)
            if key not in planned:
                new.append((*key, moment.on))
    return new


def _insert_new(rows: list[_New]) -> int:
    """Insert ``rows``, skipping those that exist (unique key); return how many were inserted.

    One statement with one array per column (no model instance per row). ``bulk_create(
    ignore_conflicts=True)`` does not say how many rows it inserted, and counting the table
    before and after also counts the rows a concurrent run inserted in between; the database's
    own row count of the ``INSERT … ON CONFLICT DO NOTHING`` is exact.
    """
    table = Reminder._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f'INSERT INTO "{table}" ("deadline_id", "recipient_id", "kind", "sequence", '
            '"due_date", "scheduled_for", "channel", "status", "attempts", "last_error", '
            '"created_at") '
            "SELECT new.*, %s, %s, 0, '', %s FROM unnest(%s::bigint[], %s::bigint[], "
            "%s::varchar[], %s::integer[], %s::date[], %s::date[]) AS new "
            "ON CONFLICT DO NOTHING",
            [
                ReminderChannel.EMAIL,
                ReminderStatus.PENDING,
                timezone.now(),
                *([row[i] for row in rows] for i in range(6)),
            ],
        )
        return max(cursor.rowcount, 0)


def reminders_plan(*, today: date | None = None, batch: int = PLAN_BATCH) -> int:
    """Insert the reminders due by ``today`` that do not exist yet; return how many were new.

    Each batch is inserted in a transaction of its own; outside a transaction the next batch
    is read and planned while the server inserts the previous one
    (:class:`deadlines.batching.BatchWriter`). A concurrent run may have inserted some of the
    same reminders since they were read: the unique constraint drops those, and the count is
    of the rows this run inserted.
    """
    today = today or timezone.localdate()
    inserted: list[int] = []
    after = 0
    with batch_writer() as writer:
        while True:
            last, rows = _due_rows(today, after, batch)
            if last is None:
                break
            new = _plan_batch(rows, today) if rows else []
            if new:
                writer.write(functools.partial(_insert_new, new), then=inserted.append)
            after = last
    return sum(inserted)
