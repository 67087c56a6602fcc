"""The write version under which counts over every case are cached (cases.write_stamps)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from cases.models import (
    AssignmentKind,
    Case,
    CaseAssignment,
    Department,
    Employee,
    SickPeriod,
    WriteStamp,
)
from cases.write_stamps import cached_for_version, write_stamps_prune, write_version
from deadlines.models import Deadline, DeadlineKind, DeadlineStatus, Reminder
from deadlines.services import deadlines_recompute_all
from deadlines.today import today_page
from tests.factories import UserFactory
from tests.second_track.factories import age_case, decide_start, start_track

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def _counts(user) -> dict[str, int]:
    return {key: n for key, _label, n, _url in today_page(user=user).counts}


@pytest.mark.parametrize(
    "write",
    [
        lambda w: Case.objects.filter(pk=w.case_a.pk).update(next_deadline=None),
        lambda w: CaseAssignment.objects.filter(case=w.case_a).update(active=False),
        lambda w: Deadline.objects.filter(case=w.case_a).update(status=DeadlineStatus.OPEN),
        lambda w: Reminder.objects.filter(deadline__case=w.case_a).delete(),
        lambda w: w.employer_a.hr_users.add(UserFactory(role=Role.HR)),
        lambda w: w.employer_a.hr_users.remove(w.hr_a),
        lambda w: Department.objects.create(employer=w.employer_a, name="Nieuwe afdeling"),
        lambda w: UserFactory(role=Role.HR, full_name="Nieuwe casemanager"),
        lambda w: Employee.objects.filter(pk=w.case_a.employee_id).update(last_name="Anders"),
        lambda w: SickPeriod.objects.filter(case=w.case_a).update(note="Griep"),
        lambda w: w.employer_a.__class__.objects.filter(pk=w.employer_a.pk).update(name="Alfa"),
    ],
    ids=[
        "case",
        "assignment",
        "deadline",
        "reminder",
        "hr_users_add",
        "hr_users_remove",
        "department",
        "user",
        "employee",
        "sick_period",
        "employer",
    ],
)
def test_every_write_to_a_stamped_table_gives_a_new_version(world, write):
    before = write_version()
    write(world)
    assert write_version() > before


def test_a_copy_into_the_deadlines_is_stamped_too(world):
    deadlines_recompute_all()
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM deadlines_deadline ORDER BY id LIMIT 1")
        row = cursor.fetchone()
        cursor.execute("DELETE FROM deadlines_deadline WHERE id = %s", [row[0]])
        before = write_version()
        with cursor.copy("COPY deadlines_deadline FROM STDIN") as copy:
            copy.write_row(row)
    assert write_version() > before


def test_a_cached_value_is_reused_until_the_data_changes(world):
    calls = []

    def compute():
        calls.append(1)
        return Case.objects.count()

    assert cached_for_version("test", "parts", compute) == 2 + 1  # world has three cases
    assert cached_for_version("test", "parts", compute) == 3
    assert len(calls) == 1
    Case.objects.filter(pk=world.case_a.pk).update(expected_duration="twee weken")
    cached_for_version("test", "parts", compute)
    assert len(calls) == 2


def test_vandaag_counts_follow_a_change_at_once(world):
    deadlines_recompute_all()
    assert _counts(world.hr_a)["without_physician"] == 1
    CaseAssignment.objects.create(
        case=world.colleague_case_a,
        user=world.physician,
        kind=AssignmentKind.OCCUPATIONAL_PHYSICIAN,
    )
    assert _counts(world.hr_a)["without_physician"] == 0
    today = timezone.localdate()
    before = _counts(world.hr_a)["week"]
    Deadline.objects.filter(case=world.case_a, kind=DeadlineKind.PROBLEM_ANALYSIS).update(
        due_date=today + timedelta(days=1), status=DeadlineStatus.OPEN
    )
    assert _counts(world.hr_a)["week"] == before + 1


def test_counts_are_per_user_scope(world):
    deadlines_recompute_all()
    assert _counts(world.hr_a)["open"] == 2
    assert _counts(world.hr_b)["open"] == 1
    world.employer_b.hr_users.add(world.hr_a)
    assert _counts(world.hr_a)["open"] == 3


def test_a_page_reads_the_version_once(world, login):
    client = login(world.hr_a)
    client.get(reverse("deadlines:today"))
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("cases:list")).status_code == 200
    reads = [q for q in captured if "cases_writestamp" in q["sql"]]
    assert len(reads) == 1


def test_pruning_keeps_the_version(world):
    Case.objects.filter(pk=world.case_a.pk).update(expected_duration="een week")
    version = write_version()
    assert WriteStamp.objects.count() > 1
    write_stamps_prune()
    assert WriteStamp.objects.count() == 1
    assert write_version() == version


def test_the_case_filter_options_follow_a_new_department(world, login):
    client = login(world.hr_a)
    assert "Nieuwe afdeling" not in client.get(reverse("cases:list")).content.decode()
    Department.objects.create(employer=world.employer_a, name="Nieuwe afdeling")
    assert "Nieuwe afdeling" in client.get(reverse("cases:list")).content.decode()


def test_vandaag_to_dos_follow_a_new_name_at_once(world, login):
    deadlines_recompute_all()
    client = login(world.hr_a)
    assert "Nieuwenhuis" not in client.get(reverse("deadlines:today")).content.decode()
    Employee.objects.filter(pk=world.case_a.employee_id).update(last_name="Nieuwenhuis")
    assert "Nieuwenhuis" in client.get(reverse("deadlines:today")).content.decode()


def test_the_case_list_follows_a_recovery_at_once(world, login):
    client = login(world.hr_a)
    url = reverse("cases:list") + "?status=open"
    assert world.case_a.pk in [row.pk for row in client.get(url).context["cases"]]
    Case.objects.filter(pk=world.case_a.pk).update(status="recovered")
    assert world.case_a.pk not in [row.pk for row in client.get(url).context["cases"]]


def test_the_deadlines_page_follows_a_completed_step_at_once(world, login):
    deadlines_recompute_all()
    client = login(world.hr_a)
    url = reverse("deadlines:list")
    name = world.case_a.employee.full_name
    assert name in client.get(url).content.decode()
    Deadline.objects.filter(case=world.case_a).update(
        status=DeadlineStatus.DONE, completed_on=timezone.localdate()
    )
    assert name not in client.get(url).content.decode()


def test_the_second_track_overview_follows_a_new_trajectory_at_once(world, login):
    age_case(world.case_a, weeks=50)
    deadlines_recompute_all()
    client = login(world.hr_a)
    url = reverse("second_track:overview")
    before = client.get(url).context["rows"]
    assert [row.start for row in before if row.case_id == world.case_a.pk] == [None]
    decide_start(world.case_a, world.hr_a)
    start_track(world.case_a, world.hr_a)
    after = client.get(url).context["rows"]
    assert [row.start for row in after if row.case_id == world.case_a.pk] != [None]


def test_the_employee_list_follows_a_new_name_and_caches_no_full_bsn(world, login):
    client = login(world.hr_a)
    url = reverse("cases:employee_list")
    client.get(url)
    Employee.objects.filter(pk=world.case_a.employee_id).update(last_name="Nieuwenhuis")
    assert "Nieuwenhuis" in client.get(url).content.decode()
    bsn = Employee.objects.get(pk=world.case_a.employee_id).bsn
    entries = list(cache._cache.values())  # locmem keeps every value pickled
    assert entries and bsn
    assert not any(bsn.encode() in entry for entry in entries)
