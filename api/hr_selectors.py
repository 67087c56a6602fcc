"""Reads behind the Koppelingen pages: only the employers the HR user serves (else 404)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import Http404

from cases.models import Employer
from cases.rules import hr_employer_ids

from .models import ApiToken, WebhookDelivery, WebhookEndpoint

if TYPE_CHECKING:
    from accounts.models import User


#: The token columns of the Koppelingen table (never the hash).
_TOKEN_OVERVIEW_COLUMNS = (
    "name",
    "prefix",
    "scopes",
    "expires_at",
    "created_at",
    "last_used_at",
    "revoked_at",
    "employer__name",
    "created_by__full_name",
    "created_by__email",
)


def managed_employers(*, user: User) -> QuerySet[Employer]:
    """Return the employers whose integrations `user` manages."""
    if not user.is_authenticated or not user.is_hr:
        return Employer.objects.none()
    return Employer.objects.filter(pk__in=hr_employer_ids(user))


def managed_employer_ids(*, user: User) -> frozenset[int]:
    """Return the ids of the employers whose integrations `user` manages (one query, then
    cached on the user for the permission checks and the lists below)."""
    if not user.is_authenticated or not user.is_hr:
        return frozenset()
    return hr_employer_ids(user)


def token_list(*, user: User) -> QuerySet[ApiToken]:
    ids = hr_employer_ids(user) if user.is_authenticated and user.is_hr else frozenset()
    return ApiToken.objects.filter(employer_id__in=ids).select_related("employer", "created_by")


def token_get(*, user: User, pk: int) -> ApiToken:
    token = token_list(user=user).filter(pk=pk).first()
    if token is None:
        raise Http404
    return token


def token_overview(*, user: User) -> QuerySet[ApiToken]:
    """Return :func:`token_list` reading only what the Koppelingen table shows."""
    return token_list(user=user).only(*_TOKEN_OVERVIEW_COLUMNS)


def endpoint_list(*, user: User) -> QuerySet[WebhookEndpoint]:
    ids = hr_employer_ids(user) if user.is_authenticated and user.is_hr else frozenset()
    return WebhookEndpoint.objects.filter(employer_id__in=ids).select_related("employer")


def endpoint_get(*, user: User, pk: int) -> WebhookEndpoint:
    endpoint = endpoint_list(user=user).filter(pk=pk).first()
    if endpoint is None:
        raise Http404
    return endpoint


def endpoint_overview(*, user: User) -> QuerySet[WebhookEndpoint]:
    """Return :func:`endpoint_list` reading only what the Koppelingen table shows."""
    return endpoint_list(user=user).only("url", "events", "active", "employer__name")


def delivery_log(*, endpoint: WebhookEndpoint, limit: int = 100) -> list[WebhookDelivery]:
    """Return the endpoint's latest deliveries with their attempts (two queries)."""
    return list(
        WebhookDelivery.objects.filter(endpoint=endpoint)
        .select_related("event")
        .prefetch_related("attempt_log")
        .order_by("-created_at", "-pk")[:limit]
    )
