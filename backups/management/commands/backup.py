"""`manage.py backup --output FILE`: one archive with the database dump and the documents."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files.storage import storages
from django.core.management.base import BaseCommand, CommandError, CommandParser

from backups.archive import BackupError, backup_create
from backups.pg_tools import ToolNotFound, configured_embedded_bin_dir


class Command(BaseCommand):
    help = (
        "Write one archive (.tar.gz) with a pg_dump of the database, the uploaded documents "
        "and a manifest (migrations, row counts, document hashes)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output", required=True, type=Path, help="The archive to write, e.g. backup.tar.gz"
        )

    def handle(self, *args: object, output: Path, **options: object) -> None:
        try:
            manifest = backup_create(
                output=output,
                database=settings.DATABASES["default"],
                storage=storages["default"],
                embedded_bin_dir=configured_embedded_bin_dir(),
            )
        except (BackupError, ToolNotFound) as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {output}: {len(manifest['tables'])} tables "
                f"({rows} rows) and {len(manifest['files'])} documents."
            )
        )
