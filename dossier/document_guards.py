"""Extra checks before a document is shown or downloaded, registered by the apps above.

Some documents are produced by an app above the dossier (the exported re-integratieverslag)
and have an audience of their own. That app registers a guard in its `AppConfig.ready()`; the
document views call :func:`document_guards_check` before the ordinary permission checks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from accounts.models import User

#: Raises Http404 or PermissionDenied to refuse; returns None to let the document pass.
type DocumentGuard = Callable[..., None]

_GUARDS: dict[str, DocumentGuard] = {}


def document_guard_register(name: str, guard: DocumentGuard) -> None:
    """Register (or replace) a guard called as ``guard(user=, document_pk=, version_pk=)``."""
    _GUARDS[name] = guard


def document_guards_check(
    *, user: User, document_pk: int | None = None, version_pk: int | None = None
) -> None:
    """Run every registered guard; the first that refuses raises."""
    for guard in _GUARDS.values():
        guard(user=user, document_pk=document_pk, version_pk=version_pk)
