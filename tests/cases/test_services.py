"""Services: ziekmelding, samentelling, recovery, WAZO leave, EZD correction, transitions."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from cases.models import (
    Case,
    CaseStatus,
    CloseReason,
    FirstSickDayCorrection,
    LeavePeriod,
    SickPeriod,
    WorkResumption,
)
from cases.selectors import case_week_of_illness, with_week_of_illness
from cases.services import (
    case_add_leave_period,
    case_correct_first_sick_day,
    case_record_work_resumption,
    case_report_recovery,
    case_report_sick,
    case_transition,
)
from deadlines.poortwachter import CaseFacts, week_of_illness
from deadlines.poortwachter import LeavePeriod as LeaveFact
from deadlines.poortwachter import SickPeriod as SickFact
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db

TODAY = date(2025, 6, 2)


@pytest.fixture
def hr(world):
    return world.hr_a


@pytest.fixture
def employee(world):
    return EmployeeFactory(employer=world.employer_a)


def _report(employee, day, actor, **kwargs):
    return case_report_sick(
        employee=employee, first_sick_day=day, actor=actor, today=TODAY, **kwargs
    )


def test_report_sick_creates_case_with_running_period(
    employee, hr, recompute_calls, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = _report(employee, date(2025, 5, 26), hr, contact_phone="0612345678")
    case = result.case
    assert not result.summed
    assert case.status == CaseStatus.OPEN
    assert case.reported_by == hr
    assert case.reported_on == TODAY
    assert case.contact_phone == "0612345678"
    assert list(case.sick_periods.values_list("start", "end")) == [(date(2025, 5, 26), None)]
    assert recompute_calls == [{"case": case, "reason": "Ziekmelding", "actor": hr}]


def test_report_sick_more_than_seven_days_ahead_is_refused(employee, hr):
    with pytest.raises(ValidationError) as excinfo:
        _report(employee, TODAY + timedelta(days=8), hr)
    assert "hoogstens 7 dagen" in str(excinfo.value)
    assert not Case.objects.filter(employee=employee).exists()
    _report(employee, TODAY + timedelta(days=7), hr)  # the boundary itself is fine


def test_second_report_while_case_open_is_refused(employee, hr):
    _report(employee, date(2025, 5, 1), hr)
    with pytest.raises(ValidationError, match="al een lopend verzuimdossier"):
        _report(employee, date(2025, 5, 20), hr)
    assert Case.objects.filter(employee=employee).count() == 1


def _recovered_case(employee, hr, start, recovery):
    case = _report(employee, start, hr).case
    case_report_recovery(case=case, recovery_date=recovery, actor=hr, today=TODAY)
    return case


def test_a_relapse_keeps_the_contact_details_unless_new_ones_are_given(employee, hr):
    case = _report(
        employee, date(2025, 3, 3), hr, contact_phone="0611111111", contact_address="Thuis"
    ).case
    case_report_recovery(case=case, recovery_date=date(2025, 3, 31), actor=hr, today=TODAY)
    relapse = _report(employee, date(2025, 4, 10), hr, contact_address="Zorghotel").case
    assert relapse.pk == case.pk
    relapse.refresh_from_db()
    assert relapse.contact_phone == "0611111111"  # kept
    assert relapse.contact_address == "Zorghotel"  # changed by HR


@pytest.mark.parametrize(("fit_days", "summed"), [(22, True), (27, True), (28, False), (40, False)])
def test_samentelling_boundary(employee, hr, fit_days, summed):
    # Period 1: 3 Mar .. 30 Mar 2025, fit from 31 Mar (domain examples 5 and 6).
    case = _recovered_case(employee, hr, date(2025, 3, 3), date(2025, 3, 31))
    relapse = date(2025, 3, 31) + timedelta(days=fit_days)
    result = _report(employee, relapse, hr)
    assert result.summed is summed
    assert f"{fit_days} dagen hersteld" in result.explanation
    if summed:
        assert result.case.pk == case.pk
        assert "Terugval binnen 28 dagen na herstel" in result.explanation
        case.refresh_from_db()
        assert case.status == CaseStatus.OPEN
        assert case.close_reason == ""
        assert case.first_sick_day == date(2025, 3, 3)
        assert list(case.sick_periods.values_list("start", "end")) == [
            (date(2025, 3, 3), date(2025, 3, 30)),
            (relapse, None),
        ]
        assert case.sick_periods.get(start=relapse).note == result.explanation
    else:
        assert result.case.pk != case.pk
        assert result.case.first_sick_day == relapse
        case.refresh_from_db()
        assert case.status == CaseStatus.RECOVERED


def test_overlapping_report_is_refused(employee, hr):
    _recovered_case(employee, hr, date(2025, 3, 3), date(2025, 3, 31))
    with pytest.raises(ValidationError, match="overlapt"):
        _report(employee, date(2025, 3, 20), hr)
    assert SickPeriod.objects.filter(case__employee=employee).count() == 1


def test_recovery_closes_running_period(
    employee, hr, recompute_calls, django_capture_on_commit_callbacks
):
    case = _report(employee, date(2025, 5, 1), hr).case
    with django_capture_on_commit_callbacks(execute=True):
        case_report_recovery(case=case, recovery_date=date(2025, 5, 20), actor=hr, today=TODAY)
    case.refresh_from_db()
    assert case.status == CaseStatus.RECOVERED
    assert case.close_reason == CloseReason.RECOVERED
    assert case.sick_periods.get().end == date(2025, 5, 19)
    assert recompute_calls[-1]["reason"] == "Herstelmelding"


@pytest.mark.parametrize("day", [date(2025, 4, 30), date(2025, 5, 1)])
def test_recovery_on_or_before_first_sick_day_is_refused(employee, hr, day):
    case = _report(employee, date(2025, 5, 1), hr).case
    with pytest.raises(ValidationError, match="na de eerste ziektedag"):
        case_report_recovery(case=case, recovery_date=day, actor=hr, today=TODAY)
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN
    assert case.sick_periods.get().end is None


def test_work_resumption_and_percentage_range(employee, hr):
    case = _report(employee, date(2025, 5, 1), hr).case
    case_record_work_resumption(
        case=case, start=date(2025, 5, 15), percentage_sick=50, hours_worked=18, actor=hr
    )
    for bad in (-1, 101):
        with pytest.raises(ValidationError, match="tussen 0 en 100"):
            case_record_work_resumption(
                case=case, start=date(2025, 5, 20), percentage_sick=bad, actor=hr
            )
    with pytest.raises(ValidationError, match="niet binnen een ziekteperiode"):
        case_record_work_resumption(
            case=case, start=date(2025, 4, 20), percentage_sick=50, actor=hr
        )
    assert WorkResumption.objects.filter(case=case).count() == 1


def test_same_cause_leave_bridges_periods_and_week_skips_leave(employee, hr):
    # Domain example 8: EZD 6 Jan 2025, WAZO 17 Mar .. 6 Jul, still ill from 7 Jul.
    case = _report(employee, date(2025, 1, 6), hr).case
    case_add_leave_period(
        case=case, start=date(2025, 3, 17), end=date(2025, 7, 6), same_cause=True, actor=hr
    )
    assert list(case.sick_periods.values_list("start", "end")) == [
        (date(2025, 1, 6), date(2025, 3, 16)),
        (date(2025, 7, 7), None),
    ]
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN
    on = date(2025, 9, 1)
    facts = CaseFacts(
        sick_periods=(SickFact(date(2025, 1, 6), date(2025, 3, 16)), SickFact(date(2025, 7, 7))),
        leave_periods=(LeaveFact(date(2025, 3, 17), date(2025, 7, 6), True),),
    )
    annotated = with_week_of_illness(Case.objects.filter(pk=case.pk), on).get()
    assert annotated.week_of_illness == week_of_illness(facts, on) == 19
    # The case page counts it in Python from the periods it reads anyway: the same.
    for day in (date(2025, 1, 5), date(2025, 1, 6), date(2025, 3, 20), on):
        expected = with_week_of_illness(Case.objects.filter(pk=case.pk), day).get()
        assert case_week_of_illness(case, day) == expected.week_of_illness


def test_other_cause_leave_interrupts_and_relapse_is_new_case(employee, hr):
    case = _report(employee, date(2025, 1, 6), hr).case
    case_add_leave_period(
        case=case, start=date(2025, 3, 17), end=date(2025, 7, 6), same_cause=False, actor=hr
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert case.close_reason == CloseReason.LEAVE_INTERRUPTION
    with pytest.raises(ValidationError, match="verlof"):
        case_report_sick(
            employee=employee, first_sick_day=date(2025, 5, 1), actor=hr, today=date(2025, 7, 7)
        )
    result = case_report_sick(
        employee=employee, first_sick_day=date(2025, 7, 7), actor=hr, today=date(2025, 7, 7)
    )
    assert result.case.pk != case.pk


def test_leave_on_recovered_case_bridges_a_later_relapse(employee, hr):
    case = _recovered_case(employee, hr, date(2025, 1, 6), date(2025, 3, 17))
    case_add_leave_period(
        case=case, start=date(2025, 3, 17), end=date(2025, 7, 6), same_cause=True, actor=hr
    )
    result = case_report_sick(
        employee=employee, first_sick_day=date(2025, 7, 7), actor=hr, today=date(2025, 7, 7)
    )
    assert result.summed
    assert result.case.pk == case.pk
    assert "verlof met dezelfde oorzaak" in result.explanation


def test_leave_overlapping_a_period_is_refused(employee, hr):
    case = _recovered_case(employee, hr, date(2025, 1, 6), date(2025, 3, 17))
    with pytest.raises(ValidationError, match="overlapt"):
        case_add_leave_period(
            case=case, start=date(2025, 3, 1), end=date(2025, 7, 6), same_cause=True, actor=hr
        )
    assert not LeavePeriod.objects.exists()


def test_first_sick_day_correction_keeps_history(
    employee, hr, recompute_calls, django_capture_on_commit_callbacks
):
    case = _report(employee, date(2025, 5, 5), hr).case
    with django_capture_on_commit_callbacks(execute=True):
        case_correct_first_sick_day(
            case=case, new_date=date(2025, 5, 2), reason="Was vrijdag al ziek", actor=hr
        )
    case.refresh_from_db()
    assert case.first_sick_day == date(2025, 5, 2)
    assert case.sick_periods.get().start == date(2025, 5, 2)
    correction = FirstSickDayCorrection.objects.get(case=case)
    assert (correction.old_date, correction.new_date) == (date(2025, 5, 5), date(2025, 5, 2))
    assert correction.actor == hr
    assert recompute_calls[-1]["reason"] == "Eerste ziektedag gecorrigeerd"


def test_first_sick_day_correction_needs_a_reason(employee, hr):
    case = _report(employee, date(2025, 5, 5), hr).case
    with pytest.raises(ValidationError, match="reden"):
        case_correct_first_sick_day(case=case, new_date=date(2025, 5, 2), reason="  ", actor=hr)
    assert not FirstSickDayCorrection.objects.exists()


ALLOWED = [
    (CaseStatus.OPEN, CaseStatus.CLOSED, CloseReason.EMPLOYMENT_ENDED),
    (CaseStatus.RECOVERED, CaseStatus.CLOSED, CloseReason.RECOVERED),
    (CaseStatus.RECOVERED, CaseStatus.OPEN, ""),
    (CaseStatus.OPEN, CaseStatus.RECOVERED, CloseReason.RECOVERED),
]
FORBIDDEN = [
    (CaseStatus.CLOSED, CaseStatus.OPEN, ""),
    (CaseStatus.CLOSED, CaseStatus.RECOVERED, CloseReason.RECOVERED),
    (CaseStatus.OPEN, CaseStatus.OPEN, ""),
    (CaseStatus.OPEN, CaseStatus.CLOSED, CloseReason.RECOVERED),  # wrong reason
    (CaseStatus.OPEN, CaseStatus.CLOSED, ""),
]


@pytest.mark.parametrize(("start", "to", "reason"), ALLOWED)
def test_allowed_transitions(world, start, to, reason):
    Case.objects.filter(pk=world.case_a.pk).update(status=start)
    case = case_transition(case=world.case_a, to=to, reason=reason, actor=world.hr_a)
    assert case.status == to
    assert case.close_reason == reason


@pytest.mark.parametrize(("start", "to", "reason"), FORBIDDEN)
def test_forbidden_transitions_raise(world, start, to, reason):
    Case.objects.filter(pk=world.case_a.pk).update(status=start)
    with pytest.raises(ValidationError):
        case_transition(case=world.case_a, to=to, reason=reason, actor=world.hr_a)
    world.case_a.refresh_from_db()
    assert world.case_a.status == start


def test_service_writes_are_audited_with_actor(employee, hr):
    from pghistory.models import Events

    case = _report(employee, date(2025, 5, 5), hr).case
    events = list(
        Events.objects.across("cases.CaseEvent", "cases.SickPeriodEvent").references(case)
    )
    assert events
    assert all(e.pgh_context["user"] == hr.pk for e in events)
    assert {e.pgh_context["action"] for e in events} == {"cases.report_sick"}


def test_cases_cannot_be_deleted_with_periods(world):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        world.case_a.delete()
