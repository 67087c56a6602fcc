"""Cases and deadlines through the API: header, timeline milestones, filters, scoping."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from cases.models import Case
from deadlines.models import Deadline, DeadlineKind, DeadlineStatus, ResponsibleRole

pytestmark = pytest.mark.django_db


def _deadline(case, kind, due, status=DeadlineStatus.OPEN, **extra):
    return Deadline.objects.create(
        case=case,
        kind=kind,
        due_date=due,
        responsible_role=ResponsibleRole.HR,
        status=status,
        **extra,
    )


@pytest.fixture
def deadlines(world):
    today = timezone.localdate()
    made = {
        "overdue": _deadline(world.case_a, DeadlineKind.PROBLEM_ANALYSIS, today - timedelta(2)),
        "soon": _deadline(world.case_a, DeadlineKind.ACTION_PLAN, today + timedelta(5)),
        "later": _deadline(world.case_a, DeadlineKind.UWV_SICKNESS_REPORT, today + timedelta(200)),
        "done": _deadline(
            world.colleague_case_a,
            DeadlineKind.PROBLEM_ANALYSIS,
            today - timedelta(10),
            status=DeadlineStatus.DONE,
            completed_on=today - timedelta(11),
        ),
        "other_employer": _deadline(world.case_b, DeadlineKind.ACTION_PLAN, today),
    }
    # What the recompute keeps on the case: the earliest open due date.
    Case.objects.filter(pk=world.case_a.pk).update(next_deadline=made["overdue"].due_date)
    return made


def test_case_list_has_week_and_next_deadline(api, world, deadlines):
    items = {c["id"]: c for c in api.get("cases").json()["items"]}
    assert set(items) == {world.case_a.pk, world.colleague_case_a.pk}
    case = items[world.case_a.pk]
    assert case["week_of_illness"] == 4  # the factory's case started three weeks ago
    assert case["next_deadline"] == str(deadlines["overdue"].due_date)
    assert case["personnel_number"] == world.employee_a.personnel_number
    assert case["status"] == "open"


def test_case_list_filters(api, world):
    world.colleague_case_a.status = "recovered"
    world.colleague_case_a.close_reason = "recovered"
    world.colleague_case_a.save()
    assert [c["id"] for c in api.get("cases", {"status": "recovered"}).json()["items"]] == [
        world.colleague_case_a.pk
    ]
    pn = world.employee_a.personnel_number
    assert [c["id"] for c in api.get("cases", {"personnel_number": pn}).json()["items"]] == [
        world.case_a.pk
    ]
    future = (timezone.now() + timedelta(days=1)).isoformat()
    assert api.get("cases", {"changed_since": future}).json()["items"] == []
    assert api.get("cases", {"status": "sleeping"}).status_code == 422


def test_case_detail_has_the_timeline(api, world, deadlines):
    response = api.get(f"cases/{world.case_a.pk}")
    assert response.status_code == 200
    body = response.json()
    assert response["ETag"] == body["etag"]
    kinds = [m["kind"] for m in body["milestones"]]
    assert kinds == ["problem_analysis", "action_plan", "uwv_sickness_report"]
    assert body["milestones"][0]["status"] == "overdue"
    assert body["milestones"][1]["label"] == "Plan van aanpak"
    assert body["sick_periods"] == [{"start": str(world.case_a.first_sick_day), "end": None}]


def test_deadlines_due_and_overdue(api, world, deadlines):
    def ids(params):
        response = api.get("deadlines", params)
        assert response.status_code == 200, response.content
        return [d["id"] for d in response.json()["items"]]

    assert ids({}) == [deadlines["overdue"].pk, deadlines["soon"].pk]
    assert ids({"status": "overdue"}) == [deadlines["overdue"].pk]
    assert ids({"status": "due"}) == [deadlines["soon"].pk]
    assert ids({"within_days": 365}) == [
        deadlines["overdue"].pk,
        deadlines["soon"].pk,
        deadlines["later"].pk,
    ]
    first = api.get("deadlines", {"limit": 1}).json()
    second = api.get("deadlines", {"limit": 1, "cursor": first["next_cursor"]}).json()
    assert [d["id"] for d in first["items"] + second["items"]] == [
        deadlines["overdue"].pk,
        deadlines["soon"].pk,
    ]
    assert second["items"][0]["personnel_number"] == world.employee_a.personnel_number


def test_list_query_counts_are_fixed(api, world, deadlines, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        api.get("cases")
    with django_assert_max_num_queries(6):
        api.get("deadlines")
    with django_assert_max_num_queries(6):
        api.get("employees")
