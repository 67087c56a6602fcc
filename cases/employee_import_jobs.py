"""The confirmed payroll import as a background job: request, run (Celery), bulk writes.

HR's dry run (:func:`cases.employee_import.employee_import_preview`) shows every error with its
line number; on confirmation :func:`employee_import_request` stores the file in an
:class:`EmployeeImport` row and queues the task, whose :func:`employee_import_run` validates
the file again (the employer's employees may have changed since), reports its progress, and
writes everything in one transaction with bulk statements, or nothing.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING

import pghistory
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from . import tasks
from .employee_import import ImportReport, employee_import_preview
from .models import Department, Employee, EmployeeImport, Employer, ImportStatus
from .services.invitations import employees_invite

if TYPE_CHECKING:
    from accounts.models import User

logger = logging.getLogger(__name__)

#: A running import not finished after this long belongs to a dead worker (task hard limit).
STALE_AFTER = timedelta(minutes=12)
BATCH = 1000
_UPDATED_FIELDS = [
    "first_name",
    "name_prefix",
    "last_name",
    "bsn",
    "date_of_birth",
    "email",
    "function_title",
    "contract_hours",
    "employment_start_date",
    "employment_end_date",
    "department",
]


def _require_import_perm(actor: User, employer: Employer) -> None:
    if not actor.has_perm("cases.import_employees", employer):
        raise PermissionDenied


@transaction.atomic
def employee_import_request(
    *, employer: Employer, data: bytes, actor: User, invite: bool = False
) -> EmployeeImport:
    """Record HR's confirmed import and queue it after commit.

    With `invite`, the task afterwards invites the file's employees who have an e-mail address
    and no account (nor an open invitation) yet.
    """
    _require_import_perm(actor, employer)
    job = EmployeeImport.objects.create(
        employer=employer, requested_by=actor, data=data, invite=invite, step=_("In de wachtrij")
    )
    transaction.on_commit(lambda: tasks.run_employee_import.delay(job.pk))
    return job


def _progress(import_id: int, percent: int, step: str) -> None:
    """Write progress at once (outside the import's transaction) so the page sees it."""
    EmployeeImport.objects.filter(pk=import_id, status=ImportStatus.RUNNING).update(
        progress=max(0, min(100, percent)), step=step[:200]
    )


def _claim(import_id: int) -> bool:
    now = timezone.now()
    return bool(
        EmployeeImport.objects.filter(pk=import_id)
        .filter(
            Q(status=ImportStatus.QUEUED)
            | Q(status=ImportStatus.RUNNING, started_at__lt=now - STALE_AFTER)
        )
        .update(status=ImportStatus.RUNNING, started_at=now, progress=1, step=_("Gestart"))
    )


def _report_text(report: ImportReport, limit: int = 50) -> str:
    lines = list(report.file_errors)
    for line, errors in report.sorted_row_errors[:limit]:
        lines.append(_("Regel %(line)s: %(errors)s") % {"line": line, "errors": " ".join(errors)})
    if len(report.row_errors) > limit:
        lines.append(_("… en nog %(n)s regels met fouten.") % {"n": len(report.row_errors) - limit})
    return "\n".join(lines)


def employee_import_run(*, import_id: int) -> EmployeeImport | None:
    """Validate and write one queued import; return it, or None when another run has it.

    Safe to run twice (claimed with a conditional update). The file is emptied afterwards.
    """
    if not _claim(import_id):
        return None
    job = EmployeeImport.objects.select_related("employer", "requested_by").get(pk=import_id)
    result: dict[str, object]
    try:
        _require_import_perm(job.requested_by, job.employer)
        report = employee_import_preview(
            employer=job.employer,
            data=bytes(job.data),
            progress=lambda done, total: _progress(
                import_id,
                5 + 65 * done // total,
                _("Controleren: regel %(done)s van %(total)s") % {"done": done, "total": total},
            ),
        )
        if not report.ok:
            raise ValidationError(_report_text(report))
        _progress(import_id, 75, _("Opslaan"))
        employees_import_apply(employer=job.employer, report=report, actor=job.requested_by)
    except PermissionDenied:
        result = _failed(_("De aanvrager mag voor deze werkgever niet meer importeren."))
    except ValidationError as error:
        result = _failed(
            _("Het bestand bevat fouten; er is niets geïmporteerd.") + "\n" + error.messages[0]
        )
    except Exception:  # any failure must end up on the page, never hang at 'running'
        logger.exception("Employee import %s failed", import_id)
        result = _failed(
            _("De import is mislukt; er is niets geïmporteerd. Probeer het opnieuw of neem contact "
              "op met de beheerder.")
        )  # fmt: skip
    else:
        result = {
            "status": ImportStatus.DONE,
            "progress": 100,
            "step": _("Klaar"),
            "created": report.count("create"),
            "updated": report.count("update"),
            "unchanged": report.count("unchanged"),
        }
        if job.invite:
            result.update(_invite_imported(job, report))
    EmployeeImport.objects.filter(pk=import_id).update(
        data=b"", finished_at=timezone.now(), **result
    )
    job.refresh_from_db()
    return job


def _invite_imported(job: EmployeeImport, report: ImportReport) -> dict[str, object]:
    """Invite the file's employees with an e-mail address and no account; return the result.

    The import itself is committed by now: a failure here is reported, never undoes it.
    """
    _progress(job.pk, 90, _("Uitnodigingen versturen"))
    employees = (
        Employee.objects.filter(
            employer=job.employer,
            personnel_number__in=[row.personnel_number for row in report.rows],
            user__isnull=True,
        )
        .exclude(email="")
        .order_by("pk")
    )
    try:
        invited = employees_invite(
            employer=job.employer, employees=employees, actor=job.requested_by
        )
    except Exception:  # the employees are imported; say what did not happen
        logger.exception("Invitations of employee import %s failed", job.pk)
        return {
            "error": _(
                "De werknemers zijn geïmporteerd, maar het versturen van de uitnodigingen is "
                "mislukt. Nodig ze uit vanaf de pagina Uitnodigingen."
            )
        }
    return {"invited": invited}


def _failed(message: str) -> dict[str, object]:
    return {"status": ImportStatus.FAILED, "step": _("Mislukt"), "error": message}


@transaction.atomic
def employees_import_apply(*, employer: Employer, report: ImportReport, actor: User) -> None:
    """Write the planned rows of a valid `report` with bulk statements, in one transaction.

    Creates departments on the fly, creates and updates employees by personnel number (never
    deletes), then links managers in a second pass. Audited like every write (pghistory's
    triggers see bulk statements too).
    """
    with pghistory.context(user=actor.pk, action="cases.import_employees"):
        existing = {
            e.personnel_number: e
            for e in Employee.objects.select_for_update().filter(employer=employer)
        }
        departments = {d.name: d for d in Department.objects.filter(employer=employer)}
        missing = {r.department for r in report.rows if r.department} - set(departments)
        for department in Department.objects.bulk_create(
            [Department(employer=employer, name=name) for name in sorted(missing)],
            batch_size=BATCH,
        ):
            departments[department.name] = department
        changed, created = [], 0
        for row in report.rows:
            if row.action == "unchanged":
                continue
            employee = existing.get(row.personnel_number)
            if employee is None:
                employee = Employee(employer=employer, personnel_number=row.personnel_number)
                created += 1
            for name, value in row.model_fields().items():
                setattr(employee, name, value)
            employee.department = departments[row.department] if row.department else None
            changed.append(employee)
        # One INSERT … ON CONFLICT DO UPDATE per batch writes new and changed rows alike (far
        # faster than bulk_update's CASE expressions); the primary keys come back.
        _upsert(changed, _UPDATED_FIELDS)
        by_number = existing | {e.personnel_number: e for e in changed}
        managers_changed: list[tuple[int, int | None]] = []
        for row in report.rows:
            employee = by_number[row.personnel_number]
            manager = by_number[row.manager_number].pk if row.manager_number else None
            if employee.manager_id != manager:
                managers_changed.append((employee.pk, manager))
        _link_managers(managers_changed)


def _link_managers(pairs: list[tuple[int, int | None]], batch: int = 5000) -> None:
    """Set each (employee id, manager id) with one UPDATE … FROM unnest() per batch."""
    table = connection.ops.quote_name(Employee._meta.db_table)
    with connection.cursor() as cursor:
        for start in range(0, len(pairs), batch):
            chunk = pairs[start : start + batch]
            cursor.execute(
                f"UPDATE {table} AS e SET manager_id = v.manager_id "
                "FROM unnest(%s::bigint[], %s::bigint[]) AS v(id, manager_id) WHERE e.id = v.id",
                [[pk for pk, _ in chunk], [manager for _, manager in chunk]],
            )


def _upsert(employees: list[Employee], fields: list[str]) -> None:
    Employee.objects.bulk_create(
        employees,
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["employer", "personnel_number"],
        update_fields=fields,
    )


def employee_import_get(*, user: User, pk: int) -> EmployeeImport:
    """Return an import of an employer `user` may import for (404 otherwise)."""
    job = EmployeeImport.objects.filter(pk=pk).select_related("employer", "requested_by").first()
    if job is None or not user.has_perm("cases.import_employees", job.employer):
        raise Http404
    return job
