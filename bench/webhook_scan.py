"""Benchmark the minute scan of webhook events: `python bench/webhook_scan.py [--runs 15]`.

On the benchmark database (`bench/common.py`; run `bench/pages.py` or `bench/seed.py` first so
it holds the demo plus 10,000 generated cases with their deadlines) it subscribes the employer
with the most cases to every event, then times `webhooks_scan` (what the beat task
`api.tasks.webhooks_tick` runs every minute, before sending):

- first: every deadline due soon or overdue becomes an event with its delivery (once, when an
  employer subscribes);
- steady: the minute after, when nothing new happened: the median of ``--runs`` scans.

Deliveries are not sent (the queueing is replaced by a no-op); events and deliveries are
removed again at the end. Not a test.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import analyze, django_setup, machine, prepare_database


def _reset() -> None:
    from api.models import WebhookDelivery, WebhookEndpoint, WebhookEvent

    WebhookDelivery.objects.all().delete()
    WebhookEvent.objects.all().delete()
    WebhookEndpoint.objects.filter(url__startswith="https://bench.example/").delete()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--json", action="store_true", help="also print the result as JSON")
    args = parser.parse_args()
    django_setup(prepare_database(fresh=False))

    from django.db import connection
    from django.db.models import Count
    from django.test.utils import CaptureQueriesContext

    from accounts.models import Role, User
    from api.models import EventType, WebhookEndpoint
    from api.webhooks.scan import webhooks_scan
    from cases.models import Case

    busiest = Case.objects.values("employer").annotate(n=Count("pk")).order_by("-n").first()
    if busiest is None or busiest["n"] < 1000:
        sys.exit("Run bench/pages.py (or bench/seed.py) first: the database has no 10,000 cases.")
    _reset()
    WebhookEndpoint.objects.create(
        employer_id=busiest["employer"],
        url="https://bench.example/hook",
        events=list(EventType.values),
        secret="b" * 32,
        created_by=User.objects.filter(role=Role.HR).first(),
    )
    analyze()
    print(f"machine: {machine()}")
    try:
        with mock.patch("api.services.webhooks._enqueue"):
            started = time.perf_counter()
            events = webhooks_scan()
            first = time.perf_counter() - started
            analyze()  # as autovacuum would after the bulk insert
            timings = []
            for _ in range(args.runs):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    new = webhooks_scan()
                    timings.append(time.perf_counter() - started)
                assert new == 0, new
    finally:
        _reset()
    row = {
        "cases": busiest["n"],
        "events": events,
        "first_s": round(first, 2),
        "steady_ms": round(statistics.median(timings) * 1000, 1),
        "queries": len(queries),
    }
    print(
        f"webhook scan, one employer with {row['cases']:,} cases: first {events:,} events in "
        f"{row['first_s']} s; then {row['steady_ms']} ms a minute (median of {args.runs}, "
        f"{row['queries']} queries)"
    )
    if args.json:
        print("JSON " + json.dumps(row))


if __name__ == "__main__":
    main()
