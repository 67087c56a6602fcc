"""Writes for cases: ziekmelding, the sickness course and status transitions.

Every service takes the `actor`, runs in one transaction under a pghistory context (who did
what), validates before writing (Dutch `ValidationError`, nothing saved) and asks the deadlines
app to recompute after commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pghistory
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .employee_import import ImportReport, employee_import_preview
from .employee_import_jobs import employees_import_apply
from .models import (
    Case,
    CaseStatus,
    CloseReason,
    Employee,
    Employer,
    FirstSickDayCorrection,
    LeavePeriod,
    SickPeriod,
    WorkResumption,
)
from .periods import CasePeriods, current_case_periods, fit_days_between, is_summed
from .periods import LeavePeriod as LeaveFact
from .periods import SickPeriod as SickFact
from .signals import case_facts_changed_send
from .transitions import allowed_reasons

if TYPE_CHECKING:
    from accounts.models import User


#: How far ahead a sick report, recovery or EZD may lie (e.g. a planned operation).
MAX_DAYS_AHEAD = 7
_ONE_DAY = timedelta(days=1)
_AFTER_LEAVE_NOTE = "after_leave"


@dataclass(frozen=True)
class SickReportResult:
    """The outcome of a ziekmelding: the case, and whether and why it was summed."""

    case: Case
    summed: bool
    explanation: str


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


@transaction.atomic
def case_transition(*, case: Case, to: str, reason: str = "", actor: User) -> Case:
    """Change the status of a case along the transition table; forbidden ones raise."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    with _audited(actor, "cases.transition"):
        _apply_transition(case, to, reason)
    return case


# --- Ziekmelding and relapse -------------------------------------------------------------------


def _relapse_decision(previous: Case | None, first_sick_day: date) -> tuple[bool, str]:
    """Return whether a sick report on `first_sick_day` is summed with `previous`, and why.

    Samentelling (domain reference §2.1): fewer than 28 fit days since the recovery. A WAZO leave
    in the gap bridges it only with the same cause and when it fills the gap (§2.3).
    """
    if previous is None:
        return False, ""
    periods = list(previous.sick_periods.order_by("start"))
    last_end = periods[-1].end
    if last_end is None or last_end >= first_sick_day:
        return False, ""
    fit_days = fit_days_between(last_end, first_sick_day)
    leaves = list(previous.leave_periods.order_by("start"))
    in_gap = [leave for leave in leaves if leave.start <= first_sick_day and leave.end > last_end]
    if in_gap:
        facts = CasePeriods(
            sick_periods=(
                *(SickFact(start=p.start, end=p.end) for p in periods),
                SickFact(start=first_sick_day),
            ),
            leave_periods=tuple(
                LeaveFact(start=leave.start, end=leave.end, same_cause=leave.same_cause)
                for leave in leaves
            ),
        )
        if len(current_case_periods(facts)) > 1:
            return True, _(
                "Aansluitend op zwangerschaps- en bevallingsverlof met dezelfde oorzaak: "
                "samengeteld met het lopende dossier (verlofdagen tellen niet mee)."
            )
        return False, _(
            "Het zwangerschaps- en bevallingsverlof onderbreekt het verzuim (andere oorzaak of "
            "niet aansluitend): nieuw verzuimdossier met een nieuwe termijn van 104 weken."
        )
    if is_summed(last_end, first_sick_day):
        return True, _(
            "Terugval binnen 28 dagen na herstel (%(days)s dagen hersteld): samengeteld met het "
            "lopende dossier."
        ) % {"days": fit_days}
    return False, _(
        "%(days)s dagen hersteld (28 of meer): nieuw verzuimdossier met een nieuwe termijn van "
        "104 weken."
    ) % {"days": fit_days}


def sick_report_validate(
    *, employee: Employee, first_sick_day: date, today: date | None = None
) -> None:
    """Raise a Dutch ValidationError when a sick report on `first_sick_day` is not possible."""
    today = today or timezone.localdate()
    if _too_far_ahead(first_sick_day, today):
        raise ValidationError(
            {
                "first_sick_day": _(
                    "De eerste ziektedag mag hoogstens %(days)s dagen in de toekomst liggen."
                )
                % {"days": MAX_DAYS_AHEAD}
            }
        )
    if employee.cases.filter(status=CaseStatus.OPEN).exists():
        raise ValidationError(
            _("%(name)s heeft al een lopend verzuimdossier. Meld eerst herstel of vul dat aan.")
            % {"name": employee.full_name},
            code="open_case_exists",
        )
    if _overlapping(_employee_periods(employee), first_sick_day, None).exists():
        raise ValidationError(
            {
                "first_sick_day": _(
                    "Deze eerste ziektedag overlapt met een eerder vastgelegde ziekteperiode."
                )
            }
        )
    leave = LeavePeriod.objects.filter(
        case__employee=employee, start__lte=first_sick_day, end__gte=first_sick_day
    )
    if leave.exists():
        raise ValidationError(
            {
                "first_sick_day": _(
                    "Deze dag valt in een zwangerschaps- en bevallingsverlof; ziekte tijdens het "
                    "verlof wordt niet gemeld."
                )
            }
        )


