"""Benchmark every HR page against a bare view: `python bench/pages.py [--fresh] [--sizes ...]`.

For each size (default 100, 1,000 and 10,000 generated cases, each with its deadlines computed
by `seed_demo --employees N`) it runs ANALYZE, then times each page and a bare view
interleaved (page, bare, page, bare, ...) through the same test Client, so both pass the same
middleware, session, authentication (HR with MFA) and context processors. The bare view
renders a one-line template with a RequestContext; the row "leeg base.html" is an empty page
that only extends templates/base.html (the floor every page starts from). It prints per page
the median of each, their ratio, the goal and the number of queries of one request.
``--json`` prints the rows as one JSON line at the end (for `bench/run_all.py`); ``--pages``
times only the named rows. The database is the one of `bench/common.py`.
Not a test.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import analyze, django_setup, machine, prepare_database

#: (label, goal as a ratio to the bare view); the paths are resolved once the data exists.
#: Every page of HR's menu (accounts/navigation.py) but the sick-report form, and the case page.
PAGES = [
    ("leeg base.html", 3.0),
    ("Vandaag", 3.0),
    ("Case list", 3.0),
    ("Deadlines", 3.0),
    ("Employees", 3.0),
    ("Tweede-spoor overview", 3.0),
    ("Notifications", 3.0),
    ("Analyse", 3.0),
    ("Koppelingen", 3.0),
    ("Case page", 5.0),
    # Not goals: the pages whose counts and rows are read once per change of the caseload
    # (cases/write_stamps.py), timed with a write before every request, so everything is read
    # anew: what the first visit after a change costs.
    ("Vandaag, na een wijziging", None),
    ("Case list, na een wijziging", None),
    ("Deadlines, na een wijziging", None),
    ("Employees, na een wijziging", None),
    ("Tweede-spoor overview, na een wijziging", None),
]
#: The rows timed after a write, and the page each of them times.
AFTER_A_WRITE = {
    label: label.removesuffix(", na een wijziging")
    for label, _goal in PAGES
    if label.endswith(", na een wijziging")
}

BARE_TEMPLATE = "<p>{{ request.user.email }}</p>"
#: The floor of every page: an empty page that only extends the shared layout.
EMPTY_BASE_TEMPLATE = (
    '{% extends "base.html" %}{% block content %}<p>{{ request.user.email }}</p>{% endblock %}'
)


def _paths(case_pk: int) -> dict[str, str]:
    from django.urls import reverse

    return {
        "leeg base.html": "/__bench_empty_base__/",
        "Vandaag": reverse("deadlines:today"),
        "Case list": reverse("cases:list"),
        "Deadlines": reverse("deadlines:list"),
        "Employees": reverse("cases:employee_list"),
        "Tweede-spoor overview": reverse("second_track:overview"),
        "Notifications": reverse("deadlines:notifications"),
        "Analyse": reverse("absence_figures:analysis"),
        "Koppelingen": reverse("api:overview"),
        "Case page": reverse("cases:detail", args=[case_pk]),
    }


def _install_bare_view() -> str:
    """Route the bare view and the empty page extending base.html; return the bare path."""
    from django.http import HttpResponse
    from django.template import engines
    from django.urls import clear_url_caches, path

    from reintegratie import urls as root_urls

    def view(source: str):
        template = engines["django"].from_string(source)

        def render(request):
            return HttpResponse(template.render({}, request))

        return render

    root_urls.urlpatterns.append(path("__bench_bare__/", view(BARE_TEMPLATE)))
    root_urls.urlpatterns.append(path("__bench_empty_base__/", view(EMPTY_BASE_TEMPLATE)))
    clear_url_caches()
    return "/__bench_bare__/"


def _get(client, path: str, before=None) -> float:
    if before is not None:
        before()
    start = time.perf_counter()
    response = client.get(path)
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    return elapsed


def _queries(client, path: str, before=None) -> list[dict]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if before is not None:
        before()
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    return captured.captured_queries


def _explain(queries: list[dict]) -> str:
    """Return the slowest SELECT of one request with its ``EXPLAIN ANALYZE`` plan."""
    from django.db import connection

    def select(sql: str) -> str:
        # pghistory puts its context before some statements; a chunked read is a cursor.
        sql = sql.split("; ", 1)[1] if sql.startswith("SELECT set_config(") else sql
        return sql.split(" FOR ", 1)[1] if sql.startswith("DECLARE ") else sql

    slowest = max(queries, key=lambda q: float(q["time"]))
    sql = select(slowest["sql"])
    if not sql.lstrip("( ").upper().startswith(("SELECT", "WITH")):
        return f"(slowest statement is not a read: {sql[:200]})"
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN ANALYZE " + sql)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    return f"{sql[:400]}\n{plan}"


def _hr_client():
    from allauth.mfa.models import Authenticator
    from django.test import Client

    from accounts.models import Role, User
    from cases.demo import EMPLOYERS, demo_email

    hr = User.objects.get(email=demo_email(EMPLOYERS[0]["slug"], _local(Role.HR)))
    Authenticator.objects.get_or_create(
        user=hr, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "JBSWY3DPEHPK3PXP"}}
    )
    client = Client()
    client.force_login(hr)
    return client


def _local(role: str) -> str:
    from cases.demo import ROLE_ACCOUNTS

    return next(local for r, local, _name in ROLE_ACCOUNTS if r == role)


def _richest_case_pk() -> int:
    """Return the demo case with the most dossier records (the week-92 case of employer 1).

    The oldest open one: the demo's closed and recovered cases (retention examples) are older
    but hold almost nothing.
    """
    from cases.demo import EMPLOYERS
    from cases.models import Case

    return (
        Case.objects.filter(employer__kvk_number=EMPLOYERS[0]["kvk_number"], status="open")
        .exclude(employee__personnel_number__startswith="V")
        .order_by("first_sick_day", "pk")
        .values_list("pk", flat=True)
        .first()
    )


def measure(size: int, runs: int, bare: str, only: list[str] | None = None) -> list[dict]:
    """Seed up to ``size`` generated cases, ANALYZE, and time every page; return the rows."""
    from django.core.management import call_command

    from cases.models import Case
    from cases.write_stamps import write_stamp_add

    start = time.perf_counter()
    call_command("seed_demo", employees=size, stdout=open("/dev/null", "w"))  # noqa: SIM115
    seeded = time.perf_counter() - start
    analyze()
    client = _hr_client()
    paths = _paths(_richest_case_pk())
    cases = Case.objects.count()
    rows = []
    for label, goal in PAGES:
        if only and label not in only:
            continue
        path = paths[AFTER_A_WRITE.get(label, label)]
        before = write_stamp_add if label in AFTER_A_WRITE else None
        for _ in range(3):  # warm up caches, connections, template loading
            _get(client, path, before)
            _get(client, bare)
        page_ms, bare_ms = [], []
        for _ in range(runs):
            page_ms.append(_get(client, path, before))
            bare_ms.append(_get(client, bare))
        page, base = statistics.median(page_ms), statistics.median(bare_ms)
        queries = _queries(client, path, before)
        rows.append(
            {
                "size": size,
                "cases": cases,
                "page": label,
                "path": path,
                "page_ms": round(page, 2),
                "bare_ms": round(base, 2),
                "ratio": round(page / base, 2),
                "goal": goal,
                "queries": len(queries),
                "seeded_s": round(seeded, 1),
                "explain": _explain(queries),
            }
        )
    return rows


def print_explains(rows: list[dict]) -> None:
    for row in rows:
        print(f"--- {row['size']} {row['page']}: slowest query, EXPLAIN ANALYZE")
        print(row["explain"])


def print_rows(rows: list[dict]) -> None:
    print(
        f"{'size':>6} {'page':<40} {'page ms':>9} {'bare ms':>8} {'ratio':>6} {'goal':>5} "
        f"{'queries':>7}"
    )
    for row in rows:
        goal = "  -" if row["goal"] is None else f"{row['goal']:>4.0f}x"
        mark = "" if row["goal"] is None else "ok" if row["ratio"] <= row["goal"] else "OVER"
        print(
            f"{row['size']:>6} {row['page']:<40} {row['page_ms']:>9.1f} {row['bare_ms']:>8.1f} "
            f"{row['ratio']:>5.1f}x {goal:>5} {row['queries']:>7}  {mark}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the database")
    parser.add_argument("--json", action="store_true", help="also print the rows as JSON")
    parser.add_argument(
        "--explain", action="store_true", help="print each page's slowest query with its plan"
    )
    parser.add_argument("--pages", nargs="+", help="only these page labels (default: all)")
    args = parser.parse_args()
    django_setup(prepare_database(fresh=args.fresh))
    print(f"machine: {machine()}")
    from django.test.utils import setup_test_environment

    setup_test_environment()
    bare = _install_bare_view()
    rows = []
    for size in sorted(args.sizes):
        size_rows = measure(size, args.runs, bare, args.pages)
        print_rows(size_rows)
        if args.explain:
            print_explains(size_rows)
        rows.extend(size_rows)
    if args.json:
        print("JSON " + json.dumps(rows))


if __name__ == "__main__":
    main()
