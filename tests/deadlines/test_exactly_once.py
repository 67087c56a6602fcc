"""Exactly-once sending against real PostgreSQL: two concurrent runs, and a real Celery worker."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection, connections
from django.utils import timezone

from deadlines.models import Deadline, DeadlineKind, Notification, Reminder, ReminderStatus
from deadlines.services import deadlines_recompute, reminders_send
from tests.factories import CaseFactory, EmployeeFactory

REPO_ROOT = Path(__file__).resolve().parents[2]


def _cases_due_today(world, count: int) -> None:
    ezd = timezone.localdate() - timedelta(days=55)  # action plan due today (day 56)
    for _ in range(count):
        employee = EmployeeFactory(employer=world.employer_a)
        case = CaseFactory(
            employee=employee, first_sick_day=ezd, reported_by=world.hr_a, casemanager=world.hr_a
        )
        deadlines_recompute(case=case, reason="start")


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_send_each_reminder_once(world):
    _cases_due_today(world, 30)
    expected = Deadline.objects.filter(
        kind=DeadlineKind.ACTION_PLAN, due_date=timezone.localdate()
    ).count()
    assert expected == 30
    mail.outbox.clear()
    barrier = threading.Barrier(2)
    results, errors = [], []

    def run() -> None:
        try:
            barrier.wait(timeout=10)
            results.append(reminders_send())
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    sent_rows = Reminder.objects.filter(status=ReminderStatus.SENT)
    total = sent_rows.count()
    # 30 action plans due today plus the PA reminders of the overdue probleemanalyses.
    assert total >= expected
    assert sum(r.sent for r in results) == total
    assert len(mail.outbox) == total
    keys = [(m.to[0], m.subject) for m in mail.outbox]
    assert len(set(keys)) == total, "an e-mail was sent twice"
    assert Notification.objects.count() == total
    assert not Reminder.objects.exclude(status=ReminderStatus.SENT).exists()


def _celery_env(db_name: str) -> dict[str, str] | None:
    redis_url = os.environ.get("REDIS_URL") or getattr(settings, "REDIS_URL", "")
    if not redis_url:
        return None
    import redis

    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return None
    db = settings.DATABASES["default"]
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="reintegratie.settings.test",
        DATABASE_URL=f"postgres://{user}{password}@{host}:{port}/{db_name}",
        REDIS_URL=redis_url,
    )
    return env


@pytest.mark.django_db(transaction=True)
def test_real_celery_worker_runs_send_reminders(world):
    env = _celery_env(connection.settings_dict["NAME"])
    if env is None:
        pytest.skip("Redis is not reachable (set REDIS_URL); the worker needs a broker")
    from deadlines.tasks import send_reminders

    deadlines_recompute(case=world.case_a, reason="start")
    Deadline.objects.filter(case=world.case_a, kind=DeadlineKind.ACTION_PLAN).update(
        due_date=timezone.localdate()
    )
    queue = f"test-deadlines-{uuid.uuid4().hex[:8]}"
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "reintegratie",
            "worker",
            "-P",
            "solo",
            "-Q",
            queue,
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "-l",
            "WARNING",
        ],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        send_reminders.apply_async(queue=queue)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if Reminder.objects.filter(status=ReminderStatus.SENT).exists():
                break
            if worker.poll() is not None:
                break
            time.sleep(0.3)
        sent = Reminder.objects.filter(status=ReminderStatus.SENT)
        assert sent.exists(), worker.stderr.read().decode()[-2000:] if worker.poll() else ""
        assert Notification.objects.filter(user=world.hr_a).exists()
    finally:
        worker.kill()
        worker.wait(timeout=10)
