"""The sickness course: herstelmelding, partial work resumption, WAZO leave, EZD correction."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..date_validators import first_sick_day_long_ago_message, first_sick_day_needs_confirmation
from ..models import (
    Case,
    CaseStatus,
    CloseReason,
    FirstSickDayCorrection,
    LeavePeriod,
    SickPeriod,
    WorkResumption,
)
from ._common import (
    _AFTER_LEAVE_NOTE,
    _ONE_DAY,
    MAX_DAYS_AHEAD,
    _apply_transition,
    _audited,
    _employee_periods,
    _lock_open_case,
    _overlapping,
    _schedule_recompute,
    _too_far_ahead,
)

if TYPE_CHECKING:
    from accounts.models import User


@transaction.atomic
def case_report_recovery(
    *, case: Case, recovery_date: date, actor: User, today: date | None = None
) -> Case:
    """Register a herstelmelding: the running period ends the day before `recovery_date`."""
    today = today or timezone.localdate()
    case = _lock_open_case(case)
    running = case.sick_periods.filter(end__isnull=True).first()
    if recovery_date <= case.first_sick_day:
        raise ValidationError(
            {
                "recovery_date": _("De hersteldatum moet na de eerste ziektedag (%(day)s) liggen.")
                % {"day": f"{case.first_sick_day:%d-%m-%Y}"}
            }
        )
    if _too_far_ahead(recovery_date, today):
        raise ValidationError(
            {
                "recovery_date": _(
                    "De hersteldatum mag hoogstens %(days)s dagen in de toekomst liggen."
                )
                % {"days": MAX_DAYS_AHEAD}
            }
        )
    if running is None:
        raise ValidationError(_("Er is geen lopende ziekteperiode om af te sluiten."))
    with _audited(actor, "cases.report_recovery"):
        if recovery_date <= running.start:
            if running.note != _AFTER_LEAVE_NOTE or recovery_date != running.start:
                raise ValidationError(
                    {
                        "recovery_date": _(
                            "De hersteldatum moet na het begin van de lopende ziekteperiode "
                            "(%(day)s) liggen."
                        )
                        % {"day": f"{running.start:%d-%m-%Y}"}
                    }
                )
            # Fit straight after the WAZO leave: the projected period never happened.
            running.delete()
        else:
            running.end = recovery_date - _ONE_DAY
            running.full_clean()
            running.save()
        _apply_transition(case, CaseStatus.RECOVERED, CloseReason.RECOVERED)
    _schedule_recompute(case=case, reason=_("Herstelmelding"), actor=actor)
    return case


@transaction.atomic
def case_record_work_resumption(
    *,
    case: Case,
    start: date,
    percentage_sick: int,
    actor: User,
    hours_worked: Decimal | None = None,
    therapeutic: bool = False,
) -> WorkResumption:
    """Record partial recovery: from `start` the employee is `percentage_sick` % sick."""
    case = _lock_open_case(case)
    errors: dict[str, str] = {}
    if percentage_sick is None or not 0 <= percentage_sick <= 100:
        errors["percentage_sick"] = _("Het percentage ziek moet tussen 0 en 100 liggen.")
    if hours_worked is not None and not 0 <= hours_worked <= 80:
        errors["hours_worked"] = _("Het aantal gewerkte uren moet tussen 0 en 80 liggen.")
    in_period = case.sick_periods.filter(
        Q(start__lte=start) & (Q(end__isnull=True) | Q(end__gte=start))
    )
    if not in_period.exists():
        errors["start"] = _("Deze datum valt niet binnen een ziekteperiode van dit dossier.")
    elif case.work_resumptions.filter(start=start).exists():
        errors["start"] = _("Op deze datum is al een werkhervatting vastgelegd.")
    if errors:
        raise ValidationError(errors)
    with _audited(actor, "cases.work_resumption"):
        resumption = WorkResumption(
            case=case,
            start=start,
            percentage_sick=percentage_sick,
            hours_worked=hours_worked,
            therapeutic=therapeutic,
            created_by=actor,
        )
        resumption.full_clean()
        resumption.save()
    return resumption


@transaction.atomic
def case_add_leave_period(
    *, case: Case, start: date, end: date, same_cause: bool, actor: User
) -> LeavePeriod:
    """Record a WAZO leave; a running sick period is split around it (§2.3).

    Same cause: the sickness continues after the leave in the same case (leave days are not
    counted). Other cause: the leave interrupts; the case is closed and sickness after the leave
    is reported as a new case.
    """
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.status == CaseStatus.CLOSED:
        raise ValidationError(_("Dit verzuimdossier is afgesloten."), code="case_closed")
    if end < start:
        raise ValidationError({"end": _("De laatste verlofdag ligt vóór de eerste verlofdag.")})
    employee_leaves = LeavePeriod.objects.filter(case__employee_id=case.employee_id)
    if _overlapping(employee_leaves, start, end).exists():
        raise ValidationError({"start": _("Dit verlof overlapt met een ander vastgelegd verlof.")})
    running = case.sick_periods.filter(end__isnull=True).first()
    split = running is not None and running.start < start
    periods = _employee_periods(case.employee)
    if split:
        periods = periods.exclude(pk=running.pk)
    if _overlapping(periods, start, end).exists() or (running and not split):
        raise ValidationError(
            {
                "start": _(
                    "Dit verlof overlapt met een ziekteperiode (het verlof moet erna beginnen)."
                )
            }
        )
    with _audited(actor, "cases.add_leave_period"):
        leave = LeavePeriod(
            case=case, start=start, end=end, same_cause=same_cause, created_by=actor
        )
        leave.full_clean()
        leave.save()
        if split:
            running.end = start - _ONE_DAY
            running.full_clean()
            running.save()
            if same_cause:
                SickPeriod.objects.create(case=case, start=end + _ONE_DAY, note=_AFTER_LEAVE_NOTE)
            else:
                _apply_transition(case, CaseStatus.CLOSED, CloseReason.LEAVE_INTERRUPTION)
    _schedule_recompute(case=case, reason=_("Zwangerschaps- en bevallingsverlof"), actor=actor)
    return leave


@transaction.atomic
def case_correct_first_sick_day(
    *,
    case: Case,
    new_date: date,
    reason: str,
    actor: User,
    first_sick_day_confirmed: bool = False,
    today: date | None = None,
) -> FirstSickDayCorrection:
    """Correct the eerste ziektedag; the old date, new date and reason are kept as history.

    A date more than two years back needs `first_sick_day_confirmed`.
    """
    today = today or timezone.localdate()
    case = Case.objects.select_for_update().get(pk=case.pk)
    reason = (reason or "").strip()
    first = case.sick_periods.order_by("start").first()
    errors: dict[str, str] = {}
    if not reason:
        errors["reason"] = _("Geef de reden van de correctie op.")
    if new_date == case.first_sick_day:
        errors["new_date"] = _("Dit is al de eerste ziektedag.")
    elif first_sick_day_needs_confirmation(new_date, today=today) and not first_sick_day_confirmed:
        errors["new_date"] = first_sick_day_long_ago_message(new_date)
    elif _too_far_ahead(new_date, today):
        errors["new_date"] = _(
            "De eerste ziektedag mag hoogstens %(days)s dagen in de toekomst liggen."
        ) % {"days": MAX_DAYS_AHEAD}
    elif first.end is not None and new_date > first.end:
        errors["new_date"] = _("De eerste ziektedag ligt na het einde van de eerste ziekteperiode.")
    else:
        others = _employee_periods(case.employee).exclude(pk=first.pk)
        leaves = LeavePeriod.objects.filter(case__employee_id=case.employee_id)
        end = first.end or date.max
        if (
            _overlapping(others, new_date, end).exists()
            or _overlapping(leaves, new_date, end).exists()
        ):
            errors["new_date"] = _("De gecorrigeerde periode overlapt met een andere periode.")
    if errors:
        raise ValidationError(errors)
    with _audited(actor, "cases.correct_first_sick_day"):
        correction = FirstSickDayCorrection.objects.create(
            case=case, old_date=case.first_sick_day, new_date=new_date, reason=reason, actor=actor
        )
        first.start = new_date
        first.full_clean()
        first.save()
        case.first_sick_day = new_date
        case.full_clean()
        case.save()
    _schedule_recompute(case=case, reason=_("Eerste ziektedag gecorrigeerd"), actor=actor)
    return correction
