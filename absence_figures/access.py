"""Who may see which absence figures: HR the employers they serve, a manager their department.

Figures are aggregates, but of people whose sickness is sensitive: a manager sees only their
own department (or, without a department, the team they lead), and any group of fewer than
``MIN_GROUP_SIZE`` employees is suppressed so that no individual can be recognised.
"""

from __future__ import annotations

from dataclasses import dataclass

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


def analysis_access(user: object) -> AnalysisAccess | None:
    """Return what `user` may see on the Analyse page, or None when nothing at all.

    HR's and superusers' employers are read with their name only: the page needs no more.
    """
    if not may_view_analysis(user):
        return None
    if user.is_superuser:  # type: ignore[attr-defined]
        return AnalysisAccess(tuple(Employer.objects.only("name").order_by("name")))
    if user.role == Role.HR:  # type: ignore[attr-defined]
        employers = user.hr_employers.only("name").order_by("name")  # type: ignore[attr-defined]
        return AnalysisAccess(tuple(employers))
    record = Employee.objects.select_related("employer", "department").filter(user=user).first()
    if record is None:
        return AnalysisAccess((), is_manager=True)
    if record.department is not None:
        return AnalysisAccess((record.employer,), is_manager=True, department=record.department)
    return AnalysisAccess((record.employer,), is_manager=True, team_of=record)
