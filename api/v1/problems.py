"""Errors as RFC 9457 problem details, in Dutch or English by `Accept-Language`.

Every error of the API has one shape::

    {"type": "urn:poortwachter:problem:validation-error", "title": "…", "status": 422,
     "detail": "…", "instance": "/api/v1/…", "errors": [{"field": "bsn", "detail": "…"}]}

served as ``application/problem+json``.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation.trans_real import parse_accept_lang_header

PROBLEM_CONTENT_TYPE = "application/problem+json"

#: (slug, title) per status; the type URI is ``urn:poortwachter:problem:<slug>``.
TITLES: dict[int, tuple[str, Any]] = {
    400: ("bad-request", gettext_lazy("Ongeldig verzoek")),
    401: ("unauthenticated", gettext_lazy("Niet geauthenticeerd")),
    403: ("forbidden", gettext_lazy("Geen toegang")),
    404: ("not-found", gettext_lazy("Niet gevonden")),
    405: ("method-not-allowed", gettext_lazy("Methode niet toegestaan")),
    409: ("conflict", gettext_lazy("Conflict")),
    412: ("precondition-failed", gettext_lazy("Gegevens zijn intussen gewijzigd")),
    422: ("validation-error", gettext_lazy("Ongeldige invoer")),
    428: ("precondition-required", gettext_lazy("If-Match vereist")),
    429: ("rate-limited", gettext_lazy("Te veel verzoeken")),
    500: ("server-error", gettext_lazy("Interne fout")),
}


def api_language(request: HttpRequest) -> str:
    """Return "en" when the client prefers English by `Accept-Language`, else "nl"."""
    header = request.headers.get("Accept-Language", "")
    for code, _quality in parse_accept_lang_header(header):
        primary = code.split("-")[0].lower()
        if primary in ("nl", "en"):
            return primary
    return "nl"


class Problem(Exception):
    """Raise to answer with a problem-details response."""

    def __init__(
        self,
        status: int,
        detail: str = "",
        *,
        errors: list[dict[str, str | None]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = errors or []
        self.headers = headers or {}


def problem_response(request: HttpRequest, problem: Problem) -> HttpResponse:
    slug, title = TITLES.get(problem.status, TITLES[400])
    body: dict[str, Any] = {
        "type": f"urn:poortwachter:problem:{slug}",
        "title": str(title),
        "status": problem.status,
        "detail": problem.detail or str(title),
        "instance": request.path,
    }
    if problem.errors:
        body["errors"] = problem.errors
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False),
        status=problem.status,
        content_type=PROBLEM_CONTENT_TYPE,
    )
    for name, value in problem.headers.items():
        response[name] = value
    return response


#: Conflicts with the state of the data, not bad input.
CONFLICT_CODES = frozenset({"open_case_exists", "case_not_open", "case_closed"})


def from_validation_error(exc: ValidationError, fields: dict[str, str] | None = None) -> Problem:
    """Turn a service's Dutch ValidationError into a 422 (409 for a state conflict)."""
    fields = fields or {}
    errors: list[dict[str, str | None]] = []
    if hasattr(exc, "error_dict"):
        for name, field_errors in exc.error_dict.items():
            field = None if name == NON_FIELD_ERRORS else fields.get(name, name)
            for error in field_errors:
                for message in error.messages:
                    errors.append({"field": field, "detail": message})
    else:
        codes = {error.code for error in exc.error_list}
        if codes & CONFLICT_CODES:
            return Problem(409, " ".join(exc.messages))
        errors = [{"field": None, "detail": message} for message in exc.messages]
    detail = errors[0]["detail"] if len(errors) == 1 else _("De invoer bevat fouten.")
    return Problem(422, str(detail), errors=errors)


#: Dutch messages for the schema (pydantic) errors by error type.
_SCHEMA_MESSAGES = {
    "missing": gettext_lazy("Dit veld is verplicht."),
    "string_too_long": gettext_lazy("Deze tekst is te lang."),
    "string_type": gettext_lazy("Verwacht een tekst."),
    "bool_type": gettext_lazy("Verwacht true of false."),
    "bool_parsing": gettext_lazy("Verwacht true of false."),
    "int_type": gettext_lazy("Verwacht een geheel getal."),
    "int_parsing": gettext_lazy("Verwacht een geheel getal."),
    "decimal_parsing": gettext_lazy("Verwacht een getal."),
    "date_from_datetime_parsing": gettext_lazy("Verwacht een datum (JJJJ-MM-DD)."),
    "date_parsing": gettext_lazy("Verwacht een datum (JJJJ-MM-DD)."),
    "date_type": gettext_lazy("Verwacht een datum (JJJJ-MM-DD)."),
    "datetime_parsing": gettext_lazy("Verwacht een tijdstip (ISO 8601)."),
    "datetime_from_date_parsing": gettext_lazy("Verwacht een tijdstip (ISO 8601)."),
    "extra_forbidden": gettext_lazy("Dit veld bestaat niet of mag niet via de API worden gezet."),
    "json_invalid": gettext_lazy("De inhoud is geen geldige JSON."),
}
_LOCATIONS = {"body", "payload", "query", "path", "header", "filters", "data"}


def from_schema_errors(errors: list[dict[str, Any]]) -> Problem:
    """Turn ninja's schema errors into a 422 naming each field."""
    items: list[dict[str, str | None]] = []
    for error in errors:
        path = [str(p) for p in error.get("loc", ()) if str(p) not in _LOCATIONS]
        message = _SCHEMA_MESSAGES.get(error.get("type", ""), gettext_lazy("Ongeldige waarde."))
        items.append({"field": ".".join(path) or None, "detail": str(message)})
    detail = items[0]["detail"] if len(items) == 1 else _("De invoer bevat fouten.")
    return Problem(422, str(detail), errors=items)
