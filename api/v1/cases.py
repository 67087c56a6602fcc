"""Cases (read only): the header and the timeline milestones; nothing of the dossier."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from .. import selectors
from ..models import Scope
from .auth import require_scope
from .pagination import paginate
from .problems import Problem
from .schemas import CaseDetailOut, CasePage, ProblemOut

router = Router(tags=["cases"])
ERRORS = {401: ProblemOut, 403: ProblemOut, 404: ProblemOut, 422: ProblemOut, 429: ProblemOut}


class CaseFilters(Schema):
    status: Literal["open", "recovered", "closed"] | None = None
    personnel_number: str | None = None
    changed_since: datetime | None = None
    cursor: str | None = None
    limit: int | None = None


@router.get("/cases", response={200: CasePage, **ERRORS}, summary="List cases")
def case_list(request: HttpRequest, filters: Query[CaseFilters]):
    token = require_scope(request, Scope.CASES_READ)
    queryset = selectors.cases_filter(
        selectors.cases_for(token),
        status=filters.status,
        personnel_number=filters.personnel_number,
        changed_since=filters.changed_since,
    )
    page, next_cursor = paginate(queryset, cursor=filters.cursor, limit=filters.limit)
    return {"items": [selectors.case_summary(c) for c in page], "next_cursor": next_cursor}


@router.get(
    "/cases/{case_id}",
    response={200: CaseDetailOut, **ERRORS},
    summary="Read one case with its timeline milestones",
)
def case_read(request: HttpRequest, case_id: int, response: HttpResponse):
    token = require_scope(request, Scope.CASES_READ)
    case = selectors.case_for(token, case_id)
    if case is None:
        raise Problem(404, _("Geen verzuimdossier met dit nummer."))
    data = selectors.case_detail_data(case)
    response["ETag"] = data["etag"]
    return data
