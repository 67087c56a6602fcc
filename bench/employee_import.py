"""Benchmark of the payroll import: dry run and the Celery job's run over a generated CSV.

Usage: python bench/employee_import.py [--rows N]   (default 20000; target: under 30 s)

Uses its own throwaway database ``poortwachter_bench_import`` on the PostgreSQL server of
BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432) and the test settings. Runs the
import twice: first every row is new (bulk inserts), then every row changed (bulk updates).
Prints figures; it is not a test.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DB_NAME = "poortwachter_bench_import"


def _ensure_database(server: str) -> None:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def _bsn(n: int) -> str:
    """Return the n-th 9-digit number passing the elfproef (starting at 100000000)."""
    base = 100_000_000 + n * 11
    while True:
        digits = f"{base:09d}"
        total = sum(int(d) * w for d, w in zip(digits, (9, 8, 7, 6, 5, 4, 3, 2, -1), strict=True))
        if total % 11 == 0:
            return digits
        base += 1


def payroll_csv(rows: int, function: str = "Medewerker") -> bytes:
    lines = [
        "personeelsnummer;voornaam;tussenvoegsel;achternaam;bsn;geboortedatum;email;afdeling;"
        "functie;contracturen;personeelsnummer_leidinggevende;datum_in_dienst"
    ]
    bsns: set[str] = set()
    n = 0
    for i in range(rows):
        bsn = _bsn(n)
        while bsn in bsns:
            n += 1
            bsn = _bsn(n)
        bsns.add(bsn)
        n += 1
        manager = "" if i % 20 == 0 else f"B{i - i % 20:06d}"
        birth = f"{1 + i % 28:02d}-0{1 + i % 9}-19{60 + i % 40}"
        lines.append(
            f"B{i:06d};Voornaam{i};;Achternaam{i};{bsn};{birth};w{i}@example.nl;"
            f"Afdeling {i % 40};{function};{16 + i % 24},5;{manager};01-01-2015"
        )
    return "\n".join(lines).encode()


def _timed(label: str, rows: int, func) -> object:
    start = time.perf_counter()
    result = func()
    seconds = time.perf_counter() - start
    print(f"{label:<40} {seconds:8.2f} s   {rows / seconds:10.0f} rows/s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20000)
    args = parser.parse_args()
    server = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
    _ensure_database(server)
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = f"{server}/{DB_NAME}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "reintegratie.settings.test"
    os.environ.pop("REDIS_URL", None)

    import django

    django.setup()
    from unittest import mock

    from django.core.management import call_command

    from accounts.models import Role, User
    from cases.employee_import import employee_import_preview
    from cases.employee_import_jobs import employee_import_request, employee_import_run
    from cases.models import Employee, Employer

    call_command("migrate", verbosity=0)
    employer = Employer.objects.create(
        name="Bench BV", kvk_number="12345678", payroll_tax_number="123456789L01"
    )
    hr = User.objects.create_user("hr@bench.example", "x", role=Role.HR)
    employer.hr_users.add(hr)
    for label, function in (("new rows", "Medewerker"), ("changed rows", "Planner")):
        data = payroll_csv(args.rows, function)
        report = _timed(
            f"dry run ({label})",
            args.rows,
            lambda d=data: employee_import_preview(employer=employer, data=d),
        )
        assert report.ok, report.sorted_row_errors[:3]
        with mock.patch("cases.tasks.run_employee_import.delay"):
            job = employee_import_request(employer=employer, data=data, actor=hr)
        job = _timed(
            f"import job ({label})",
            args.rows,
            lambda j=job: employee_import_run(import_id=j.pk),
        )
        print(f"  {job.status}: {job.created} new, {job.updated} updated, {job.unchanged} same")
    print(f"  {Employee.objects.filter(employer=employer).count()} employees")


if __name__ == "__main__":
    main()
