"""Demo data: compute the deadlines of every demo case (runs after cases and dossier).

The long-running demo cases also get the steps that have no dossier record marked done, as HR
would: the 42-weken-melding (and, in week 92, the re-integratieverslag) on time.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils.translation import gettext as _

from accounts.models import Role
from deadlines.models import Deadline, DeadlineKind, DeadlineStatus
from deadlines.services import deadline_complete, deadlines_recompute_all

#: Manual steps done in each stage: (kind, days before the due date, note).
DONE_BY_HAND = {
    "week60": [
        (DeadlineKind.UWV_SICKNESS_REPORT, 3, "Ziekmelding via het werkgeversportaal van UWV."),
    ],
    "week92": [
        (DeadlineKind.UWV_SICKNESS_REPORT, 3, "Ziekmelding via het werkgeversportaal van UWV."),
        (
            DeadlineKind.REINTEGRATION_REPORT,
            2,
            "Re-integratieverslag opgesteld en een exemplaar aan de werknemer gegeven.",
        ),
    ],
}


def seed(ctx: Any) -> None:
    """Recompute the deadlines of all cases and complete the demo's manual steps once."""
    deadlines_recompute_all(reason=_("Demodata geladen"))
    for (slug, stage), case in ctx.cases.items():
        hr = ctx.users[(slug, Role.HR)]
        for kind, days_before, note in DONE_BY_HAND.get(stage, ()):
            deadline = Deadline.objects.get(case=case, kind=kind)
            if deadline.status == DeadlineStatus.DONE or deadline.due_date is None:
                continue
            done_on = min(deadline.due_date - timedelta(days=days_before), ctx.today)
            deadline_complete(deadline=deadline, completed_on=done_on, note=note, actor=hr)


def after_volume(ctx: Any) -> None:
    """Compute the deadlines of the generated cases (`seed_demo --employees N`)."""
    deadlines_recompute_all(reason=_("Demodata geladen"))
