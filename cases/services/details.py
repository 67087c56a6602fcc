"""The ziekmelding details HR may change afterwards (domain reference §4.2)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Case
from ._common import _audited, _schedule_recompute

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
    "safety_net_situation",
    "employment_end_date",
    "work_accident",
    "liable_third_party",
)

#: Details that change a deadline (the UWV reports of vangnet and ziek-uit-dienst cases).
DEADLINE_DETAIL_FIELDS = frozenset({"safety_net_situation", "employment_end_date"})


@transaction.atomic
def case_update_details(*, case: Case, actor: User, **changes: Any) -> Case:
    """Change the ziekmelding details; the history keeps the old values."""
    unknown = set(changes) - set(DETAIL_FIELDS)
    if unknown:
        raise ValueError(f"not a ziekmelding detail: {sorted(unknown)}")
    case = Case.objects.select_for_update().get(pk=case.pk)
    before = {name: getattr(case, name) for name in DEADLINE_DETAIL_FIELDS}
    for name, value in changes.items():
        setattr(case, name, value)
    if case.safety_net_situation:
        case.safety_net_applies = True  # a chosen situation is a vangnet case
    case.full_clean()
    with _audited(actor, "cases.update_details"):
        case.save()
    if any(getattr(case, name) != value for name, value in before.items()):
        _schedule_recompute(
            case=case, reason=_("Vangnetsituatie of einde dienstverband gewijzigd"), actor=actor
        )
    return case
