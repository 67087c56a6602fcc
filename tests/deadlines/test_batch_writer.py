"""`deadlines.batching.BatchWriter`: the nightly jobs write each batch in a transaction of its
own, on a second connection while the next batch is computed (outside a transaction), inline
inside one; errors and progress reach the caller; the second connection is closed."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from cases.models import Case
from deadlines.batching import batch_writer
from deadlines.models import Deadline, Reminder
from deadlines.services import deadlines_nightly
from tests.factories import CaseFactory, EmployeeFactory


def _add_cases(world, count: int) -> None:
    for n in range(count):
        CaseFactory(
            employee=EmployeeFactory(employer=world.employer_a),
            first_sick_day=timezone.localdate() - timedelta(days=40 + n),
            reported_by=world.hr_a,
            casemanager=world.hr_a,
        )


@pytest.mark.django_db
def test_inside_a_transaction_it_writes_inline():
    seen = []
    with batch_writer() as writer:
        assert writer.inline
        writer.write(lambda: threading.current_thread().name, then=seen.append)
        assert seen == [threading.current_thread().name]  # written at once, in this thread


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_it_writes_on_a_second_connection(world):
    main = connection.connection
    seen: list[tuple[str, object, bool]] = []

    def write() -> tuple[str, object, bool]:
        return threading.current_thread().name, connection.connection, connection.in_atomic_block

    with batch_writer() as writer:
        assert not writer.inline
        writer.write(write, then=seen.append)
        writer.write(write, then=seen.append)
        assert len(seen) == 1  # the first is reported once the second is handed over
    assert len(seen) == 2  # ...and the last once the writer is closed
    names, raw, in_transaction = zip(*seen, strict=True)
    assert all(name.startswith("batch-writer") for name in names)
    assert raw[0] is raw[1] is not main  # one connection of its own for the run
    assert all(in_transaction)
    assert raw[0].closed  # closed with the writer


@pytest.mark.django_db(transaction=True)
def test_an_error_of_a_write_reaches_the_caller_and_rolls_its_batch_back(world):
    def write() -> None:
        Case.objects.filter(pk=world.case_a.pk).update(next_deadline=timezone.localdate())
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"), batch_writer() as writer:
        writer.write(write)
    world.case_a.refresh_from_db()
    assert world.case_a.next_deadline is None


@pytest.mark.django_db(transaction=True)
def test_the_nightly_work_outside_a_transaction_equals_the_inline_one(world):
    _add_cases(world, 5)
    progress: list[int] = []
    result = deadlines_nightly(progress=progress.append)
    assert result.cases == Case.objects.count() == progress[-1]
    assert Deadline.objects.count() >= 16 * result.cases
    assert result.planned == Reminder.objects.count() > 0
    threaded = set(Deadline.objects.values_list("case_id", "kind", "due_date", "status"))
    Reminder.objects.all().delete()
    Deadline.objects.all().delete()
    Case.objects.update(next_deadline=None, second_track_due=None)
    with transaction.atomic():  # the inline path
        inline = deadlines_nightly()
    assert (inline.cases, inline.planned) == (result.cases, result.planned)
    assert set(Deadline.objects.values_list("case_id", "kind", "due_date", "status")) == threaded
    assert "batch-writer" not in {t.name[:12] for t in threading.enumerate()}
    assert connections["default"].in_atomic_block is False
