"""factory_boy factories shared by all test folders (nl_NL Faker)."""

from __future__ import annotations

from datetime import date, timedelta

import factory
import faker
from django.utils import timezone

from accounts.models import Role, User
from cases.models import (
    AssignmentKind,
    Case,
    CaseAssignment,
    Department,
    Employee,
    Employer,
    SickPeriod,
)
from cases.validators import bsn_is_valid

factory.Faker._DEFAULT_LOCALE = "nl_NL"
_FAKE = faker.Faker("nl_NL")


def _plain(text: str) -> str:
    """Drop the apostrophe of names like "d' Heripon": pages escape it (&#x27;), and tests look
    for names in the HTML."""
    return text.replace("'", "")


TEST_PASSWORD = "test-wachtwoord-123"


def _valid_bsn(n: int) -> str:
    number = 100000000 + n * 97
    while not bsn_is_valid(f"{number:09d}"):
        number += 1
    return f"{number:09d}"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@test.example")
    full_name = factory.LazyFunction(lambda: _plain(_FAKE.name()))
    role = Role.HR
    password = factory.django.Password(TEST_PASSWORD)


class EmployerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employer

    name = factory.Faker("company")
    kvk_number = factory.Sequence(lambda n: f"{10000000 + n:08d}")
    payroll_tax_number = factory.Sequence(lambda n: f"{800000000 + n:09d}L01")


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    employer = factory.SubFactory(EmployerFactory)
    name = factory.Sequence(lambda n: f"Afdeling {n}")


class EmployeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employee

    employer = factory.SubFactory(EmployerFactory)
    personnel_number = factory.Sequence(lambda n: f"P{n:05d}")
    first_name = factory.LazyFunction(lambda: _plain(_FAKE.first_name()))
    last_name = factory.LazyFunction(lambda: _plain(_FAKE.last_name()))
    bsn = factory.Sequence(_valid_bsn)
    date_of_birth = date(1980, 5, 17)
    function_title = "Medewerker"
    contract_hours = 36


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case
        skip_postgeneration_save = True

    employee = factory.SubFactory(EmployeeFactory)
    employer = factory.SelfAttribute("employee.employer")
    first_sick_day = factory.LazyFunction(lambda: timezone.localdate() - timedelta(weeks=3))
    reported_on = factory.SelfAttribute("first_sick_day")
    reported_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def sick_period(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            SickPeriod.objects.create(case=obj, start=obj.first_sick_day)


class CaseAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseAssignment

    case = factory.SubFactory(CaseFactory)
    user = factory.SubFactory(UserFactory, role=Role.OCCUPATIONAL_PHYSICIAN)
    kind = AssignmentKind.OCCUPATIONAL_PHYSICIAN
