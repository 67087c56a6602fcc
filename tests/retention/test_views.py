"""Retention pages: the policy, the legal hold, erasing an employee, what is due — and who may."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pghistory.models import Events

from cases.models import Case, CaseStatus, CloseReason, Employee, SickPeriod
from cases.selectors import case_activity
from retention.models import RetentionPolicy
from retention.services import cases_anonymise, retention_run
from tests.factories import CaseFactory, EmployeeFactory

pytestmark = pytest.mark.django_db


def _closed_case(employee: Employee, *, years_ago: float = 3, **fields) -> Case:
    """Return a recovered case of `employee` whose last sick day lies `years_ago` back."""
    end = timezone.localdate() - timedelta(days=int(365 * years_ago))
    case = CaseFactory(
        employee=employee,
        first_sick_day=end - timedelta(days=30),
        status=CaseStatus.RECOVERED,
        close_reason=CloseReason.RECOVERED,
        sick_period=False,
        contact_address="Kerkstraat 1, Utrecht",
        **fields,
    )
    SickPeriod.objects.create(case=case, start=case.first_sick_day, end=end)
    return case


def _role_users(world):
    return {
        "hr_a": world.hr_a,
        "hr_b": world.hr_b,
        "manager_a": world.manager_a,
        "employee_a": world.employee_user_a,
        "physician": world.physician,
        "specialist": world.specialist,
    }


# --- The policy ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [("hr_a", 200), ("hr_b", 404), ("manager_a", 404), ("employee_a", 404), ("physician", 404)],
)
def test_only_hr_of_the_employer_sees_the_policy(world, login, who, status):
    client = login(_role_users(world)[who])
    response = client.get(reverse("retention:policy", args=[world.employer_a.pk]))
    assert response.status_code == status


def test_hr_changes_the_policy_in_the_form(world, login):
    client = login(world.hr_a)
    url = reverse("retention:policy", args=[world.employer_a.pk])
    response = client.post(
        url, {"dossier_years": "5", "employee_years": "3", "own_risk_bearer_zw": "on"}
    )
    assert response.status_code == 302
    policy = RetentionPolicy.objects.get(employer=world.employer_a)
    assert (policy.dossier_years, policy.employee_years, policy.own_risk_bearer_zw) == (5, 3, True)
    page = client.get(reverse("retention:due")).content.decode()
    assert "5 jaar" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"dossier_years": "2", "employee_years": "2", "own_risk_bearer_zw": "on"},
            "Een eigenrisicodrager Ziektewet bewaart het dossier ten minste 5 jaar.",
        ),
        ({"dossier_years": "0", "employee_years": "2"}, "De bewaartermijn is ten minste 1 jaar."),
        ({"dossier_years": "11", "employee_years": "2"}, "De bewaartermijn is hoogstens 10 jaar."),
        ({"dossier_years": "twee", "employee_years": "2"}, "Vul een heel aantal jaren in."),
        ({"employee_years": "2"}, "Vul een aantal jaren in."),
    ],
)
def test_a_bad_policy_is_refused_with_a_dutch_message_and_the_input_kept(
    world, login, data, message
):
    client = login(world.hr_a)
    response = client.post(reverse("retention:policy", args=[world.employer_a.pk]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    if "dossier_years" in data:
        assert f'value="{data["dossier_years"]}"' in response.content.decode()
    assert not RetentionPolicy.objects.exists()


def test_another_employers_hr_cannot_post_a_policy(world, login):
    client = login(world.hr_b)
    response = client.post(
        reverse("retention:policy", args=[world.employer_a.pk]),
        {"dossier_years": "1", "employee_years": "1"},
    )
    assert response.status_code == 404
    assert not RetentionPolicy.objects.exists()


# --- The legal hold -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("hr_a", 200),
        ("hr_b", 404),
        ("manager_a", 403),
        ("employee_a", 403),
        ("physician", 403),
        ("specialist", 403),
    ],
)
def test_only_hr_of_the_employer_may_open_the_legal_hold_form(world, login, who, status):
    client = login(_role_users(world)[who])
    response = client.get(reverse("retention:legal_hold", args=[world.case_a.pk]))
    assert response.status_code == status


@pytest.mark.parametrize("who", ["hr_b", "manager_a", "employee_a", "physician"])
def test_others_cannot_set_or_lift_a_hold(world, login, who):
    client = login(_role_users(world)[who])
    client.post(reverse("retention:legal_hold", args=[world.case_a.pk]), {"reason": "x"})
    world.case_a.refresh_from_db()
    assert not world.case_a.legal_hold
    Case.objects.filter(pk=world.case_a.pk).update(legal_hold=True, legal_hold_reason="r")
    response = client.post(reverse("retention:legal_hold_lift", args=[world.case_a.pk]))
    assert response.status_code in (403, 404)
    assert Case.objects.get(pk=world.case_a.pk).legal_hold


def test_hr_sets_and_lifts_a_hold_and_the_case_history_records_both(world, login):
    client = login(world.hr_a)
    case = _closed_case(world.colleague_a)
    url = reverse("retention:legal_hold", args=[case.pk])
    response = client.post(url, {"reason": "  "})
    assert "Geef de reden van de bewaarplicht op." in response.content.decode()
    response = client.post(url, {"reason": "Procedure bij de kantonrechter"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.legal_hold and case.legal_hold_by == world.hr_a
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Procedure bij de kantonrechter" in page and "Bewaarplicht opheffen" in page
    # Held: the run leaves it alone, even though its term has passed.
    assert retention_run().cases == []
    assert cases_anonymise(case_ids=[case.pk]) == []
    client.post(reverse("retention:legal_hold_lift", args=[case.pk]))
    case.refresh_from_db()
    assert not case.legal_hold and case.legal_hold_reason == ""
    actions = [entry.action for entry in case_activity(case=case, user=world.hr_a)]
    # (One test transaction: every event has the same time, so their order is not checked.)
    assert {"Bewaarplicht opgeheven", "Bewaarplicht vastgelegd"} <= set(actions)
    assert [row.case for row in retention_run(dry_run=True).cases] == [case]


def test_the_case_page_offers_the_hold_only_to_hr(world, login):
    url = world.case_a.get_absolute_url()
    assert "Bewaarplicht vastleggen" in login(world.hr_a).get(url).content.decode()
    for user in (world.manager_a, world.employee_user_a, world.physician):
        assert "Bewaarplicht vastleggen" not in login(user).get(url).content.decode()


# --- Open cases and anonymised history ------------------------------------------------------------


def test_an_open_case_is_never_anonymised_whatever_asks(world):
    assert cases_anonymise(case_ids=[world.case_a.pk, world.case_b.pk]) == []
    world.case_a.refresh_from_db()
    assert world.case_a.anonymised_at is None


def test_anonymising_empties_the_case_history_too_and_is_shown_on_the_case_page(world, login):
    case = _closed_case(world.colleague_a, appointments_note="Overdracht aan Piet")
    Case.objects.filter(pk=case.pk).update(contact_phone="0612345678")
    assert cases_anonymise(case_ids=[case.pk]) == [case.pk]
    texts = [
        str(event.pgh_data)
        for event in Events.objects.filter(pgh_obj_model="cases.Case", pgh_obj_id=str(case.pk))
    ]
    assert texts and not any("Kerkstraat" in t or "Piet" in t or "0612345678" in t for t in texts)
    page = login(world.manager_a).get(case.get_absolute_url())
    assert page.status_code in (200, 404)
    page = login(world.hr_a).get(case.get_absolute_url()).content.decode()
    assert "geanonimiseerd" in page and "Kerkstraat" not in page


# --- Erasing an employee ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [("hr_b", 404), ("manager_a", 403), ("employee_a", 403), ("physician", 404)],
)
def test_only_hr_of_the_employer_may_erase_an_employee(world, login, who, status):
    client = login(_role_users(world)[who])
    url = reverse("retention:employee_erase", args=[world.employee_a.pk])
    assert client.get(url).status_code == status
    assert client.post(url, {"confirm": "on"}).status_code == status
    assert Employee.objects.get(pk=world.employee_a.pk).anonymised_at is None


def test_an_employee_with_an_open_case_cannot_be_erased(world, login):
    client = login(world.hr_a)
    url = reverse("retention:employee_erase", args=[world.employee_a.pk])
    response = client.post(url, {"confirm": "on"})
    assert "heeft een lopend verzuimdossier" in response.content.decode()
    assert Employee.objects.get(pk=world.employee_a.pk).anonymised_at is None


def test_deleting_an_employee_with_cases_anonymises_instead_of_failing(world, login):
    employee = EmployeeFactory(employer=world.employer_a, email="jan@example.com")
    first = _closed_case(employee, years_ago=0.5)  # within its term: erasure is HR's choice
    second = _closed_case(employee, years_ago=3)
    client = login(world.hr_a)
    detail = client.get(reverse("cases:employee_detail", args=[employee.pk])).content.decode()
    url = reverse("retention:employee_erase", args=[employee.pk])
    assert url in detail
    response = client.post(url, {})
    assert "Bevestig dat u de werknemer wilt verwijderen." in response.content.decode()
    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302
    employee.refresh_from_db()
    assert employee.anonymised_at and employee.bsn == "" and employee.email == ""
    assert employee.full_name == f"Geanonimiseerde werknemer #{employee.pk}"
    assert set(Case.objects.filter(employee=employee).values_list("pk", flat=True)) == {
        first.pk,
        second.pk,
    }
    assert not Case.objects.filter(employee=employee, anonymised_at__isnull=True).exists()
    assert not Events.objects.filter(
        pgh_obj_model="cases.Employee",
        pgh_obj_id=str(employee.pk),
        pgh_data__email="jan@example.com",
    ).exists()


def test_erasing_closes_the_employees_login(world, login):
    case = world.case_a
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.RECOVERED, close_reason="recovered")
    SickPeriod.objects.filter(case=case).update(end=timezone.localdate())
    login(world.hr_a).post(
        reverse("retention:employee_erase", args=[world.employee_a.pk]), {"confirm": "on"}
    )
    world.employee_user_a.refresh_from_db()
    assert not world.employee_user_a.is_active
    assert world.employee_user_a.full_name == ""
    assert not world.employee_user_a.has_usable_password()


# --- What is due ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [("hr_a", 200), ("manager_a", 403), ("employee_a", 403), ("physician", 403)],
)
def test_only_hr_sees_the_due_page(world, login, who, status):
    assert login(_role_users(world)[who]).get(reverse("retention:due")).status_code == status


def test_the_due_page_shows_only_the_own_employers_cases_with_the_hold(world, login):
    due = _closed_case(world.colleague_a)
    held = _closed_case(
        EmployeeFactory(employer=world.employer_a),
        legal_hold=True,
        legal_hold_reason="Geschil over re-integratie",
    )
    soon = _closed_case(EmployeeFactory(employer=world.employer_a), years_ago=1.9)
    later = _closed_case(EmployeeFactory(employer=world.employer_a), years_ago=1)
    other = _closed_case(world.employee_b)
    page = login(world.hr_a).get(reverse("retention:due")).content.decode()
    for case in (due, held, soon):
        assert case.get_absolute_url() in page
    assert "Geschil over re-integratie" in page
    assert later.get_absolute_url() not in page
    assert other.get_absolute_url() not in page
    assert world.case_a.get_absolute_url() not in page  # open
    assert reverse("retention:due") in login(world.hr_a).get("/", follow=True).content.decode()


def test_the_due_page_query_count_does_not_grow_with_the_cases(world, login):
    client = login(world.hr_a)
    _closed_case(world.colleague_a)
    client.get(reverse("retention:due"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("retention:due"))
    for _ in range(6):
        employee = EmployeeFactory(
            employer=world.employer_a,
            employment_end_date=timezone.localdate() - timedelta(days=1200),
        )
        _closed_case(employee)
        _closed_case(
            EmployeeFactory(employer=world.employer_a), legal_hold=True, legal_hold_reason="r"
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("retention:due"))
    assert response.content.decode().count("/dossiers/") >= 13
    assert len(many) == len(few)


def test_the_case_page_verdict_agrees_with_the_one_read_from_the_database(world, login):
    """The case page takes the end of a closed case from its prefetched sick periods and
    reads nothing for an open one; the verdict is the one `case_verdict_get` gives alone."""
    from cases.selectors import case_detail
    from retention.selectors import case_verdict_get

    today = timezone.localdate()
    ended = _closed_case(world.colleague_a, years_ago=3)
    running = _closed_case(world.colleague_a, years_ago=1)
    SickPeriod.objects.filter(case=running).update(end=None)
    Case.objects.filter(pk=running.pk).update(status=CaseStatus.CLOSED)
    for case in (ended, running, world.case_a):
        alone = case_verdict_get(Case.objects.get(pk=case.pk), today=today)
        on_page = case_verdict_get(case_detail(user=world.hr_a, pk=case.pk), today=today)
        assert on_page == alone
        page = login(world.hr_a).get(case.get_absolute_url()).content.decode()
        assert str(alone.reason) in page
    assert "Verzuim beëindigd op" in case_verdict_get(ended, today=today).reason
