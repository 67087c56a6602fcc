"""Send the due deadline reminders now (the same service as the Celery task)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser

from deadlines import services


class Command(BaseCommand):
    help = "Plan and send due deadline reminders exactly once; with --digests also the digests."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--digests", action="store_true", help="Also send the daily digest e-mails."
        )

    def handle(self, *args: object, digests: bool = False, **options: object) -> None:
        result = services.reminders_send()
        self.stdout.write(
            f"Reminders: {result.planned} planned, {result.sent} sent, "
            f"{result.cancelled} cancelled."
        )
        if digests:
            self.stdout.write(f"Digests: {services.digests_send()} sent.")
