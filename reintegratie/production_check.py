"""`make test`'s production build check: the steps of the Docker image, run on the checkout.

1. `collectstatic` with the production settings into a temporary folder (as the image does);
2. `check --deploy` with the production settings;
3. gunicorn with the production settings against a database of its own on the DATABASE_URL
   server (`<name>_production_check`, created anew and migrated from scratch, as a first
   deployment would), fetching the login page, a static file it links and /healthz; then stop
   it and drop that database.

Exits non-zero with the failing step's output. Usage: python -m reintegratie.production_check
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HOST = "poortwachter.example"


class CheckFailed(Exception):
    """A production build step failed."""


def check_database_url(database_url: str) -> str:
    """Return the URL of the check's own database on the server of `database_url`."""
    parts = urlsplit(database_url)
    name = parts.path.lstrip("/") or "poortwachter"
    return urlunsplit(parts._replace(path=f"/{name}_production_check"))


def _maintenance_connection(database_url: str) -> psycopg.Connection:
    parts = urlsplit(database_url)
    return psycopg.connect(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password or None,
        dbname="postgres",
        autocommit=True,
    )


@contextmanager
def fresh_database(database_url: str) -> Iterator[None]:
    """Create the database of `database_url` anew (dropping a left-over one); drop it after."""
    name = urlsplit(database_url).path.lstrip("/")
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    try:
        with _maintenance_connection(database_url) as connection:
            connection.execute(drop)
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.Error as error:
        raise CheckFailed(f"cannot create the database {name}: {error}") from error
    try:
        yield
    finally:
        with _maintenance_connection(database_url) as connection:
            connection.execute(drop)


def production_environment(static_root: str, database_url: str) -> dict[str, str]:
    """Return the environment the image's web container runs with (secrets faked)."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="reintegratie.settings.production",
        DJANGO_SECRET_KEY=f"production-check-{time.time_ns()}-0123456789abcdefghijklmnopqrstuvwxyzABCDEF",
        DJANGO_ALLOWED_HOSTS=f"{HOST},127.0.0.1",
        STATIC_ROOT=static_root,
    )
    return env


def run_step(name: str, args: list[str], env: dict[str, str]) -> None:
    print(f"production check: {name}", flush=True)
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise CheckFailed(f"{name} failed:\n{result.stdout}\n{result.stderr}")


def start_step(name: str, args: list[str], env: dict[str, str]) -> subprocess.Popen:
    print(f"production check: {name} (started)", flush=True)
    return subprocess.Popen(
        args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def finish_step(name: str, process: subprocess.Popen) -> None:
    output, _ = process.communicate()
    if process.returncode != 0:
        raise CheckFailed(f"{name} failed:\n{output}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, timeout: float = 5) -> tuple[int, str]:
    """GET url as the proxy would forward it (HTTPS, public host name); return status and body."""
    request = urllib.request.Request(url, headers={"Host": HOST, "X-Forwarded-Proto": "https"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def wait_for(url: str, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise CheckFailed("gunicorn exited during start-up")
        try:
            fetch(url, timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    raise CheckFailed(f"gunicorn did not answer on {url} within {seconds:.0f} s")


def check_gunicorn(env: dict[str, str]) -> None:
    """Start gunicorn as the image does, fetch login page, a static file and /healthz."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    print("production check: gunicorn", flush=True)
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in the finally below
    process = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "reintegratie.wsgi:application", "--bind",
         f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    try:
        wait_for(f"{base}/healthz", process)
        status, login = fetch(f"{base}/accounts/login/")
        if status != 200 or "Inloggen" not in login:
            raise CheckFailed(f"login page answered {status}")
        stylesheet = re.search(r'href="(/static/[^"]+\.css)"', login)
        if not stylesheet:
            raise CheckFailed("login page links no stylesheet")
        status, _ = fetch(base + stylesheet.group(1))
        if status != 200:
            raise CheckFailed(f"{stylesheet.group(1)} answered {status}")
        status, health = fetch(f"{base}/healthz")
        if status != 200:
            raise CheckFailed(f"/healthz answered {status}: {health}")
    except CheckFailed:
        log.seek(0)
        sys.stderr.write(log.read().decode("utf-8", "replace")[-4000:])
        raise
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        log.close()


def main() -> int:
    if not os.environ.get("DATABASE_URL"):
        print("production check: DATABASE_URL is not set", file=sys.stderr)
        return 2
    database_url = check_database_url(os.environ["DATABASE_URL"])
    with tempfile.TemporaryDirectory(prefix="poortwachter-static-") as static_root:
        env = production_environment(static_root, database_url)
        try:
            # collectstatic (compression is the slow part) runs while the database is prepared.
            collectstatic = start_step(
                "collectstatic", [PYTHON, "manage.py", "collectstatic", "--noinput"], env
            )
            run_step(
                "check --deploy",
                [PYTHON, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                env,
            )
            with fresh_database(database_url):
                run_step("migrate", [PYTHON, "manage.py", "migrate", "--noinput"], env)
                run_step("createcachetable", [PYTHON, "manage.py", "createcachetable"], env)
                finish_step("collectstatic", collectstatic)
                check_gunicorn(env)
        except CheckFailed as error:
            print(f"production check FAILED: {error}", file=sys.stderr)
            return 1
    print("production check: passed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
