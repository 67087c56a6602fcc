"""One backup archive: a PostgreSQL dump, the uploaded documents and a manifest to check both.

The archive is a .tar.gz holding

* ``manifest.json``: format, app version, migration state, created at, the row count of every
  table and the SHA-256 of every stored file;
* ``database.dump``: ``pg_dump --format=custom`` of the database;
* ``media/<name>``: every file of the document storage, under its storage name.

The row counts come from the same snapshot as the dump (``pg_dump --snapshot``), so they match
it exactly even while the app is in use. Restoring goes into an empty database and an empty
document storage and ends by checking both against the manifest.

Nothing here reads another app's models: the database is dumped and counted table by table, the
documents are whatever the storage holds.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import posixpath
import subprocess
import tarfile
import tempfile
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from psycopg import sql

from .pg_tools import pg_tool

FORMAT = 1
MANIFEST = "manifest.json"
DUMP = "database.dump"
MEDIA_PREFIX = "media/"
CHUNK = 1024 * 1024


class BackupError(RuntimeError):
    """A backup or restore that cannot go ahead; the message says why."""


@dataclass(frozen=True)
class Verification:
    """The outcome of checking a restored database and storage against the manifest."""

    tables_checked: int
    files_checked: int
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


# --- connections and tools -------------------------------------------------------------------


def _connect(database: Mapping[str, Any], **kwargs: Any) -> psycopg.Connection:
    return psycopg.connect(
        dbname=database["NAME"],
        user=database.get("USER") or None,
        password=database.get("PASSWORD") or None,
        host=database.get("HOST") or None,
        port=database.get("PORT") or None,
        **kwargs,
    )


def _libpq_env(database: Mapping[str, Any]) -> dict[str, str]:
    """Return the environment for pg_dump / pg_restore: the password never on a command line."""
    env = dict(os.environ)
    for key, var in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if database.get(key):
            env[var] = str(database[key])
        else:
            env.pop(var, None)
    return env


def _server_major(conn: psycopg.Connection) -> int:
    return conn.info.server_version // 10000


def _tool(name: str, conn: psycopg.Connection, embedded_bin_dir: Path | None) -> Path:
    return pg_tool(name, server_major=_server_major(conn), embedded_bin_dir=embedded_bin_dir)


def _run(command: list[str], database: Mapping[str, Any]) -> None:
    result = subprocess.run(
        command, env=_libpq_env(database), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")


# --- what the manifest records ---------------------------------------------------------------


def _tables(conn: psycopg.Connection) -> list[tuple[str, str]]:
    """Return (schema, table) of every table outside PostgreSQL's own schemas."""
    return conn.execute(
        "SELECT schemaname, tablename FROM pg_tables"
        " WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
        " ORDER BY schemaname, tablename"
    ).fetchall()


def table_row_counts(conn: psycopg.Connection) -> dict[str, int]:
    """Return {"schema.table": row count} for every table outside PostgreSQL's own schemas."""
    counts = {}
    for schema, table in _tables(conn):
        query = sql.SQL("SELECT count(*) FROM {}.{}").format(
            sql.Identifier(schema), sql.Identifier(table)
        )
        counts[f"{schema}.{table}"] = conn.execute(query).fetchone()[0]
    return counts


def migration_state(conn: psycopg.Connection) -> dict[str, str]:
    """Return the last applied migration of every app ({} when Django never migrated)."""
    exists = conn.execute("SELECT to_regclass('public.django_migrations') IS NOT NULL").fetchone()
    if not exists[0]:
        return {}
    rows = conn.execute("SELECT app, name FROM django_migrations ORDER BY id").fetchall()
    return dict(rows)  # later rows win: the last applied per app


def app_version() -> str:
    """Return the version in pyproject.toml ("unknown" when the file is not there)."""
    try:
        with (Path(settings.BASE_DIR) / "pyproject.toml").open("rb") as handle:
            return tomllib.load(handle)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


def storage_files(storage: Storage, path: str = "") -> Iterator[str]:
    """Yield the name of every file in `storage`, depth first, sorted."""
    try:
        directories, files = storage.listdir(path)
    except FileNotFoundError:  # a file system storage whose folder does not exist yet
        return
    for name in sorted(files):
        yield posixpath.join(path, name) if path else name
    for directory in sorted(directories):
        yield from storage_files(storage, posixpath.join(path, directory) if path else directory)


