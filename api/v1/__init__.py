"""API v1 under /api/v1/: django-ninja, bearer tokens, RFC 9457 errors, OpenAPI at schema/.

Why django-ninja: its release declares Django 6.1 support (classifier "Framework :: Django ::
6.1"), and it brings the OpenAPI schema itself; drf-spectacular, the schema generator Django
REST framework would need, declares Django only up to 6.0 in its current release.
"""

from __future__ import annotations

import functools
import logging

from django.contrib.auth.decorators import login_not_required
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaValidationError

from cases.constraint_errors import integrity_error_message

from .auth import TokenAuth
from .cases import router as cases_router
from .deadlines import router as deadlines_router
from .employees import router as employees_router
from .problems import Problem, api_language, from_schema_errors, problem_response
from .sickness import router as sickness_router

logger = logging.getLogger(__name__)

api = NinjaAPI(
    title="Poortwachter API",
    version="1",
    description=(
        "Employees, sickness reports, cases and deadlines of one employer, for payroll and HR "
        "systems. Authenticate with `Authorization: Bearer <token>`; HR creates tokens under "
        "Koppelingen. Errors are RFC 9457 problem details in Dutch or English (Accept-Language)."
        " No medical data is ever returned."
    ),
    urls_namespace="api-v1",
    auth=TokenAuth(),
    openapi_url="/schema/",
    docs_url=None,
)
api.add_router("/", employees_router)
api.add_router("/", sickness_router)
api.add_router("/", cases_router)
api.add_router("/", deadlines_router)


@api.exception_handler(Problem)
def _problem(request: HttpRequest, exc: Problem) -> HttpResponse:
    return problem_response(request, exc)


@api.exception_handler(SchemaValidationError)
def _schema_error(request: HttpRequest, exc: SchemaValidationError) -> HttpResponse:
    return problem_response(request, from_schema_errors(exc.errors))


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return problem_response(
        request, Problem(401, _("Ontbrekende, onbekende, verlopen of ingetrokken API-sleutel."))
    )


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return problem_response(request, Problem(404))


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return problem_response(request, Problem(exc.status_code))


@api.exception_handler(IntegrityError)
def _constraint_violated(request: HttpRequest, exc: IntegrityError) -> HttpResponse:
    """A write that raced past the checks: 409 with the constraint's Dutch message."""
    return problem_response(request, Problem(409, integrity_error_message(exc)))


@api.exception_handler(Exception)
def _server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("API error on %s", request.path)
    return problem_response(request, Problem(500))


def _public(view):
    """Let a token-authenticated API view past the login wall, in the client's language."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        with translation.override(api_language(request)):
            response = view(request, *args, **kwargs)
        response.setdefault("Content-Language", api_language(request))
        response.setdefault("Cache-Control", "no-store")
        return response

    return login_not_required(wrapped)


def _unknown(request: HttpRequest, rest: str = "") -> HttpResponse:
    return problem_response(request, Problem(404, _("Onbekend adres in de API.")))


def urlpatterns() -> list[URLPattern | URLResolver]:
    """Return the API's URL patterns, each reachable without a session.

    Any other path under /api/v1/ answers a problem-details 404 (not an HTML page).
    """
    patterns, _app_name, _namespace = api.urls
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            # ninja's "api-root" (its docs link) only serves to find the prefix here
            view = _unknown if pattern.name == "api-root" else pattern.callback
            pattern.callback = _public(view)
    return [*patterns, path("<path:rest>", _public(_unknown), name="unknown")]
