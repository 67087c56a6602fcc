"""Reads behind the case views; every one starts from what the user may see."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import Http404

from .models import Case, CaseQuerySet

if TYPE_CHECKING:
    from accounts.models import User


def case_list(*, user: User) -> CaseQuerySet:
    """Return the cases `user` may see, shaped for the overview table."""
    return Case.objects.visible_to(user).select_related(
        "employee", "employee__department", "employer", "casemanager"
    )


def case_get(*, user: User, pk: int, perm: str = "cases.view_case") -> Case:
    """Return one case, or 404 when it is not visible to `user`, 403 when `perm` is lacking.

    A case outside the user's scope is reported as not found, so its existence is not revealed.
    """
    case = (
        Case.objects.visible_to(user)
        .select_related("employee", "employee__department", "employee__manager", "employer")
        .filter(pk=pk)
        .first()
    )
    if case is None:
        raise Http404
    if not user.has_perm(perm, case):
        raise PermissionDenied
    return case
