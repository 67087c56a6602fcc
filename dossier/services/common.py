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


def recompute_deadlines_on_commit(*, case: Case, reason: str, actor: User | None) -> None:
    """After commit, let the deadlines app recompute the case's timeline from the new facts."""
    from deadlines.services import deadlines_recompute_on_commit

    deadlines_recompute_on_commit(case=case, reason=reason, actor=actor)
