"""Case action pages: role × action permissions, bad input (Dutch, nothing saved), htmx list."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from cases.models import Case, CaseStatus, FirstSickDayCorrection, SickPeriod, WorkResumption
from cases.services import case_team_update, case_update_details

pytestmark = pytest.mark.django_db


def _today():
    return timezone.localdate()


# (user, employee, employer flags, expected status on GET of the report form for that employee)
REPORT_SICK = [
    ("hr_a", "colleague_a", {}, 200),
    ("hr_b", "colleague_a", {}, "denied"),  # wrong employer
    ("manager_a", "employee_a", {"allow_manager_reports": True}, 200),
    ("manager_a", "employee_a", {"allow_manager_reports": False}, "denied"),
    ("manager_a", "colleague_a", {}, "denied"),  # not their team
    ("employee_user_a", "employee_a", {"allow_employee_sick_report": True}, 200),
    ("employee_user_a", "employee_a", {"allow_employee_sick_report": False}, "denied"),
    ("employee_user_a", "colleague_a", {"allow_employee_sick_report": True}, "denied"),
    ("physician", "employee_a", {}, "denied"),
]


@pytest.mark.parametrize(("user_attr", "employee_attr", "flags", "expected"), REPORT_SICK)
def test_report_sick_permissions(world, login, user_attr, employee_attr, flags, expected):
    for name, value in flags.items():
        setattr(world.employer_a, name, value)
    world.employer_a.save()
    employee = getattr(world, employee_attr)
    Case.objects.filter(employee=employee).update(status=CaseStatus.CLOSED)
    SickPeriod.objects.filter(case__employee=employee).update(end=F("start") + timedelta(days=1))
    user = getattr(world, user_attr)
    employee.refresh_from_db()
    assert user.has_perm("cases.report_sick", employee) is (expected == 200)
    client = login(user)
    before = Case.objects.count()
    response = client.post(
        reverse("cases:report_sick"),
        {
            "employee": employee.pk,
            "first_sick_day": _today().isoformat(),
            "reported_on": _today().isoformat(),
            "work_accident": "no",
            "liable_third_party": "no",
        },
    )
    if expected == 200:
        assert response.status_code == 302
        assert Case.objects.count() == before + 1
    else:
        assert response.status_code in (200, 403)  # 200 = employee not offered in the form
        assert Case.objects.count() == before


def test_report_sick_form_shows_medical_warning_and_no_diagnosis_field(world, login):
    response = login(world.hr_a).get(reverse("cases:report_sick"))
    assert response.status_code == 200
    assert "medical-warning" in response.text
    assert "eerste geplande werkdag" in response.text
    assert "diagnose" not in response.text.lower().replace("geen diagnose", "")


def test_report_sick_bad_input_shows_dutch_errors_and_saves_nothing(world, login):
    client = login(world.hr_a)
    before = Case.objects.count()
    response = client.post(
        reverse("cases:report_sick"),
        {
            "employee": world.employee_a.pk,  # already has an open case
            "first_sick_day": _today().isoformat(),
            "reported_on": _today().isoformat(),
            "work_accident": "no",
            "liable_third_party": "no",
        },
    )
    assert response.status_code == 200
    assert "al een lopend verzuimdossier" in response.text
    response = client.post(
        reverse("cases:report_sick"),
        {
            "employee": world.colleague_a.pk,
            "first_sick_day": (_today() + timedelta(days=10)).isoformat(),
            "reported_on": _today().isoformat(),
            "work_accident": "no",
            "liable_third_party": "no",
        },
    )
    assert "hoogstens 7 dagen in de toekomst" in response.text
    assert Case.objects.count() == before


RECOVERY = [
    ("hr_a", {}, 200),
    ("hr_b", {}, 404),
    ("manager_a", {"allow_manager_reports": True}, 200),
    ("manager_a", {"allow_manager_reports": False}, 403),
    ("employee_user_a", {"allow_employee_recovery_report": True}, 200),
    ("employee_user_a", {"allow_employee_recovery_report": False}, 403),
    ("physician", {}, 403),
]


@pytest.mark.parametrize(("user_attr", "flags", "expected"), RECOVERY)
def test_report_recovery_permissions(world, login, user_attr, flags, expected):
    for name, value in flags.items():
        setattr(world.employer_a, name, value)
    world.employer_a.save()
    response = login(getattr(world, user_attr)).get(
        reverse("cases:report_recovery", args=[world.case_a.pk])
    )
    assert response.status_code == expected


def test_employee_cannot_report_recovery_for_a_colleague(world, login):
    response = login(world.employee_user_a).post(
        reverse("cases:report_recovery", args=[world.colleague_case_a.pk]),
        {"recovery_date": _today().isoformat()},
    )
    assert response.status_code == 404
    world.colleague_case_a.refresh_from_db()
    assert world.colleague_case_a.status == CaseStatus.OPEN


def test_recovery_before_first_sick_day_shows_error(world, login):
    response = login(world.hr_a).post(
        reverse("cases:report_recovery", args=[world.case_a.pk]),
        {"recovery_date": (world.case_a.first_sick_day - timedelta(days=1)).isoformat()},
    )
    assert response.status_code == 200
    assert "moet na de eerste ziektedag" in response.text
    world.case_a.refresh_from_db()
    assert world.case_a.status == CaseStatus.OPEN


def test_recovery_through_the_page(world, login):
    response = login(world.employee_user_a).post(
        reverse("cases:report_recovery", args=[world.case_a.pk]),
        {"recovery_date": _today().isoformat()},
    )
    assert response.status_code == 302
    world.case_a.refresh_from_db()
    assert world.case_a.status == CaseStatus.RECOVERED


@pytest.mark.parametrize(
    "url_name",
    [
        "work_resumption_add",
        "leave_period_add",
        "correct_first_sick_day",
        "update_details",
        "close",
    ],
)
@pytest.mark.parametrize(
    ("user_attr", "expected"),
    [
        ("hr_a", 200),
        ("hr_b", 404),
        ("manager_a", 403),
        ("employee_user_a", 403),
        ("physician", 403),
    ],
)
def test_hr_only_actions(world, login, url_name, user_attr, expected):
    response = login(getattr(world, user_attr)).get(
        reverse(f"cases:{url_name}", args=[world.case_a.pk])
    )
    assert response.status_code == expected


@pytest.mark.parametrize("percentage", ["-5", "101"])
def test_work_resumption_percentage_out_of_range(world, login, percentage):
    response = login(world.hr_a).post(
        reverse("cases:work_resumption_add", args=[world.case_a.pk]),
        {"start": _today().isoformat(), "percentage_sick": percentage},
    )
    assert response.status_code == 200
    assert "tussen 0 en 100" in response.text
    assert not WorkResumption.objects.exists()


def test_overlapping_leave_shows_error(world, login):
    response = login(world.hr_a).post(
        reverse("cases:leave_period_add", args=[world.case_a.pk]),
        {
            "start": (world.case_a.first_sick_day - timedelta(days=3)).isoformat(),
            "end": _today().isoformat(),
            "same_cause": "on",
        },
    )
    assert response.status_code == 200
    assert "overlapt" in response.text
    assert not world.case_a.leave_periods.exists()


def test_correction_without_reason_is_refused(world, login):
    response = login(world.hr_a).post(
        reverse("cases:correct_first_sick_day", args=[world.case_a.pk]),
        {"new_date": (world.case_a.first_sick_day - timedelta(days=1)).isoformat(), "reason": ""},
    )
    assert response.status_code == 200
    assert "verplicht" in response.text
    assert not FirstSickDayCorrection.objects.exists()


def test_detail_shows_course_actions_and_activity(world, login):
    from cases.services import case_report_recovery, case_report_sick

    case_report_recovery(
        case=world.case_a, recovery_date=_today() - timedelta(days=5), actor=world.hr_a
    )
    case_report_sick(employee=world.employee_a, first_sick_day=_today(), actor=world.hr_a)
    client = login(world.hr_a)
    response = client.get(reverse("cases:detail", args=[world.case_a.pk]))
    assert response.status_code == 200
    text = response.text
    assert "Terugval binnen 28 dagen na herstel (5 dagen hersteld)" in text
    assert "samengeteld" in text
    # The activity log, which the page loads afterwards (htmx).
    log = client.get(reverse("cases:activity", args=[world.case_a.pk])).text
    assert "Herstelmelding" in log and "Ziekmelding" in log
    assert world.hr_a.full_name in text
    assert reverse("cases:report_recovery", args=[world.case_a.pk]) in text
    assert 'id="course-heading"' in text


def test_employee_sees_no_hr_actions(world, login):
    response = login(world.employee_user_a).get(reverse("cases:detail", args=[world.case_a.pk]))
    assert reverse("cases:close", args=[world.case_a.pk]) not in response.text
    assert reverse("cases:report_recovery", args=[world.case_a.pk]) in response.text


def test_activity_log_speaks_dutch_not_field_names(world, login):
    from cases.models import Case
    from cases.selectors import describe_changes

    changes = describe_changes(
        Case,
        {"status": ["open", "recovered"], "first_sick_day": ["2026-01-05", "2026-01-06"]},
        None,
    )
    labels = dict(changes)
    assert labels["Status"] == "Lopend → Hersteld"
    assert labels["Eerste ziektedag"] == "05-01-2026 → 06-01-2026"
    inserted = dict(describe_changes(Case, None, {"id": 3, "employee_id": 9, "status": "open"}))
    assert inserted == {"Status": "Lopend"}


def test_hr_changes_ziekmelding_details_and_the_log_shows_it(world, login):
    client = login(world.hr_a)
    url = reverse("cases:update_details", args=[world.case_a.pk])
    page = client.get(url).content.decode()
    assert "medical-warning" in page
    response = client.post(
        url,
        {
            "contact_phone": "06-12345678",
            "contact_address": "Zorghotel De Linde, Utrecht",
            "expected_duration": "Enkele weken",
            "appointments_note": "",
            "safety_net_applies": "no",
            "work_accident": "no",
            "liable_third_party": "yes",
        },
    )
    assert response.status_code == 302
    world.case_a.refresh_from_db()
    assert world.case_a.contact_phone == "06-12345678"
    assert world.case_a.liable_third_party is True
    assert world.case_a.safety_net_applies is False
    detail = client.get(reverse("cases:detail", args=[world.case_a.pk])).content.decode()
    log = client.get(reverse("cases:activity", args=[world.case_a.pk])).content.decode()
    assert "Gegevens ziekmelding gewijzigd" in log
    assert "06-12345678" in detail


def test_casemanager_must_be_hr_of_the_employer(world, login):
    client = login(world.hr_a)
    url = reverse("cases:team", args=[world.case_a.pk])
    response = client.post(url, {"casemanager": world.hr_b.pk})
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    world.case_a.refresh_from_db()
    assert world.case_a.casemanager_id != world.hr_b.pk
    with pytest.raises(ValidationError) as error:
        case_team_update(case=world.case_a, actor=world.hr_a, casemanager=world.hr_b)
    assert "HR-medewerker van deze werkgever" in str(error.value)


def test_the_ziekmelding_details_no_longer_change_the_casemanager(world):
    with pytest.raises(ValueError):
        case_update_details(case=world.case_a, actor=world.hr_a, casemanager=world.hr_b)


def test_activity_log_shows_readable_text_instead_of_internal_codes(world, login):
    from datetime import timedelta

    from cases.services import case_add_leave_period

    case = world.case_a
    start = case.first_sick_day + timedelta(days=14)
    case_add_leave_period(
        case=case,
        start=start,
        end=start + timedelta(days=111),
        same_cause=True,
        actor=world.hr_a,
    )
    for user in (world.hr_a, world.employee_user_a):
        client = login(user)
        html = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
        # The page loads the log afterwards (htmx) from `cases:activity`.
        html += client.get(reverse("cases:activity", args=[case.pk])).content.decode()
        log = html.split('class="table table-sm small activity-log"', 1)[1].split("</table>")[0]
        assert "Ziekte na afloop van het zwangerschaps- en bevallingsverlof, zelfde oorzaak" in log
        assert "after_leave" not in html
