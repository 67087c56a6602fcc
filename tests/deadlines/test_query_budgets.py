"""Query budgets of the HR list pages and the case page at two sizes (issue 16).

The count of queries must not grow with the number of cases on a list, nor with the number of
records on a case. (Speed itself is measured by `bench/pages.py`, not by tests.)
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.case_memo import case_memo_open
from cases.prepared_reads import prepared_sql
from cases.services import case_record_work_resumption
from deadlines.fact_readers import facts_read, facts_read_case
from deadlines.models import Notification
from deadlines.services import deadlines_recompute_all
from dossier.models import EvaluationKind
from dossier.services import action_plan_version_agree, evaluation_create, progress_talk_create
from second_track.services import second_track_report_create
from tests.dossier.factories import evaluation_fields, plan, statement, talk_fields
from tests.factories import CaseFactory, EmployeeFactory
from tests.second_track.factories import (
    activity,
    age_case,
    decide_start,
    report_fields,
    start_track,
    today,
)

pytestmark = pytest.mark.django_db


def _count(client, url: str) -> int:
    client.get(url)  # warm the session and permission caches
    cache.clear()  # count the work itself, not a cached result (the Analyse figures)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _add_cases(world, n: int) -> None:
    first_sick_day = timezone.localdate() - timedelta(days=400)
    for _ in range(n):
        case = CaseFactory(
            employee=EmployeeFactory(employer=world.employer_a),
            first_sick_day=first_sick_day,
            reported_by=world.hr_a,
        )
        Notification.objects.create(
            user=world.hr_a, case=case, text="Herinnering", url=case.get_absolute_url()
        )
    deadlines_recompute_all()


@pytest.mark.parametrize(
    ("url_name", "budget"),
    [
        ("cases:list", 10),
        ("cases:employee_list", 5),
        ("deadlines:list", 6),
        ("deadlines:notifications", 8),
        ("second_track:overview", 7),
        ("deadlines:today", 14),
        ("absence_figures:analysis", 12),
        ("api:overview", 6),
    ],
)
def test_list_pages_do_not_grow_with_cases(world, login, url_name, budget):
    client = login(world.hr_a)
    url = reverse(url_name)
    _add_cases(world, 3)
    few = _count(client, url)
    _add_cases(world, 30)
    many = _count(client, url)
    if url_name == "second_track:overview":
        # It reads its undated cases on its last page only, so its one page of few cases reads
        # one query more than the first page of many.
        assert many <= few
    else:
        assert few == many
    assert max(few, many) <= budget


def _add_records(world, case, n: int) -> None:
    """Add `n` records of each kind the case page shows (course, dossier, tweede spoor)."""
    done = case.work_resumptions.count()
    for i in range(done, done + n):
        statement(case, world.physician)
        progress_talk_create(case=case, actor=world.hr_a, **talk_fields())
        case_record_work_resumption(
            case=case,
            start=case.first_sick_day + timedelta(days=30 + i),
            percentage_sick=50,
            actor=world.hr_a,
        )
        activity(case.second_tracks.get(), world.hr_a, held_on=today() - timedelta(days=i + 1))
    deadlines_recompute_all()


def _case_with_records(world):
    """Return a week-60 case with a decision, a trajectory with a report, an agreed plan and a
    first-year evaluation (the records `_add_records` adds come on top)."""
    case = age_case(world.case_a, 60)
    decide_start(case, world.hr_a)
    track = start_track(case, world.hr_a)
    second_track_report_create(track=track, actor=world.hr_a, **report_fields(track))
    action_plan_version_agree(version=plan(case, world.hr_a), actor=world.employee_user_a)
    evaluation_create(
        case=case, actor=world.hr_a, kind=EvaluationKind.FIRST_YEAR, **evaluation_fields()
    )
    return case


#: The case page's queries per role: the session, the user (HR and the bedrijfsarts: its MFA
#: check), the case (for HR with its employers, for the rules), the bedrijfsarts' team (its
#: rule), and one round trip for every record its sections show (`cases.batched_reads`). The
#: history loads afterwards (`cases:activity`).
CASE_PAGE_BUDGETS = {
    "hr_a": 5,
    "manager_a": 4,
    "employee_user_a": 4,
    "physician": 6,
}


@pytest.mark.parametrize(("who", "budget"), CASE_PAGE_BUDGETS.items())
def test_case_page_does_not_grow_with_records(world, login, who, budget):
    client = login(getattr(world, who))
    case = _case_with_records(world)
    _add_records(world, case, 1)
    url = reverse("cases:detail", args=[case.pk])
    few = _count(client, url)
    _add_records(world, case, 8)
    many = _count(client, url)
    assert few == many
    assert many <= budget


#: The table a statement reads (its first FROM; pghistory's context comes before some reads).
_FROM = re.compile(r'\bFROM "(\w+)"')


def _tables_read(client, url: str) -> list[str]:
    """Return the table of each statement of one request; several statements sent together
    (`cases.batched_reads`, pghistory's context) are counted one by one."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    statements = [prepared_sql(s) for q in captured for s in q["sql"].split("; ")]
    return [match.group(1) for sql in statements if (match := _FROM.search(sql))]


def test_case_page_reads_no_table_twice(world, login):
    """Each section of the case page shares the case's records (cases.case_memo): the plan,
    talks, deadlines... are read once, however many sections show or derive from them."""
    client = login(world.hr_a)
    case = _case_with_records(world)
    url = reverse("cases:detail", args=[case.pk])
    for n in (1, 8):
        _add_records(world, case, n)
        tables = _tables_read(client, url)
        twice = {table: count for table, count in Counter(tables).items() if count > 1}
        assert not twice, f"read more than once with {n} records of each kind: {twice}"
        assert "dossier_actionplanversion" in tables  # the page did read the dossier


def test_case_readers_agree_with_the_bulk_readers(world):
    """The facts the case page derives from its shared rows equal what the engine reads."""
    case = _case_with_records(world)
    _add_records(world, case, 2)
    case_memo_open(case)
    assert facts_read_case(case) == facts_read([case.pk])[case.pk]
    assert facts_read_case(case)["dossier"]["action_plan_date"] is not None
    assert facts_read_case(case)["second_track"]["reports"]
