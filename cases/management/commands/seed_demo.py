"""Load the demo data set (deterministic and idempotent)."""

from __future__ import annotations

from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone

from cases.demo import DemoContext, seed_volume


class Command(BaseCommand):
    help = "Create demo employers, users per role, employees and cases (safe to run again)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--employees",
            type=int,
            default=0,
            help="Also generate this many employees with an open case (for benchmarks).",
        )

    def handle(self, *args: object, employees: int = 0, **options: object) -> None:
        ctx = DemoContext(today=timezone.localdate())
        with transaction.atomic():
            for config in apps.get_app_configs():
                try:
                    module = import_module(f"{config.name}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{config.name}.demo":
                        raise
                    continue
                module.seed(ctx)
        added = seed_volume(ctx, employees) if employees else 0
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {len(ctx.employers)} employers, {len(ctx.users)} demo users"
                + (f", {added} generated employees" if added else "")
                + "."
            )
        )
