"""Benchmark the API's writes against the service functions: `python bench/api.py [--n N]`.

Creates (or reuses) the throwaway database `poortwachter_bench_api` on DATABASE_URL's server,
migrates it, seeds the demo data plus `--cases` cases (so deadlines and history are present) and
runs ANALYZE. Then, interleaved in chunks, it times:

- employee upserts: `PUT /api/v1/employees/{nr}` through the test Client (the whole middleware
  stack, token check, rate limit, validation, JSON) versus `employee_upsert` called directly;
- sick reports: `POST /api/v1/employees/{nr}/sick-reports` versus `case_report_sick` directly
  (both commit and recompute the case's deadlines after commit);
- a bare view behind the same middleware, as the floor of a request in this process.

It prints requests (or calls) per second on one process and the ratio. Not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB_NAME = "poortwachter_bench_api"
CHUNK = 25


def _bench_database_url() -> str:
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/poortwachter")
    return urlunsplit(urlsplit(base)._replace(path=f"/{DB_NAME}"))


def _ensure_database(url: str) -> None:
    import psycopg

    admin = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone():
            conn.execute(f"CREATE DATABASE {DB_NAME}")


def _valid_bsns(start: int, count: int) -> list[str]:
    """Return `count` distinct valid BSNs from `start` on."""
    from cases.validators import bsn_is_valid

    found: list[str] = []
    number = start
    while len(found) < count:
        if bsn_is_valid(f"{number:09d}"):
            found.append(f"{number:09d}")
        number += 1
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=200, help="operations of each kind and way")
    parser.add_argument("--cases", type=int, default=2000)
    args = parser.parse_args()

    url = _bench_database_url()
    _ensure_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reintegratie.settings.test")

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.decorators import login_not_required
    from django.core.management import call_command
    from django.db import connection
    from django.http import HttpResponse
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import clear_url_caches, path
    from django.utils import timezone

    settings.ALLOWED_HOSTS = ["*"]
    settings.API_RATE_LIMIT = (10**9, 60)
    setup_test_environment()
    call_command("migrate", verbosity=0)

    from accounts.models import Role
    from api.services.employees import employee_upsert
    from api.services.tokens import api_token_create
    from api.v1.context import api_write
    from cases.demo import EMPLOYERS, DemoContext, seed, seed_volume
    from cases.models import Employee
    from cases.services import case_report_sick

    ctx = DemoContext(today=timezone.localdate())
    seed(ctx)
    seed_volume(ctx, args.cases)
    employer = ctx.employers[EMPLOYERS[0]["slug"]]
    hr = ctx.users[(EMPLOYERS[0]["slug"], Role.HR)]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    created = api_token_create(
        employer=employer,
        name=f"bench {time.time():.0f}",
        scopes=["employees:read", "employees:write", "cases:read", "cases:write"],
        actor=hr,
    )
    token = created.token

    from reintegratie import urls as root_urls

    bare_view = login_not_required(lambda request: HttpResponse("ok"))
    root_urls.urlpatterns.append(path("__bench_bare__/", bare_view))
    clear_url_caches()
    client = Client(HTTP_AUTHORIZATION=f"Bearer {created.secret}")
    run = f"{int(time.time()) % 100000:05d}"
    bsns = _valid_bsns(200000000 + (int(run) * 30 * args.n) % 700000000, 2 * args.n)

    def body(i: int) -> dict:
        return {
            "first_name": "Bench",
            "last_name": f"Werknemer {i}",
            "bsn": bsns[i],
            "date_of_birth": "1980-01-01",
            "function_title": "Medewerker",
            "contract_hours": "36",
        }

    def api_upsert(i: int) -> None:
        response = client.put(
            f"/api/v1/employees/A{run}-{i}",
            json.dumps(body(2 * i)),
            content_type="application/json",
        )
        assert response.status_code == 201, response.content

    def service_upsert(i: int) -> None:
        with api_write(token, "bench"):
            employee_upsert(
                employer=employer,
                personnel_number=f"S{run}-{i}",
                data=body(2 * i + 1),
                actor=token.actor,
            )

    day = str(timezone.localdate() - timedelta(days=1))

    def api_sick(i: int) -> None:
        response = client.post(
            f"/api/v1/employees/A{run}-{i}/sick-reports",
            json.dumps({"first_sick_day": day}),
            content_type="application/json",
        )
        assert response.status_code == 201, response.content

    def service_sick(i: int) -> None:
        employee = Employee.objects.get(employer=employer, personnel_number=f"S{run}-{i}")
        with api_write(token, "bench"):
            case_report_sick(
                employee=employee,
                first_sick_day=timezone.localdate() - timedelta(days=1),
                actor=token.actor,
            )

    def bare(i: int) -> None:
        assert client.get("/__bench_bare__/").status_code == 200

    timings: dict[str, float] = {}
    ops = [
        ("employee upsert  API", api_upsert),
        ("employee upsert  service", service_upsert),
        ("bare view (same middleware)", bare),
    ]
    ops_sick = [("sick report      API", api_sick), ("sick report      service", service_sick)]
    for group in (ops, ops_sick):
        for start in range(0, args.n, CHUNK):  # interleaved chunks: same conditions for each
            for name, op in group:
                began = time.perf_counter()
                for i in range(start, min(start + CHUNK, args.n)):
                    op(i)
                timings[name] = timings.get(name, 0.0) + time.perf_counter() - began
    print(
        f"{args.n} operations of each kind, one process, employer with "
        f"{Employee.objects.filter(employer=employer).count()} employees"
    )
    for name, seconds in timings.items():
        print(f"{name:30s} {args.n / seconds:8.1f} /s   {1000 * seconds / args.n:7.2f} ms each")
    for kind in ("employee upsert", "sick report"):
        api = timings[f"{kind:16s} API"]
        service = timings[f"{kind:16s} service"]
        print(f"ratio {kind}: API takes {api / service:.2f}x the service call")


if __name__ == "__main__":
    main()
