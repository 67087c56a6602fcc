"""Bearer-token authentication, the per-token rate limit and the scope check."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security import HttpBearer

from ..models import ApiToken
from ..services.tokens import api_token_authenticate
from .problems import Problem

#: Default: 600 requests per 60 seconds per token (settings.API_RATE_LIMIT overrides).
DEFAULT_RATE_LIMIT = (600, 60)


def _rate_limit() -> tuple[int, int]:
    return tuple(getattr(settings, "API_RATE_LIMIT", DEFAULT_RATE_LIMIT))  # type: ignore[return-value]


def check_rate_limit(token: ApiToken, *, now: float | None = None) -> None:
    """Count one request in the token's fixed window (shared cache); raise 429 when over."""
    limit, window = _rate_limit()
    now = time.time() if now is None else now
    slot = int(now // window)
    key = f"api:rate:{token.pk}:{slot}"
    cache.add(key, 0, timeout=window + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window + 1)
        count = 1
    if count > limit:
        retry_after = max(1, int((slot + 1) * window - now) + 1)
        raise Problem(
            429,
            _("Maximaal %(limit)s verzoeken per %(window)s seconden per sleutel.")
            % {"limit": limit, "window": window},
            headers={"Retry-After": str(retry_after)},
        )


class TokenAuth(HttpBearer):
    """`Authorization: Bearer pw_…`: an active token of one employer."""

    openapi_description = "API token created by HR under Koppelingen; shown once."

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        api_token = api_token_authenticate(token)
        if api_token is None:
            raise Problem(401, _("Ontbrekende, onbekende, verlopen of ingetrokken API-sleutel."))
        check_rate_limit(api_token)
        return api_token


def require_scope(request: HttpRequest, scope: str) -> ApiToken:
    """Return the request's token, or raise 403 when it lacks `scope`."""
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    if scope not in token.scopes:
        raise Problem(
            403, _("Deze API-sleutel heeft het recht '%(scope)s' niet.") % {"scope": scope}
        )
    return token
