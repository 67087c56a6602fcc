"""Backup → restore into a fresh database and document folder → identical counts and hashes."""

from __future__ import annotations

import hashlib
import tarfile
import uuid
from pathlib import Path

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, InMemoryStorage, storages
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from backups.archive import (
    BackupError,
    _media_name,
    backup_create,
    backup_restore,
    read_manifest,
    restore_verify,
    storage_files,
    table_row_counts,
)
from dossier.models import DocumentVersion


def _connect(database, **kwargs):
    return psycopg.connect(
        dbname=database["NAME"],
        user=database.get("USER") or None,
        password=database.get("PASSWORD") or None,
        host=database.get("HOST") or None,
        port=database.get("PORT") or None,
        **kwargs,
    )


@pytest.fixture
def fresh_database():
    """An empty database with a unique name on the test server, dropped afterwards."""
    source = dict(connection.settings_dict)
    name = f"{source['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    with _connect({**source, "NAME": "postgres"}, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield {**source, "NAME": name}
    with _connect({**source, "NAME": "postgres"}, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _sha256(storage, name: str) -> str:
    with storage.open(name, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


@pytest.mark.django_db(transaction=True)
def test_the_demo_installation_survives_backup_and_restore(tmp_path, fresh_database, capsys):
    call_command("seed_demo")
    versions = list(DocumentVersion.objects.all())
    assert versions, "the demo has documents, so their hashes are compared"
    source_storage = storages["default"]
    archive = tmp_path / "backups" / "poortwachter.tar.gz"

    call_command("backup", "--output", str(archive))
    assert "Backup written to" in capsys.readouterr().out
    with tarfile.open(archive) as members:
        names = members.getnames()
    assert {"manifest.json", "database.dump"} <= set(names)
    manifest = read_manifest(archive)
    assert manifest["migrations"]["dossier"] and manifest["app_version"]

    media = FileSystemStorage(location=tmp_path / "media")
    result = backup_restore(archive_path=archive, database=fresh_database, storage=media)
    assert result.ok, result.problems
    assert result.files_checked == len(manifest["files"]) >= len(versions)

    # Every table's row count, compared with the source itself (not only the manifest).
    with _connect(connection.settings_dict) as source, _connect(fresh_database) as restored:
        source_counts = table_row_counts(source)
        assert table_row_counts(restored) == source_counts
    assert source_counts["public.dossier_documentversion"] == len(versions)
    assert source_counts["public.cases_case"] > 0
    # Every document: the restored file has the hash its row recorded at upload.
    for version in versions:
        assert _sha256(media, version.file.name) == version.sha256
    assert set(storage_files(media)) == set(storage_files(source_storage))


@pytest.mark.django_db(transaction=True)
def test_the_check_finds_a_changed_document_and_a_missing_row(tmp_path, fresh_database):
    storage = InMemoryStorage()
    storage.save("dossier/1/a", ContentFile(b"original"))
    archive = tmp_path / "b.tar.gz"
    manifest = backup_create(output=archive, database=connection.settings_dict, storage=storage)
    target = FileSystemStorage(location=tmp_path / "media")
    assert backup_restore(archive_path=archive, database=fresh_database, storage=target).ok
    target.delete("dossier/1/a")
    target.save("dossier/1/a", ContentFile(b"tampered"))
    with _connect(fresh_database, autocommit=True) as conn:
        conn.execute(
            "DELETE FROM django_migrations WHERE id = (SELECT max(id) FROM django_migrations)"
        )
    problems = restore_verify(manifest=manifest, database=fresh_database, storage=target).problems
    assert problems == [
        "table public.django_migrations has "
        f"{manifest['tables']['public.django_migrations'] - 1} rows, the backup "
        f"{manifest['tables']['public.django_migrations']}",
        "file dossier/1/a differs from the backup (SHA-256)",
    ]


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_with_tables_and_a_storage_with_files(tmp_path, fresh_database):
    storage = InMemoryStorage()
    storage.save("dossier/1/a", ContentFile(b"x"))
    archive = tmp_path / "b.tar.gz"
    backup_create(output=archive, database=connection.settings_dict, storage=storage)
    # The test database itself has tables.
    with pytest.raises(BackupError, match=r"already has \d+ tables.*--force"):
        backup_restore(archive_path=archive, database=connection.settings_dict, storage=storage)
    with pytest.raises(BackupError, match="already holds files"):
        backup_restore(archive_path=archive, database=fresh_database, storage=storage)
    with _connect(fresh_database) as conn:
        assert table_row_counts(conn) == {}, "nothing was restored"
    # The command says so and fails (exit status 1 on the command line).
    with pytest.raises(CommandError, match="Restore only into an empty database"):
        call_command("restore", str(archive))


@pytest.mark.django_db(transaction=True)
def test_force_restores_over_existing_data(tmp_path, fresh_database):
    storage = InMemoryStorage()
    storage.save("dossier/1/a", ContentFile(b"backed up"))
    archive = tmp_path / "b.tar.gz"
    backup_create(output=archive, database=connection.settings_dict, storage=storage)
    target = FileSystemStorage(location=tmp_path / "media")
    assert backup_restore(archive_path=archive, database=fresh_database, storage=target).ok
    target.delete("dossier/1/a")
    target.save("dossier/1/a", ContentFile(b"changed since"))
    result = backup_restore(
        archive_path=archive, database=fresh_database, storage=target, force=True
    )
    assert result.ok, result.problems
    assert target.open("dossier/1/a").read() == b"backed up"


def test_an_archive_that_is_not_a_backup_is_refused(tmp_path):
    bogus = tmp_path / "x.tar.gz"
    bogus.write_bytes(b"not a tar")
    with pytest.raises(BackupError, match="not a Poortwachter backup"):
        read_manifest(bogus)


def test_a_member_outside_the_media_folder_is_refused(tmp_path):
    member = tarfile.TarInfo("media/../../etc/passwd")
    with pytest.raises(BackupError, match="Refusing"):
        _media_name(member)
    assert _media_name(tarfile.TarInfo("media/dossier/3/abc")) == "dossier/3/abc"
    assert _media_name(tarfile.TarInfo("database.dump")) is None


def test_the_image_has_the_client_of_the_compose_database():
    """pg_dump must not be older than the server: the Dockerfile installs the client of the
    PostgreSQL major version compose runs."""
    import re

    import yaml

    root = Path(__file__).resolve().parents[2]
    compose = yaml.safe_load((root / "docker-compose.yml").read_text())
    server_major = re.match(r"postgres:(\d+)", compose["services"]["db"]["image"]).group(1)
    dockerfile = (root / "Dockerfile").read_text()
    assert f"ARG PG_MAJOR={server_major}" in dockerfile
    assert "postgresql-client-${PG_MAJOR}" in dockerfile
    volumes = compose["services"]["web"]["volumes"]
    assert any(v.endswith(":/backups") for v in volumes)
