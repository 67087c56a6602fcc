"""When to remind about a due date: pure functions, no ORM.

For a due date the moments are:

- ``before_14``: 14 calendar days before the due date;
- ``before_3``: 3 days before, moved back to the last workday on or before that day when it
  is a weekend day or an Algemene termijnenwet holiday, so the task can still be done on a
  workday (reference §1 "Practical consequence" and §6);
- ``due``: on the due date itself (legal due dates are not moved, §0.2);
- ``overdue``: every 7 days while overdue (due + 7, due + 14, ...), numbered 1, 2, ...

``sequence`` is 0 for the first three kinds and the overdue number for ``overdue``, so
``(kind, sequence)`` identifies a moment of one deadline (for an exactly-once constraint).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from deadlines.poortwachter import previous_workday

__all__ = [
    "BEFORE_3",
    "BEFORE_14",
    "DUE",
    "KINDS",
    "OVERDUE",
    "ReminderMoment",
    "due_reminders",
    "last_due_reminder",
    "reminder_moments",
]

BEFORE_14 = "before_14"
BEFORE_3 = "before_3"
DUE = "due"
OVERDUE = "overdue"
KINDS: tuple[str, ...] = (BEFORE_14, BEFORE_3, DUE, OVERDUE)

_OVERDUE_INTERVAL = timedelta(days=7)


@dataclass(frozen=True)
class ReminderMoment:
    """One reminder: its kind, the day to send it, and its number (overdue ones only)."""

    kind: str
    on: date
    sequence: int = 0


def reminder_moments(due: date, *, until: date) -> list[ReminderMoment]:
    """Return the reminder moments of ``due``, with overdue moments up to and including ``until``.

    The ``before_14``, ``before_3`` and ``due`` moments are always returned, whatever
    ``until`` is. The list is in date order.
    """
    moments = [
        ReminderMoment(BEFORE_14, due - timedelta(days=14)),
        ReminderMoment(BEFORE_3, previous_workday(due - timedelta(days=3))),
        ReminderMoment(DUE, due),
    ]
    sequence = 1
    while (on := due + _OVERDUE_INTERVAL * sequence) <= until:
        moments.append(ReminderMoment(OVERDUE, on, sequence))
        sequence += 1
    return moments


def due_reminders(due: date, *, today: date) -> list[ReminderMoment]:
    """Return the moments that should have been sent by ``today`` (dated on or before it)."""
    return [moment for moment in reminder_moments(due, until=today) if moment.on <= today]


def last_due_reminder(due: date, *, today: date) -> ReminderMoment | None:
    """Return the most recent moment dated on or before ``today``, or None before the first.

    Equal to ``due_reminders(due, today=today)[-1]`` but computed directly: the overdue number
    is the count of whole weeks since the due date, so no moment before it is built.
    """
    if today >= due + _OVERDUE_INTERVAL:
        sequence = (today - due).days // _OVERDUE_INTERVAL.days
        return ReminderMoment(OVERDUE, due + _OVERDUE_INTERVAL * sequence, sequence)
    if today >= due:
        return ReminderMoment(DUE, due)
    before_3 = previous_workday(due - timedelta(days=3))
    if today >= before_3:
        return ReminderMoment(BEFORE_3, before_3)
    before_14 = due - timedelta(days=14)
    if today >= before_14:
        return ReminderMoment(BEFORE_14, before_14)
    return None
