"""Small helpers shared by the RIV content builders."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.utils import timezone

if TYPE_CHECKING:
    from accounts.models import User


def name_of(user: User | None) -> str:
    if user is None:
        return ""
    return user.full_name or user.email


def local(moment: datetime | None) -> datetime | None:
    return timezone.localtime(moment) if moment is not None else None
