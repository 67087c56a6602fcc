"""Reminders sent in batches: one mail connection per batch, notifications in bulk, and a
failure of one message kept to that message (PostgreSQL, a real SMTP socket)."""

from __future__ import annotations

import socket
import socketserver
import threading
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends import locmem
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from deadlines.models import Deadline, DeadlineKind, Notification, Reminder, ReminderStatus
from deadlines.sending import SEND_TIME
from deadlines.services import deadlines_recompute, reminders_send
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class _SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP for Django's backend; refuses the recipients in ``server.refuse``."""

    def handle(self) -> None:
        self.server.connections += 1
        self.wfile.write(b"220 test ESMTP\r\n")
        in_data, lines, to = False, [], ""
        for raw in self.rfile:
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            if in_data:
                if line == ".":
                    in_data = False
                    self.server.messages.append(to)
                    self.wfile.write(b"250 queued\r\n")
                else:
                    lines.append(line)
                continue
            command = line[:4].upper()
            if command == "EHLO":
                self.wfile.write(b"250-test\r\n250 OK\r\n")
            elif command == "RCPT":
                to = line.split(":", 1)[1].strip(" <>")
                if to in self.server.refuse:
                    self.wfile.write(b"550 no such mailbox\r\n")
                else:
                    self.wfile.write(b"250 OK\r\n")
            elif command == "DATA":
                in_data = True
                self.wfile.write(b"354 go ahead\r\n")
            elif command == "QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 OK\r\n")


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


@pytest.fixture
def smtp_server(settings):
    """A local SMTP server that the default mailer points at."""
    server = _Server(("127.0.0.1", 0), _SMTPHandler)
    server.connections, server.messages, server.refuse = 0, [], set()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": server.server_address[1], "timeout": 2},
        }
    }
    yield server
    server.shutdown()
    server.server_close()


def _due_today(world, recipients: int) -> Deadline:
    """An action plan due today with a pending reminder for ``recipients`` different users."""
    deadlines_recompute(case=world.case_a, reason="start")
    plan = Deadline.objects.get(case=world.case_a, kind=DeadlineKind.ACTION_PLAN)
    today = timezone.localdate()
    Deadline.objects.filter(pk=plan.pk).update(due_date=today, status="open")
    Reminder.objects.bulk_create(
        Reminder(
            deadline=plan,
            recipient=UserFactory(),
            kind="due",
            due_date=today,
            scheduled_for=today,
        )
        for _ in range(recipients)
    )
    return plan


def test_a_batch_goes_over_one_smtp_connection(world, smtp_server):
    _due_today(world, 7)
    result = reminders_send(plan=False)
    assert result.sent == 7
    assert smtp_server.connections == 1
    assert len(smtp_server.messages) == 7
    assert Notification.objects.count() == 7


def test_each_batch_has_its_own_connection(world, smtp_server):
    _due_today(world, 5)
    assert reminders_send(plan=False, batch=2).sent == 5
    assert smtp_server.connections == 3


def test_a_refused_message_fails_alone_and_is_retried_alone(world, smtp_server):
    plan = _due_today(world, 4)
    refused = Reminder.objects.filter(deadline=plan).order_by("pk")[1]
    smtp_server.refuse.add(refused.recipient.email)
    result = reminders_send(plan=False)
    assert result.sent == 3
    refused.refresh_from_db()
    assert (refused.status, refused.attempts) == (ReminderStatus.PENDING, 1)
    assert "Refused" in refused.last_error
    others = Reminder.objects.filter(deadline=plan).exclude(pk=refused.pk)
    assert set(others.values_list("status", flat=True)) == {ReminderStatus.SENT}
    assert len(smtp_server.messages) == 3
    # Every reminder got its in-app notification, the refused one too, each exactly once.
    assert Notification.objects.count() == 4

    smtp_server.refuse.clear()
    with time_machine.travel(timezone.now() + timedelta(minutes=2), tick=False):
        assert reminders_send(plan=False).sent == 1
    refused.refresh_from_db()
    assert refused.status == ReminderStatus.SENT
    assert smtp_server.messages.count(refused.recipient.email) == 1
    assert len(smtp_server.messages) == 4  # the others were not sent again
    assert Notification.objects.count() == 4


