"""The history context of a write through the API: the token is the actor."""

from __future__ import annotations

import pghistory

from ..models import ApiToken


def api_write(token: ApiToken, action: str) -> pghistory.context:
    """Return the pghistory context naming the token (its service account is the user)."""
    return pghistory.context(
        user=token.actor_id, api_token=token.pk, api_token_name=token.name, action=action
    )
