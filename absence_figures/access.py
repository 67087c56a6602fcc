"""Who may see which absence figures: HR the employers they serve, a manager their department.

Figures are aggregates, but of people whose sickness is sensitive: a manager sees only their
own department (or, without a department, the team they lead), and any group of fewer than
``MIN_GROUP_SIZE`` employees is suppressed so that no individual can be recognised.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connections, router

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


def _access_sql(*, hr: bool) -> str:
    """Return the read of (employer id, name, department id, name) behind ``_with_departments``.

    Written out rather than built from a queryset: building and compiling the queryset (a
    join through the HR users and a left join of the departments) cost more than running it.
    The order is that of the filter: employers by name, then their departments by name.
    """
    through = Employer.hr_users.through._meta
    employer, department = Employer._meta.db_table, Department._meta.db_table
    department_employer = Department._meta.get_field("employer").column
    served = (
        f'JOIN "{through.db_table}" h ON h."{through.get_field("employer").column}" = e."id" '
        f'AND h."{through.get_field("user").column}" = %s '
        if hr
        else ""
    )
    return (
        f'SELECT e."id", e."name", d."id", d."name" FROM "{employer}" e {served}'
        f'LEFT JOIN "{department}" d ON d."{department_employer}" = e."id" '
        'ORDER BY e."name", d."name"'
    )


_HR_SQL, _ALL_SQL = _access_sql(hr=True), _access_sql(hr=False)


def _with_departments(sql: str, params: tuple[int, ...]) -> AnalysisAccess:
    """Return the access to the employers `sql` reads with their departments (one query).

    The employers are made as ``only("name")`` would make them, the departments with their
    name and employer: all the filter, the department names and the scope label read.
    """
    db = router.db_for_read(Employer)
    with connections[db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    by_pk: dict[int, Employer] = {}
    departments = []
    for pk, name, department_pk, department_name in rows:
        employer = by_pk.get(pk)
        if employer is None:
            employer = by_pk[pk] = Employer.from_db(db, ("id", "name"), (pk, name))
        if department_pk is not None:
            department = Department.from_db(
                db, ("id", "employer_id", "name"), (department_pk, pk, department_name)
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
        return _with_departments(_ALL_SQL, ())
    if user.role == Role.HR:  # type: ignore[attr-defined]
        return _with_departments(_HR_SQL, (user.pk,))  # type: ignore[attr-defined]
    record = Employee.objects.select_related("employer", "department").filter(user=user).first()
    if record is None:
        return AnalysisAccess((), is_manager=True)
    if record.department is not None:
        return AnalysisAccess((record.employer,), is_manager=True, department=record.department)
    return AnalysisAccess((record.employer,), is_manager=True, team_of=record)
