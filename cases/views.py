"""Case overview and detail pages (thin: authorize → selector → render)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from . import selectors


def case_list(request: HttpRequest) -> HttpResponse:
    """Show the cases the user may see: HR their employers', a manager their team's, etc."""
    cases = selectors.case_list(user=request.user)
    return render(request, "cases/case_list.html", {"cases": cases})


def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show one case to someone allowed to see it (404 otherwise)."""
    case = selectors.case_get(user=request.user, pk=pk)
    return render(request, "cases/case_detail.html", {"case": case})
