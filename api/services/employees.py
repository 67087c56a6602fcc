"""Employees written through the API: create or update by personnel number, never delete.

Values are validated by the CSV import's own rules (`clean_employee_values`: BSN elfproef,
plausible dates, contract hours) and the model's (`full_clean`: maximum lengths), so the API
refuses exactly what the import refuses. Unlike the import, an unknown department is refused
instead of created: a typo in a system-to-system call must not invent departments.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pghistory
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases.employee_import import clean_employee_values
from cases.models import Department, Employee, Employer

from ..etags import employee_etag, if_match_ok

if TYPE_CHECKING:
    from accounts.models import User

#: API field → the CSV import's column.
FIELD_COLUMNS = {
    "personnel_number": "personeelsnummer",
    "first_name": "voornaam",
    "name_prefix": "tussenvoegsel",
    "last_name": "achternaam",
    "bsn": "bsn",
    "date_of_birth": "geboortedatum",
    "email": "email",
    "department": "afdeling",
    "function_title": "functie",
    "contract_hours": "contracturen",
    "manager_personnel_number": "personeelsnummer_leidinggevende",
}
COLUMN_FIELDS = {column: field for field, column in FIELD_COLUMNS.items()}
_MODEL_FIELDS = {
    "first_name": "voornaam",
    "name_prefix": "tussenvoegsel",
    "last_name": "achternaam",
    "bsn": "bsn",
    "date_of_birth": "geboortedatum",
    "email": "email",
    "function_title": "functie",
    "contract_hours": "contracturen",
}


class StaleVersion(Exception):
    """The client's `If-Match` does not match the stored version."""


class AlreadyExists(Exception):
    """A create for a personnel number that is already in use."""


def _raw(personnel_number: str, data: dict[str, Any]) -> dict[str, str]:
    raw = {FIELD_COLUMNS[name]: "" if value is None else str(value) for name, value in data.items()}
    raw["personeelsnummer"] = personnel_number
    return raw


def _relations(
    employer: Employer, values: dict[str, Any], errors: dict[str, list[str]]
) -> tuple[Department | None, Employee | None]:
    department = None
    if values["afdeling"]:
        department = Department.objects.filter(employer=employer, name=values["afdeling"]).first()
        if department is None:
            errors.setdefault("department", []).append(
                _("Afdeling '%(name)s' bestaat niet bij deze werkgever.")
                % {"name": values["afdeling"]}
            )
    manager = None
    if values["personeelsnummer_leidinggevende"] and "manager_personnel_number" not in errors:
        number = values["personeelsnummer_leidinggevende"]
        manager = Employee.objects.filter(employer=employer, personnel_number=number).first()
        if manager is None:
            errors.setdefault("manager_personnel_number", []).append(
                _("Leidinggevende met personeelsnummer %(number)s bestaat niet.")
                % {"number": number}
            )
    return department, manager


@transaction.atomic
def employee_upsert(
    *,
    employer: Employer,
    personnel_number: str,
    data: dict[str, Any],
    actor: User,
    if_match: str | None = None,
    create_only: bool = False,
) -> tuple[Employee, str]:
    """Create or update the employee with `personnel_number`; return it and what happened.

    The outcome is "created", "updated" or "unchanged" (an identical repeat writes nothing).
    Raises ValidationError (keyed by API field), StaleVersion or AlreadyExists; nothing is saved.
    """
    values, column_errors = clean_employee_values(_raw(personnel_number, data))
    errors = {
        COLUMN_FIELDS.get(column, column): messages for column, messages in column_errors.items()
    }
    employee = (
        Employee.objects.select_for_update()
        .filter(employer=employer, personnel_number=values["personeelsnummer"])
        .first()
    )
    if employee is not None and create_only:
        raise AlreadyExists
    if not if_match_ok(if_match, employee_etag(employee) if employee else None):
        raise StaleVersion
    department, manager = _relations(employer, values, errors)
    if "bsn" not in errors and values["bsn"]:
        other = Employee.objects.filter(employer=employer, bsn=values["bsn"])
        if employee is not None:
            other = other.exclude(pk=employee.pk)
        taken = other.values_list("personnel_number", flat=True).first()
        if taken:
            errors["bsn"] = [
                _("Dit BSN hoort al bij personeelsnummer %(number)s.") % {"number": taken}
            ]
    if errors:
        raise ValidationError(errors)
    created = employee is None
    if created:
        employee = Employee(employer=employer, personnel_number=values["personeelsnummer"])
    before = None if created else employee_etag(employee)
    for name, column in _MODEL_FIELDS.items():
        setattr(employee, name, values[column])
    employee.department = department
    employee.manager = manager
    employee.full_clean(validate_unique=False, validate_constraints=False)
    if not created and employee_etag(employee) == before:
        return employee, "unchanged"
    with pghistory.context(user=actor.pk, action="api.employee_upsert"):
        employee.save()
    return employee, "created" if created else "updated"
