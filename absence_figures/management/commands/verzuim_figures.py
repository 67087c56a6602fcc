"""``verzuim_figures``: the contract of ``shared/domain/verzuimcijfers.md`` on the command line.

Without options: JSON facts on stdin, the figures as one JSON object on stdout. With
``--employer ID --from DATE --to DATE [--department ID]``: the same figures from stored data.
Bad input: exit 2 with one line on stderr and nothing on stdout.
"""

from __future__ import annotations

import json
import sys
from datetime import date

from django.core.management.base import BaseCommand, CommandParser

from absence_figures.facts_db import facts_from_db
from absence_figures.facts_json import parse_facts
from absence_figures.figures import InvalidFacts, Period, compute_figures
from cases.models import Department, Employer


class Command(BaseCommand):
    help = "Compute verzuim figures from JSON facts on stdin, or from stored data with --employer."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--employer", type=int, help="Employer id (read stored data).")
        parser.add_argument("--department", type=int, help="Only this department of the employer.")
        parser.add_argument("--from", dest="start", help="First day of the period (ISO).")
        parser.add_argument("--to", dest="end", help="Last day of the period (ISO).")

    def _fail(self, message: str) -> None:
        sys.stderr.write(message.replace("\n", " ") + "\n")
        sys.stderr.flush()
        raise SystemExit(2)

    def handle(self, *args: object, **options: object) -> None:
        try:
            if options.get("employer") is None:
                if options.get("department") or options.get("start") or options.get("end"):
                    raise InvalidFacts("--department, --from and --to need --employer")
                period, employees, reports = parse_facts(sys.stdin.read())
            else:
                period, employees, reports = self._stored(options)
            figures = compute_figures(period, employees, reports)
        except InvalidFacts as exc:
            self._fail(f"verzuim_figures: {exc}")
        sys.stdout.write(json.dumps(figures.as_contract()) + "\n")

    def _stored(self, options: dict) -> tuple:
        try:
            start = date.fromisoformat(options.get("start") or "")
            end = date.fromisoformat(options.get("end") or "")
        except ValueError:
            raise InvalidFacts("--from and --to must be ISO dates") from None
        if end < start:
            raise InvalidFacts("--to lies before --from")
        employer = Employer.objects.filter(pk=options["employer"]).first()
        if employer is None:
            raise InvalidFacts(f"unknown employer {options['employer']}")
        department = None
        if options.get("department") is not None:
            department = Department.objects.filter(
                pk=options["department"], employer=employer
            ).first()
            if department is None:
                raise InvalidFacts(f"unknown department {options['department']} of this employer")
        period = Period(start, end)
        employees, reports = facts_from_db(period, employer=employer, department=department)
        return period, employees, reports
