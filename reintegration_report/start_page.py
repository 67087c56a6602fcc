"""HR's start page block: the open cases whose Poortwachtertoets risk is high."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from cases.models import Case

from .poortwachtertoets import CheckResult, Risk, poortwachter_check_case

#: No finding can fall due before the end of week 6 (the probleemanalyse, day 42).
_FIRST_POSSIBLE = timedelta(days=41)


def high_risk_cases(user: Any) -> list[tuple[Case, CheckResult]]:
    """Return the open cases `user` may export whose toets risk is high, with their toets."""
    today = timezone.localdate()
    cases = (
        Case.objects.visible_to(user)
        .open()
        .filter(first_sick_day__lt=today - _FIRST_POSSIBLE)
        .select_related("employee")
        .order_by("first_sick_day", "pk")
    )
    result = []
    for case in cases:
        if not user.has_perm("reintegration_report.export", case):
            continue
        check = poortwachter_check_case(case, on=today)
        if check.risk == Risk.HIGH:
            result.append((case, check))
    return result


def start_block_context(request: HttpRequest) -> dict[str, Any] | None:
    """Return the block's context for HR (the list itself loads afterwards); None otherwise."""
    if not request.user.is_hr:
        return None
    return {}
