"""The one hook by which a change of case facts reaches the apps that derive from them.

A service that changes what the deadlines depend on (periods, dossier steps, the tweede spoor)
calls :func:`case_facts_changed_send`; `deadlines` subscribes in its `AppConfig.ready()` and
recomputes the case after commit. The writing app never imports the deadlines app.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.dispatch import Signal

if TYPE_CHECKING:
    from accounts.models import User

    from .models import Case

#: Sent with ``case``, ``reason`` (a short English text for the history) and ``actor``.
case_facts_changed = Signal()


def case_facts_changed_send(*, case: Case, reason: str, actor: User | None) -> None:
    """Tell the subscribers that the facts of `case` changed (inside the writing transaction)."""
    case_facts_changed.send(sender=type(case), case=case, reason=reason, actor=actor)


#: Sent after commit with ``case``, ``role`` (a `TeamRole` value), ``user`` (the new member)
#: and ``actor`` when someone joins a case team; `deadlines` notifies the new member.
case_team_joined = Signal()


def case_team_joined_send(*, case: Case, role: str, user: User, actor: User) -> None:
    """Tell the subscribers that `user` joined the team of `case` as `role`."""
    case_team_joined.send(sender=type(case), case=case, role=role, user=user, actor=actor)
