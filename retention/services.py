"""Writes for retention: the policy, the legal hold, anonymising cases and employees, the run.

Anonymisation is the one path that overwrites case data, and only for cases that are closed
and not under a legal hold: :func:`cases_anonymise` re-checks that on the locked rows, whoever
calls it. Every write runs under a pghistory context naming the actor (None for the nightly
job) and the action, so the case history shows who anonymised or held what and when.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import pghistory
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.anonymisation import employees_anonymise
from cases.anonymisers import case_anonymisers_run
from cases.models import Case, CaseStatus, Employee, Employer

from . import selectors
from .models import RetentionPolicy

if TYPE_CHECKING:
    from accounts.models import User

#: Cases anonymised per transaction by the nightly run.
BATCH_SIZE = 200


def _context(actor: User | None, action: str) -> pghistory.context:
    return pghistory.context(user=actor.pk if actor else None, action=action)


def _require(actor: User, perm: str, obj: object) -> None:
    if not actor.has_perm(perm, obj):
        raise PermissionDenied


@transaction.atomic
def retention_policy_update(
    *,
    employer: Employer,
    actor: User,
    dossier_years: int,
    employee_years: int,
    own_risk_bearer_zw: bool,
) -> RetentionPolicy:
    """Store the employer's retention policy (HR of that employer only)."""
    _require(actor, "retention.change_policy", employer)
    policy = selectors.policy_get(employer)
    policy.dossier_years = dossier_years
    policy.employee_years = employee_years
    policy.own_risk_bearer_zw = own_risk_bearer_zw
    policy.full_clean()
    with _context(actor, "retention.policy_update"):
        policy.save()
    return policy


@transaction.atomic
def legal_hold_set(*, case: Case, reason: str, actor: User) -> Case:
    """Put the case under a legal hold: it is never anonymised until the hold is lifted."""
    _require(actor, "retention.set_legal_hold", case)
    case = Case.objects.select_for_update().get(pk=case.pk)
    reason = (reason or "").strip()
    if case.anonymised_at:
        raise ValidationError(_("Dit verzuimdossier is al geanonimiseerd."))
    if not reason:
        raise ValidationError({"reason": _("Geef de reden van de bewaarplicht op.")})
    case.legal_hold = True
    case.legal_hold_reason = reason
    case.legal_hold_since = timezone.now()
    case.legal_hold_by = actor
    case.full_clean()
    with _context(actor, "retention.legal_hold_set"):
        case.save(
            update_fields=["legal_hold", "legal_hold_reason", "legal_hold_since", "legal_hold_by"]
        )
    return case


@transaction.atomic
def legal_hold_lift(*, case: Case, actor: User) -> Case:
    """Lift the legal hold; the case's retention term applies again."""
    _require(actor, "retention.set_legal_hold", case)
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not case.legal_hold:
        raise ValidationError(_("Voor dit verzuimdossier geldt geen bewaarplicht."))
    case.legal_hold = False
    case.legal_hold_reason = ""
    case.legal_hold_since = None
    case.legal_hold_by = None
    with _context(actor, "retention.legal_hold_lift"):
        case.save(
            update_fields=["legal_hold", "legal_hold_reason", "legal_hold_since", "legal_hold_by"]
        )
    return case


@transaction.atomic
def cases_anonymise(*, case_ids: Sequence[int], actor: User | None = None) -> list[int]:
    """Anonymise the cases among `case_ids` that may be: closed, not held, not yet done.

    Every registered anonymiser (`cases.anonymisers`) removes what its app holds. Returns the
    ids anonymised now; an open or held case is silently left alone (the callers list them).
    """
    eligible = list(
        Case.objects.select_for_update()
        .filter(pk__in=list(case_ids), anonymised_at__isnull=True, legal_hold=False)
        .exclude(status=CaseStatus.OPEN)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if eligible:
        with _context(actor, "retention.anonymise"):
            case_anonymisers_run(eligible)
            Case.objects.filter(pk__in=eligible).update(anonymised_at=timezone.now())
    return eligible


@transaction.atomic
def employee_identity_anonymise(
    *, employee_ids: Sequence[int], actor: User | None = None
) -> list[int]:
    """Remove the identity of the employees among `employee_ids` whose cases are all
    anonymised; return the ids done now."""
    eligible = list(
        Employee.objects.select_for_update()
        .filter(pk__in=list(employee_ids), anonymised_at__isnull=True)
        .exclude(Exists(Case.objects.filter(employee=OuterRef("pk"), anonymised_at__isnull=True)))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if eligible:
        with _context(actor, "retention.anonymise_employee"):
            employees_anonymise(eligible)
    return eligible


@transaction.atomic
def employee_erase(*, employee: Employee, actor: User) -> Employee:
    """Erase an employee at HR's request ("verwijderen"): anonymise every case of the employee
    and the employee's identity. The rows stay (the cases are protected and the verzuimcijfers
    count them); refused while a case is open or under a legal hold."""
    _require(actor, "retention.erase_employee", employee)
    employee = Employee.objects.select_for_update().get(pk=employee.pk)
    cases = Case.objects.filter(employee=employee)
    if employee.anonymised_at:
        raise ValidationError(_("Deze werknemer is al geanonimiseerd."))
    if cases.filter(status=CaseStatus.OPEN).exists():
        raise ValidationError(
            _("Deze werknemer heeft een lopend verzuimdossier; sluit dat eerst af.")
        )
    if cases.filter(legal_hold=True).exists():
        raise ValidationError(
            _("Een verzuimdossier van deze werknemer valt onder een bewaarplicht (legal hold).")
        )
    cases_anonymise(case_ids=list(cases.values_list("pk", flat=True)), actor=actor)
    employee_identity_anonymise(employee_ids=[employee.pk], actor=actor)
    employee.refresh_from_db()
    return employee


@dataclass
class RetentionReport:
    """What a retention run found (and, unless a dry run, did)."""

    today: date
    dry_run: bool
    cases: list[selectors.CaseRow] = field(default_factory=list)
    employees: list[selectors.EmployeeRow] = field(default_factory=list)
    cases_done: list[int] = field(default_factory=list)
    employees_done: list[int] = field(default_factory=list)


def retention_due(*, today: date, employer_ids: list[int] | None = None) -> RetentionReport:
    """List what is past its term on `today`: the cases, then the employees (dry run)."""
    rows = selectors.case_rows(today=today, horizon=today, employer_ids=employer_ids)
    due_cases = [row for row in rows if row.verdict.due]
    employees = selectors.employee_rows(
        today=today, horizon=today, case_rows=due_cases, employer_ids=employer_ids
    )
    return RetentionReport(
        today=today,
        dry_run=True,
        cases=due_cases,
        employees=[row for row in employees if row.verdict.due],
    )


def retention_run(*, today: date | None = None, dry_run: bool = False) -> RetentionReport:
    """List what is past its term, then (unless `dry_run`) anonymise exactly that, in batches.

    Safe to run twice: what is anonymised is no longer listed.
    """
    report = retention_due(today=today or timezone.localdate())
    report.dry_run = dry_run
    if dry_run:
        return report
    case_ids = [row.case.pk for row in report.cases]
    for start in range(0, len(case_ids), BATCH_SIZE):
        report.cases_done += cases_anonymise(case_ids=case_ids[start : start + BATCH_SIZE])
    employee_ids = [row.employee.pk for row in report.employees]
    for start in range(0, len(employee_ids), BATCH_SIZE):
        report.employees_done += employee_identity_anonymise(
            employee_ids=employee_ids[start : start + BATCH_SIZE]
        )
    return report
