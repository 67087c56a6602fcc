"""Helpers shared by the dossier services."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

if TYPE_CHECKING:
    from accounts.models import User
    from cases.models import Case


def require_perm(actor: User, perm: str, case: Case) -> None:
    """Raise PermissionDenied unless `actor` has `perm` on `case`."""
    if not actor.has_perm(perm, case):
        raise PermissionDenied(perm)
