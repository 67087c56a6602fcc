"""`manage.py restore FILE [--force]`: restore a backup into an empty database and storage."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files.storage import storages
from django.core.management.base import BaseCommand, CommandError, CommandParser

from backups.archive import BackupError, backup_restore
from backups.pg_tools import ToolNotFound, configured_embedded_bin_dir


class Command(BaseCommand):
    help = (
        "Restore a backup archive into an EMPTY database and document storage, then check every "
        "table's row count and every document's SHA-256 against the archive's manifest."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="An archive written by `manage.py backup`")
        parser.add_argument(
            "--force",
            action="store_true",
            help=(
                "Restore even though the database has tables or the storage has files: the "
                "backed-up tables and files replace those of the same name; others stay."
            ),
        )

    def handle(self, *args: object, archive: Path, force: bool, **options: object) -> None:
        try:
            result = backup_restore(
                archive_path=archive,
                database=settings.DATABASES["default"],
                storage=storages["default"],
                force=force,
                embedded_bin_dir=configured_embedded_bin_dir(),
            )
        except (BackupError, ToolNotFound) as exc:
            raise CommandError(str(exc)) from exc
        checked = f"{result.tables_checked} tables and {result.files_checked} documents"
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(f"  {problem}")
            raise CommandError(f"Restored, but the check against the manifest failed ({checked}).")
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {archive}: {checked} checked, all row counts and hashes match."
            )
        )
