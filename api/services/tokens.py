"""Creating, looking up and revoking API tokens."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Employer

from ..models import ApiToken, Scope

if TYPE_CHECKING:
    from accounts.models import User

#: Written on `last_used_at` at most this often per token (no write on every request).
LAST_USED_RESOLUTION = timedelta(minutes=1)
TOKEN_PREFIX = "pw_"


@dataclass(frozen=True)
class CreatedToken:
    token: ApiToken
    secret: str  # shown once, never stored


def token_hash(secret: str) -> str:
    """Return the stored hash of a token secret."""
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def api_token_create(
    *,
    employer: Employer,
    name: str,
    scopes: list[str],
    actor: User,
    expires_at: datetime | None = None,
) -> CreatedToken:
    """Create a token and its service account; return the secret (to be shown once)."""
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = _("Geef de sleutel een naam, bijvoorbeeld het systeem dat hem gebruikt.")
    if not scopes or set(scopes) - set(Scope.values):
        errors["scopes"] = _("Kies minstens één geldig recht.")
    if expires_at is not None and expires_at <= timezone.now():
        errors["expires_at"] = _("De vervaldatum moet in de toekomst liggen.")
    if errors:
        raise ValidationError(errors)
    body = secrets.token_urlsafe(32)
    secret = f"{TOKEN_PREFIX}{body}"
    service_account = get_user_model().objects.create_user(
        email=f"api-{secrets.token_hex(8)}@api.invalid",
        password=None,
        full_name=_("API-sleutel “%(name)s” (%(employer)s)")
        % {"name": name.strip()[:100], "employer": employer.name},
        role="",
        is_active=False,
    )
    token = ApiToken(
        employer=employer,
        name=name.strip(),
        prefix=secret[:10],
        token_hash=token_hash(secret),
        scopes=sorted(set(scopes)),
        expires_at=expires_at,
        actor=service_account,
        created_by=actor,
    )
    token.full_clean()
    token.save()
    return CreatedToken(token=token, secret=secret)


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor: User) -> ApiToken:
    """Revoke a token at once; it answers 401 from the next request on."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.revoked_by = actor
        token.save(update_fields=["revoked_at", "revoked_by"])
    return token


def api_token_authenticate(secret: str, *, now: datetime | None = None) -> ApiToken | None:
    """Return the active token for `secret` (and note its use), or None."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    now = now or timezone.now()
    token = (
        ApiToken.objects.select_related("employer", "actor")
        .filter(token_hash=token_hash(secret))
        .first()
    )
    if token is None or not token.is_active(now):
        return None
    if token.last_used_at is None or token.last_used_at < now - LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
