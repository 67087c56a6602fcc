"""Employees: list, read, create, and create-or-update by personnel number (never delete)."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Header, Query, Router, Schema, Status

from .. import selectors
from ..models import Scope
from ..services.employees import AlreadyExists, StaleVersion, employee_upsert
from .auth import require_scope
from .context import api_write
from .pagination import paginate
from .problems import Problem, from_validation_error
from .schemas import EmployeeCreate, EmployeeIn, EmployeeOut, EmployeePage, ProblemOut

router = Router(tags=["employees"])
ERRORS = {401: ProblemOut, 403: ProblemOut, 404: ProblemOut, 422: ProblemOut, 429: ProblemOut}


class EmployeeFilters(Schema):
    personnel_number: str | None = None
    department: str | None = None
    changed_since: datetime | None = None
    cursor: str | None = None
    limit: int | None = None


@router.get("/employees", response={200: EmployeePage, **ERRORS}, summary="List employees")
def employee_list(request: HttpRequest, filters: Query[EmployeeFilters]):
    token = require_scope(request, Scope.EMPLOYEES_READ)
    queryset = selectors.employees_filter(
        selectors.employees_for(token),
        personnel_number=filters.personnel_number,
        department=filters.department,
        changed_since=filters.changed_since,
    )
    page, next_cursor = paginate(queryset, cursor=filters.cursor, limit=filters.limit)
    return {"items": [selectors.employee_data(e) for e in page], "next_cursor": next_cursor}


def _employee_or_404(token, personnel_number: str):
    employee = selectors.employee_for(token, personnel_number)
    if employee is None:
        raise Problem(404, _("Geen werknemer met dit personeelsnummer."))
    return employee


@router.get(
    "/employees/{personnel_number}",
    response={200: EmployeeOut, **ERRORS},
    summary="Read one employee (with ETag)",
    url_name="employee_read",
)
def employee_read(request: HttpRequest, personnel_number: str, response: HttpResponse):
    token = require_scope(request, Scope.EMPLOYEES_READ)
    data = selectors.employee_data(_employee_or_404(token, personnel_number))
    response["ETag"] = data["etag"]
    return data


def _write(request, response, personnel_number, payload, *, if_match=None, create_only=False):
    token = require_scope(request, Scope.EMPLOYEES_WRITE)
    data = payload.dict(exclude={"personnel_number"})
    try:
        with api_write(token, "api.employee_upsert"):
            employee, outcome = employee_upsert(
                employer=token.employer,
                personnel_number=personnel_number,
                data=data,
                actor=token.actor,
                if_match=if_match,
                create_only=create_only,
            )
    except ValidationError as exc:
        raise from_validation_error(exc) from exc
    except AlreadyExists as exc:
        raise Problem(
            409,
            _(
                "Er bestaat al een werknemer met dit personeelsnummer; "
                "gebruik PUT om bij te werken."
            ),
        ) from exc
    except IntegrityError as exc:  # a concurrent create of the same number or BSN won
        raise Problem(
            409, _("Deze werknemer is tegelijk door een ander verzoek opgeslagen.")
        ) from exc
    except StaleVersion as exc:
        raise Problem(
            412,
            _("De werknemer is intussen gewijzigd (If-Match klopt niet). Haal hem opnieuw op."),
        ) from exc
    employee = selectors.employee_for(token, employee.personnel_number)
    body = selectors.employee_data(employee)
    response["ETag"] = body["etag"]
    response["Location"] = reverse("api-v1:employee_read", args=[employee.personnel_number])
    return Status(201 if outcome == "created" else 200, body)


@router.post(
    "/employees", response={201: EmployeeOut, 409: ProblemOut, **ERRORS}, summary="Create employee"
)
def employee_create(request: HttpRequest, payload: EmployeeCreate, response: HttpResponse):
    return _write(request, response, payload.personnel_number, payload, create_only=True)


@router.put(
    "/employees/{personnel_number}",
    response={200: EmployeeOut, 201: EmployeeOut, 412: ProblemOut, **ERRORS},
    summary="Create or update employee by personnel number (idempotent; If-Match optional)",
)
def employee_put(
    request: HttpRequest,
    personnel_number: str,
    payload: EmployeeIn,
    response: HttpResponse,
    if_match: str | None = Header(None, alias="If-Match"),
):
    return _write(request, response, personnel_number, payload, if_match=if_match)
