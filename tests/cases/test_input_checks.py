"""Input that makes sense: a first sick day long ago asks a confirmation, nothing typed is lost,
a reporting date cannot lie ahead, and a relapse keeps the case's contact details."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cases.date_validators import add_years
from cases.employee_row_form import EmployeeRowForm
from cases.models import Case, CaseStatus, FirstSickDayCorrection
from cases.services import case_correct_first_sick_day, case_report_recovery, case_report_sick
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db

LONG_AGO = timedelta(days=2 * 365 + 30)


def _today():
    return timezone.localdate()


@pytest.fixture
def fit_employee(world):
    return EmployeeFactory(employer=world.employer_a, first_name="Fenna", last_name="Fit")


def _sick_report(employee, first_sick_day, **extra):
    return {
        "employee": employee.pk,
        "first_sick_day": first_sick_day.isoformat(),
        "reported_on": _today().isoformat(),
        "contact_phone": "0612345678",
        "contact_address": "Dorpsstraat 1, Ede",
        "expected_duration": "twee weken",
        "work_accident": "no",
        "liable_third_party": "no",
        **extra,
    }


# A first sick day more than two years back --------------------------------------------------


def test_sick_report_long_ago_asks_confirmation_and_keeps_what_was_typed(
    world, login, fit_employee
):
    client = login(world.hr_a)
    day = _today() - LONG_AGO
    response = client.post(reverse("cases:report_sick"), _sick_report(fit_employee, day))
    assert response.status_code == 200
    text = response.text
    assert "meer dan twee jaar terug" in text
    assert "old-first-sick-day" in text  # the warning
    assert 'name="first_sick_day_confirmed"' in text  # the confirmation box
    for typed in (day.isoformat(), "0612345678", "Dorpsstraat 1, Ede", "twee weken"):
        assert typed in text
    assert not Case.objects.filter(employee=fit_employee).exists()

    confirmed = client.post(
        reverse("cases:report_sick"),
        _sick_report(fit_employee, day, first_sick_day_confirmed="on"),
    )
    assert confirmed.status_code == 302
    case = Case.objects.get(employee=fit_employee)
    assert case.first_sick_day == day and case.contact_phone == "0612345678"


def test_sick_report_form_shows_no_confirmation_box_for_a_recent_date(world, login):
    response = login(world.hr_a).get(reverse("cases:report_sick"))
    assert 'name="first_sick_day_confirmed"' not in response.text
    assert "old-first-sick-day" not in response.text


def test_sick_report_service_refuses_a_first_sick_day_long_ago_unless_confirmed(
    world, fit_employee
):
    day = _today() - LONG_AGO
    with pytest.raises(ValidationError) as caught:
        case_report_sick(employee=fit_employee, first_sick_day=day, actor=world.hr_a)
    assert "meer dan twee jaar terug" in caught.value.message_dict["first_sick_day"][0]
    result = case_report_sick(
        employee=fit_employee, first_sick_day=day, actor=world.hr_a, first_sick_day_confirmed=True
    )
    assert result.case.first_sick_day == day


def test_correcting_the_first_sick_day_to_long_ago_asks_confirmation(world, login):
    client = login(world.hr_a)
    url = reverse("cases:correct_first_sick_day", args=[world.case_a.pk])
    day = _today() - LONG_AGO
    response = client.post(url, {"new_date": day.isoformat(), "reason": "Typfout in het jaartal"})
    assert response.status_code == 200
    assert "meer dan twee jaar terug" in response.text
    assert 'name="first_sick_day_confirmed"' in response.text
    assert "Typfout in het jaartal" in response.text
    assert not FirstSickDayCorrection.objects.exists()
    with pytest.raises(ValidationError):  # the service refuses it too
        case_correct_first_sick_day(
            case=world.case_a, new_date=day, reason="Typfout", actor=world.hr_a
        )
    confirmed = client.post(
        url,
        {
            "new_date": day.isoformat(),
            "reason": "Typfout in het jaartal",
            "first_sick_day_confirmed": "on",
        },
    )
    assert confirmed.status_code == 302
    world.case_a.refresh_from_db()
    assert world.case_a.first_sick_day == day


def test_a_reporting_date_in_the_future_is_refused_in_dutch(world, login, fit_employee):
    data = _sick_report(fit_employee, _today())
    data["reported_on"] = (_today() + timedelta(days=1)).isoformat()
    response = login(world.hr_a).post(reverse("cases:report_sick"), data)
    assert response.status_code == 200
    assert "De meldingsdatum kan niet in de toekomst liggen." in response.text
    assert not Case.objects.filter(employee=fit_employee).exists()


# A relapse keeps the case's contact details -------------------------------------------------


def _recovered_case(world, employee, *, recovered_days_ago: int):
    result = case_report_sick(
        employee=employee,
        first_sick_day=_today() - timedelta(days=recovered_days_ago + 20),
        actor=world.hr_a,
        contact_phone="0687654321",
        contact_address="Verpleeghuis De Linde, kamer 12",
    )
    case_report_recovery(
        case=result.case,
        recovery_date=_today() - timedelta(days=recovered_days_ago),
        actor=world.hr_a,
    )
    result.case.refresh_from_db()
    assert result.case.status == CaseStatus.RECOVERED
    return result.case


def test_relapse_form_is_prefilled_with_the_cases_contact_details(world, login, fit_employee):
    _recovered_case(world, fit_employee, recovered_days_ago=10)
    response = login(world.hr_a).get(reverse("cases:report_sick") + f"?employee={fit_employee.pk}")
    form = response.context["form"]
    assert form.initial["contact_phone"] == "0687654321"
    assert form.initial["contact_address"] == "Verpleeghuis De Linde, kamer 12"
    assert "relapse-note" in response.text
    assert "0687654321" in response.text and "Verpleeghuis De Linde, kamer 12" in response.text


def test_no_prefill_when_the_report_would_open_a_new_case(world, login, fit_employee):
    _recovered_case(world, fit_employee, recovered_days_ago=60)
    response = login(world.hr_a).get(reverse("cases:report_sick") + f"?employee={fit_employee.pk}")
    assert "contact_phone" not in response.context["form"].initial
    assert "relapse-note" not in response.text


def test_relapse_keeps_the_contact_details_unless_hr_changes_them(world, login, fit_employee):
    case = _recovered_case(world, fit_employee, recovered_days_ago=10)
    client = login(world.hr_a)
    form = client.get(reverse("cases:report_sick") + f"?employee={fit_employee.pk}").context["form"]
    data = _sick_report(fit_employee, _today())
    data["contact_phone"] = form.initial["contact_phone"]  # posted back as shown
    data["contact_address"] = form.initial["contact_address"]
    assert client.post(reverse("cases:report_sick"), data).status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN and case.sick_periods.count() == 2
    assert case.contact_phone == "0687654321"
    assert case.contact_address == "Verpleeghuis De Linde, kamer 12"


def test_relapse_takes_the_contact_details_hr_changed(world, login, fit_employee):
    case = _recovered_case(world, fit_employee, recovered_days_ago=10)
    data = _sick_report(fit_employee, _today(), contact_phone="0611112222")
    data["contact_address"] = "Verpleeghuis De Linde, kamer 12"
    assert login(world.hr_a).post(reverse("cases:report_sick"), data).status_code == 302
    case.refresh_from_db()
    assert case.contact_phone == "0611112222"
    assert case.contact_address == "Verpleeghuis De Linde, kamer 12"


def test_the_prefill_respects_who_may_report(world, login, fit_employee):
    """An employee of another employer in the query string is not offered nor prefilled."""
    other = EmployeeFactory(employer=world.employer_b)
    _recovered_case(world, other, recovered_days_ago=10)
    response = login(world.hr_a).get(reverse("cases:report_sick") + f"?employee={other.pk}")
    assert "Verpleeghuis" not in response.text
    assert "contact_phone" not in response.context["form"].initial


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [
        (date(2024, 2, 29), 1, date(2025, 2, 28)),
        (date(2024, 2, 29), -13, date(2011, 2, 28)),
        (date(2024, 2, 29), 4, date(2028, 2, 29)),
        (date(2026, 11, 30), -2, date(2024, 11, 30)),
    ],
)
def test_add_years_keeps_29_february_as_28_february_in_other_years(day, years, expected):
    assert add_years(day, years) == expected


def test_import_row_of_someone_born_on_29_february_is_checked_not_crashed(world):
    """The thirteenth birthday of a leap-day child and "a year from a 29 February"."""
    row = {
        "personnel_number": "L29",
        "first_name": "Schrikkel",
        "last_name": "Dag",
        "bsn": "111222333",
        "date_of_birth": "2000-02-29",
        "employment_start_date": "2013-02-27",
        "contract_hours": "20",
    }
    form = EmployeeRowForm(row, today=date(2024, 2, 29))
    assert not form.is_valid()
    assert "De datum in dienst ligt vóór de dertiende verjaardag." in form.non_field_errors()
    form = EmployeeRowForm({**row, "employment_start_date": "2025-03-01"}, today=date(2024, 2, 29))
    assert not form.is_valid()
    assert "De datum in dienst ligt meer dan een jaar in de toekomst." in form.non_field_errors()
    form = EmployeeRowForm({**row, "employment_start_date": "2013-02-28"}, today=date(2024, 2, 29))
    assert form.is_valid(), form.errors