def file_sha256(storage: Storage, name: str) -> str:
    digest = hashlib.sha256()
    with storage.open(name, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


# --- backup ----------------------------------------------------------------------------------


def backup_create(
    *,
    output: Path,
    database: Mapping[str, Any],
    storage: Storage,
    embedded_bin_dir: Path | None = None,
) -> dict[str, Any]:
    """Write the archive `output` for `database` and `storage`; return its manifest."""
    with tempfile.TemporaryDirectory(prefix="poortwachter-backup-") as tmp:
        dump_path = Path(tmp) / DUMP
        with _connect(database, autocommit=True) as conn:
            pg_dump = _tool("pg_dump", conn, embedded_bin_dir)
            # One snapshot for the dump and the counts: they agree even while users work.
            conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
            tables = table_row_counts(conn)
            migrations = migration_state(conn)
            _run(
                [
                    str(pg_dump),
                    "--format=custom",
                    f"--snapshot={snapshot}",
                    f"--file={dump_path}",
                ],
                database,
            )
            conn.execute("ROLLBACK")
        # After the dump: every document the dumped rows name is already stored (documents
        # are never deleted), so the archive holds all of them.
        files = {name: file_sha256(storage, name) for name in storage_files(storage)}
        manifest = {
            "format": FORMAT,
            "app_version": app_version(),
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "migrations": migrations,
            "tables": tables,
            "files": files,
        }
        _write_archive(output, manifest, dump_path, storage)
    return manifest


def _write_archive(
    output: Path, manifest: dict[str, Any], dump_path: Path, storage: Storage
) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    with tarfile.open(partial, "w:gz") as archive:
        data = json.dumps(manifest, indent=2, sort_keys=True).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(data)
        info.mtime = int(datetime.now(UTC).timestamp())
        archive.addfile(info, io.BytesIO(data))
        archive.add(dump_path, arcname=DUMP)
        for name in manifest["files"]:
            info = tarfile.TarInfo(MEDIA_PREFIX + name)
            info.size = storage.size(name)
            info.mtime = int(datetime.now(UTC).timestamp())
            with storage.open(name, "rb") as handle:
                archive.addfile(info, handle)
    partial.replace(output)  # a half-written archive never carries the final name


# --- restore ---------------------------------------------------------------------------------


def read_manifest(archive_path: Path) -> dict[str, Any]:
    """Return the manifest of a backup archive (BackupError if it is not one)."""
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            member = archive.extractfile(MANIFEST)
            manifest = json.load(member)  # type: ignore[arg-type]
    except (OSError, KeyError, tarfile.TarError, json.JSONDecodeError) as exc:
        raise BackupError(f"{archive_path} is not a Poortwachter backup: {exc}") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r} (expected {FORMAT}).")
    return manifest


def _media_name(member: tarfile.TarInfo) -> str | None:
    """Return the storage name of a media member, refusing names that leave the folder."""
    if not member.name.startswith(MEDIA_PREFIX):
        return None
    name = member.name.removeprefix(MEDIA_PREFIX)
    if not member.isfile() or posixpath.isabs(name) or ".." in name.split("/"):
        raise BackupError(f"Refusing the archive member {member.name!r}.")
    return name


def restore_refusals(*, database: Mapping[str, Any], storage: Storage) -> list[str]:
    """Return why a restore into this database and storage would overwrite data ([] if empty)."""
    reasons = []
    with _connect(database) as conn:
        tables = _tables(conn)
    if tables:
        reasons.append(
            f"The database {database['NAME']!r} already has {len(tables)} tables "
            f"(e.g. {'.'.join(tables[0])})."
        )
    first_file = next(storage_files(storage), None)
    if first_file is not None:
        reasons.append(f"The document storage already holds files (e.g. {first_file}).")
    return reasons


def backup_restore(
    *,
    archive_path: Path,
    database: Mapping[str, Any],
    storage: Storage,
    force: bool = False,
    embedded_bin_dir: Path | None = None,
) -> Verification:
    """Restore `archive_path` into `database` and `storage`, then check both.

    Both must be empty unless `force`: then the dumped objects replace the database's
    (``pg_restore --clean --if-exists``) and the archived files replace stored files of the
    same name; other tables and files stay.
    """
    manifest = read_manifest(archive_path)
    if not force and (reasons := restore_refusals(database=database, storage=storage)):
        raise BackupError(
            " ".join(reasons) + " Restore only into an empty database and document storage, "
            "or pass --force to overwrite."
        )
    with (
        tempfile.TemporaryDirectory(prefix="poortwachter-restore-") as tmp,
        tarfile.open(archive_path, "r:gz") as archive,
    ):
        dump_path = Path(tmp) / DUMP
        with archive.extractfile(DUMP) as source, dump_path.open("wb") as target:  # type: ignore[union-attr]
            while chunk := source.read(CHUNK):
                target.write(chunk)
        with _connect(database) as conn:
            pg_restore = _tool("pg_restore", conn, embedded_bin_dir)
        command = [str(pg_restore), "--no-owner", "--no-privileges", "--exit-on-error"]
        if force:
            command += ["--clean", "--if-exists"]
        _run([*command, f"--dbname={database['NAME']}", str(dump_path)], database)
        for member in archive:
            name = _media_name(member)
            if name is None:
                continue
            if storage.exists(name):
                storage.delete(name)  # only reached with --force (else the storage is empty)
            with archive.extractfile(member) as handle:  # type: ignore[union-attr]
                saved = storage.save(name, ContentFile(handle.read()))
            if saved != name:
                raise BackupError(f"The storage stored {name!r} as {saved!r}.")
    return restore_verify(manifest=manifest, database=database, storage=storage)


def restore_verify(
    *, manifest: Mapping[str, Any], database: Mapping[str, Any], storage: Storage
) -> Verification:
    """Compare the row count of every table and the hash of every file with the manifest."""
    problems = []
    with _connect(database) as conn:
        counts = table_row_counts(conn)
    for table, expected in manifest["tables"].items():
        found = counts.get(table)
        if found is None:
            problems.append(f"table {table} is missing")
        elif found != expected:
            problems.append(f"table {table} has {found} rows, the backup {expected}")
    for name, expected in manifest["files"].items():
        if not storage.exists(name):
            problems.append(f"file {name} is missing")
        elif file_sha256(storage, name) != expected:
            problems.append(f"file {name} differs from the backup (SHA-256)")
    return Verification(
        tables_checked=len(manifest["tables"]),
        files_checked=len(manifest["files"]),
        problems=problems,
    )
