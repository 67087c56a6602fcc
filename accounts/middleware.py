"""Mandatory two-factor authentication, the session timeouts, the user's language."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_htmx.http import HttpResponseClientRedirect

from .session_timeout import (
    SessionEnd,
    activity_record,
    idle_timeout_for,
    session_end_reason,
)

#: Paths a user without MFA may still reach: set-up, logout, static files, health check.
ALLOWED_PREFIXES = ("/accounts/", "/static/", "/healthz", "/i18n/")


def mfa_setup_required(user: object) -> bool:
    """Return whether this user must set up MFA before using the app."""
    if not getattr(user, "is_authenticated", False) or not user.requires_mfa:  # type: ignore[attr-defined]
        return False
    if settings.DEMO_MODE and user.is_demo:  # type: ignore[attr-defined]
        return False
    return not is_mfa_enabled(user)


class RequireMFAMiddleware:
    """Send HR users and bedrijfsartsen to the TOTP set-up until they have activated it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(ALLOWED_PREFIXES) or not mfa_setup_required(request.user):
            return self.get_response(request)
        messages.warning(
            request,
            _(
                "U werkt met gezondheidsgegevens. Stel eerst tweestapsverificatie in "
                "voordat u verdergaat."
            ),
        )
        return redirect(reverse("mfa_activate_totp"))


class LanguageMiddleware:
    """Activate Dutch, or the language the user chose explicitly (cookie set by /i18n/setlang/).

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language header: the
    product speaks Dutch unless someone switches to English on purpose.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class SessionTimeoutMiddleware:
    """Log a user out after the idle timeout of their role or the maximum session age.

    They land on the login page with a Dutch message saying why (an htmx request gets an
    HX-Redirect, so the login page is not swapped into a fragment). Every request counts as
    activity, except the htmx requests of a view marked `session_timeout.polling`.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        now = time.time()
        user = request.user
        if user.is_authenticated:
            idle_timeout = idle_timeout_for(user)
            reason = session_end_reason(
                request.session,
                now=now,
                idle_timeout=idle_timeout,
                max_age=settings.SESSION_COOKIE_AGE,
            )
            if reason is not None:
                return self._logged_out(request, reason, idle_timeout)
        response = self.get_response(request)
        if request.user.is_authenticated and not getattr(request, "_session_polling", False):
            activity_record(request.session, now=now)
        return response

    def process_view(self, request: HttpRequest, view_func: Callable[..., Any], *args: Any) -> None:
        if getattr(view_func, "session_polling", False) and request.headers.get("HX-Request"):
            request._session_polling = True  # type: ignore[attr-defined]

    def _logged_out(
        self, request: HttpRequest, reason: SessionEnd, idle_timeout: int | None
    ) -> HttpResponse:
        logout(request)
        if reason is SessionEnd.IDLE and idle_timeout is not None:
            minutes = max(1, idle_timeout // 60)
            text = ngettext(
                "U bent na %(minutes)s minuut zonder activiteit uitgelogd.",
                "U bent na %(minutes)s minuten zonder activiteit uitgelogd.",
                minutes,
            ) % {"minutes": minutes}
        else:
            hours = max(1, settings.SESSION_COOKIE_AGE // 3600)
            text = _(
                "U bent uitgelogd: een sessie duurt ten hoogste %(hours)s uur. Log opnieuw in."
            ) % {"hours": hours}
        messages.info(request, text)
        if request.headers.get("HX-Request"):
            return HttpResponseClientRedirect(resolve_url(settings.LOGIN_URL))
        next_url = request.get_full_path() if request.method == "GET" else None
        return redirect_to_login(next_url) if next_url else redirect(settings.LOGIN_URL)
