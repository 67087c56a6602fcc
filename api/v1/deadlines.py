"""Deadlines of the employer that are due soon or overdue."""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from .. import selectors
from ..models import Scope
from .auth import require_scope
from .pagination import paginate
from .schemas import DeadlinePage, ProblemOut

router = Router(tags=["deadlines"])
ERRORS = {401: ProblemOut, 403: ProblemOut, 422: ProblemOut, 429: ProblemOut}


class DeadlineFilters(Schema):
    status: Literal["due", "overdue"] | None = None
    within_days: int = Field(14, ge=0, le=366)
    cursor: str | None = None
    limit: int | None = None


@router.get(
    "/deadlines",
    response={200: DeadlinePage, **ERRORS},
    summary="List overdue deadlines and those due within `within_days`",
)
def deadline_list(request: HttpRequest, filters: Query[DeadlineFilters]):
    token = require_scope(request, Scope.DEADLINES_READ)
    today = timezone.localdate()
    queryset = selectors.deadlines_for(
        token, within_days=filters.within_days, status=filters.status, today=today
    )
    page, next_cursor = paginate(
        queryset, cursor=filters.cursor, limit=filters.limit, order=("due_date", "pk")
    )
    items = [
        {**selectors.deadline_data(d, today), "personnel_number": d.case.employee.personnel_number}
        for d in page
    ]
    return {"items": items, "next_cursor": next_cursor}
