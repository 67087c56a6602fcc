"""The Koppelingen pages for HR: API tokens, webhooks with their delivery log, API docs."""

from __future__ import annotations

from datetime import datetime, time

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.csp import CSP
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_POST

from . import hr_selectors
from .forms import ApiTokenForm, WebhookForm
from .services.tokens import api_token_create, api_token_revoke
from .services.webhooks import webhook_endpoint_create, webhook_endpoint_set_active

MANAGE = "api.manage_integrations"


def _employers_or_403(request: HttpRequest):
    employers = hr_selectors.managed_employers(user=request.user)
    if not employers:
        raise PermissionDenied
    return employers


def _checked_employer(request: HttpRequest, employer) -> None:
    if not request.user.has_perm(MANAGE, employer):
        raise PermissionDenied


def overview(request: HttpRequest) -> HttpResponse:
    # Every HR user has this page in the menu; one without employers sees it empty.
    if not request.user.is_hr:
        raise PermissionDenied
    employer_count = len(hr_selectors.managed_employer_ids(user=request.user))
    return render(
        request,
        "api/overview.html",
        {
            "employer_count": employer_count,
            "tokens": hr_selectors.token_overview(user=request.user),
            "endpoints": hr_selectors.endpoint_overview(user=request.user),
        },
    )


def _end_of_day(day) -> datetime | None:
    if day is None:
        return None
    return timezone.make_aware(datetime.combine(day, time(23, 59, 59)))


@never_cache
def token_create(request: HttpRequest) -> HttpResponse:
    employers = _employers_or_403(request)
    form = ApiTokenForm(request.POST or None, employers=employers)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        _checked_employer(request, data["employer"])
        try:
            created = api_token_create(
                employer=data["employer"],
                name=data["name"],
                scopes=data["scopes"],
                expires_at=_end_of_day(data["expires_at"]),
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # Shown once, in this response only (never stored, never in a redirect).
            return render(
                request,
                "api/token_created.html",
                {"token": created.token, "secret": created.secret},
            )
    return render(request, "api/form.html", {"form": form, "title": _("Nieuwe API-sleutel")})


@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = hr_selectors.token_get(user=request.user, pk=pk)
    _checked_employer(request, token.employer)
    api_token_revoke(token=token, actor=request.user)
    messages.success(request, _("De API-sleutel “%(name)s” is ingetrokken.") % {"name": token.name})
    return redirect("api:overview")


@never_cache
def webhook_create(request: HttpRequest) -> HttpResponse:
    employers = _employers_or_403(request)
    form = WebhookForm(request.POST or None, employers=employers)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        _checked_employer(request, data["employer"])
        try:
            endpoint = webhook_endpoint_create(
                employer=data["employer"],
                url=data["url"],
                events=data["events"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return render(request, "api/webhook_created.html", {"endpoint": endpoint})
    return render(request, "api/form.html", {"form": form, "title": _("Nieuwe webhook")})


def webhook_detail(request: HttpRequest, pk: int) -> HttpResponse:
    endpoint = hr_selectors.endpoint_get(user=request.user, pk=pk)
    _checked_employer(request, endpoint.employer)
    return render(
        request,
        "api/webhook_detail.html",
        {"endpoint": endpoint, "deliveries": hr_selectors.delivery_log(endpoint=endpoint)},
    )


@require_POST
def webhook_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    endpoint = hr_selectors.endpoint_get(user=request.user, pk=pk)
    _checked_employer(request, endpoint.employer)
    active = not endpoint.active
    webhook_endpoint_set_active(endpoint=endpoint, active=active, actor=request.user)
    messages.success(
        request, _("De webhook is weer actief.") if active else _("De webhook is gepauzeerd.")
    )
    return redirect("api:webhook_detail", pk=endpoint.pk)


#: Swagger UI sets style attributes; allow inline styles on the docs page only.
_DOCS_CSP = {
    **settings.SECURE_CSP,
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
}


@csp_override(_DOCS_CSP)
def docs(request: HttpRequest) -> HttpResponse:
    _employers_or_403(request)
    return render(request, "api/docs.html")
