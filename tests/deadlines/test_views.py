"""Views: the deadlines page per role, notifications, calendar feed, case tag and HR actions."""

from __future__ import annotations

import re
from datetime import date, timedelta

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from deadlines.models import (
    CalendarFeedToken,
    Deadline,
    DeadlineKind,
    DeadlineStatus,
    Notification,
    UwvStatedDate,
)
from deadlines.services import deadlines_recompute_all
from tests.factories import CaseFactory, EmployeeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.deadlines.urls")]
K = DeadlineKind


@pytest.fixture
def computed(world):
    deadlines_recompute_all()
    return world


def _names(response) -> str:
    return response.content.decode()


def test_hr_sees_own_employers_deadlines_only(computed, login):
    world = computed
    client = login(world.hr_a)
    response = client.get(reverse("deadlines:list"))
    assert response.status_code == 200
    html = _names(response)
    assert world.employee_a.full_name in html
    assert world.colleague_a.full_name in html
    assert world.employee_b.full_name not in html
    assert 'data-section="next_weeks"' in html
    client = login(world.hr_b)
    html = _names(client.get(reverse("deadlines:list")))
    assert world.employee_b.full_name in html
    assert world.employee_a.full_name not in html


def test_employee_sees_only_own_actions(computed, login):
    world = computed
    client = login(world.employee_user_a)
    response = client.get(reverse("deadlines:list") + "?status=open")
    rows = [d for _key, _title, ds in response.context["sections"] for d in ds]
    assert rows and {d.case_id for d in rows} == {world.case_a.pk}
    kinds = {d.kind for d in rows}
    assert K.PROBLEM_ANALYSIS not in kinds and K.UWV_SICKNESS_REPORT not in kinds
    assert K.WIA_APPLICATION in kinds and K.ACTION_PLAN in kinds


def test_physician_sees_own_steps_of_assigned_cases(computed, login):
    world = computed
    response = login(world.physician).get(reverse("deadlines:list") + "?status=open")
    rows = [d for _key, _title, ds in response.context["sections"] for d in ds]
    assert {(d.case_id, d.kind) for d in rows} == {(world.case_a.pk, K.PROBLEM_ANALYSIS)}
    response = login(world.other_physician).get(reverse("deadlines:list") + "?status=open")
    assert not [d for _k, _t, ds in response.context["sections"] for d in ds]


def test_sections_and_filters(computed, login):
    world = computed
    today = timezone.localdate()
    Deadline.objects.filter(case=world.case_a, kind=K.PROBLEM_ANALYSIS).update(
        due_date=today - timedelta(days=2), status=DeadlineStatus.OVERDUE
    )
    Deadline.objects.filter(case=world.case_a, kind=K.ACTION_PLAN).update(due_date=today)
    client = login(world.hr_a)
    sections = {
        k: rows for k, _t, rows in client.get(reverse("deadlines:list")).context["sections"]
    }
    assert [d.kind for d in sections["overdue"]] == [K.PROBLEM_ANALYSIS]
    assert K.ACTION_PLAN in [d.kind for d in sections["this_week"]]
    response = client.get(reverse("deadlines:list"), {"kind": K.ACTION_PLAN})
    kinds = {d.kind for _k, _t, rows in response.context["sections"] for d in rows}
    assert kinds == {K.ACTION_PLAN}
    response = client.get(
        reverse("deadlines:list"), {"status": "not_applicable", "employer": world.employer_a.pk}
    )
    [(_key, _title, rows)] = response.context["sections"]
    assert rows and {d.kind for d in rows} == {
        K.NEXT_PROGRESS_REVIEW,
        K.SECOND_TRACK_REPORT,
        K.SECOND_TRACK_REDECISION,
    }
    # Another employer cannot be chosen in the filter.
    response = client.get(reverse("deadlines:list"), {"employer": world.employer_b.pk})
    assert not response.context["filter"].is_valid()


def test_rows_name_the_employee_and_employer_for_hr_and_a_physician(computed, login):
    """HR's rows take the employer's name from the employer filter, a physician's from the
    rows' own read: both show it, with the employee linked to the case."""
    world = computed
    link = f'<a href="{world.case_a.get_absolute_url()}">{world.employee_a.full_name}</a>'
    for user in (world.hr_a, world.physician):
        html = _names(login(user).get(reverse("deadlines:list") + "?status=open"))
        assert f"{link}</td><td>{world.employer_a.name}</td>" in html


