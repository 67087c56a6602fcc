"""Mail that is retried, not parked: SMTP down, a silent server, backoff, giving up, the count
of planned reminders under overlap (PostgreSQL, real sockets)."""

from __future__ import annotations

import logging
import socket
import socketserver
import threading
import time
from datetime import datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from deadlines.claims import MAX_ATTEMPTS, retry_delay
from deadlines.models import (
    DailyDigest,
    Deadline,
    DeadlineKind,
    Notification,
    Reminder,
    ReminderStatus,
)
from deadlines.sending import reminders_plan
from deadlines.services import deadlines_recompute, digests_send, reminders_send
from tests.deadlines.helpers import AMS


class _SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP for Django's backend: EHLO, MAIL, RCPT, DATA, QUIT."""

    def handle(self) -> None:
        self.wfile.write(b"220 test ESMTP\r\n")
        in_data, lines = False, []
        for raw in self.rfile:
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            if in_data:
                if line == ".":
                    in_data = False
                    self.server.messages.append("\n".join(lines))
                    lines = []
                    self.wfile.write(b"250 queued\r\n")
                else:
                    lines.append(line)
                continue
            command = line[:4].upper()
            if command == "EHLO":
                self.wfile.write(b"250-test\r\n250 OK\r\n")
            elif command == "DATA":
                in_data = True
                self.wfile.write(b"354 go ahead\r\n")
            elif command == "QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 OK\r\n")


class _SilentHandler(socketserver.BaseRequestHandler):
    """Accept the connection and never say a word (a hung mail server)."""

    def handle(self) -> None:
        self.server.accepted += 1
        self.server.stop.wait(30)


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def _serve(handler, port: int = 0) -> _Server:
    server = _Server(("127.0.0.1", port), handler)
    server.messages, server.accepted, server.stop = [], 0, threading.Event()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _shutdown(server: _Server) -> None:
    server.stop.set()
    server.shutdown()
    server.server_close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_at(settings):
    """Point the default mailer at a real SMTP server on 127.0.0.1:port (1 s timeout)."""

    def configure(port: int, timeout: int = 1) -> None:
        settings.MAILERS = {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": timeout},
            }
        }

    return configure


def _reminder_due_today(world) -> Deadline:
    """One action plan due today for HR A (the case's casemanager)."""
    deadlines_recompute(case=world.case_a, reason="start")
    Deadline.objects.filter(case=world.case_a).exclude(kind=DeadlineKind.ACTION_PLAN).update(
        status="not_applicable"
    )
    plan = Deadline.objects.get(case=world.case_a, kind=DeadlineKind.ACTION_PLAN)
    Deadline.objects.filter(pk=plan.pk).update(due_date=timezone.localdate(), status="open")
    return plan


def _at(moment: datetime):
    return time_machine.travel(moment, tick=False)


def test_backoff_is_1_5_15_then_60_minutes():
    assert [retry_delay(n) for n in range(1, 9)] == [
        timedelta(minutes=m) for m in (1, 5, 15, 60, 60, 60, 60, 60)
    ]
    assert MAX_ATTEMPTS == 8


@pytest.mark.django_db
def test_smtp_down_then_back_within_the_backoff(world, smtp_at):
    start = datetime.combine(timezone.localdate(), datetime.min.time(), tzinfo=AMS).replace(hour=9)
    port = _free_port()  # nothing listens: connection refused
    smtp_at(port)
    with _at(start):
        plan = _reminder_due_today(world)
        result = reminders_send()
    reminder = Reminder.objects.get(deadline=plan)
    # Not parked as "claimed": pending again, with the next attempt one minute later.
    assert result.sent == 0
    assert reminder.status == ReminderStatus.PENDING
    assert reminder.attempts == 1
    assert reminder.next_attempt_at == start + timedelta(minutes=1)
    assert "ConnectionRefused" in reminder.last_error
    # The in-app notification is there although the e-mail failed.
    assert Notification.objects.filter(user=world.hr_a, deadline=plan).count() == 1

    with _at(start + timedelta(seconds=30)):  # within the backoff: not tried again
        reminders_send()
    reminder.refresh_from_db()
    assert (reminder.status, reminder.attempts) == (ReminderStatus.PENDING, 1)

    server = _serve(_SMTPHandler, port)  # the mail server is back
    try:
        with _at(start + timedelta(minutes=1, seconds=5)):
            result = reminders_send()
    finally:
        _shutdown(server)
    reminder.refresh_from_db()
    assert result.sent == 1
    assert (reminder.status, reminder.attempts) == (ReminderStatus.SENT, 2)
    assert reminder.last_error == ""
    assert len(server.messages) == 1
    assert f"To: {world.hr_a.email}" in server.messages[0]
    # Still exactly one notification: the retry did not make a second one.
    assert Notification.objects.filter(user=world.hr_a, deadline=plan).count() == 1


