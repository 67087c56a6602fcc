"""Pure tests of the reminder moments of a due date: no database."""

from datetime import date, timedelta

from deadlines.reminders import (
    BEFORE_3,
    BEFORE_14,
    DUE,
    KINDS,
    OVERDUE,
    ReminderMoment,
    due_reminders,
    reminder_moments,
)

D = date.fromisoformat


def test_moments_before_on_and_after_a_weekday_due_date() -> None:
    # PvA of Example 1: due Thursday 2025-02-27.
    moments = reminder_moments(D("2025-02-27"), until=D("2025-03-20"))

    assert moments == [
        ReminderMoment(BEFORE_14, D("2025-02-13"), 0),
        ReminderMoment(BEFORE_3, D("2025-02-24"), 0),
        ReminderMoment(DUE, D("2025-02-27"), 0),
        ReminderMoment(OVERDUE, D("2025-03-06"), 1),
        ReminderMoment(OVERDUE, D("2025-03-13"), 2),
        ReminderMoment(OVERDUE, D("2025-03-20"), 3),
    ]
    assert {moment.kind for moment in moments} <= set(KINDS)


def test_three_days_before_on_a_weekend_moves_to_the_friday() -> None:
    # PA of Example 1, due Sunday 2025-02-16: 3 days before is Thursday, unchanged.
    assert reminder_moments(D("2025-02-16"), until=D("2025-02-16"))[1].on == D("2025-02-13")
    # Due Tuesday 2025-02-18: 3 days before is Saturday 15 Feb -> Friday 14 Feb.
    moments = reminder_moments(D("2025-02-18"), until=D("2025-02-18"))
    assert moments[1] == ReminderMoment(BEFORE_3, D("2025-02-14"))
    # The 14-days-before and due moments are not moved.
    assert moments[0].on == D("2025-02-04")
    assert moments[2].on == D("2025-02-18")


def test_three_days_before_on_christmas_moves_to_the_last_workday() -> None:
    # Due Monday 2025-12-29 (Example 4's 42-weken-melding): 26 Dec is 2e Kerstdag and
    # 25 Dec 1e Kerstdag, so the reminder goes out on Wednesday 24 Dec.
    moments = reminder_moments(D("2025-12-29"), until=D("2025-12-29"))

    assert moments[1] == ReminderMoment(BEFORE_3, D("2025-12-24"))


def test_three_days_before_on_kings_day_2025_saturday() -> None:
    # Due Tuesday 2025-04-29: 3 days before is Saturday 26 April (Koningsdag) -> Friday 25th.
    assert reminder_moments(D("2025-04-29"), until=D("2025-04-29"))[1].on == D("2025-04-25")


def test_no_overdue_moments_before_a_week_has_passed() -> None:
    moments = reminder_moments(D("2025-02-27"), until=D("2025-03-05"))

    assert [moment.kind for moment in moments] == [BEFORE_14, BEFORE_3, DUE]


def test_due_reminders_are_those_dated_by_today() -> None:
    due = D("2025-02-27")

    assert due_reminders(due, today=D("2025-02-12")) == []
    assert [m.kind for m in due_reminders(due, today=D("2025-02-13"))] == [BEFORE_14]
    assert [m.kind for m in due_reminders(due, today=D("2025-02-26"))] == [BEFORE_14, BEFORE_3]
    assert [m.kind for m in due_reminders(due, today=D("2025-02-27"))] == [
        BEFORE_14,
        BEFORE_3,
        DUE,
    ]
    late = due_reminders(due, today=D("2025-03-14"))
    assert [(m.kind, m.sequence) for m in late][-2:] == [(OVERDUE, 1), (OVERDUE, 2)]


def test_kind_and_sequence_identify_each_moment() -> None:
    moments = reminder_moments(D("2025-01-01"), until=D("2026-01-01"))
    keys = [(moment.kind, moment.sequence) for moment in moments]

    assert len(keys) == len(set(keys))
    assert moments == sorted(moments, key=lambda moment: moment.on)
    assert moments[-1] == ReminderMoment(OVERDUE, D("2025-12-31"), 52)


def test_last_due_reminder_is_the_last_of_due_reminders_without_building_them():
    from deadlines.reminders import last_due_reminder

    due = D("2025-04-29")  # before_3 moves back over Koningsdag
    for offset in range(-30, 400):
        today = due + timedelta(days=offset)
        moments = due_reminders(due, today=today)
        assert last_due_reminder(due, today=today) == (moments[-1] if moments else None)
