"""Ziekmelding and relapse (samentelling, domain reference §2.1)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..date_validators import not_in_future_errors, validate_first_sick_day_recent
from ..models import Case, CaseStatus, Employee, LeavePeriod, SickPeriod
from ..periods import CasePeriods, current_case_periods, fit_days_between, is_summed
from ..periods import LeavePeriod as LeaveFact
from ..periods import SickPeriod as SickFact
from ._common import (
    MAX_DAYS_AHEAD,
    _apply_transition,
    _audited,
    _employee_periods,
    _overlapping,
    _schedule_recompute,
    _too_far_ahead,
)
from .team import case_team_defaults_apply

if TYPE_CHECKING:
    from accounts.models import User


@dataclass(frozen=True)
class SickReportResult:
    """The outcome of a ziekmelding: the case, and whether and why it was summed."""

    case: Case
    summed: bool
    explanation: str


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


def _latest_recovered_case(employee: Employee) -> Case | None:
    return employee.cases.filter(status=CaseStatus.RECOVERED).order_by("-first_sick_day").first()


#: What a relapse carries over from the case it is summed with, unless HR fills in otherwise.
RELAPSE_CONTACT_FIELDS = ("contact_phone", "contact_address")


def relapse_contact_details(*, employee: Employee, first_sick_day: date) -> dict[str, str]:
    """Return the contact details of the case a sick report on `first_sick_day` is summed with.

    Empty when the report would open a new case. The sick report form starts from these, so a
    relapse keeps the case's phone number and address during illness unless HR changes them.
    """
    previous = _latest_recovered_case(employee)
    summed, _explanation = _relapse_decision(previous, first_sick_day)
    if not summed:
        return {}
    return {name: getattr(previous, name) for name in RELAPSE_CONTACT_FIELDS}


def sick_report_validate(
    *,
    employee: Employee,
    first_sick_day: date,
    first_sick_day_confirmed: bool = False,
    reported_on: date | None = None,
    today: date | None = None,
) -> None:
    """Raise a Dutch ValidationError when a sick report on `first_sick_day` is not possible.

    A first sick day more than two years back is refused unless `first_sick_day_confirmed`.
    """
    today = today or timezone.localdate()
    errors = {}
    try:
        validate_first_sick_day_recent(
            first_sick_day, confirmed=first_sick_day_confirmed, today=today
        )
    except ValidationError as error:
        errors["first_sick_day"] = error.messages[0]
    label = _("De meldingsdatum")
    errors |= not_in_future_errors({"reported_on": (reported_on, label)}, today=today)
    if errors:
        raise ValidationError(errors)
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
    first_sick_day_confirmed: bool = False,
    today: date | None = None,
) -> SickReportResult:
    """Register a ziekmelding: a new case, or a relapse summed with the previous case (§2.1).

    A first sick day more than two years back needs `first_sick_day_confirmed`.
    """
    today = today or timezone.localdate()
    employee = Employee.objects.select_for_update().select_related("employer").get(pk=employee.pk)
    sick_report_validate(
        employee=employee,
        first_sick_day=first_sick_day,
        first_sick_day_confirmed=first_sick_day_confirmed,
        reported_on=reported_on,
        today=today,
    )
    previous = _latest_recovered_case(employee)
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
            # A relapse keeps what the case knows; only what was filled in now replaces it.
            for name, value in report.items():
                if value not in ("", None, False):
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
            case_team_defaults_apply(case=case, actor=actor)
        period = SickPeriod(case=case, start=first_sick_day, note=explanation[:300])
        period.full_clean()
        period.save()
    reason = _("Terugval samengeteld") if summed else _("Ziekmelding")
    _schedule_recompute(case=case, reason=reason, actor=actor)
    return SickReportResult(case=case, summed=summed, explanation=explanation)