def test_step_filter_shows_the_chosen_step_only_while_chosen(computed, login):
    """The step and status selects are kept per language and chosen value: the choice of one
    request does not stick to the next."""
    client = login(computed.hr_a)

    def kind_select(query: dict) -> str:
        html = _names(client.get(reverse("deadlines:list"), query))
        return re.search(r'<select[^>]*name="kind".*?</select>', html).group(0)

    chosen = 'value="action_plan" selected'
    assert chosen in kind_select({"kind": K.ACTION_PLAN})
    assert chosen not in kind_select({})
    assert 'value="" selected' in kind_select({})
    assert "selected" not in kind_select({"kind": "nonsense"})


def _queries_for(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("deadlines:list")).status_code == 200
    return len(ctx.captured_queries)


def test_deadlines_page_query_count_does_not_grow_with_cases(world, login):
    client = login(world.hr_a)

    def add_cases(n: int) -> None:
        ezd = timezone.localdate() - timedelta(days=30)
        for _ in range(n):
            CaseFactory(
                employee=EmployeeFactory(employer=world.employer_a),
                first_sick_day=ezd,
                reported_by=world.hr_a,
            )
        deadlines_recompute_all()

    add_cases(5)
    few = _queries_for(client)
    add_cases(45)
    many = _queries_for(client)
    assert few == many
    assert many <= 12


def test_notifications_list_and_mark_read(world, login):
    mine = Notification.objects.create(user=world.hr_a, case=world.case_a, text="Hallo A")
    theirs = Notification.objects.create(user=world.hr_b, case=world.case_b, text="Hallo B")
    client = login(world.hr_a)
    html = _names(client.get(reverse("deadlines:notifications")))
    assert "Hallo A" in html and "Hallo B" not in html
    client.post(reverse("deadlines:notification_read", args=[theirs.pk]))
    theirs.refresh_from_db()
    assert theirs.read_at is None
    client.post(reverse("deadlines:notification_read", args=[mine.pk]))
    mine.refresh_from_db()
    assert mine.read_at is not None
    Notification.objects.create(user=world.hr_a, text="Nog een")
    client.post(reverse("deadlines:notifications_read_all"))
    assert not Notification.objects.filter(user=world.hr_a, read_at__isnull=True).exists()
    assert Notification.objects.filter(user=world.hr_b, read_at__isnull=True).exists()


def test_calendar_feed_valid_own_deadlines_and_revocation(computed, login, client):
    world = computed
    hr = login(world.hr_b)
    hr.post(reverse("deadlines:calendar"), {"action": "create"})
    token = CalendarFeedToken.objects.get(user=world.hr_b)
    assert len(token.token) >= 40
    page = hr.get(reverse("deadlines:calendar"))
    assert token.token in _names(page)
    hr.logout()
    url = reverse("deadlines:ical", kwargs={"token": token.token})
    response = client.get(url)  # no login needed
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert events
    summaries = " ".join(str(e["SUMMARY"]) for e in events)
    assert world.employee_b.full_name in summaries
    assert world.employee_a.full_name not in summaries
    assert "Probleemanalyse" in summaries
    pa = Deadline.objects.get(case=world.case_b, kind=K.PROBLEM_ANALYSIS)
    [event] = [e for e in events if str(e["UID"]) == f"deadline-{pa.pk}@poortwachter"]
    assert event.decoded("DTSTART") == pa.due_date
    assert event.decoded("DTEND") == pa.due_date + timedelta(days=1)
    assert str(event["URL"]).endswith(f"/dossiers/{world.case_b.pk}/")
    # Rotation invalidates the old URL; revocation gives 404.
    hr = login(world.hr_b)
    hr.post(reverse("deadlines:calendar"), {"action": "rotate"})
    hr.logout()
    assert client.get(url).status_code == 404
    token.refresh_from_db()
    new_url = reverse("deadlines:ical", kwargs={"token": token.token})
    assert client.get(new_url).status_code == 200
    hr = login(world.hr_b)
    hr.post(reverse("deadlines:calendar"), {"action": "revoke"})
    hr.logout()
    assert client.get(new_url).status_code == 404
    assert client.get(reverse("deadlines:ical", kwargs={"token": "onbekend"})).status_code == 404


def test_case_deadlines_tag_renders_svg_and_table(computed, login):
    world = computed
    response = login(world.hr_a).get(reverse("deadlines:case", args=[world.case_a.pk]))
    assert response.status_code == 200
    html = _names(response)
    assert 'role="img"' in html and "aria-label=" in html
    assert "<title>Probleemanalyse:" in html
    assert "vandaag" in html
    assert "<table" in html and "WVP-3" in html
    assert reverse("deadlines:uwv_date", args=[world.case_a.pk]) in html
    # Without the HR right the form is not offered.
    html = _names(
        login(world.employee_user_a).get(reverse("deadlines:case", args=[world.case_a.pk]))
    )
    assert reverse("deadlines:uwv_date", args=[world.case_a.pk]) not in html
    assert (
        login(world.hr_b).get(reverse("deadlines:case", args=[world.case_a.pk])).status_code == 404
    )


