"""``manage.py poortwachter_timeline``: case facts as JSON on stdin, the timeline on stdout.

The input and output formats are described in :mod:`deadlines.json_facts`. Invalid input
exits with status 2 and one ``CommandError: ...`` line on standard error. The command is pure:
it needs no database connection.
"""

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from deadlines.json_facts import dumps_timeline, loads_facts
from deadlines.poortwachter import InvalidFacts, compute_timeline


class Command(BaseCommand):
    help = (
        "Read the facts of a sick-leave case as one JSON object on standard input and print "
        "its Wet verbetering poortwachter timeline as one JSON object."
    )
    # Pure computation: no system checks (they could need the database), no migrations check.
    requires_system_checks: list[str] = []
    # Tests pass an io.StringIO through call_command(..., stdin=...).
    stealth_options = ("stdin",)

    def handle(self, *args: Any, **options: Any) -> None:
        """Parse the facts, compute the timeline and print it."""
        stream = options.get("stdin") or sys.stdin
        try:
            facts = loads_facts(stream.read())
            timeline = compute_timeline(facts)
        except UnicodeDecodeError as exc:
            raise CommandError("input is not valid UTF-8 text", returncode=2) from exc
        except InvalidFacts as exc:
            raise CommandError(str(exc), returncode=2) from exc
        self.stdout.write(dumps_timeline(timeline))
