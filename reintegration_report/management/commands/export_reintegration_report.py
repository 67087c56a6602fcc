"""``manage.py export_reintegration_report CASE_ID --output FILE.pdf``: the RIV of a case as PDF.

Synchronous (no Celery, nothing stored in the dossier): for administrators and scripts. Add
``--employee-packet`` for the employee's copy with the instruction page, or ``--findings`` for
the internal Poortwachtertoets summary, a separate PDF that is never part of the RIV. An unknown
case or a bad argument exits with status 2 and one line on standard error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cases.models import Case
from reintegration_report.pdf import findings_pdf_for_case, report_pdf_for_case


class Command(BaseCommand):
    help = (
        "Render the re-integratieverslag (RIV) of one case as PDF to a file. "
        "Maak het re-integratieverslag van een verzuimdossier als PDF."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("case_id", type=int, help="id of the case (verzuimdossier)")
        parser.add_argument("--output", "-o", required=True, help="PDF file to write")
        parser.add_argument(
            "--employee-packet",
            action="store_true",
            help="the employee's copy, with what they send to UWV themselves and by when",
        )
        parser.add_argument(
            "--findings",
            action="store_true",
            help="write the internal Poortwachtertoets summary instead (never part of the RIV)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        """Render the report and write it to --output."""
        output = Path(options["output"])
        if output.suffix.lower() != ".pdf":
            raise CommandError(
                f"--output moet op .pdf eindigen / must end in .pdf: {output}", returncode=2
            )
        if not output.parent.is_dir():
            raise CommandError(
                f"map bestaat niet / directory does not exist: {output.parent}", returncode=2
            )
        case = Case.objects.filter(pk=options["case_id"]).first()
        if case is None:
            raise CommandError(
                f"onbekend verzuimdossier / unknown case: {options['case_id']}", returncode=2
            )
        if options["findings"] and options["employee_packet"]:
            raise CommandError(
                "--findings en --employee-packet gaan niet samen / cannot be combined",
                returncode=2,
            )
        if options["findings"]:
            rendered = findings_pdf_for_case(case)
        else:
            rendered = report_pdf_for_case(case, employee_packet=options["employee_packet"])
        output.write_bytes(rendered.pdf)
        self.stdout.write(
            f"{output} ({len(rendered.pdf)} bytes); "
            f"Poortwachtertoets: risico {rendered.check.risk_label.lower()}"
        )