def test_a_mail_server_down_fails_the_batch_without_waiting_per_message(world, settings):
    with socket.socket() as sock:  # a port nothing listens on: connection refused
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 1},
        }
    }
    plan = _due_today(world, 3)
    assert reminders_send(plan=False).sent == 0
    rows = Reminder.objects.filter(deadline=plan)
    assert {(r.status, r.attempts) for r in rows} == {(ReminderStatus.PENDING, 1)}
    assert all("ConnectionRefused" in r.last_error for r in rows)
    assert Notification.objects.count() == 3


def test_sending_takes_a_fixed_number_of_queries_per_batch(world):
    def queries(recipients: int) -> int:
        Reminder.objects.all().delete()
        Notification.objects.all().delete()
        _due_today(world, recipients)
        mail.outbox.clear()
        with CaptureQueriesContext(connection) as captured:
            assert reminders_send(plan=False).sent == recipients
        assert len(mail.outbox) == recipients
        return len(captured)

    assert queries(3) == queries(12)


def test_a_failure_of_the_whole_batch_puts_it_back_with_its_backoff(world, monkeypatch):
    plan = _due_today(world, 3)

    def broken(reminder):
        raise RuntimeError("template broken")

    monkeypatch.setattr("deadlines.sending.reminder_text", broken)
    mail.outbox.clear()
    assert reminders_send(plan=False).sent == 0
    rows = Reminder.objects.filter(deadline=plan)
    assert {(r.status, r.attempts) for r in rows} == {(ReminderStatus.PENDING, 1)}
    assert all("template broken" in r.last_error for r in rows)
    assert all(r.next_attempt_at is not None for r in rows)
    assert mail.outbox == []
    assert not Notification.objects.exists()


class SlowBackend(locmem.EmailBackend):
    """The locmem backend on a mail server that takes two minutes per message."""

    traveller = None

    def send_messages(self, messages):
        SlowBackend.traveller.shift(timedelta(minutes=2))
        return super().send_messages(messages)


def test_a_slow_mail_server_cannot_keep_a_claim_past_the_send_time(world, settings):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.SlowBackend"}}
    plan = _due_today(world, 3)
    mail.outbox.clear()
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        SlowBackend.traveller = traveller
        # Sent at 0 and 2 minutes; the third would start at 4 minutes, past SEND_TIME (3).
        result = reminders_send(plan=False)
    assert timedelta(minutes=3) == SEND_TIME
    assert result.sent == 2 and len(mail.outbox) == 2
    late = Reminder.objects.filter(deadline=plan).exclude(status=ReminderStatus.SENT).get()
    assert (late.status, late.attempts) == (ReminderStatus.PENDING, 1)
    assert "out of time" in late.last_error
    assert Notification.objects.count() == 3


class _Killed(BaseException):
    """Stands for the worker being stopped in the middle of a batch."""


class DyingBackend(locmem.EmailBackend):
    """The locmem backend of a worker that is stopped while sending the second message."""

    def send_messages(self, messages):
        if len(mail.outbox) == 1:
            raise _Killed
        return super().send_messages(messages)


def test_what_was_sent_before_an_interruption_is_marked_sent(world, settings):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.DyingBackend"}}
    plan = _due_today(world, 3)
    mail.outbox.clear()
    with pytest.raises(_Killed):
        reminders_send(plan=False)
    [message] = mail.outbox
    rows = {r.recipient.email: r.status for r in Reminder.objects.filter(deadline=plan)}
    assert rows.pop(message.to[0]) == ReminderStatus.SENT
    # The others stay claimed: a later run takes them over once the claim is stale.
    assert set(rows.values()) == {ReminderStatus.CLAIMED}


def test_the_e_mail_carries_the_notification_s_line_escaped_once(world):
    """The reminder line is rendered once per reminder: the notification's text and the
    e-mail's line are the same, with the employee's name escaped once."""
    world.case_a.employee.last_name = "Jansen & Zn"
    world.case_a.employee.save()
    _due_today(world, 1)
    mail.outbox.clear()
    assert reminders_send(plan=False).sent == 1
    line = Notification.objects.get().text
    assert "Jansen &amp; Zn" in line
    body = mail.outbox[0].body
    assert f",\n\n{line}\n\n" in body
    assert "&amp;amp;" not in body
