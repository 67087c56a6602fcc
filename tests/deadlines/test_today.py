"""The start page per role ("Vandaag"): counts, to-dos with working links, fixed query count."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from deadlines.models import Deadline, DeadlineKind, DeadlineStatus
from deadlines.services import deadlines_recompute_all
from deadlines.today import today_page
from tests.factories import CaseFactory, EmployeeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.deadlines.urls")]


@pytest.fixture
def computed(world):
    deadlines_recompute_all()
    return world


@pytest.mark.parametrize("user_attr", ["hr_a", "manager_a", "employee_user_a", "physician"])
def test_each_role_starts_on_vandaag(computed, login, user_attr):
    response = login(getattr(computed, user_attr)).get(reverse("home"))
    assert response.status_code == 302 and response.url == reverse("deadlines:today")


def test_the_specialist_still_starts_on_the_trajectories(computed, login):
    response = login(computed.specialist).get(reverse("home"))
    assert response.url == reverse("cases:list")


def test_hr_counts_and_todos(computed, login):
    world = computed
    page = today_page(user=world.hr_a)
    counts = {key: n for key, _label, n, _url in page.counts}
    assert counts["open"] == 2
    assert counts["without_physician"] == 1
    assert [t.due_date for t in page.todos] == sorted(t.due_date for t in page.todos)
    analyses = {t.case_id: t for t in page.todos if t.title == "Probleemanalyse"}
    missing = analyses[world.colleague_case_a.pk]
    assert missing.url == reverse("cases:team", args=[world.colleague_case_a.pk])
    assert missing.note == "Geen bedrijfsarts toegewezen"
    assert analyses[world.case_a.pk].note == ""
    assert world.case_b.pk not in {t.case_id for t in page.todos}


def test_overdue_is_red_and_this_week_amber(computed, login):
    world = computed
    today = timezone.localdate()
    Deadline.objects.filter(case=world.case_a, kind=DeadlineKind.PROBLEM_ANALYSIS).update(
        due_date=today - timedelta(days=2), status=DeadlineStatus.OVERDUE
    )
    Deadline.objects.filter(case=world.colleague_case_a, kind=DeadlineKind.PROBLEM_ANALYSIS).update(
        due_date=today + timedelta(days=3)
    )
    html = login(world.hr_a).get(reverse("deadlines:today")).content.decode()
    assert re.search(r"todo-overdue list-group-item-danger", html)
    assert re.search(r"todo-week list-group-item-warning", html)


@pytest.mark.parametrize("user_attr", ["hr_a", "physician", "employee_user_a", "manager_a"])
def test_every_link_on_vandaag_opens(computed, login, user_attr):
    client = login(getattr(computed, user_attr))
    html = client.get(reverse("deadlines:today")).content.decode()
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    links = set(re.findall(r'href="(/[^"#]*)', main))
    assert links, "the page offers something to do"
    for link in links:
        assert client.get(link.replace("&amp;", "&")).status_code == 200, link


def test_the_physician_sees_the_analysis_to_write(computed, login):
    world = computed
    page = today_page(user=world.physician)
    assert [(t.title, t.case_id) for t in page.todos][:1] == [
        ("Probleemanalyse schrijven", world.case_a.pk)
    ]
    assert page.todos[0].url == reverse("dossier:statement_create", args=[world.case_a.pk])
    assert [c.pk for c in page.cases] == [world.case_a.pk]
    assert today_page(user=world.other_physician).todos == []


def test_the_manager_sees_the_team_and_the_employee_cards(computed):
    world = computed
    assert [c.pk for c in today_page(user=world.manager_a).team] == [world.case_a.pk]
    employee_page = today_page(user=world.employee_user_a)
    assert [c.pk for c in employee_page.cases] == [world.case_a.pk]
    assert all(card.case_id == world.case_a.pk for card in employee_page.cards)


def _queries_for(client, world, n: int) -> int:
    for _ in range(n - 2):  # the world holds two open cases of employer A already
        CaseFactory(employee=EmployeeFactory(employer=world.employer_a), reported_by=world.hr_a)
    deadlines_recompute_all()
    client.get(reverse("deadlines:today"))  # warm caches (sessions, content types)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("deadlines:today")).status_code == 200
    return len(queries)


def test_vandaag_query_count_does_not_grow_with_cases(world, login):
    client = login(world.hr_a)
    at_10 = _queries_for(client, world, 10)
    at_200 = _queries_for(client, world, 200)
    assert at_10 == at_200, (at_10, at_200)
