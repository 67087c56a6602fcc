"""`cases.prepared_reads`: the fixed reads of the case page are prepared once per connection,
executed by name afterwards, and survive errors, rollbacks, new connections and lost
statements."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext, override_settings

from cases.batched_reads import CaseRows
from cases.models import SickPeriod
from cases.prepared_reads import prepared_sql

pytestmark = pytest.mark.django_db


def _rows() -> CaseRows:
    """A read of its own: the same SQL is prepared once per connection, whoever sends it, so
    this shape must not be one the app's pages send too."""
    return CaseRows(
        lambda case_id: SickPeriod.objects.filter(case_id=case_id).order_by("start", "-pk")
    )


def _read(rows: CaseRows, case) -> tuple[list[int], str]:
    """Return the ids read for `case` and the SQL sent for it."""
    with CaptureQueriesContext(connection) as captured:
        got = rows.rows(case)
    assert len(captured) == 1
    return [p.pk for p in got], captured[0]["sql"]


def _want(case) -> list[int]:
    periods = SickPeriod.objects.filter(case=case).order_by("start", "-pk")
    return list(periods.values_list("pk", flat=True))


def test_prepared_once_then_executed_by_name(world):
    rows = _rows()
    got, sql = _read(rows, world.case_a)
    assert got == _want(world.case_a)
    assert sql.startswith("PREPARE pw_")
    for case in (world.case_b, world.case_a):
        got, sql = _read(rows, case)
        assert got == _want(case)
        assert sql.startswith("EXECUTE pw_") and "PREPARE" not in sql
        assert 'FROM "cases_sickperiod"' in prepared_sql(sql)  # a log can be read back


def test_turned_off_the_sql_is_sent_as_it_is(world):
    with override_settings(DATABASE_PREPARED_READS=False):
        got, sql = _read(_rows(), world.case_a)
    assert got == _want(world.case_a)
    assert sql.startswith("SELECT ") and "PREPARE" not in sql


def test_a_statement_prepared_before_a_rollback_is_still_used(world):
    rows = _rows()
    with transaction.atomic():  # a savepoint here
        _read(rows, world.case_a)
        transaction.set_rollback(True)
    got, sql = _read(rows, world.case_b)
    assert sql.startswith("EXECUTE") and got == _want(world.case_b)


def test_after_an_error_the_next_read_prepares_anew(world):
    rows = _rows()
    _read(rows, world.case_a)
    with pytest.raises(DatabaseError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("DEALLOCATE ALL")  # e.g. a pooler reset the session
        rows.rows(world.case_a)  # inside a transaction: cannot be sent again
    got, sql = _read(rows, world.case_b)
    assert sql.startswith("PREPARE") and got == _want(world.case_b)


@pytest.mark.django_db(transaction=True)
def test_lost_statements_are_prepared_again_outside_a_transaction(world):
    rows = _rows()
    _read(rows, world.case_a)
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")
    with CaptureQueriesContext(connection) as captured:
        got = [p.pk for p in rows.rows(world.case_b)]
    assert got == _want(world.case_b)
    assert [q["sql"].split(" ", 1)[0] for q in captured] == ["EXECUTE", "PREPARE"]


@pytest.mark.django_db(transaction=True)
def test_a_new_connection_prepares_again(world):
    rows = _rows()
    _read(rows, world.case_a)
    connection.close()
    got, sql = _read(rows, world.case_b)
    assert sql.startswith("PREPARE") and got == _want(world.case_b)
