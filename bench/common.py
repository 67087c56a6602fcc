"""What the benchmarks share: the benchmark database and Django set-up.

Every benchmark uses ONE database, named by ``BENCH_DATABASE_URL`` (default
``postgres://postgres@127.0.0.1:5432/poortwachter_bench``). It is created when missing and
dropped and recreated when a benchmark starts ``fresh``. Never point it at data you want to
keep. The test settings are used (fast password hashing is NOT relied on: the demo users share
one hash; locmem e-mail, so nothing leaves the machine).
"""

from __future__ import annotations

import os
import platform
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/poortwachter_bench"


def bench_database_url() -> str:
    return os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)


def prepare_database(*, fresh: bool, url: str | None = None) -> str:
    """Create (or with ``fresh`` drop and recreate) the benchmark database, or the database of
    `url` on the same terms; return its URL."""
    import psycopg

    url = url or bench_database_url()
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        if fresh:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    return url


def bench_environment(url: str) -> dict[str, str]:
    """Return the environment for a process working on the benchmark database."""
    env = dict(os.environ)
    env["DATABASE_URL"] = url
    env["DJANGO_SETTINGS_MODULE"] = "reintegratie.settings.test"
    env.pop("REDIS_URL", None)
    return env


def django_setup(url: str) -> None:
    """Point this process at the benchmark database and set Django up (then migrate)."""
    sys.path.insert(0, str(ROOT))
    os.environ.update(bench_environment(url))
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def analyze() -> None:
    """Refresh the planner statistics, as autovacuum would after a bulk load."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def machine() -> str:
    """Return a one-line description of this machine (CPU model, cores, Python, PostgreSQL)."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ""
    if hasattr(os, "getloadavg"):
        load = f", load {os.getloadavg()[0]:.1f}"
    return f"{cpu}, {os.cpu_count()} cores{load}, Python {platform.python_version()}"
