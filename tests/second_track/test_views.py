"""Tweede spoor in the browser: HR, the bureau specialist and the employee; every denial."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from accounts.models import Role
from cases.models import AssignmentKind, CaseAssignment
from dossier import services
from second_track import services as second_track_services
from second_track.models import (
    ActivityKind,
    EmployeeChoice,
    SecondTrack,
    SecondTrackActivity,
    SecondTrackReport,
)
from tests.dossier.factories import HTML_BYTES, MARKER, pdf_upload, statement
from tests.factories import CaseFactory, EmployeeFactory, UserFactory
from tests.second_track.factories import (
    activity,
    age_case,
    decide_not_start,
    decide_start,
    profile_fields,
    report_fields,
    start_track,
    study_fields,
    today,
)

pytestmark = pytest.mark.django_db


def url(name: str, *args) -> str:
    return reverse(f"second_track:{name}", args=args)


@pytest.fixture
def case(world):
    return age_case(world.case_a, 50)


@pytest.fixture
def track(world, case):
    decide_start(case, world.hr_a)
    return start_track(case, world.hr_a, specialist=world.specialist)


# The flow ---------------------------------------------------------------------------------------


def test_hr_specialist_and_employee_flow(world, case, login, client):
    pk = case.pk
    # HR: study and decision.
    login(world.hr_a)
    page = client.get(url("detail", pk))
    assert page.status_code == 200
    assert "Nog geen besluit" in page.text
    assert url("decision_create", pk) in page.text
    response = client.post(
        url("study_create", pk),
        {**study_fields(), "held_on": (today() - timedelta(days=20)).isoformat()},
    )
    assert response.status_code == 302
    response = client.post(
        url("decision_create", pk),
        {
            "kind": "start",
            "decided_on": (today() - timedelta(days=7)).isoformat(),
            "statement_by": "labour_expert",
            "statement_date": (today() - timedelta(days=8)).isoformat(),
            "statement_summary": "Spoor 1 niet mogelijk.",
        },
    )
    assert response.status_code == 302
    # HR: the herplaatsingsopdracht with the bureau coach.
    coach = UserFactory(role=Role.REINTEGRATION_SPECIALIST, full_name="Sanne Coach")
    response = client.post(
        url("start", pk),
        {
            "assignment_date": (today() - timedelta(days=5)).isoformat(),
            "route": "bureau",
            "bureau_name": "Werkfit Re-integratie",
            "specialist": coach.email.upper(),
            "budget": "3500.00",
            "report_interval_weeks": 4,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    track = SecondTrack.objects.get(case=case)
    assert track.specialist == coach
    # The coach: profile, activity, report with a file.
    login(coach)
    page = client.get(url("detail", pk))
    assert page.status_code == 200
    assert url("decision_create", pk) not in page.text
    assert url("end", pk) not in page.text
    response = client.post(url("profile_create", pk), profile_fields())
    assert response.status_code == 302
    response = client.post(
        url("activity_create", pk),
        {
            "kind": "coaching",
            "held_on": today().isoformat(),
            "description": "Intakegesprek en loopbaanoriëntatie.",
        },
    )
    assert response.status_code == 302
    response = client.post(
        url("report_create", pk),
        {
            "report_date": today().isoformat(),
            "period_start": track.assignment_date.isoformat(),
            "period_end": today().isoformat(),
            "upload": pdf_upload("voortgang.pdf"),
        },
    )
    assert response.status_code == 302
    report = SecondTrackReport.objects.get(track=track)
    assert report.document.record_kind == "second_track"
    # The employee: choice, own application, comment.
    login(world.employee_user_a)
    page = client.get(url("detail", pk))
    assert "Wat wordt er van u verwacht en wat zijn uw rechten" in page.text
    assert "deskundigenoordeel" in page.text and "€ 100" in page.text
    assert "second opinion" in page.text
    assert "Intakegesprek en loopbaanoriëntatie." in page.text
    assert report.document.title in page.text
    assert url("report_create", pk) not in page.text
    response = client.post(
        url("choice", pk),
        {"choice": "own_proposal", "proposed_bureau": "", "proposal_reason": ""},
    )
    assert response.status_code == 200
    assert "Vul de naam in van het bureau dat u voorstelt." in response.text
    response = client.post(
        url("choice", pk),
        {
            "choice": "own_proposal",
            "proposed_bureau": "Loopbaan & Co",
            "proposal_reason": "Dichtbij en ervaren.",
        },
    )
    assert response.status_code == 302
    response = client.post(
        url("activity_create", pk),
        {
            "kind": "application",
            "held_on": today().isoformat(),
            "description": "Gesolliciteerd via de website.",
            "employer_name": "Groothandel Oost",
            "vacancy": "Orderpicker",
        },
    )
    assert response.status_code == 302
    assert SecondTrackActivity.objects.get(vacancy="Orderpicker").by_employee
    response = client.post(url("comment_create", pk), {"text": "Ik wil graag parttime werken."})
    assert response.status_code == 302
    # HR answers the proposal and ends the trajectory.
    login(world.hr_a)
    page = client.get(url("detail", pk))
    assert "Het voorstel van de werknemer is nog niet beantwoord." in page.text
    assert "Ik wil graag parttime werken." in page.text
    response = client.post(url("answer", pk), {"answer": "declined", "text": ""})
    assert "Dit veld is verplicht." in response.text
    response = client.post(
        url("answer", pk),
        {"answer": "accepted", "text": "Redelijk voorstel; wij nemen het over."},
    )
    assert response.status_code == 302
    track.refresh_from_db()
    assert track.bureau_name == "Loopbaan & Co"
    response = client.post(
        url("end", pk),
        {
            "outcome": "new_contract",
            "outcome_on": today().isoformat(),
            "outcome_text": "Contract bij Groothandel Oost.",
        },
    )
    assert response.status_code == 302
    track.refresh_from_db()
    assert track.status == "ended"
    page = client.get(url("detail", pk))
    assert "Contract bij Groothandel Oost." in page.text


def test_decision_form_answers_in_dutch(world, case, login, client):
    login(world.hr_a)
    response = client.post(
        url("decision_create", case.pk),
        {"kind": "not_start", "decided_on": today().isoformat()},
    )
    assert response.status_code == 200
    assert "Kies de reden om geen tweede spoor te starten." in response.text
    assert "Licht het besluit toe" in response.text
    response = client.post(
        url("decision_create", case.pk),
        {"kind": "start", "decided_on": (today() + timedelta(days=3)).isoformat()},
    )
    assert "Vul de datum van die verklaring in." in response.text


def test_start_form_requires_a_start_decision(world, case, login, client):
    login(world.hr_a)
    response = client.post(
        url("start", case.pk),
        {
            "assignment_date": today().isoformat(),
            "route": "bureau",
            "bureau_name": "X",
            "report_interval_weeks": 4,
        },
    )
    assert response.status_code == 200
    assert "Leg eerst het besluit vast" in response.text


def test_activity_withdraw_and_filter(world, track, login, client):
    coaching = activity(track, world.specialist, kind=ActivityKind.COACHING, vacancy="")
    application = activity(track, world.specialist)
    login(world.specialist)
    response = client.post(url("activity_withdraw", coaching.pk), {"reason": ""})
    assert "Geef aan waarom u deze activiteit intrekt." in response.text
    response = client.post(
        url("activity_withdraw", coaching.pk), {"reason": "Afspraak ging niet door"}
    )
    assert response.status_code == 302
    page = client.get(url("detail", track.case_id))
    assert "<del>" in page.text and "Afspraak ging niet door" in page.text
    filtered = client.get(url("detail", track.case_id) + "?soort=application")
    assert [a.pk for a in filtered.context["page"].activities] == [application.pk]
    response = client.post(
        url("activity_outcome", application.pk), {"application_outcome": "offer"}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.application_outcome == "offer"


def test_employee_cannot_withdraw_the_bureaus_activity(world, track, login, client):
    bureau = activity(track, world.specialist)
    login(world.employee_user_a)
    response = client.post(url("activity_withdraw", bureau.pk), {"reason": "x"})
    assert response.status_code == 403


def test_profile_form_is_prefilled_from_the_belastbaarheid(world, track, login, client):
    services.capacity_assessment_create(
        case=track.case,
        actor=world.physician,
        assessed_on=today(),
        hours_limited=True,
        hours_notes="Maximaal 4 uur per dag.",
    )
    login(world.specialist)
    page = client.get(url("profile_create", track.case_id))
    assert "Werktijden: Maximaal 4 uur per dag." in page.text


def test_profile_versions_page(world, track, login, client):
    second_track_services.second_track_profile_create(
        track=track, actor=world.hr_a, **profile_fields()
    )
    second_track_services.second_track_profile_create(
        track=track, actor=world.hr_a, **profile_fields(target_functions="Heftruckchauffeur")
    )
    login(world.employee_user_a)
    page = client.get(url("detail", track.case_id))
    assert "Heftruckchauffeur" in page.text
    assert url("profiles", track.case_id) in page.text  # earlier versions
    history = client.get(url("profiles", track.case_id))
    assert history.text.count("Versie ") == 2


# Warnings ---------------------------------------------------------------------------------------


def test_decision_and_start_late_warnings(world, login, client):
    case = age_case(world.case_a, 60)
    login(world.hr_a)
    page = client.get(url("detail", case.pk))
    assert "Er is nog geen besluit over het tweede spoor" in page.text
    assert "had uiterlijk op" in page.text and "moeten starten" in page.text
    assert "alert-danger" in page.text


def test_started_after_the_latest_date(world, login, client):
    case = age_case(world.case_a, 70)
    decide_start(
        case,
        world.hr_a,
        decided_on=today() - timedelta(weeks=10),
        statement_date=today() - timedelta(weeks=10),
    )
    start_track(case, world.hr_a, assignment_date=today() - timedelta(weeks=5))
    login(world.hr_a)
    page = client.get(url("detail", case.pk))
    assert "na de uiterste datum" in page.text
    assert "Het besluit (" in page.text  # decided after week 52


def test_not_start_reason_shown(world, login, client):
    case = age_case(world.case_a, 50)
    decide_not_start(case, world.hr_a)
    login(world.employee_user_a)
    page = client.get(url("detail", case.pk))
    assert "Concreet uitzicht op structurele terugkeer" in page.text
    assert "Bedrijfsarts verwacht volledige terugkeer binnen 2 maanden." in page.text
    assert "moeten starten" not in page.text


def test_passend_werk_rule(world, login, client):
    login(world.hr_a)
    page = client.get(url("detail", age_case(world.case_a, 30).pk))
    assert "Na 26 weken ziekte telt ook werk" in page.text
    assert "Geldt nu" in page.text
    page = client.get(url("detail", age_case(world.case_a, 10).pk))
    assert "Geldt nog niet" in page.text


# Denials ----------------------------------------------------------------------------------------


GET_URLS = [
    "detail",
    "study_create",
    "decision_create",
    "start",
    "update",
    "choice",
    "answer",
    "end",
    "profiles",
    "profile_create",
    "activity_create",
    "report_create",
]


@pytest.mark.parametrize("user_attr", ["hr_b", "other_physician"])
def test_outsiders_get_404_everywhere(world, track, login, client, user_attr):
    login(getattr(world, user_attr))
    for name in GET_URLS:
        assert client.get(url(name, track.case_id)).status_code == 404, name
    item = activity(track, world.specialist)
    assert client.get(url("activity_withdraw", item.pk)).status_code == 404


def test_unassigned_specialist_and_other_employee_get_404(world, track, login, client):
    stranger = UserFactory(role=Role.REINTEGRATION_SPECIALIST)
    other = UserFactory(role=Role.EMPLOYEE)
    world.colleague_a.user = other
    world.colleague_a.save()
    for user in (stranger, other):
        login(user)
        assert client.get(url("detail", track.case_id)).status_code == 404
        assert client.post(url("comment_create", track.case_id), {"text": "x"}).status_code == 404


def test_specialist_loses_access_when_unassigned(world, track, login, client):
    CaseAssignment.objects.filter(case=track.case, user=world.specialist).update(active=False)
    login(world.specialist)
    assert client.get(url("detail", track.case_id)).status_code == 404


def test_manager_is_refused(world, track, login, client):
    login(world.manager_a)
    assert client.get(url("detail", track.case_id)).status_code == 403
    assert client.get(url("activity_create", track.case_id)).status_code == 403
    page = client.get(reverse("cases:detail", args=[track.case_id]))
    assert url("detail", track.case_id) not in page.text


@pytest.mark.parametrize("name", ["decision_create", "end", "start"])
def test_specialist_cannot_decide_or_end(world, track, login, client, name):
    login(world.specialist)
    assert client.get(url(name, track.case_id)).status_code == 403
    assert client.post(url(name, track.case_id), {}).status_code == 403


@pytest.mark.parametrize(
    "name",
    [
        "report_create",
        "decision_create",
        "study_create",
        "profile_create",
        "answer",
        "end",
    ],
)
def test_employee_cannot_report_or_decide(world, track, login, client, name):
    login(world.employee_user_a)
    assert client.post(url(name, track.case_id), {}).status_code == 403


def test_hr_cannot_choose_for_the_employee(world, track, login, client):
    login(world.hr_a)
    response = client.post(url("choice", track.case_id), {"choice": "agreed"})
    assert response.status_code == 403
    track.refresh_from_db()
    assert track.employee_choice == EmployeeChoice.PENDING


def test_specialist_never_sees_medical_parts(world, track, login, client):
    medical = {"diagnosis": MARKER, "history": MARKER, "treatment": MARKER}
    statement(track.case, world.physician, **medical)
    services.document_upload(
        case=track.case,
        actor=world.physician,
        title=f"Brief {MARKER}",
        upload=pdf_upload(),
        is_medical=True,
    )
    activity(track, world.specialist)
    login(world.specialist)
    for name in GET_URLS:
        response = client.get(url(name, track.case_id))
        assert response.status_code in (200, 403), name
        assert MARKER not in response.text, name
    page = client.get(url("detail", track.case_id))
    assert "Licht administratief werk, 4 uur per dag." in page.text  # the work advice


# Case dossier section and navigation ------------------------------------------------------------


def test_case_page_block_and_employee_link(world, track, login, client):
    login(world.employee_user_a)
    page = client.get(reverse("cases:detail", args=[track.case_id]))
    assert url("detail", track.case_id) in page.text
    assert "Uw tweede spoor" in page.text
    login(world.hr_a)
    page = client.get(reverse("dossier:case", args=[track.case_id]))
    assert "Lopend traject" in page.text and "Werkfit Re-integratie" in page.text


def test_case_page_block_counts_warnings(world, login, client):
    case = age_case(world.case_a, 60)
    login(world.hr_a)
    page = client.get(reverse("dossier:case", args=[case.pk]))
    assert "Nog geen besluit" in page.text
    assert "2 waarschuwingen" in page.text


def test_hr_menu_has_the_overview(world, login, client):
    login(world.hr_a)
    home = client.get(reverse("cases:list"))
    assert url("overview") in home.text
    login(world.employee_user_a)
    assert url("overview") not in client.get(reverse("cases:list")).text
    assert client.get(url("overview")).status_code == 403


# HR overview ------------------------------------------------------------------------------------


def _overview_world(world, count: int) -> None:
    """`count` cases of employer A: every third running, every third late, every third ended."""
    for n in range(count):
        employee = EmployeeFactory(employer=world.employer_a)
        case = age_case(CaseFactory(employee=employee, reported_by=world.hr_a), 60 + n % 5)
        if n % 3 == 0:
            decide_start(case, world.hr_a)
            track = start_track(case, world.hr_a, specialist=world.specialist)
            activity(track, world.specialist)
            second_track_services.second_track_report_create(
                track=track, actor=world.specialist, **report_fields(track)
            )
        elif n % 3 == 1:
            decide_not_start(case, world.hr_a)
        else:
            CaseAssignment.objects.get_or_create(
                case=case,
                user=world.specialist,
                active=True,
                defaults={"kind": AssignmentKind.REINTEGRATION_SPECIALIST},
            )


@pytest.mark.parametrize("count", [3, 20])
def test_overview_query_budget(world, login, client, django_assert_max_num_queries, count):
    from deadlines.services import deadlines_recompute_all

    _overview_world(world, count)
    deadlines_recompute_all(reason="test")
    login(world.hr_a)
    client.get(url("overview"))  # warm the session and permission caches
    with django_assert_max_num_queries(7):
        response = client.get(url("overview"))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert len(rows) == count
    states = {row.label for row in rows}
    assert {"Lopend traject", "Besloten geen tweede spoor te starten"} <= states
    late = [row for row in rows if row.state == "no_decision"]
    assert all(row.late for row in late)
    running = [row for row in rows if row.state == "active"]
    assert all(row.next_report and row.last_activity for row in running)


def test_overview_scoped_to_own_employers(world, login, client):
    age_case(world.case_b, 60)
    decide_start(world.case_b, world.hr_b)
    login(world.hr_a)
    response = client.get(url("overview"))
    assert world.case_b.pk not in [row.case_id for row in response.context["rows"]]
    login(world.specialist)
    assert client.get(url("overview")).status_code == 403


def test_overview_shows_late_start(world, login, client):
    from deadlines.services import deadlines_recompute

    case = age_case(world.case_a, 70)
    decide_start(
        case,
        world.hr_a,
        decided_on=today() - timedelta(weeks=10),
        statement_date=today() - timedelta(weeks=10),
    )
    start_track(case, world.hr_a, assignment_date=today() - timedelta(weeks=5))
    deadlines_recompute(case=case, reason="test")
    login(world.hr_a)
    response = client.get(url("overview"))
    row = next(r for r in response.context["rows"] if r.case_id == case.pk)
    assert row.late
    assert "te laat" in response.text


def test_report_form_rejects_a_wrong_file(world, track, login, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    login(world.specialist)
    response = client.post(
        url("report_create", track.case_id),
        {
            "report_date": today().isoformat(),
            "period_start": track.assignment_date.isoformat(),
            "period_end": today().isoformat(),
            "upload": SimpleUploadedFile("x.pdf", HTML_BYTES),
        },
    )
    assert response.status_code == 200
    assert "Dit bestandstype is niet toegestaan" in response.text


def test_overview_is_paged(world, login, client, monkeypatch):
    from deadlines.services import deadlines_recompute_all
    from second_track import views

    monkeypatch.setattr(views, "OVERVIEW_PAGE_SIZE", 5)
    _overview_world(world, 12)
    deadlines_recompute_all(reason="test")
    login(world.hr_a)
    first = client.get(url("overview"))
    last = client.get(url("overview"), {"page": 3})
    assert len(first.context["rows"]) == 5
    assert len(last.context["rows"]) == 2
    assert first.context["page_obj"].has_next and not last.context["page_obj"].has_next
    assert 'href="?page=2"' in first.content.decode()
    shown = {
        row.case_id
        for p in (1, 2, 3)
        for row in client.get(url("overview"), {"page": p}).context["rows"]
    }
    assert len(shown) == 12
