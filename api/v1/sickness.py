"""Ziekmelding, partial recovery and herstelmelding for an employee, by personnel number.

Input is validated by the web forms (`SickReportForm`, `WorkResumptionForm`, `RecoveryForm`)
and written by the cases services, so the API decides exactly as the pages do, samentelling
included.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Header, Router, Status

from cases import services as case_services
from cases.forms import RecoveryForm, SickReportForm, WorkResumptionForm
from cases.models import Employee

from .. import selectors
from ..etags import if_match_ok
from ..models import Scope
from .auth import require_scope
from .context import api_write
from .forms_bridge import clean_with_form
from .problems import Problem, from_validation_error
from .schemas import (
    CaseSummaryOut,
    PartialRecoveryIn,
    PartialRecoveryOut,
    ProblemOut,
    RecoveryIn,
    SickReportIn,
    SickReportOut,
)

router = Router(tags=["sickness"])
ERRORS = {
    401: ProblemOut,
    403: ProblemOut,
    404: ProblemOut,
    409: ProblemOut,
    422: ProblemOut,
    429: ProblemOut,
}


def _employee(token, personnel_number: str) -> Employee:
    employee = selectors.employee_for(token, personnel_number)
    if employee is None:
        raise Problem(404, _("Geen werknemer met dit personeelsnummer."))
    return employee


def _open_case(token, employee: Employee, if_match: str | None = None):
    """Return the employee's open case; 409 without one, 412 when `If-Match` is stale."""
    case = selectors.open_case_of(employee)
    if case is None:
        raise Problem(409, _("Deze werknemer heeft geen lopend verzuimdossier."))
    if if_match is not None:
        current = selectors.case_detail_data(selectors.case_for(token, case.pk))["etag"]
        if not if_match_ok(if_match, current):
            raise Problem(
                412,
                _(
                    "Het verzuimdossier is intussen gewijzigd (If-Match klopt niet). "
                    "Haal het opnieuw op."
                ),
            )
    return case


def _summary(token, case) -> dict:
    return selectors.case_summary(selectors.case_for(token, case.pk))


@router.post(
    "/employees/{personnel_number}/sick-reports",
    response={201: SickReportOut, **ERRORS},
    summary="Report sick (ziekmelding); returns the samentelling decision",
)
def sick_report(request: HttpRequest, personnel_number: str, payload: SickReportIn):
    token = require_scope(request, Scope.CASES_WRITE)
    employee = _employee(token, personnel_number)
    data = clean_with_form(
        SickReportForm,
        {
            "employee": employee.pk,
            **payload.dict(),
            "reported_on": payload.reported_on or timezone.localdate(),
        },
        employees=Employee.objects.filter(pk=employee.pk),
        checkboxes=("first_sick_day_confirmed",),
    )
    data.pop("employee")
    try:
        with api_write(token, "api.report_sick"):
            result = case_services.case_report_sick(employee=employee, actor=token.actor, **data)
    except ValidationError as exc:
        raise from_validation_error(exc) from exc
    return Status(
        201,
        {
            "case": _summary(token, result.case),
            "summed": result.summed,
            "explanation": result.explanation,
        },
    )


@router.post(
    "/employees/{personnel_number}/partial-recoveries",
    response={201: PartialRecoveryOut, 412: ProblemOut, **ERRORS},
    summary="Report partial recovery (gedeeltelijke werkhervatting); If-Match: the case's ETag",
)
def partial_recovery(
    request: HttpRequest,
    personnel_number: str,
    payload: PartialRecoveryIn,
    if_match: str | None = Header(None, alias="If-Match"),
):
    token = require_scope(request, Scope.CASES_WRITE)
    case = _open_case(token, _employee(token, personnel_number), if_match)
    data = clean_with_form(WorkResumptionForm, payload.dict(), checkboxes=("therapeutic",))
    try:
        with api_write(token, "api.partial_recovery"):
            resumption = case_services.case_record_work_resumption(
                case=case, actor=token.actor, **data
            )
    except ValidationError as exc:
        raise from_validation_error(exc) from exc
    return Status(
        201,
        {
            "case": _summary(token, case),
            "start": resumption.start,
            "percentage_sick": resumption.percentage_sick,
        },
    )


@router.post(
    "/employees/{personnel_number}/recoveries",
    response={200: CaseSummaryOut, 412: ProblemOut, **ERRORS},
    summary="Report recovery (herstelmelding); If-Match: the case's ETag (optional)",
)
def recovery(
    request: HttpRequest,
    personnel_number: str,
    payload: RecoveryIn,
    if_match: str | None = Header(None, alias="If-Match"),
):
    token = require_scope(request, Scope.CASES_WRITE)
    case = _open_case(token, _employee(token, personnel_number), if_match)
    data = clean_with_form(RecoveryForm, payload.dict())
    try:
        with api_write(token, "api.report_recovery"):
            case_services.case_report_recovery(case=case, actor=token.actor, **data)
    except ValidationError as exc:
        raise from_validation_error(exc) from exc
    return Status(200, _summary(token, case))
