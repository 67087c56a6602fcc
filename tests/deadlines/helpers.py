"""Small helpers shared by the deadlines DB tests."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import time_machine

from cases.models import Case, SickPeriod
from tests.factories import CaseFactory

AMS = ZoneInfo("Europe/Amsterdam")


def on(day: date, hour: int = 8):
    """Return a time_machine travel to ``day`` at ``hour`` Amsterdam time (no ticking)."""
    return time_machine.travel(datetime.combine(day, time(hour), tzinfo=AMS), tick=False)


def case_from(first_sick_day: date, **kwargs) -> Case:
    """Create a case with one running sick period starting on ``first_sick_day``."""
    return CaseFactory(first_sick_day=first_sick_day, **kwargs)


def move_first_sick_day(case: Case, new_day: date) -> None:
    """Correct the first sick day of a one-period case (what the cases app will do)."""
    Case.objects.filter(pk=case.pk).update(first_sick_day=new_day)
    SickPeriod.objects.filter(case=case).update(start=new_day)
    case.refresh_from_db()
