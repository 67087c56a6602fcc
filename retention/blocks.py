"""The retention block on the case page and on the employee page (registered in apps.py)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from cases.models import Case, CaseStatus, Employee

from .selectors import case_policy_reads, case_verdict_get


def case_section_context(request: HttpRequest, case: Case) -> dict[str, Any] | None:
    """HR of the employer: the case's term and legal hold; others only an anonymised notice."""
    may_hold = request.user.has_perm("retention.set_legal_hold", case)
    if not may_hold and not case.anonymised_at:
        return None
    verdict = case_verdict_get(case, today=timezone.localdate()) if may_hold else None
    return {"case": case, "verdict": verdict, "may_hold": may_hold}


def case_section_reads(request: HttpRequest, case: Case) -> dict[str, Any]:
    """Return what the section reads for HR: the employer's policy (see `cases.case_page`)."""
    if not request.user.has_perm("retention.set_legal_hold", case):
        return {}
    return case_policy_reads(case)


def employee_block_context(request: HttpRequest, employee: Employee) -> dict[str, Any] | None:
    """HR of the employer: the erase (anonymise) action, or why it is not possible now."""
    if not request.user.has_perm("retention.erase_employee", employee):
        return None
    cases = Case.objects.filter(employee=employee)
    return {
        "employee": employee,
        "has_open_case": cases.filter(status=CaseStatus.OPEN).exists(),
        "has_hold": cases.filter(legal_hold=True).exists(),
    }
