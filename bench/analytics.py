"""Benchmark the Analyse page against a bare Django view: `python bench/analytics.py`.

Creates (or reuses) the throwaway database `poortwachter_bench_analytics` on DATABASE_URL's
server, migrates it, seeds the demo data, N generated employees (default 10,000; most of their
cases closed after a realistic length) and 3 years of past absence
(`absence_figures.demo.seed_history`), runs ANALYZE, then times, interleaved on the same
process and through the same middleware stack (test Client):

- the Analyse page for one employer over a year,
- the Analyse page for the whole installation (every employer) over a year,
- a bare view answering "ok".

Prints median and p95 of each, the ratios to the bare view, and the query count of the Analyse
page before and after the volume was added (it must not grow with the number of employees; on a
reused database both counts are taken at full size, use --fresh to see the growth). Not a test.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DB_NAME = "poortwachter_bench_analytics"


def _bench_database_url() -> str:
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/poortwachter")
    return urlunsplit(urlsplit(base)._replace(path=f"/{DB_NAME}"))


def _ensure_database(url: str, *, fresh: bool) -> None:
    import psycopg

    admin = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        if fresh:
            conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME}")
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone():
            conn.execute(f"CREATE DATABASE {DB_NAME}")


def _once(client, path: str) -> float:
    start = time.perf_counter()
    response = client.get(path)
    elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, (path, response.status_code)
    return elapsed


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _queries(client, path: str) -> int:
    from django.db import connection

    executed: list[str] = []
    with connection.execute_wrapper(lambda ex, sql, *a: executed.append(sql) or ex(sql, *a)):
        client.get(path)
    return len(executed)


def _close_most_generated_cases(ctx, today) -> None:
    """Give 93 % of the generated open cases a realistic end (the rest stay open)."""
    from cases.models import Case, CaseStatus, CloseReason, SickPeriod

    rng = random.Random(18)
    periods = list(
        SickPeriod.objects.filter(
            case__employee__personnel_number__startswith="V", end__isnull=True
        ).select_related("case")
    )
    closed_cases = []
    for period in periods:
        if rng.random() < 0.93:
            length = rng.choice([2, 3, 4, 6, 10, 20, 35, 80])
            period.end = min(period.start + timedelta(days=length - 1), today)
            period.case.status = CaseStatus.RECOVERED
            period.case.close_reason = CloseReason.RECOVERED
            closed_cases.append(period.case)
    SickPeriod.objects.bulk_update([p for p in periods if p.end], ["end"], batch_size=1000)
    Case.objects.bulk_update(closed_cases, ["status", "close_reason"], batch_size=1000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--employees", type=int, default=10000)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument(
        "--fresh", action="store_true", help="Drop and rebuild the benchmark database first."
    )
    args = parser.parse_args()

    url = _bench_database_url()
    _ensure_database(url, fresh=args.fresh)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reintegratie.settings.test")

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.http import HttpResponse
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import clear_url_caches, path
    from django.utils import timezone

    settings.ALLOWED_HOSTS = ["*"]
    setup_test_environment()
    call_command("migrate", verbosity=0)

    from allauth.mfa.models import Authenticator

    from absence_figures.demo import seed_history
    from accounts.models import Role, User
    from cases.demo import DemoContext, seed, seed_volume
    from cases.models import Employee, Employer

    today = timezone.localdate()
    ctx = DemoContext(today=today)
    seed(ctx)
    hr, _created = User.objects.get_or_create(
        email="bench-hr@bench.example",
        defaults={"full_name": "Bench HR", "role": Role.HR},
    )
    for employer in Employer.objects.all():
        employer.hr_users.add(hr)
    Authenticator.objects.get_or_create(
        user=hr, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "JBSWY3DPEHPK3PXP"}}
    )

    from reintegratie import urls as root_urls

    root_urls.urlpatterns.append(path("__bench_bare__/", lambda request: HttpResponse("ok")))
    clear_url_caches()
    client = Client()
    client.force_login(hr)
    first_employer = ctx.employers[next(iter(ctx.employers))]
    year = f"period=year&year={today.year}"
    employer_path = f"/analyse/?{year}&employer={first_employer.pk}"
    installation_path = f"/analyse/?{year}"

    seed_history(ctx, args.years)
    client.get(installation_path)
    queries_small = _queries(client, installation_path)
    employees_small = Employee.objects.count()

    started = time.perf_counter()
    added = seed_volume(ctx, args.employees)
    if added:
        _close_most_generated_cases(ctx, today)
    reports = seed_history(ctx, args.years)
    print(f"seeded in {time.perf_counter() - started:.1f} s: {added} employees, {reports} reports")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    for target in (employer_path, installation_path, "/__bench_bare__/"):
        for _ in range(3):
            client.get(target)  # warm up
    timings: dict[str, list[float]] = {"employer": [], "installation": [], "bare": []}
    for _ in range(args.runs):  # interleaved, so load on the machine hits all three alike
        timings["employer"].append(_once(client, employer_path))
        timings["bare"].append(_once(client, "/__bench_bare__/"))
        timings["installation"].append(_once(client, installation_path))
    queries_large = _queries(client, installation_path)

    from cases.models import Case, SickPeriod

    print(
        f"employees: {Employee.objects.count()} (before volume: {employees_small}), "
        f"cases: {Case.objects.count()}, sick periods: {SickPeriod.objects.count()}"
    )
    bare = statistics.median(timings["bare"])
    for name in ("employer", "installation", "bare"):
        values = timings[name]
        median = statistics.median(values)
        print(
            f"{name:<13} median {median:8.2f} ms   p95 {_p95(values):8.2f} ms"
            f"   ratio to bare {median / bare:6.1f}"
        )
    print(
        f"queries on the Analyse page: {queries_small} with {employees_small} employees, "
        f"{queries_large} with {Employee.objects.count()} employees"
    )


if __name__ == "__main__":
    main()