@transaction.atomic
def case_report_sick(
    *,
    employee: Employee,
    first_sick_day: date,
    actor: User,
    reported_on: date | None = None,
    casemanager: User | None = None,
    contact_address: str = "",
    contact_phone: str = "",
    expected_duration: str = "",
    appointments_note: str = "",
    safety_net_applies: bool | None = None,
    work_accident: bool = False,
    liable_third_party: bool = False,
    today: date | None = None,
) -> SickReportResult:
    """Register a ziekmelding: a new case, or a relapse summed with the previous case (§2.1)."""
    today = today or timezone.localdate()
    employee = Employee.objects.select_for_update().select_related("employer").get(pk=employee.pk)
    sick_report_validate(employee=employee, first_sick_day=first_sick_day, today=today)
    previous = (
        employee.cases.filter(status=CaseStatus.RECOVERED).order_by("-first_sick_day").first()
    )
    summed, explanation = _relapse_decision(previous, first_sick_day)
    report = {
        "contact_address": contact_address,
        "contact_phone": contact_phone,
        "expected_duration": expected_duration,
        "appointments_note": appointments_note,
        "safety_net_applies": safety_net_applies,
        "work_accident": work_accident,
        "liable_third_party": liable_third_party,
    }
    with _audited(actor, "cases.report_sick"):
        if summed:
            case = Case.objects.select_for_update().get(pk=previous.pk)
            for name, value in report.items():
                setattr(case, name, value)
            _apply_transition(case, CaseStatus.OPEN)
        else:
            case = Case(
                employer=employee.employer,
                employee=employee,
                first_sick_day=first_sick_day,
                reported_on=reported_on or today,
                reported_by=actor,
                casemanager=casemanager,
                **report,
            )
            case.full_clean()
            case.save()
        period = SickPeriod(case=case, start=first_sick_day, note=explanation[:300])
        period.full_clean()
        period.save()
    reason = _("Terugval samengeteld") if summed else _("Ziekmelding")
    _schedule_recompute(case=case, reason=reason, actor=actor)
    return SickReportResult(case=case, summed=summed, explanation=explanation)


#: The ziekmelding details HR may change afterwards (§4.2) plus the casemanager.
DETAIL_FIELDS = (
    "casemanager",
    "contact_phone",
    "contact_address",
    "expected_duration",
    "appointments_note",
    "safety_net_applies",
    "safety_net_situation",
    "employment_end_date",
    "work_accident",
    "liable_third_party",
)

#: Details that change a deadline (the UWV reports of vangnet and ziek-uit-dienst cases).
DEADLINE_DETAIL_FIELDS = frozenset({"safety_net_situation", "employment_end_date"})


@transaction.atomic
def case_update_details(*, case: Case, actor: User, **changes: Any) -> Case:
    """Change the ziekmelding details and the casemanager; the history keeps the old values."""
    unknown = set(changes) - set(DETAIL_FIELDS)
    if unknown:
        raise ValueError(f"not a ziekmelding detail: {sorted(unknown)}")
    case = Case.objects.select_for_update().get(pk=case.pk)
    casemanager = changes.get("casemanager")
    if (
        casemanager is not None
        and not casemanager.hr_employers.filter(pk=case.employer_id).exists()
    ):
        raise ValidationError(
            {"casemanager": _("De casemanager moet HR-medewerker van deze werkgever zijn.")}
        )
    before = {name: getattr(case, name) for name in DEADLINE_DETAIL_FIELDS}
    for name, value in changes.items():
        setattr(case, name, value)
    if case.safety_net_situation:
        case.safety_net_applies = True  # a chosen situation is a vangnet case
    case.full_clean()
    with _audited(actor, "cases.update_details"):
        case.save()
    if any(getattr(case, name) != value for name, value in before.items()):
        _schedule_recompute(
            case=case, reason=_("Vangnetsituatie of einde dienstverband gewijzigd"), actor=actor
        )
    return case


# --- Sickness course ---------------------------------------------------------------------------


def _lock_open_case(case: Case) -> Case:
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.status != CaseStatus.OPEN:
        raise ValidationError(
            _("Dit verzuimdossier is niet lopend; dit kan alleen bij een lopend dossier."),
            code="case_not_open",
        )
    return case


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
    *, case: Case, new_date: date, reason: str, actor: User, today: date | None = None
) -> FirstSickDayCorrection:
    """Correct the eerste ziektedag; the old date, new date and reason are kept as history."""
    today = today or timezone.localdate()
    case = Case.objects.select_for_update().get(pk=case.pk)
    reason = (reason or "").strip()
    first = case.sick_periods.order_by("start").first()
    errors: dict[str, str] = {}
    if not reason:
        errors["reason"] = _("Geef de reden van de correctie op.")
    if new_date == case.first_sick_day:
        errors["new_date"] = _("Dit is al de eerste ziektedag.")
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


# --- Employee import ---------------------------------------------------------------------------


@transaction.atomic
def employees_import(*, employer: Employer, data: bytes, actor: User) -> ImportReport:
    """Import a payroll CSV for `employer`: all rows or, on any error, nothing.

    Updates by personnel number, never deletes, creates departments on the fly and links the
    managers in a second pass, with bulk statements. Raises ValidationError (with the report)
    when the file is bad. The browser runs the same through a Celery job
    (`cases.employee_import_jobs`).
    """
    report = employee_import_preview(employer=employer, data=data)
    if not report.ok:
        error = ValidationError(_("Het bestand bevat fouten; er is niets geïmporteerd."))
        error.report = report  # type: ignore[attr-defined]
        raise error
    employees_import_apply(employer=employer, report=report, actor=actor)
    return report
