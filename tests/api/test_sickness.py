"""Sick report, partial recovery and recovery through the API: the cases services decide."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from cases.models import Case, CaseStatus, SickPeriod
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


def _problem(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    return response.json()


@pytest.fixture
def fit_employee(world):
    return EmployeeFactory(employer=world.employer_a, personnel_number="F1")


def test_report_sick_opens_a_case(api, world, fit_employee):
    day = timezone.localdate() - timedelta(days=2)
    response = api.post(
        "employees/F1/sick-reports",
        {
            "first_sick_day": day.isoformat(),
            "contact_phone": "0612345678",
            "expected_duration": "een week",
            "safety_net_applies": None,
            "work_accident": True,
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    case = Case.objects.get(employee=fit_employee)
    assert body["case"]["id"] == case.pk
    assert body["case"]["status"] == "open"
    assert body["summed"] is False and body["explanation"] == ""
    assert case.first_sick_day == day and case.work_accident is True
    assert case.contact_phone == "0612345678"
    assert case.reported_by == world.hr_a.__class__.objects.get(api_token__isnull=False)
    assert case.reported_on == timezone.localdate()


def test_relapse_within_28_days_is_summed(api, fit_employee):
    today = timezone.localdate()
    api.post("employees/F1/sick-reports", {"first_sick_day": str(today - timedelta(days=40))})
    recovered = api.post(
        "employees/F1/recoveries", {"recovery_date": str(today - timedelta(days=20))}
    )
    assert recovered.status_code == 200, recovered.content
    assert recovered.json()["status"] == "recovered"
    relapse = api.post(
        "employees/F1/sick-reports", {"first_sick_day": str(today - timedelta(days=5))}
    )
    assert relapse.status_code == 201, relapse.content
    body = relapse.json()
    assert body["summed"] is True
    assert "28" in body["explanation"]
    assert Case.objects.filter(employee=fit_employee).count() == 1
    assert SickPeriod.objects.filter(case__employee=fit_employee).count() == 2


def test_second_sick_report_with_an_open_case_is_409(api, world):
    pn = world.employee_a.personnel_number
    body = _problem(
        api.post(f"employees/{pn}/sick-reports", {"first_sick_day": str(timezone.localdate())}),
        409,
    )
    assert "lopend verzuimdossier" in body["detail"]
    assert Case.objects.filter(employee=world.employee_a).count() == 1


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"first_sick_day": "2026-13-01"}, "first_sick_day"),
        ({}, "first_sick_day"),
        ({"first_sick_day": "{far}"}, "first_sick_day"),
        ({"first_sick_day": "{today}", "contact_phone": "0" * 31}, "contact_phone"),
        ({"first_sick_day": "{today}", "diagnosis": "griep"}, "diagnosis"),
        ({"first_sick_day": "{today}", "work_accident": "misschien"}, "work_accident"),
    ],
)
def test_bad_sick_report_names_the_field(api, fit_employee, payload, field):
    today = timezone.localdate()
    values = {
        k: v.format(today=today, far=today + timedelta(days=30)) if isinstance(v, str) else v
        for k, v in payload.items()
    }
    body = _problem(api.post("employees/F1/sick-reports", values), 422)
    assert field in {e["field"] for e in body["errors"]}, body
    assert not Case.objects.filter(employee=fit_employee).exists()


def test_unknown_employee_is_404(api):
    _problem(api.post("employees/NOPE/sick-reports", {"first_sick_day": "2026-01-05"}), 404)


def test_partial_recovery(api, world):
    pn = world.employee_a.personnel_number
    start = timezone.localdate() - timedelta(days=3)
    response = api.post(
        f"employees/{pn}/partial-recoveries",
        {"start": str(start), "percentage_sick": 50, "hours_worked": "18", "therapeutic": False},
    )
    assert response.status_code == 201, response.content
    assert response.json()["percentage_sick"] == 50
    resumption = world.case_a.work_resumptions.get()
    assert resumption.start == start and resumption.percentage_sick == 50
    detail = api.get(f"cases/{world.case_a.pk}").json()
    assert detail["work_resumptions"] == [{"start": str(start), "percentage_sick": 50}]


def test_partial_recovery_out_of_range_is_422(api, world):
    pn = world.employee_a.personnel_number
    body = _problem(
        api.post(
            f"employees/{pn}/partial-recoveries",
            {"start": str(timezone.localdate()), "percentage_sick": 150},
        ),
        422,
    )
    assert "percentage_sick" in {e["field"] for e in body["errors"]}
    assert not world.case_a.work_resumptions.exists()


def test_recovery_closes_the_running_period(api, world):
    pn = world.employee_a.personnel_number
    today = timezone.localdate()
    response = api.post(f"employees/{pn}/recoveries", {"recovery_date": str(today)})
    assert response.status_code == 200, response.content
    world.case_a.refresh_from_db()
    assert world.case_a.status == CaseStatus.RECOVERED
    assert world.case_a.sick_periods.get().end == today - timedelta(days=1)


def test_recovery_before_the_first_sick_day_is_422_and_changes_nothing(api, world):
    pn = world.employee_a.personnel_number
    before = world.case_a.first_sick_day - timedelta(days=1)
    body = _problem(api.post(f"employees/{pn}/recoveries", {"recovery_date": str(before)}), 422)
    assert [e["field"] for e in body["errors"]] == ["recovery_date"]
    world.case_a.refresh_from_db()
    assert world.case_a.status == CaseStatus.OPEN
    assert world.case_a.sick_periods.get().end is None


def test_recovery_without_an_open_case_is_409(api, fit_employee):
    _problem(api.post("employees/F1/recoveries", {"recovery_date": "2026-01-05"}), 409)


def test_sick_report_history_names_the_token(api, fit_employee):
    import pghistory.models

    from api.models import ApiToken

    api.post("employees/F1/sick-reports", {"first_sick_day": str(timezone.localdate())})
    case = Case.objects.get(employee=fit_employee)
    event = pghistory.models.Events.objects.filter(
        pgh_model="cases.CaseEvent", pgh_obj_id=str(case.pk)
    ).first()
    token = ApiToken.objects.get()
    assert event.pgh_context["api_token"] == token.pk
    assert event.pgh_context["user"] == token.actor_id
    assert event.pgh_context["action"] == "cases.report_sick"


def test_recovery_with_a_stale_if_match_is_412_and_changes_nothing(api, world):
    pn = world.employee_a.personnel_number
    etag = api.get(f"cases/{world.case_a.pk}")["ETag"]
    today = timezone.localdate()
    resumed = api.post(
        f"employees/{pn}/partial-recoveries",
        {"start": str(today - timedelta(days=1)), "percentage_sick": 50},
        if_match=etag,
    )
    assert resumed.status_code == 201, resumed.content
    fresh = api.get(f"cases/{world.case_a.pk}")["ETag"]
    assert fresh != etag  # a partial recovery changes the case's representation
    body = _problem(
        api.post(f"employees/{pn}/recoveries", {"recovery_date": str(today)}, if_match=etag), 412
    )
    assert body["type"] == "urn:poortwachter:problem:precondition-failed"
    world.case_a.refresh_from_db()
    assert world.case_a.status == CaseStatus.OPEN
    ok = api.post(f"employees/{pn}/recoveries", {"recovery_date": str(today)}, if_match=fresh)
    assert ok.status_code == 200, ok.content


def test_a_first_sick_day_more_than_two_years_back_needs_the_confirmation_flag(api, fit_employee):
    """The API decides as the form does: refused (422, Dutch) unless explicitly confirmed."""
    day = timezone.localdate() - timedelta(days=800)
    body = _problem(api.post("employees/F1/sick-reports", {"first_sick_day": day.isoformat()}), 422)
    assert [error["field"] for error in body["errors"]] == ["first_sick_day"]
    assert "meer dan twee jaar terug" in body["detail"]
    assert not Case.objects.filter(employee=fit_employee).exists()
    confirmed = api.post(
        "employees/F1/sick-reports",
        {"first_sick_day": day.isoformat(), "first_sick_day_confirmed": True},
    )
    assert confirmed.status_code == 201, confirmed.content
    assert Case.objects.get(employee=fit_employee).first_sick_day == day


def test_a_reporting_date_in_the_future_is_refused(api, fit_employee):
    today = timezone.localdate()
    body = _problem(
        api.post(
            "employees/F1/sick-reports",
            {"first_sick_day": str(today), "reported_on": str(today + timedelta(days=2))},
        ),
        422,
    )
    assert "De meldingsdatum kan niet in de toekomst liggen." in str(body)
    assert not Case.objects.filter(employee=fit_employee).exists()
