"""The Analyse page's one read of HR's employers and departments equals the ORM's two reads."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from absence_figures.access import analysis_access
from accounts.models import Role
from cases.models import Department, Employer
from tests.factories import DepartmentFactory, EmployerFactory, UserFactory

pytestmark = pytest.mark.django_db


def _expected(employers):
    """The employers by name and their departments as the filter offered them before."""
    ids = [e.pk for e in employers]
    order = ("employer__name", "name") if len(ids) > 1 else ("name",)
    return (
        [(e.pk, e.name) for e in employers.order_by("name")],
        list(
            Department.objects.filter(employer__in=ids)
            .order_by(*order)
            .values_list("pk", "employer_id", "name", "employer__name")
        ),
    )


def _read(access):
    return (
        [(e.pk, e.name) for e in access.employers],
        [(d.pk, d.employer_id, d.name, d.employer.name) for d in access.departments],
    )


@pytest.mark.parametrize("served", [0, 1, 3])
def test_hr_reads_employers_with_departments_in_one_query(served):
    employers = [EmployerFactory(name=name) for name in ("Zeta & co", "Alfa", "Midden <b>", "Niet")]
    for employer in employers[:2]:
        for name in ("Winkel", "Bakkerij", "kantoor"):
            DepartmentFactory(employer=employer, name=name)
    # employers[2] has no departments, employers[3] is not served
    hr = UserFactory(role=Role.HR)
    for employer in employers[:served]:
        employer.hr_users.add(hr)
    with CaptureQueriesContext(connection) as queries:
        access = analysis_access(hr)
    assert len(queries) == 1
    assert _read(access) == _expected(Employer.objects.filter(hr_users=hr))
    with CaptureQueriesContext(connection) as queries:
        [(e.pk, e.name) for e in access.employers]
        [d.employer.name for d in access.departments]
    assert not queries


def test_superuser_reads_every_employer_with_departments():
    for name in ("B", "A", "C"):
        employer = EmployerFactory(name=name)
        if name != "C":
            DepartmentFactory(employer=employer, name="Z")
            DepartmentFactory(employer=employer, name="Y")
    access = analysis_access(UserFactory(is_superuser=True))
    assert _read(access) == _expected(Employer.objects.all())
