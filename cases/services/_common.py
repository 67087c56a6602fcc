"""What the case services share: the audit context, the recompute hook and period helpers."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

import pghistory
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from ..models import Case, CaseStatus, Employee, SickPeriod
from ..signals import case_facts_changed_send
from ..transitions import allowed_reasons

if TYPE_CHECKING:
    from accounts.models import User


#: How far ahead a sick report, recovery or EZD may lie (e.g. a planned operation).
MAX_DAYS_AHEAD = 7
_ONE_DAY = timedelta(days=1)
_AFTER_LEAVE_NOTE = "after_leave"


def _audited(actor: User, action: str) -> pghistory.context:
    return pghistory.context(user=actor.pk, action=action)


def _schedule_recompute(*, case: Case, reason: str, actor: User) -> None:
    """Tell the apps that derive from the case's facts (the deadlines) that they changed."""
    case_facts_changed_send(case=case, reason=reason, actor=actor)


def _too_far_ahead(day: date, today: date) -> bool:
    return day > today + timedelta(days=MAX_DAYS_AHEAD)


def _employee_periods(employee: Employee):
    return SickPeriod.objects.filter(case__employee=employee)


def _overlapping(queryset, start: date, end: date | None):
    """Filter `queryset` (rows with start/end, end None = running) to rows overlapping a range."""
    condition = Q(end__isnull=True) | Q(end__gte=start)
    if end is not None:
        condition &= Q(start__lte=end)
    return queryset.filter(condition)


def _apply_transition(case: Case, to: str, reason: str = "") -> None:
    allowed = allowed_reasons(case.status, to)
    if not allowed:
        raise ValidationError(
            _("De status kan niet van '%(from)s' naar '%(to)s' worden gewijzigd.")
            % {"from": CaseStatus(case.status).label, "to": CaseStatus(to).label},
            code="forbidden_transition",
        )
    if reason not in allowed:
        raise ValidationError(
            _("Deze reden past niet bij de statuswijziging naar '%(to)s'.")
            % {"to": CaseStatus(to).label},
            code="invalid_reason",
        )
    case.status = to
    case.close_reason = reason
    case.full_clean()
    case.save()


def _lock_open_case(case: Case) -> Case:
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.status != CaseStatus.OPEN:
        raise ValidationError(
            _("Dit verzuimdossier is niet lopend; dit kan alleen bij een lopend dossier."),
            code="case_not_open",
        )
    return case
