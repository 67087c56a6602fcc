"""Small helpers shared by the deadlines DB tests."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import time_machine

from cases.models import Case
from cases.services import case_correct_first_sick_day
from tests.factories import CaseFactory

AMS = ZoneInfo("Europe/Amsterdam")


def on(day: date, hour: int = 8):
    """Return a time_machine travel to ``day`` at ``hour`` Amsterdam time (no ticking)."""
    return time_machine.travel(datetime.combine(day, time(hour), tzinfo=AMS), tick=False)


def case_from(first_sick_day: date, **kwargs) -> Case:
    """Create a case with one running sick period starting on ``first_sick_day``."""
    return CaseFactory(first_sick_day=first_sick_day, **kwargs)


def move_first_sick_day(case: Case, new_day: date) -> None:
    """Correct the first sick day of a one-period case through the service, as HR would."""
    case_correct_first_sick_day(
        case=case, new_date=new_day, reason="Correctie in de test", actor=case.reported_by
    )
    case.refresh_from_db()
