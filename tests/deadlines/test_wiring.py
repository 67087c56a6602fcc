"""The real chain, no stand-ins: case and dossier services → deadlines recompute → case page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.services import case_correct_first_sick_day, case_report_sick
from deadlines.models import Deadline
from tests.dossier.factories import statement
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


def test_reporting_sick_creates_the_cases_deadlines(world, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    employee = EmployeeFactory(employer=world.employer_a)
    with django_capture_on_commit_callbacks(execute=True):
        case = case_report_sick(employee=employee, first_sick_day=today, actor=world.hr_a).case
    problem_analysis = Deadline.objects.get(case=case, kind="problem_analysis")
    assert problem_analysis.due_date == today + timedelta(days=41)  # end of week 6
    assert Deadline.objects.filter(case=case, kind="waiting_period_end").get().due_date == (
        today + timedelta(days=727)
    )


def test_a_probleemanalyse_marks_its_deadline_done(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        statement(world.case_a, world.physician)
    deadline = Deadline.objects.get(case=world.case_a, kind="problem_analysis")
    assert deadline.status == "done"


def test_case_page_shows_the_timeline_and_the_dossier(
    world, login, django_capture_on_commit_callbacks
):
    from deadlines.services import deadlines_recompute

    deadlines_recompute(case=world.case_a, reason="test")
    response = login(world.hr_a).get(reverse("cases:detail", args=[world.case_a.pk]))
    assert response.status_code == 200
    assert "<svg" in response.text and 'role="img"' in response.text
    assert reverse("dossier:plan_create", args=[world.case_a.pk]) in response.text


def test_svg_coordinates_are_not_localised_with_decimal_commas(world, login):
    import re

    from deadlines.services import deadlines_recompute

    deadlines_recompute(case=world.case_a, reason="test")
    text = login(world.hr_a).get(reverse("cases:detail", args=[world.case_a.pk])).text
    svg = text[text.index("<svg") : text.index("</svg>")]
    assert not re.search(r'(?:x|y|x1|x2|y1|y2|width|cx|cy|r)="-?\d+,\d', svg)
    assert re.search(r'viewBox="0 0 \d+(\.\d+)? \d+(\.\d+)?"', svg)


def test_recompute_keeps_the_next_deadline_that_the_case_list_filters_on(
    world, login, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        case_correct_first_sick_day(
            case=world.colleague_case_a,
            new_date=today - timedelta(weeks=12),
            reason="Te laat gemeld",
            actor=world.hr_a,
        )
    world.colleague_case_a.refresh_from_db()
    # The recompute keeps the case's next deadline: the probleemanalyse, due in week 6.
    assert world.colleague_case_a.next_deadline < today
    response = login(world.hr_a).get(reverse("cases:list"), {"overdue": "true"})
    assert world.colleague_a.personnel_number in response.text
    assert world.employee_a.personnel_number not in response.text
