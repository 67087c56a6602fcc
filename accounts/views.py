"""Start page per role, and the health endpoint."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from .models import Role

#: Roles with a "Vandaag" start page (the specialist starts from their trajectories).
_TODAY_ROLES = frozenset({Role.HR, Role.MANAGER, Role.EMPLOYEE, Role.OCCUPATIONAL_PHYSICIAN})


def home(request: HttpRequest) -> HttpResponse:
    """Send each role to its own start page."""
    if request.user.is_superuser and not request.user.role:
        return redirect("admin:index")
    if not request.user.role:
        return render(request, "accounts/no_role.html", status=403)
    if request.user.role in _TODAY_ROLES:
        return redirect("deadlines:today")
    return redirect("cases:list")


def _broker_ok() -> bool:
    from reintegratie.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:  # noqa: BLE001 - any broker failure means "not healthy"
        return False


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Report whether the database and the Celery broker answer (200) or not (503)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = True
    except Exception:  # noqa: BLE001
        database = False
    broker = _broker_ok()
    status = 200 if database and broker else 503
    return JsonResponse({"database": database, "broker": broker}, status=status)


@never_cache
@require_POST
def session_activity(request: HttpRequest) -> HttpResponse:
    """Note that the user is typing (static/js/session-activity.js): the request itself is the
    activity the session timeout middleware records, so a long form is not cut off."""
    return HttpResponse(status=204)
