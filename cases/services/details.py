"""The ziekmelding details HR may change afterwards (domain reference §4.2)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction

from ..models import Case
from ._common import _audited

if TYPE_CHECKING:
    from accounts.models import User


#: The ziekmelding details HR may change afterwards (§4.2). The casemanager is part of the
#: case team (:mod:`cases.services.team`).
DETAIL_FIELDS = (
    "contact_phone",
    "contact_address",
    "expected_duration",
    "appointments_note",
    "safety_net_applies",
    "work_accident",
    "liable_third_party",
)


@transaction.atomic
def case_update_details(*, case: Case, actor: User, **changes: Any) -> Case:
    """Change the ziekmelding details; the history keeps the old values."""
    unknown = set(changes) - set(DETAIL_FIELDS)
    if unknown:
        raise ValueError(f"not a ziekmelding detail: {sorted(unknown)}")
    case = Case.objects.select_for_update().get(pk=case.pk)
    for name, value in changes.items():
        setattr(case, name, value)
    case.full_clean()
    with _audited(actor, "cases.update_details"):
        case.save()
    return case
