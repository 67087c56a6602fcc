"""Anonymise what is past its retention term (AVG); ``--dry-run`` only prints it.

One line per case and per employee, tab-separated::

    case<TAB><id><TAB><employee><TAB><since YYYY-MM-DD><TAB><why>
    employee<TAB><id><TAB><employee><TAB><since YYYY-MM-DD><TAB><why>

then a summary line. The employee column shows the name as it is before the run.
"""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandParser

from retention.services import retention_run


class Command(BaseCommand):
    help = "Anonymise closed cases and former employees past their retention term (AVG)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Only print what would be anonymised."
        )
        parser.add_argument(
            "--today", type=date.fromisoformat, default=None, help="Pretend today is YYYY-MM-DD."
        )

    def handle(
        self, *args: object, dry_run: bool = False, today: date | None = None, **options: object
    ) -> None:
        report = retention_run(today=today, dry_run=dry_run)
        for row in report.cases:
            name = row.case.employee.full_name
            self.stdout.write(
                f"case\t{row.case.pk}\t{name}\t{row.verdict.due_from:%Y-%m-%d}\t{row.verdict.reason}"
            )
        for row in report.employees:
            self.stdout.write(
                f"employee\t{row.employee.pk}\t{row.employee.full_name}\t"
                f"{row.verdict.due_from:%Y-%m-%d}\t{row.verdict.reason}"
            )
        if dry_run:
            summary = (
                f"Dry run: {len(report.cases)} case(s) and {len(report.employees)} employee(s) "
                "would be anonymised; nothing changed."
            )
        else:
            summary = (
                f"Anonymised {len(report.cases_done)} case(s) and "
                f"{len(report.employees_done)} employee(s)."
            )
        self.stdout.write(self.style.SUCCESS(summary))
