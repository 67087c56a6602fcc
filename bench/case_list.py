"""Benchmark the HR case list against a bare Django view: `python bench/case_list.py [--cases N]`.

Creates (or reuses) the throwaway database `poortwachter_bench` on DATABASE_URL's server
(default postgres://postgres@127.0.0.1:5432), migrates it, seeds the demo data plus N cases with
`cases.demo.seed_volume`, then times both views through the test Client (same middleware stack)
and prints median, p95, their ratio and the query count of the list page. Not a test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _bench_database_url() -> str:
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/poortwachter")
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path="/poortwachter_bench"))


def _ensure_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = 'poortwachter_bench'"
        ).fetchone()
        if not exists:
            conn.execute("CREATE DATABASE poortwachter_bench")


def _time(client, path: str, runs: int) -> list[float]:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    return timings


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    url = _bench_database_url()
    _ensure_database(url)
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

    settings.ALLOWED_HOSTS = ["*"]
    setup_test_environment()
    call_command("migrate", verbosity=0)

    from django.utils import timezone

    from accounts.models import Role
    from cases.demo import EMPLOYERS, DemoContext, seed, seed_volume

    ctx = DemoContext(today=timezone.localdate())
    seed(ctx)
    added = seed_volume(ctx, args.cases)
    hr = ctx.users[(EMPLOYERS[0]["slug"], Role.HR)]

    # A bare view behind the same middleware stack, added to the URLconf for this process only.
    from reintegratie import urls as root_urls

    root_urls.urlpatterns.append(path("__bench_bare__/", lambda request: HttpResponse("ok")))
    clear_url_caches()

    from allauth.mfa.models import Authenticator

    Authenticator.objects.get_or_create(
        user=hr, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "JBSWY3DPEHPK3PXP"}}
    )
    client = Client()
    client.force_login(hr)
    list_path = "/dossiers/"
    _time(client, list_path, 3)  # warm up
    _time(client, "/__bench_bare__/", 3)
    executed: list[str] = []
    with connection.execute_wrapper(
        lambda execute, sql, *a: executed.append(sql) or execute(sql, *a)
    ):
        client.get(list_path)
    list_ms = _time(client, list_path, args.runs)
    bare_ms = _time(client, "/__bench_bare__/", args.runs)

    from cases.models import Case

    total = Case.objects.filter(employer=ctx.employers[EMPLOYERS[0]["slug"]]).count()
    print(f"cases visible to HR: {total} (added now: {added})")
    print(f"case list   median {statistics.median(list_ms):8.2f} ms   p95 {_p95(list_ms):8.2f} ms")
    print(f"bare view   median {statistics.median(bare_ms):8.2f} ms   p95 {_p95(bare_ms):8.2f} ms")
    ratio = statistics.median(list_ms) / statistics.median(bare_ms)
    print(f"ratio (median list / median bare): {ratio:.1f}")
    print(f"queries on the case list page: {len(executed)}")


if __name__ == "__main__":
    main()
