"""Shared fixtures: one small world with two employers and a user of every role."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from accounts.models import Role, User
from cases.models import AssignmentKind, Case, Employee, Employer
from tests.factories import (
    CaseAssignmentFactory,
    CaseFactory,
    EmployeeFactory,
    EmployerFactory,
    UserFactory,
)


@dataclass
class World:
    """Two employers (a, b); in each an HR user, a manager with a team, employees with cases."""

    employer_a: Employer
    employer_b: Employer
    hr_a: User
    hr_b: User
    manager_a: User
    employee_user_a: User
    employee_a: Employee  # linked to employee_user_a, in manager_a's team
    colleague_a: Employee  # same employer, not in manager_a's team, no login
    employee_b: Employee
    case_a: Case  # employee_a's case
    colleague_case_a: Case
    case_b: Case
    physician: User  # assigned to case_a only
    specialist: User  # assigned to case_a only
    other_physician: User  # assigned to nothing


@pytest.fixture
def world(db) -> World:
    employer_a = EmployerFactory(name="Alfa B.V.")
    employer_b = EmployerFactory(name="Bravo B.V.")
    hr_a = UserFactory(role=Role.HR, full_name="HR Alfa")
    hr_b = UserFactory(role=Role.HR, full_name="HR Bravo")
    employer_a.hr_users.add(hr_a)
    employer_b.hr_users.add(hr_b)
    manager_a = UserFactory(role=Role.MANAGER, full_name="Manager Alfa")
    manager_record = EmployeeFactory(employer=employer_a, user=manager_a)
    employee_user_a = UserFactory(role=Role.EMPLOYEE, full_name="Werknemer Alfa")
    employee_a = EmployeeFactory(employer=employer_a, user=employee_user_a, manager=manager_record)
    colleague_a = EmployeeFactory(employer=employer_a)
    employee_b = EmployeeFactory(employer=employer_b)
    case_a = CaseFactory(employee=employee_a, reported_by=hr_a, casemanager=hr_a)
    colleague_case_a = CaseFactory(employee=colleague_a, reported_by=hr_a)
    case_b = CaseFactory(employee=employee_b, reported_by=hr_b)
    physician = UserFactory(role=Role.OCCUPATIONAL_PHYSICIAN, full_name="Bedrijfsarts")
    specialist = UserFactory(role=Role.REINTEGRATION_SPECIALIST, full_name="Arbeidsdeskundige")
    other_physician = UserFactory(role=Role.OCCUPATIONAL_PHYSICIAN, full_name="Andere arts")
    CaseAssignmentFactory(case=case_a, user=physician)
    CaseAssignmentFactory(
        case=case_a, user=specialist, kind=AssignmentKind.REINTEGRATION_SPECIALIST
    )
    return World(
        employer_a=employer_a,
        employer_b=employer_b,
        hr_a=hr_a,
        hr_b=hr_b,
        manager_a=manager_a,
        employee_user_a=employee_user_a,
        employee_a=employee_a,
        colleague_a=colleague_a,
        employee_b=employee_b,
        case_a=case_a,
        colleague_case_a=colleague_case_a,
        case_b=case_b,
        physician=physician,
        specialist=specialist,
        other_physician=other_physician,
    )


@pytest.fixture
def login(client):
    """Return a function that logs `user` in on the test client (MFA set-up not required)."""

    def _login(user: User):
        from allauth.mfa.models import Authenticator

        if user.requires_mfa and not Authenticator.objects.filter(user=user).exists():
            Authenticator.objects.create(
                user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
            )
        client.force_login(user)
        return client

    return _login
