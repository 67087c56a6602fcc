"""Recompute every case's deadlines and plan the reminders: the nightly work, with progress."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from cases.models import Case
from deadlines.services import deadlines_nightly


class Command(BaseCommand):
    help = (
        "Recompute the deadlines of every case and plan the due reminders (the same service "
        "as the nightly task), printing progress per batch."
    )

    def handle(self, *args: object, **options: object) -> None:
        total = Case.objects.count()
        start = time.perf_counter()

        def progress(done: int) -> None:
            self.stdout.write(f"{done}/{total} cases recomputed")

        result = deadlines_nightly(progress=progress)
        seconds = time.perf_counter() - start
        rate = result.cases / seconds if seconds else 0.0
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.cases} cases recomputed, {result.planned} reminders planned "
                f"in {seconds:.1f} s ({rate:.0f} cases/s)."
            )
        )
