"""Benchmark sending reminders: `python bench/mail.py [--reminders 2000] [--json]`.

On the benchmark database (`bench/common.py`; run `bench/pages.py` and `bench/nightly.py`
first, so it holds 10,000 generated cases and their planned reminders) it times
`reminders_send(plan=False)` — claim, in-app notification, e-mail, mark sent — for N pending
reminders with the locmem e-mail backend of the test settings, as reminders per second.

The other pending reminders are held back for the run (their next attempt moved to next year)
and restored afterwards; the N sent reminders are reset to pending and their notifications
removed, so the stage can run again on the same data. Not a test.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import django_setup, machine, prepare_database

GOAL = 200


def _reset(ids: list[int]) -> None:
    from deadlines.models import Reminder, ReminderStatus

    Reminder.objects.filter(pk__in=ids).update(
        status=ReminderStatus.PENDING,
        claimed_at=None,
        sent_at=None,
        attempts=0,
        next_attempt_at=None,
        last_error="",
        notified_at=None,
        channel="email",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reminders", type=int, default=2000)
    parser.add_argument("--json", action="store_true", help="also print the result as JSON")
    args = parser.parse_args()
    django_setup(prepare_database(fresh=False))
    print(f"machine: {machine()}")
    from django.core import mail
    from django.utils import timezone

    from deadlines.models import Notification, Reminder, ReminderStatus
    from deadlines.services import deadlines_nightly, reminders_send

    if not Reminder.objects.exists():
        deadlines_nightly()
    ids = list(Reminder.objects.order_by("pk").values_list("pk", flat=True)[: args.reminders])
    if len(ids) < args.reminders:
        raise SystemExit(f"only {len(ids)} reminders planned; run bench/pages.py first")
    _reset(ids)
    held = Reminder.objects.filter(status=ReminderStatus.PENDING).exclude(pk__in=ids)
    held_ids = list(held.values_list("pk", flat=True))
    Reminder.objects.filter(pk__in=held_ids).update(
        next_attempt_at=timezone.now() + timedelta(days=365)
    )
    last_notification = Notification.objects.order_by("-pk").values_list("pk", flat=True).first()
    mail.outbox = []
    try:
        start, cpu = time.perf_counter(), time.process_time()
        result = reminders_send(plan=False)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        emails = len(mail.outbox)
    finally:
        Reminder.objects.filter(pk__in=held_ids).update(next_attempt_at=None)
        Notification.objects.filter(pk__gt=last_notification or 0).delete()
        _reset(ids)
        mail.outbox = []
    row = {
        "reminders": result.sent + result.cancelled,
        "sent": result.sent,
        "emails": emails,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "per_s": round((result.sent + result.cancelled) / seconds),
        "goal": GOAL,
    }
    print(
        f"mail {row['reminders']} reminders ({result.sent} sent, {emails} e-mails, "
        f"{result.cancelled} cancelled) in {seconds:.2f} s wall ({cpu:.2f} s CPU): "
        f"{row['per_s']}/s (goal {GOAL}/s)"
    )
    if args.json:
        print("JSON " + json.dumps(row))


if __name__ == "__main__":
    main()
