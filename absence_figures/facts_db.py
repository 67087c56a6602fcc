"""Build the pure rules' facts from stored data (the reference path; the pages use SQL totals).

Part-time factor = contract hours / the employer's full-time hours (capped at 1); an employee
without contract hours counts as full-time (an approximation, flagged on the page). Each
ziekteperiode is a sick report (a relapse is a new report for the figures); the case's partial
recovery records (``WorkResumption``) are its incapacity steps. Cases closed as registered in
error or merged into another case are left out.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from fractions import Fraction

from django.db.models import Q, QuerySet

from cases.models import CloseReason, Department, Employee, Employer, SickPeriod, WorkResumption

from .figures import Employment, IncapacityStep, Period, SickReport

#: Close reasons whose sick periods are not (or not again) reports for the figures.
EXCLUDED_CLOSE_REASONS = (CloseReason.REGISTERED_IN_ERROR, CloseReason.MERGED)


def part_time_factor(contract_hours: Decimal, full_time_hours: Decimal) -> Fraction:
    """Return contract hours / full-time hours in (0, 1]; no contract hours counts as 1."""
    if not contract_hours or contract_hours <= 0:
        return Fraction(1)
    return min(Fraction(contract_hours) / Fraction(full_time_hours), Fraction(1))


def scoped_employees(
    *, employer: Employer | None = None, department: Department | None = None
) -> QuerySet[Employee]:
    """Return the employees of an employer (or of one department of it)."""
    employees = Employee.objects.all()
    if employer is not None:
        employees = employees.filter(employer=employer)
    if department is not None:
        employees = employees.filter(department=department)
    return employees


def facts_from_db(
    period: Period,
    *,
    employer: Employer | None = None,
    department: Department | None = None,
    employees: QuerySet[Employee] | None = None,
) -> tuple[list[Employment], list[SickReport]]:
    """Return the employees and sick reports relevant to `period` as pure facts."""
    if employees is None:
        employees = scoped_employees(employer=employer, department=department)
    rows = employees.values_list(
        "pk",
        "contract_hours",
        "employer__full_time_hours",
        "employment_start_date",
        "employment_end_date",
    )
    facts = [
        Employment(str(pk), part_time_factor(hours, full), start, until)
        for pk, hours, full, start, until in rows
    ]
    periods = (
        SickPeriod.objects.filter(case__employee__in=employees.values("pk"))
        .exclude(case__close_reason__in=EXCLUDED_CLOSE_REASONS)
        .filter(start__lte=period.end)
        .filter(Q(end__isnull=True) | Q(end__gte=period.start))
        .values_list("case_id", "case__employee_id", "start", "end")
        .order_by("start", "pk")
    )
    periods = list(periods)
    steps_by_case: dict[int, list[tuple]] = defaultdict(list)
    resumptions = WorkResumption.objects.filter(case_id__in={p[0] for p in periods}).order_by(
        "start", "pk"
    )
    for case_id, start, percentage in resumptions.values_list(
        "case_id", "start", "percentage_sick"
    ):
        steps_by_case[case_id].append((start, percentage))
    reports = []
    for case_id, employee_id, start, end in periods:
        steps = {start: Fraction(100)}
        for step_start, percentage in steps_by_case[case_id]:
            if step_start >= start and (end is None or step_start <= end):
                steps[step_start] = Fraction(percentage)
        incapacity = tuple(IncapacityStep(day, pct) for day, pct in sorted(steps.items()))
        reports.append(SickReport(str(employee_id), start, end, incapacity))
    return facts, reports
