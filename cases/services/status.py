"""Status transitions of a case along the transition table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from ..models import Case
from ._common import _apply_transition, _audited

if TYPE_CHECKING:
    from accounts.models import User


@transaction.atomic
def case_transition(*, case: Case, to: str, reason: str = "", actor: User) -> Case:
    """Change the status of a case along the transition table; forbidden ones raise."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    with _audited(actor, "cases.transition"):
        _apply_transition(case, to, reason)
    return case
