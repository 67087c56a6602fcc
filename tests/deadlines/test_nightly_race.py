"""The nightly run against a case recomputed on its own between the batch's read and its write.

A user's change recomputes that one case at once (`deadlines_recompute`, which raises
`Case.deadlines_version` with the case row locked). The nightly batch, computed from the facts
as they were, must then leave that case alone instead of putting old deadlines back.
"""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from cases.models import Case, CaseStatus, SickPeriod
from deadlines import recompute
from deadlines.models import Deadline, DeadlineKind
from deadlines.recompute import deadlines_recompute
from deadlines.services import deadlines_recompute_all

CaseEvent = apps.get_model("cases", "CaseEvent")
FIELDS = [f.attname for f in Deadline._meta.concrete_fields if f.attname != "updated_at"]


def _snapshot() -> dict[tuple[int, str], tuple]:
    rows = Deadline.objects.values_list("case", "kind", *FIELDS)
    return {(row[0], row[1]): row for row in rows}


def _recover(case: Case) -> None:
    """A fact changes: the employee recovered today; the case is recomputed on its own."""
    SickPeriod.objects.filter(case=case, end__isnull=True).update(end=timezone.localdate())
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.RECOVERED)
    deadlines_recompute(case=case, reason="Hersteld gemeld")


def _recover_before_the_first_write(monkeypatch, case: Case) -> None:
    write = recompute._write
    done = []

    def recover_then_write(sync):
        if not done:
            done.append(True)
            _recover(case)
        return write(sync)

    monkeypatch.setattr(recompute, "_write", recover_then_write)


def _consistent_with_the_facts() -> bool:
    """Whether every case's stored deadlines are what its own recompute makes of them now."""
    before = _snapshot()
    for case in Case.objects.all():
        deadlines_recompute(case=case, reason="check")
    return _snapshot() == before


@pytest.mark.django_db
def test_a_case_recomputed_after_the_read_is_not_created_twice(world, monkeypatch):
    _recover_before_the_first_write(monkeypatch, world.case_a)
    assert not Deadline.objects.exists()

    # Without the check the batch's COPY would insert the case's deadlines a second time.
    deadlines_recompute_all()

    assert Deadline.objects.filter(case=world.case_a, kind=DeadlineKind.ACTION_PLAN).count() == 1
    assert Deadline.objects.filter(case=world.case_b).exists()  # the others were written
    assert _consistent_with_the_facts()


@pytest.mark.django_db
def test_a_case_recomputed_after_the_read_keeps_its_new_deadlines(world, monkeypatch):
    deadlines_recompute_all()
    # Both cases have a wrong date the nightly run would correct...
    wrong = timezone.localdate() + timedelta(days=300)
    plans = Deadline.objects.filter(
        case__in=[world.case_a, world.colleague_case_a], kind=DeadlineKind.ACTION_PLAN
    )
    plans.update(due_date=wrong, computed_date=wrong)
    # ...but case A recovers between the batch's read and its write.
    _recover_before_the_first_write(monkeypatch, world.case_a)

    deadlines_recompute_all()

    stored = dict(plans.values_list("case_id", "due_date"))
    assert stored[world.colleague_case_a.pk] != wrong  # corrected by the nightly run
    assert stored[world.case_a.pk] != wrong  # corrected by its own recompute...
    assert _consistent_with_the_facts()  # ...and not put back from the old facts


@pytest.mark.django_db
def test_the_recompute_of_one_case_raises_its_version(world):
    before = Case.objects.get(pk=world.case_a.pk).deadlines_version
    events = CaseEvent.objects.filter(pgh_obj_id=world.case_a.pk).count()
    deadlines_recompute(case=world.case_a, reason="check")
    deadlines_recompute(case=world.case_a, reason="check")
    assert Case.objects.get(pk=world.case_a.pk).deadlines_version == before + 2
    assert CaseEvent.objects.filter(pgh_obj_id=world.case_a.pk).count() == events  # no history


@pytest.mark.django_db(transaction=True)
def test_the_nightly_write_waits_for_a_recompute_in_progress_and_then_leaves_its_case(world):
    """A case's own recompute holds its row while the nightly batch is read; the batch's write
    (on the writer's second connection) waits for it to commit, then skips that case."""
    deadlines_recompute_all()
    marked = timezone.localdate() + timedelta(days=500)
    wrong = timezone.localdate() + timedelta(days=300)
    plans = Deadline.objects.filter(kind=DeadlineKind.ACTION_PLAN)
    # Both cases have a wrong date the nightly run will read and want to correct.
    plans.filter(case__in=[world.case_a, world.colleague_case_a]).update(due_date=wrong)
    locked = threading.Event()

    def recompute_in_progress() -> None:
        try:
            with transaction.atomic():
                Case.objects.select_for_update().get(pk=world.case_a.pk)
                Case.objects.filter(pk=world.case_a.pk).update(
                    deadlines_version=F("deadlines_version") + 1
                )
                # What a recompute from the new facts writes (a date no rule gives).
                plans.filter(case=world.case_a).update(due_date=marked)
                locked.set()
                time.sleep(0.5)  # the nightly run reads the old facts meanwhile
        finally:
            connection.close()

    other = threading.Thread(target=recompute_in_progress)
    other.start()
    assert locked.wait(5)
    deadlines_recompute_all()
    other.join()

    assert plans.get(case=world.case_a).due_date == marked  # left to its own recompute
    assert plans.get(case=world.colleague_case_a).due_date not in (wrong, marked)  # corrected
