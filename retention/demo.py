"""Demo data for retention: closed cases past their term, one under a legal hold, one soon due.

Run by `seed_demo` after the lower apps (INSTALLED_APPS order). Uses demo employees that have
no staged case (so the absence history leaves them alone). Idempotent: a case is created only
when the employee has none. After `manage.py retention` the anonymised rows stay anonymised;
the next `seed_demo` gives the former employee a fresh record (new personnel number row).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import Role
from cases.models import Case, CaseStatus, CloseReason, Employee, SickPeriod
from dossier.demo import DEMO_SCAN
from dossier.services import document_upload

from .terms import add_years

#: (employer slug, personnel number, stage): which free demo employee gets which case.
DEMO_CASES = [
    ("korenschoof", "00012", "retention_due"),
    ("korenschoof", "00013", "retention_left"),
    ("korenschoof", "00014", "retention_hold"),
    ("techniek-noord", "00112", "retention_soon"),
]
LEGAL_HOLD_REASON = "Lopende procedure bij de kantonrechter over de loondoorbetaling."


def _ends(stage: str, today: date) -> date:
    """Return the last sick day of the stage's case."""
    if stage == "retention_soon":
        return add_years(today, -2) + timedelta(days=30)  # due within the next 3 months
    if stage == "retention_due":
        return add_years(today, -2) - timedelta(days=200)
    return add_years(today, -3)


def seed(ctx: Any) -> None:
    """Give the retention demo employees their closed cases."""
    for slug, number, stage in DEMO_CASES:
        employer = ctx.employers[slug]
        employee = Employee.objects.filter(employer=employer, personnel_number=number).first()
        if employee is None:
            continue
        hr = ctx.users[(slug, Role.HR)]
        case = employee.cases.order_by("first_sick_day").first() or _case(
            employee, stage, hr, ctx.today
        )
        ctx.cases[(slug, stage)] = case


def _case(employee: Employee, stage: str, hr: Any, today: date) -> Case:
    end = _ends(stage, today)
    start = end - timedelta(weeks=14)
    left = stage == "retention_left"
    if left:
        employee.employment_end_date = end
        employee.save(update_fields=["employment_end_date"])
    case = Case.objects.create(
        employer=employee.employer,
        employee=employee,
        first_sick_day=start,
        reported_on=start,
        reported_by=hr,
        casemanager=hr,
        status=CaseStatus.CLOSED if left else CaseStatus.RECOVERED,
        close_reason=CloseReason.EMPLOYMENT_ENDED if left else CloseReason.RECOVERED,
        employment_end_date=end if left else None,
        contact_address="Dorpsstraat 12, 1234 AB Ergens",
        contact_phone="06-12345678",
        expected_duration="Enkele maanden",
        appointments_note=f"Overdracht van de taken van {employee.full_name} aan een collega.",
    )
    SickPeriod.objects.create(case=case, start=start, end=end)
    if stage == "retention_hold":
        Case.objects.filter(pk=case.pk).update(
            legal_hold=True,
            legal_hold_reason=LEGAL_HOLD_REASON,
            legal_hold_since=timezone.now(),
            legal_hold_by=hr,
        )
    document_upload(
        case=case,
        actor=hr,
        title=f"Verslag gesprek met {employee.full_name}",
        upload=SimpleUploadedFile("verslag.pdf", DEMO_SCAN, content_type="application/pdf"),
    )
    return case
