"""A small fixed data set with hand-computed figures for March 2026 (see test_db.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from accounts.models import Role, User
from cases.models import Case, CaseStatus, CloseReason, Department, Employer, SickPeriod
from cases.models import WorkResumption as Resumption
from tests.factories import (
    CaseFactory,
    DepartmentFactory,
    EmployeeFactory,
    EmployerFactory,
    UserFactory,
)

MARCH = (date(2026, 3, 1), date(2026, 3, 31))


@dataclass
class FixedSet:
    employer: Employer
    department: Department
    hr: User
    manager: User
    other_employer: Employer


def _case(employee, start: date, end: date | None, hr, **fields) -> Case:
    case = CaseFactory(
        employee=employee,
        first_sick_day=start,
        reported_by=hr,
        sick_period=False,
        status=CaseStatus.OPEN if end is None else CaseStatus.RECOVERED,
        **fields,
    )
    SickPeriod.objects.create(case=case, start=start, end=end)
    return case


@pytest.fixture
def fixed_set(db) -> FixedSet:
    """Seven employees of one employer (full-time = 40 h) in one department, plus noise.

    P 20 h, sick 10-19 March · Q 40 h, sick 20 Feb-5 Mar, 50 % from 1 Mar · R 40 h, sick from
    25 March (still sick) · S 40 h, joined 16 March · T 32 h, left 10 March, sick 8-12 March ·
    U 40 h, sick 2-4 March and relapse 20-23 March (one case) · V no contract hours, a case
    registered in error.
    """
    employer = EmployerFactory(full_time_hours=40)
    department = DepartmentFactory(employer=employer, name="Productie")
    hr = UserFactory(role=Role.HR)
    employer.hr_users.add(hr)
    manager = UserFactory(role=Role.MANAGER)
    manager_record = EmployeeFactory(
        employer=employer,
        department=department,
        user=manager,
        contract_hours=40,
        employment_start_date=date(2027, 1, 1),  # not employed in 2026: outside the figures
    )

    def emp(hours, **extra):
        return EmployeeFactory(
            employer=employer,
            department=department,
            contract_hours=hours,
            manager=manager_record,
            **extra,
        )

    p, q, r = emp(20), emp(40), emp(40)
    emp(40, employment_start_date=date(2026, 3, 16))  # S
    t = emp(32, employment_start_date=date(2020, 1, 1), employment_end_date=date(2026, 3, 10))
    u, v = emp(40), emp(0)
    _case(p, date(2026, 3, 10), date(2026, 3, 19), hr)
    q_case = _case(q, date(2026, 2, 20), date(2026, 3, 5), hr)
    Resumption.objects.create(
        case=q_case, start=date(2026, 3, 1), percentage_sick=50, created_by=hr
    )
    _case(r, date(2026, 3, 25), None, hr)
    _case(t, date(2026, 3, 8), date(2026, 3, 12), hr)
    u_case = _case(u, date(2026, 3, 2), date(2026, 3, 4), hr)
    SickPeriod.objects.create(case=u_case, start=date(2026, 3, 20), end=date(2026, 3, 23))
    _case(
        v,
        date(2026, 3, 3),
        date(2026, 3, 20),
        hr,
        close_reason=CloseReason.REGISTERED_IN_ERROR,
    )
    # Another employer's sick employee must never count.
    other = EmployerFactory()
    _case(EmployeeFactory(employer=other), date(2026, 3, 1), None, hr)
    return FixedSet(employer, department, hr, manager, other)
