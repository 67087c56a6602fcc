"""Demo data: compute the deadlines of every demo case (runs after cases and dossier)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from deadlines.services import deadlines_recompute_all


def seed(ctx: Any) -> None:
    """Recompute the deadlines of all cases, so the demo pages and reminders have data."""
    deadlines_recompute_all(reason=_("Demodata geladen"))
