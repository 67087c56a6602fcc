"""Object permissions for employers, employees and cases (django-rules).

Each rule here must agree with the matching `visible_to(user)` queryset; the permission tests
check both together.
"""

from __future__ import annotations

from collections.abc import Iterable

import rules

from accounts.models import Role

from .batched_reads import CaseRows, CaseRowsRead
from .models import Case, CaseAssignment, Employee, Employer


def hr_employer_ids(user) -> frozenset[int]:
    """Return (and cache on the user object) the ids of the employers an HR user serves."""
    cached = getattr(user, "_hr_employer_ids", None)
    if cached is None:
        cached = frozenset(user.hr_employers.values_list("pk", flat=True))
        user._hr_employer_ids = cached
    return cached


#: The employers an HR user serves, by the user's id (the same SQL for everyone: prepared).
_HR_EMPLOYERS = CaseRows(
    lambda user_id: Employer.objects.filter(hr_users=user_id).only("pk").order_by()
)


def hr_employers_read(user) -> CaseRowsRead | None:
    """Return the read behind :func:`hr_employer_ids` while it is still to be done (an HR user
    whose employers are not known yet), for a page to send it with its first query
    (:func:`cases.batched_reads.querysets_read`) and hand its rows to
    :func:`hr_employer_ids_remember`; else None."""
    if (
        getattr(user, "_hr_employer_ids", None) is not None
        or getattr(user, "role", None) != Role.HR
    ):
        return None
    return _HR_EMPLOYERS.read_id(user.pk)


def hr_employer_ids_remember(user, employers: Iterable[Employer]) -> None:
    """Remember the employers read by :func:`hr_employers_read` as `hr_employer_ids(user)`."""
    user._hr_employer_ids = frozenset(employer.pk for employer in employers)


def hr_employers_by_name(user) -> list[Employer]:
    """Return the employers an HR user serves by name, with only their pk and name read; their
    ids fill the cache of :func:`hr_employer_ids` (one query for a page's filter and rules)."""
    employers = list(user.hr_employers.only("pk", "name").order_by("name"))
    user._hr_employer_ids = frozenset(e.pk for e in employers)
    return employers


def _employer_id(obj: object) -> int | None:
    if isinstance(obj, Employer):
        return obj.pk
    if isinstance(obj, (Employee, Case)):
        return obj.employer_id
    return getattr(obj, "employer_id", None)


@rules.predicate
def is_hr_of_employer(user, obj) -> bool:
    """HR user serving the employer that `obj` (employer, employee or case) belongs to."""
    if obj is None or not user.is_authenticated or user.role != Role.HR:
        return False
    return _employer_id(obj) in hr_employer_ids(user)


@rules.predicate
def is_manager_of(user, obj) -> bool:
    """Manager (leidinggevende) of the employee or of the case's employee."""
    if obj is None or not user.is_authenticated or user.role != Role.MANAGER:
        return False
    employee = obj if isinstance(obj, Employee) else getattr(obj, "employee", None)
    return bool(employee and employee.manager_id and employee.manager.user_id == user.pk)


@rules.predicate
def is_the_employee(user, obj) -> bool:
    """The employee themself (their own record or their own case)."""
    if obj is None or not user.is_authenticated or user.role != Role.EMPLOYEE:
        return False
    employee = obj if isinstance(obj, Employee) else getattr(obj, "employee", None)
    return bool(employee and employee.user_id == user.pk)


@rules.predicate
def is_assigned(user, case) -> bool:
    """A bedrijfsarts or specialist with an active assignment to this case."""
    if case is None or not user.is_authenticated:
        return False
    if user.role not in (Role.OCCUPATIONAL_PHYSICIAN, Role.REINTEGRATION_SPECIALIST):
        return False
    if isinstance(case, Case) and "assignments" in getattr(case, "_prefetched_objects_cache", {}):
        # The active team as loaded with the case (the case page attaches every active
        # assignment): no query for each check.
        return any(a.active and a.user_id == user.pk for a in case.assignments.all())
    case_id = case.pk if isinstance(case, Case) else getattr(case, "case_id", None)
    return CaseAssignment.objects.filter(case_id=case_id, user=user, active=True).exists()


@rules.predicate
def is_assigned_physician(user, case) -> bool:
    return (
        user.is_authenticated
        and user.role == Role.OCCUPATIONAL_PHYSICIAN
        and is_assigned(user, case)
    )


@rules.predicate
def is_assigned_specialist(user, case) -> bool:
    """An arbeidsdeskundige or re-integratiebureau coach assigned to this case."""
    return (
        user.is_authenticated
        and user.role == Role.REINTEGRATION_SPECIALIST
        and is_assigned(user, case)
    )


@rules.predicate
def employer_allows_manager_reports(user, obj) -> bool:
    employer = obj if isinstance(obj, Employer) else getattr(obj, "employer", None)
    return bool(employer and employer.allow_manager_reports)


@rules.predicate
def employer_allows_employee_sick_report(user, obj) -> bool:
    employer = getattr(obj, "employer", None)
    return bool(employer and employer.allow_employee_sick_report)


@rules.predicate
def employer_allows_employee_recovery_report(user, obj) -> bool:
    employer = getattr(obj, "employer", None)
    return bool(employer and employer.allow_employee_recovery_report)


rules.add_perm("cases.view_employer", is_hr_of_employer)
rules.add_perm("cases.change_employer", is_hr_of_employer)
rules.add_perm("cases.view_employee", is_hr_of_employer | is_manager_of | is_the_employee)
rules.add_perm("cases.change_employee", is_hr_of_employer)
rules.add_perm("cases.import_employees", is_hr_of_employer)
rules.add_perm("cases.view_case", is_hr_of_employer | is_manager_of | is_the_employee | is_assigned)
rules.add_perm("cases.change_case", is_hr_of_employer)
rules.add_perm(
    "cases.report_sick",
    is_hr_of_employer
    | (is_manager_of & employer_allows_manager_reports)
    | (is_the_employee & employer_allows_employee_sick_report),
)
rules.add_perm(
    "cases.report_recovery",
    is_hr_of_employer
    | (is_manager_of & employer_allows_manager_reports)
    | (is_the_employee & employer_allows_employee_recovery_report),
)