def test_tag_renders_from_a_template(computed, rf):
    from django.template import engines

    world = computed
    request = rf.get("/")
    request.user = world.hr_a
    html = (
        engines["django"]
        .from_string("{% load deadline_tags %}{% case_deadlines case user %}")
        .render({"case": world.case_a, "user": world.hr_a}, request)
    )
    assert "<svg" in html and "Tijdlijn en deadlines" in html


def _uwv_post(client, case):
    return client.post(
        reverse("deadlines:uwv_date", args=[case.pk]),
        {
            "key": K.WIA_APPLICATION,
            "date": "2030-01-15",
            "letter_date": date.today().isoformat(),
            "note": "brief",
        },
    )


def test_uwv_date_form_records_for_hr(computed, login):
    world = computed
    response = _uwv_post(login(world.hr_a), world.case_a)
    assert response.status_code == 302
    assert UwvStatedDate.objects.filter(case=world.case_a).count() == 1
    wia = Deadline.objects.get(case=world.case_a, kind=K.WIA_APPLICATION)
    assert wia.due_date == date(2030, 1, 15) and wia.overridden


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("hr_b", 404),
        ("other_physician", 404),
        ("employee_user_a", 403),
        ("manager_a", 403),
        ("physician", 403),
    ],
)
def test_uwv_date_form_denied(computed, login, who, status):
    world = computed
    response = _uwv_post(login(getattr(world, who)), world.case_a)
    assert response.status_code == status
    assert not UwvStatedDate.objects.exists()


def test_mark_done_manually(computed, login):
    world = computed
    melding = Deadline.objects.get(case=world.case_a, kind=K.UWV_SICKNESS_REPORT)
    url = reverse("deadlines:complete", args=[melding.pk])
    data = {"completed_on": date.today().isoformat(), "note": "42-weken-melding gedaan"}
    assert login(world.hr_b).post(url, data).status_code == 404
    assert login(world.employee_user_a).post(url, data).status_code == 403
    melding.refresh_from_db()
    assert melding.status != DeadlineStatus.DONE
    assert login(world.hr_a).post(url, data).status_code == 302
    melding.refresh_from_db()
    assert melding.status == DeadlineStatus.DONE
    assert melding.completed_note == "42-weken-melding gedaan"


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("deadlines:list"))
    assert response.status_code == 302


def test_the_problem_analysis_says_when_no_physician_is_assigned(computed, login):
    world = computed
    client = login(world.hr_a)
    without = _names(client.get(reverse("deadlines:case", args=[world.colleague_case_a.pk])))
    assert "Geen bedrijfsarts toegewezen" in without
    with_physician = _names(client.get(reverse("deadlines:case", args=[world.case_a.pk])))
    assert "Geen bedrijfsarts toegewezen" not in with_physician


def test_calendar_descriptions_are_dutch_without_internal_tags(computed, client, login):
    world = computed
    hr = login(world.hr_b)
    hr.post(reverse("deadlines:calendar"), {"action": "create"})
    token = CalendarFeedToken.objects.get(user=world.hr_b)
    hr.logout()
    feed = client.get(reverse("deadlines:ical", kwargs={"token": token.token}))
    events = list(icalendar.Calendar.from_ical(feed.content).walk("VEVENT"))
    descriptions = [str(e["DESCRIPTION"]) for e in events]
    assert descriptions
    for text in descriptions:
        assert not re.search(r"\[[A-Z]+-?\d+\]|WVP-\d|reference §|\bthe\b|\bweeks\b", text), text
        assert "Status: " in text and "Open het dossier in Poortwachter: http" in text
    pa = Deadline.objects.get(case=world.case_b, kind=K.PROBLEM_ANALYSIS)
    [event] = [e for e in events if str(e["UID"]) == f"deadline-{pa.pk}@poortwachter"]
    assert str(event["DESCRIPTION"]).splitlines()[:2] == [
        "De bedrijfsarts stelt de probleemanalyse op, uiterlijk in de zesde ziekteweek "
        "(Regeling procesgang eerste en tweede ziektejaar, art. 2).",
        f"Wie: Bedrijfsarts. Status: {pa.get_status_display()}.",
    ]


def test_every_deadline_kind_has_a_dutch_calendar_text():
    from deadlines.kind_texts import KIND_TEXTS

    assert set(KIND_TEXTS) == set(K.values)
