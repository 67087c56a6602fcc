"""Entity tags of API resources: a stable hash of what the representation depends on."""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal

from cases.models import Employee

_EMPLOYEE_FIELDS = (
    "pk",
    "personnel_number",
    "first_name",
    "name_prefix",
    "last_name",
    "bsn",
    "date_of_birth",
    "email",
    "phone",
    "function_title",
    "contract_hours",
    "department_id",
    "manager_id",
    "employment_end_date",
)


def _text(value: object) -> str:
    if isinstance(value, Decimal):  # 36 and 36.0 are the same stored value
        return str(value.quantize(Decimal("0.1")))
    return str(value)


def _tag(parts: list[object]) -> str:
    digest = hashlib.sha256("\x1f".join(_text(p) for p in parts).encode()).hexdigest()
    return f'"{digest[:32]}"'


def employee_etag(employee: Employee) -> str:
    """Return the strong ETag of an employee (changes with every stored field)."""
    return _tag([getattr(employee, name) for name in _EMPLOYEE_FIELDS])


def case_etag(representation: dict) -> str:
    """Return the ETag of a case: a hash of its whole representation (header, sick periods,
    work resumptions, milestones), so a partial recovery, which does not save the case row,
    changes it too."""
    return _tag([json.dumps(representation, sort_keys=True, default=str)])


def if_match_ok(if_match: str | None, current: str | None) -> bool:
    """Return whether an `If-Match` header allows changing a resource with tag `current`.

    No header: allowed (the check is opt-in). ``*``: the resource must exist.
    """
    if if_match is None:
        return True
    tags = [tag.strip() for tag in if_match.split(",")]
    if "*" in tags:
        return current is not None
    return current is not None and current in tags