@pytest.mark.django_db
def test_a_server_that_never_answers_does_not_hang_the_sender(world, smtp_at):
    server = _serve(_SilentHandler)
    smtp_at(server.server_address[1], timeout=1)
    try:
        plan = _reminder_due_today(world)
        began = time.monotonic()
        result = reminders_send()
        elapsed = time.monotonic() - began
    finally:
        _shutdown(server)
    reminder = Reminder.objects.get(deadline=plan)
    assert server.accepted == 1
    assert elapsed < 10, f"the sender waited {elapsed:.1f} s for a silent server"
    assert result.sent == 0
    assert reminder.status == ReminderStatus.PENDING
    assert reminder.next_attempt_at is not None
    assert "timed out" in reminder.last_error.lower() or "Timeout" in reminder.last_error
    assert Notification.objects.filter(deadline=plan).count() == 1


def test_the_smtp_timeout_defaults_to_ten_seconds(monkeypatch):
    import subprocess
    import sys

    code = (
        "from reintegratie.settings import base;"
        "print(base.SMTP_TIMEOUT, base.MAILERS['default']['OPTIONS'].get('timeout'))"
    )
    env = {
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/unused",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "PATH": "/usr/bin:/bin",
    }
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    ).stdout.split()
    assert out == ["10", "10"]
    env["EMAIL_TIMEOUT"] = "3"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    ).stdout.split()
    assert out == ["3", "3"]


@pytest.mark.django_db
def test_after_eight_attempts_failed_logged_and_shown_to_hr(world, smtp_at, login, caplog):
    smtp_at(_free_port())
    moment = datetime.combine(timezone.localdate(), datetime.min.time(), tzinfo=AMS).replace(hour=8)
    with _at(moment):
        plan = _reminder_due_today(world)
    caplog.set_level(logging.WARNING, logger="deadlines.sending")
    for attempt in range(1, MAX_ATTEMPTS + 1):
        with _at(moment):
            reminders_send()
        reminder = Reminder.objects.get(deadline=plan)
        assert reminder.attempts == attempt
        if attempt < MAX_ATTEMPTS:
            assert reminder.status == ReminderStatus.PENDING
            assert reminder.next_attempt_at == moment + retry_delay(attempt)
            moment = reminder.next_attempt_at
    assert reminder.status == ReminderStatus.FAILED
    assert any(
        r.levelno == logging.ERROR and "after 8 attempts" in r.getMessage() for r in caplog.records
    )
    with _at(moment + timedelta(hours=5)):  # never tried again
        reminders_send()
    reminder.refresh_from_db()
    assert (reminder.status, reminder.attempts) == (ReminderStatus.FAILED, 8)
    assert Notification.objects.filter(deadline=plan).count() == 1

    client = login(world.hr_a)
    page = client.get(reverse("cases:list")).content.decode()
    assert "1 herinnering kon niet worden gemaild" in page
    assert world.hr_a.email in page
    # HR of another employer, and the employee, are not told about it.
    client = login(world.hr_b)
    assert "kon niet worden gemaild" not in client.get(reverse("cases:list")).content.decode()


@pytest.mark.django_db
def test_failed_digest_is_retried_not_parked(world, smtp_at, settings):
    world.hr_a.wants_daily_digest = True
    world.hr_a.save()
    plan = _reminder_due_today(world)
    reminders_send()  # digest users: notification now, e-mail in the digest
    assert Reminder.objects.get(deadline=plan).status == ReminderStatus.SENT
    smtp_at(_free_port())
    assert digests_send() == 0
    digest = DailyDigest.objects.get(recipient=world.hr_a)
    assert digest.status == ReminderStatus.PENDING
    assert digest.next_attempt_at is not None and digest.attempts == 1
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    with _at(timezone.now() + timedelta(minutes=2)):
        assert digests_send() == 1


@pytest.mark.django_db
def test_plan_returns_the_rows_it_inserted_even_when_another_run_inserts_meanwhile(world):
    """A concurrent run's inserts (simulated by a trigger firing inside our INSERT statement,
    which a before/after count sees) are not counted as ours."""
    plan = _reminder_due_today(world)
    table = Reminder._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            CREATE FUNCTION pw_other_run() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF pg_trigger_depth() = 1 THEN
                INSERT INTO {table} (deadline_id, recipient_id, kind, sequence, due_date,
                  scheduled_for, channel, status, attempts, last_error, created_at)
                VALUES ({plan.pk}, {world.hr_b.pk}, 'before_14', 0, CURRENT_DATE,
                  CURRENT_DATE, 'email', 'pending', 0, '', now())
                ON CONFLICT DO NOTHING;
              END IF;
              RETURN NULL;
            END $$;
            CREATE TRIGGER pw_other_run AFTER INSERT ON {table}
              FOR EACH STATEMENT EXECUTE FUNCTION pw_other_run();
            """
        )
    assert reminders_plan() == 1
    assert Reminder.objects.count() == 2
    assert reminders_plan() == 0  # nothing new the second time
