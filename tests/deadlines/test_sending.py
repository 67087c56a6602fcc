"""Reminder planning, e-mail content, digests and the claim rules (PostgreSQL)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from deadlines.models import (
    DailyDigest,
    Deadline,
    DeadlineKind,
    Notification,
    Reminder,
    ReminderStatus,
)
from deadlines.poortwachter import is_workday
from deadlines.services import deadlines_recompute, digests_send, reminders_send
from tests.deadlines.helpers import case_from, on
from tests.factories import CaseAssignmentFactory

K = DeadlineKind


def _ezd_with_pa_due_on_tuesday() -> date:
    # PA due = EZD + 41 days; a Tuesday due date puts "3 days before" on a Saturday.
    due = date(2025, 3, 11)
    assert due.weekday() == 1
    return due - timedelta(days=41)


@pytest.mark.django_db
def test_reminder_moments_over_time(world):
    ezd = _ezd_with_pa_due_on_tuesday()
    due = ezd + timedelta(days=41)
    with on(ezd):
        case = case_from(ezd, employee=world.colleague_a, reported_by=world.hr_a)
        CaseAssignmentFactory(case=case, user=world.physician)
        deadlines_recompute(case=case, reason="start")
    pa = Deadline.objects.get(case=case, kind=K.PROBLEM_ANALYSIS)
    sent_on: dict[tuple[str, int], date] = {}
    day = due - timedelta(days=16)
    while day <= due + timedelta(days=15):
        with on(day):
            reminders_send()
        for r in Reminder.objects.filter(deadline=pa, status=ReminderStatus.SENT):
            sent_on.setdefault((r.kind, r.sequence), day)
        day += timedelta(days=1)
    saturday = due - timedelta(days=3)
    assert not is_workday(saturday)
    assert sent_on == {
        ("before_14", 0): due - timedelta(days=14),
        ("before_3", 0): due - timedelta(days=4),  # moved back to Friday
        ("due", 0): due,
        ("overdue", 1): due + timedelta(days=7),
        ("overdue", 2): due + timedelta(days=14),
    }
    # The bedrijfsarts is reminded of the probleemanalyse, once per moment.
    recipients = set(Reminder.objects.filter(deadline=pa).values_list("recipient", flat=True))
    assert recipients == {world.physician.pk}
    assert Reminder.objects.filter(deadline=pa).count() == 5


@pytest.mark.django_db
def test_late_registered_case_gets_only_the_latest_moment(world):
    today = date(2025, 6, 2)
    ezd = today - timedelta(days=41 + 30)  # PA 30 days overdue
    with on(today):
        case = case_from(ezd, employee=world.colleague_a, reported_by=world.hr_a)
        deadlines_recompute(case=case, reason="start")
        reminders_send()
    pa = Deadline.objects.get(case=case, kind=K.PROBLEM_ANALYSIS)
    # No physician assigned: HR (all HR users of the employer, no casemanager) is reminded.
    rows = list(Reminder.objects.filter(deadline=pa).values_list("kind", "sequence", "recipient"))
    assert rows == [("overdue", 4, world.hr_a.pk)]


@pytest.mark.django_db
@override_settings(SITE_URL="https://poortwachter.example")
def test_email_is_dutch_and_names_case_step_due_date_and_link(world):
    today = timezone.localdate()
    case = world.case_a
    deadlines_recompute(case=case, reason="start")
    pa = Deadline.objects.get(case=case, kind=K.PROBLEM_ANALYSIS)
    Deadline.objects.filter(pk=pa.pk).update(due_date=today)
    mail.outbox.clear()
    result = reminders_send(today=today)
    assert result.sent >= 1
    [message] = [m for m in mail.outbox if world.physician.email in m.to]
    name = case.employee.full_name
    due = today.strftime("%d-%m-%Y")
    assert "Probleemanalyse" in message.subject
    assert name in message.subject and due in message.subject
    assert "Beste" in message.body
    assert f"Vandaag ({due}) is de uiterste datum voor Probleemanalyse voor {name}" in message.body
    assert f"https://poortwachter.example/dossiers/{case.pk}/" in message.body
    # What to do in plain Dutch with its legal basis, no internal rule ids or source tags.
    assert "De bedrijfsarts stelt de probleemanalyse op" in message.body
    assert "WVP-" not in message.body and "[S" not in message.body
    note = Notification.objects.get(user=world.physician, deadline=pa)
    assert note.url == f"/dossiers/{case.pk}/" and name in note.text
    # A second run sends nothing new.
    mail.outbox.clear()
    assert reminders_send(today=today).sent == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_digest_users_get_notifications_and_one_daily_mail(world):
    today = timezone.localdate()
    world.hr_a.wants_daily_digest = True
    world.hr_a.save()
    for case in (world.case_a, world.colleague_case_a):
        case.casemanager = world.hr_a
        case.save()
        deadlines_recompute(case=case, reason="start")
    Deadline.objects.filter(
        case__in=[world.case_a, world.colleague_case_a], kind__in=[K.ACTION_PLAN]
    ).update(due_date=today)
    mail.outbox.clear()
    reminders_send(today=today)
    assert not [m for m in mail.outbox if world.hr_a.email in m.to]
    assert Notification.objects.filter(user=world.hr_a).count() == 2
    assert digests_send(today=today) == 1
    [digest] = [m for m in mail.outbox if world.hr_a.email in m.to]
    assert "2 herinneringen" in digest.subject
    assert world.case_a.employee.full_name in digest.body
    assert world.colleague_case_a.employee.full_name in digest.body
    assert digests_send(today=today) == 0
    assert DailyDigest.objects.get(recipient=world.hr_a).status == ReminderStatus.SENT


@pytest.mark.django_db
def test_employee_step_goes_to_the_employee(world):
    today = timezone.localdate()
    deadlines_recompute(case=world.case_a, reason="start")
    Deadline.objects.filter(case=world.case_a, kind=K.WIA_APPLICATION).update(
        due_date=today + timedelta(days=14)
    )
    reminders_send(today=today)
    wia = Deadline.objects.get(case=world.case_a, kind=K.WIA_APPLICATION)
    assert list(wia.reminders.values_list("recipient", "kind")) == [
        (world.employee_user_a.pk, "before_14")
    ]


@pytest.mark.django_db
def test_moved_or_done_deadline_cancels_pending_reminder(world):
    today = timezone.localdate()
    deadlines_recompute(case=world.case_a, reason="start")
    plan = Deadline.objects.get(case=world.case_a, kind=K.ACTION_PLAN)
    Deadline.objects.filter(pk=plan.pk).update(due_date=today)
    plan.refresh_from_db()
    reminder = Reminder.objects.create(
        deadline=plan,
        recipient=world.hr_a,
        kind="due",
        due_date=today - timedelta(days=3),
        scheduled_for=today,
    )
    result = reminders_send(today=today, plan=False)
    reminder.refresh_from_db()
    assert reminder.status == ReminderStatus.CANCELLED
    assert result.cancelled == 1 and result.sent == 0


@pytest.mark.django_db
def test_abandoned_claims_are_retried_fresh_ones_are_not(world):
    today = timezone.localdate()
    deadlines_recompute(case=world.case_a, reason="start")
    plan = Deadline.objects.get(case=world.case_a, kind=K.ACTION_PLAN)
    Deadline.objects.filter(pk=plan.pk).update(due_date=today)
    now = timezone.now()
    dead = Reminder.objects.create(
        deadline=plan,
        recipient=world.hr_a,
        kind="due",
        due_date=today,
        scheduled_for=today,
        status=ReminderStatus.CLAIMED,
        claimed_at=now - timedelta(minutes=11),
        attempts=1,
    )
    busy = Reminder.objects.create(
        deadline=plan,
        recipient=world.hr_b,
        kind="due",
        due_date=today,
        scheduled_for=today,
        status=ReminderStatus.CLAIMED,
        claimed_at=now - timedelta(minutes=5),
        attempts=1,
    )
    mail.outbox.clear()
    reminders_send(today=today, plan=False)
    dead.refresh_from_db()
    busy.refresh_from_db()
    assert (dead.status, dead.attempts) == (ReminderStatus.SENT, 2)
    assert busy.status == ReminderStatus.CLAIMED
    assert [m.to for m in mail.outbox] == [[world.hr_a.email]]


@pytest.mark.django_db
def test_management_command_and_task_run_the_service(world):
    from django.core.management import call_command

    from deadlines.tasks import send_daily_digests, send_reminders

    deadlines_recompute(case=world.case_a, reason="start")
    Deadline.objects.filter(case=world.case_a, kind=K.ACTION_PLAN).update(
        due_date=timezone.localdate()
    )
    assert send_reminders() == 1
    assert send_daily_digests() == 0
    call_command("send_reminders", "--digests")
    assert Reminder.objects.filter(status=ReminderStatus.SENT).count() == 1
