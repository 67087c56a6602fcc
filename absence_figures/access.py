"""Who may see which absence figures: HR the employers they serve, a manager their department.

Figures are aggregates, but of people whose sickness is sensitive: a manager sees only their
own department (or, without a department, the team they lead), and any group of fewer than
``MIN_GROUP_SIZE`` employees is suppressed so that no individual can be recognised.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from accounts.models import Role
from cases.models import Department, Employee, Employer

from .aggregates import Scope

#: Groups with fewer employees than this show no figures (privacy).
MIN_GROUP_SIZE = 5


@dataclass(frozen=True)
class AnalysisAccess:
    """The employers (and for managers the fixed department or team) a user's figures cover."""

    employers: tuple[Employer, ...]
    is_manager: bool = False
    department: Department | None = None
    team_of: Employee | None = None
    #: HR and superusers: the departments of `employers`, as the filter offers them (by name;
    #: with several employers by employer name, then name, each with its employer attached).
    departments: tuple[Department, ...] | None = None

    def scope(
        self, employer: Employer | None = None, department: Department | None = None
    ) -> Scope:
        """Return the SQL scope, narrowed to one employer/department the user may choose."""
        if self.is_manager:
            return Scope(
                tuple(e.pk for e in self.employers),
                department_id=self.department.pk if self.department else None,
                team_of_employee_id=self.team_of.pk if self.team_of else None,
            )
        employer_ids = (employer.pk,) if employer else tuple(e.pk for e in self.employers)
        return Scope(employer_ids, department_id=department.pk if department else None)


def may_view_analysis(user: object) -> bool:
    """Return whether `user` may open the Analyse page (HR, managers, superusers)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:  # type: ignore[attr-defined]
        return False
    return user.is_superuser or user.role in (Role.HR, Role.MANAGER)  # type: ignore[attr-defined]


def _with_departments(employers: QuerySet[Employer]) -> AnalysisAccess:
    """Return the access to `employers` with their departments, read in one query.

    The employers are made as ``only("name")`` would make them, the departments with their
    name and employer: all the filter, the department names and the scope label read.
    """
    rows = employers.order_by("name", "departments__name").values_list(
        "pk", "name", "departments__pk", "departments__name"
    )
    db, fetch_mode = rows.db, rows._fetch_mode
    by_pk: dict[int, Employer] = {}
    departments = []
    for pk, name, department_pk, department_name in rows:
        employer = by_pk.get(pk)
        if employer is None:
            employer = by_pk[pk] = Employer.from_db(
                db, ("id", "name"), (pk, name), fetch_mode=fetch_mode
            )
        if department_pk is not None:
            department = Department.from_db(
                db,
                ("id", "employer_id", "name"),
                (department_pk, pk, department_name),
                fetch_mode=fetch_mode,
            )
            department.employer = employer
            departments.append(department)
    return AnalysisAccess(tuple(by_pk.values()), departments=tuple(departments))


def analysis_access(user: object) -> AnalysisAccess | None:
    """Return what `user` may see on the Analyse page, or None when nothing at all.

    HR's and superusers' employers are read with their departments in one query, with the
    names only: the page needs no more.
    """
    if not may_view_analysis(user):
        return None
    if user.is_superuser:  # type: ignore[attr-defined]
        return _with_departments(Employer.objects.all())
    if user.role == Role.HR:  # type: ignore[attr-defined]
        return _with_departments(user.hr_employers.all())  # type: ignore[attr-defined]
    record = Employee.objects.select_related("employer", "department").filter(user=user).first()
    if record is None:
        return AnalysisAccess((), is_manager=True)
    if record.department is not None:
        return AnalysisAccess((record.employer,), is_manager=True, department=record.department)
    return AnalysisAccess((record.employer,), is_manager=True, team_of=record)
