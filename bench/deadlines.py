"""Benchmark of the deadlines app: recompute all cases, plan and claim reminders.

Usage: python bench/deadlines.py [--cases N]   (default 20000)

Uses its own throwaway database ``poortwachter_bench_deadlines`` on the PostgreSQL server of
BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432), the test settings (locmem
e-mail, so nothing leaves the machine) and ``cases.demo.seed_volume`` for the cases. Prints
figures; it is not a test.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DB_NAME = "poortwachter_bench_deadlines"


def _ensure_database(server: str, *, fresh: bool) -> None:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        if fresh:
            conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DB_NAME,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def _timed(label: str, count: int, func) -> object:
    start = time.perf_counter()
    result = func()
    seconds = time.perf_counter() - start
    rate = count / seconds if seconds else float("inf")
    print(f"{label:<44} {seconds:8.2f} s   {rate:10.0f} cases/s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=20000)
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the database")
    args = parser.parse_args()

    server = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
    _ensure_database(server, fresh=args.fresh)
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = f"{server}/{DB_NAME}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "reintegratie.settings.test"
    os.environ.pop("REDIS_URL", None)

    import django

    django.setup()
    from django.core import mail
    from django.core.management import call_command
    from django.utils import timezone

    from cases import demo
    from cases.models import Case
    from deadlines.models import Deadline, Reminder, ReminderStatus
    from deadlines.sending import deadlines_refresh_statuses, reminders_claim
    from deadlines.services import deadlines_recompute_all, reminders_plan, reminders_send

    call_command("migrate", verbosity=0)
    ctx = demo.DemoContext(today=timezone.localdate())
    demo.seed(ctx)
    start = time.perf_counter()
    demo.seed_volume(ctx, args.cases)
    cases = Case.objects.count()
    print(f"database {DB_NAME}: {cases} cases (seeded in {time.perf_counter() - start:.1f} s)")

    _timed("deadlines_recompute_all (first run)", cases, deadlines_recompute_all)
    _timed("deadlines_recompute_all (nothing changed)", cases, deadlines_recompute_all)
    print(f"  {Deadline.objects.count()} deadlines")

    today = timezone.localdate()
    Reminder.objects.all().delete()
    _timed("refresh statuses", cases, lambda: deadlines_refresh_statuses(today=today))
    planned = _timed("reminders_plan", cases, lambda: reminders_plan(today=today))
    _timed("reminders_plan again (no new rows)", cases, lambda: reminders_plan(today=today))
    print(f"  {planned} reminders planned")

    def claim_all() -> int:
        claimed = 0
        now = timezone.now()
        while ids := reminders_claim(now=now, batch=500):
            claimed += len(ids)
        return claimed

    _timed("claim scan (batches of 500)", cases, claim_all)
    Reminder.objects.update(status=ReminderStatus.PENDING, claimed_at=None)
    mail.outbox = []
    result = _timed("claim + send (locmem e-mail)", cases, lambda: reminders_send(plan=False))
    print(f"  {result.sent} sent, {len(mail.outbox)} e-mails in locmem outbox")


if __name__ == "__main__":
    main()
