"""The payroll import of employees (all rows or nothing)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..employee_import import ImportReport, employee_import_preview
from ..models import Department, Employee, Employer
from ._common import _audited

if TYPE_CHECKING:
    from accounts.models import User


@transaction.atomic
def employees_import(*, employer: Employer, data: bytes, actor: User) -> ImportReport:
    """Import a payroll CSV for `employer`: all rows or, on any error, nothing.

    Updates by personnel number, never deletes, creates departments on the fly and links the
    managers in a second pass. Raises ValidationError (with the report) when the file is bad.
    """
    report = employee_import_preview(employer=employer, data=data)
    if not report.ok:
        error = ValidationError(_("Het bestand bevat fouten; er is niets geïmporteerd."))
        error.report = report  # type: ignore[attr-defined]
        raise error
    departments = {d.name: d for d in Department.objects.filter(employer=employer)}
    employees = {
        e.personnel_number: e
        for e in Employee.objects.select_for_update().filter(employer=employer)
    }
    with _audited(actor, "cases.import_employees"):
        for row in report.rows:
            department = None
            if row.department:
                if row.department not in departments:
                    departments[row.department] = Department.objects.create(
                        employer=employer, name=row.department
                    )
                department = departments[row.department]
            employee = employees.get(row.personnel_number) or Employee(
                employer=employer, personnel_number=row.personnel_number
            )
            if row.action == "unchanged":
                continue
            for name, value in row.model_fields().items():
                setattr(employee, name, value)
            employee.department = department
            employee.full_clean(exclude=["manager"], validate_unique=False)
            employee.save()
            employees[row.personnel_number] = employee
        for row in report.rows:
            employee = employees[row.personnel_number]
            manager = employees.get(row.manager_number) if row.manager_number else None
            if employee.manager_id != (manager.pk if manager else None):
                employee.manager = manager
                employee.save(update_fields=["manager"])
    return report
