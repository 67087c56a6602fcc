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
    # Loading data needs none of the system checks (URLs, templates, deployment settings):
    # `check` and `migrate` run them.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--employees",
            type=int,
            default=0,
            help="Also generate this many employees with an open case (for benchmarks).",
        )
        parser.add_argument(
            "--history-years",
            type=int,
            default=0,
            help="Also generate this many years of past absence (apps' demo.seed_history).",
        )

    def handle(
        self, *args: object, employees: int = 0, history_years: int = 0, **options: object
    ) -> None:
        ctx = DemoContext(today=timezone.localdate())
        modules = []
        with transaction.atomic():
            for config in apps.get_app_configs():
                try:
                    module = import_module(f"{config.name}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{config.name}.demo":
                        raise
                    continue
                module.seed(ctx)
                modules.append(module)
        added = seed_volume(ctx, employees) if employees else 0
        # The apps above finish the generated cases (the deadlines app computes their deadlines).
        for module in modules if added else ():
            if hasattr(module, "after_volume"):
                module.after_volume(ctx)
        # Past absence comes last, so the generated employees above get a history too.
        for module in modules if history_years > 0 else ():
            if hasattr(module, "seed_history"):
                module.seed_history(ctx, history_years)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {len(ctx.employers)} employers, {len(ctx.users)} demo users"
                + (f", {added} generated employees" if added else "")
                + "."
            )
        )
