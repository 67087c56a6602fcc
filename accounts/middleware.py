"""Mandatory two-factor authentication for roles that handle health-related data."""

from __future__ import annotations

from collections.abc import Callable

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

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
