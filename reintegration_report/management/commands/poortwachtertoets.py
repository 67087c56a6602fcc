"""``manage.py poortwachtertoets``: the facts of a case as JSON on stdin, the findings on stdout.

The contract is ``docs/domain/poortwachtertoets.md``. ``--case ID`` judges a stored case
instead (today, with the facts the app holds). Bad input or an unknown case exits with status 2
and one ``CommandError: ...`` line on standard error.
"""

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from cases.models import Case
from reintegration_report.toets.facts import InvalidFacts
from reintegration_report.toets.json_facts import dumps_result, loads_facts
from reintegration_report.toets.rules import toets
from reintegration_report.toets.stored_facts import toets_facts_for_case


class Command(BaseCommand):
    help = (
        "Read the facts of a sick-leave case as one JSON object on standard input (or take a "
        "stored case with --case) and print the findings of the Poortwachtertoets as JSON."
    )
    # Pure computation without --case: no system checks (they could need the database).
    requires_system_checks: list[str] = []
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        # A string, so a wrong value gives our one-line error instead of argparse's usage.
        parser.add_argument("--case", dest="case_id", help="id of a stored case")

    def handle(self, *args: Any, **options: Any) -> None:
        """Build the facts, run the toets and print its findings."""
        try:
            if options.get("case_id") is not None:
                facts = self._stored(options["case_id"])
            else:
                stream = options.get("stdin") or sys.stdin
                facts = loads_facts(stream.read())
            result = toets(facts)
        except UnicodeDecodeError as exc:
            raise CommandError("input is not valid UTF-8 text", returncode=2) from exc
        except InvalidFacts as exc:
            raise CommandError(str(exc), returncode=2) from exc
        self.stdout.write(dumps_result(result))

    def _stored(self, raw: str):
        if not raw.isdigit():
            raise CommandError(f"--case must be a case id (a number), got {raw!r}", returncode=2)
        case = Case.objects.filter(pk=int(raw)).first()
        if case is None:
            raise CommandError(f"no case with id {raw}", returncode=2)
        return toets_facts_for_case(case, on=timezone.localdate())
