"""The payroll import of employees (all rows or nothing)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

# The module, not its function: employee_import_jobs uses these services in turn.
from .. import employee_import_jobs
from ..employee_import import ImportReport, employee_import_preview
from ..models import Employer

if TYPE_CHECKING:
    from accounts.models import User


@transaction.atomic
def employees_import(*, employer: Employer, data: bytes, actor: User) -> ImportReport:
    """Import a payroll CSV for `employer`: all rows or, on any error, nothing.

    Updates by personnel number, never deletes, creates departments on the fly and links the
    managers in a second pass, with bulk statements. Raises ValidationError (with the report)
    when the file is bad. The browser runs the same through a Celery job
    (`cases.employee_import_jobs`).
    """
    report = employee_import_preview(employer=employer, data=data)
    if not report.ok:
        error = ValidationError(_("Het bestand bevat fouten; er is niets geïmporteerd."))
        error.report = report  # type: ignore[attr-defined]
        raise error
    employee_import_jobs.employees_import_apply(employer=employer, report=report, actor=actor)
    return report
