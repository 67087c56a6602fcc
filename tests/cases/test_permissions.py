"""Role × case permission matrix: `cases.view_case` must agree with `Case.objects.visible_to`."""

from __future__ import annotations

import pytest

from cases.models import Case, CaseAssignment, Employee

pytestmark = pytest.mark.django_db

# (user attribute, case attribute, may view?)
VIEW_MATRIX = [
    ("hr_a", "case_a", True),
    ("hr_a", "colleague_case_a", True),
    ("hr_a", "case_b", False),  # other employer
    ("hr_b", "case_a", False),
    ("hr_b", "case_b", True),
    ("manager_a", "case_a", True),  # own team
    ("manager_a", "colleague_case_a", False),  # same employer, not their team
    ("manager_a", "case_b", False),
    ("employee_user_a", "case_a", True),  # own case
    ("employee_user_a", "colleague_case_a", False),
    ("employee_user_a", "case_b", False),
    ("physician", "case_a", True),  # assigned
    ("physician", "colleague_case_a", False),
    ("physician", "case_b", False),
    ("specialist", "case_a", True),
    ("specialist", "case_b", False),
    ("other_physician", "case_a", False),  # not assigned
]


@pytest.mark.parametrize(("user_attr", "case_attr", "allowed"), VIEW_MATRIX)
def test_view_case_rule_and_visible_to_agree(world, user_attr, case_attr, allowed):
    user = getattr(world, user_attr)
    case = getattr(world, case_attr)
    assert user.has_perm("cases.view_case", case) is allowed
    assert Case.objects.visible_to(user).filter(pk=case.pk).exists() is allowed


@pytest.mark.parametrize(
    ("user_attr", "allowed"),
    [
        ("hr_a", True),
        ("hr_b", False),
        ("manager_a", False),
        ("employee_user_a", False),
        ("physician", False),
        ("specialist", False),
    ],
)
def test_only_own_employers_hr_may_change_a_case(world, user_attr, allowed):
    assert getattr(world, user_attr).has_perm("cases.change_case", world.case_a) is allowed


def test_ended_assignment_removes_access(world):
    CaseAssignment.objects.filter(user=world.physician).update(active=False)
    assert not world.physician.has_perm("cases.view_case", world.case_a)
    assert not Case.objects.visible_to(world.physician).exists()


def test_inactive_user_sees_nothing(world):
    world.hr_a.is_active = False
    world.hr_a.save()
    assert not Case.objects.visible_to(world.hr_a).exists()
    assert not Employee.objects.visible_to(world.hr_a).exists()


@pytest.mark.parametrize(
    ("user_attr", "employee_attr", "allowed"),
    [
        ("hr_a", "employee_a", True),
        ("hr_a", "employee_b", False),
        ("manager_a", "employee_a", True),
        ("manager_a", "colleague_a", False),
        ("employee_user_a", "employee_a", True),
        ("employee_user_a", "colleague_a", False),
        ("physician", "employee_a", False),
    ],
)
def test_view_employee_rule_and_visible_to_agree(world, user_attr, employee_attr, allowed):
    user = getattr(world, user_attr)
    employee = getattr(world, employee_attr)
    assert user.has_perm("cases.view_employee", employee) is allowed
    assert Employee.objects.visible_to(user).filter(pk=employee.pk).exists() is allowed


def test_employee_self_report_depends_on_employer_setting(world):
    employee_user = world.employee_user_a
    world.employer_a.allow_employee_sick_report = False
    world.employer_a.save()
    assert not employee_user.has_perm("cases.report_sick", world.employee_a)
    world.employer_a.allow_employee_sick_report = True
    world.employer_a.save()
    world.employee_a.refresh_from_db()
    assert employee_user.has_perm("cases.report_sick", world.employee_a)
    assert not employee_user.has_perm("cases.report_sick", world.colleague_a)
