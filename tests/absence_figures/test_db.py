"""Hand-computed figures on the fixed data set; the JSON, DB and SQL paths agree."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from absence_figures.aggregates import Scope, open_cases_by_week_band, totals_by_period
from absence_figures.facts_db import facts_from_db
from absence_figures.facts_json import parse_facts
from absence_figures.figures import Period, compute_figures, compute_totals, figures_from_totals
from cases.models import SickPeriod
from cases.models import WorkResumption as Resumption
from tests.factories import CaseFactory, EmployeeFactory, EmployerFactory, UserFactory

from .conftest import MARCH

pytestmark = pytest.mark.django_db

# Hand computation for March 2026 (31 days), factor = hours / 40:
# employment days P31 Q31 R31 S16 T10 U31 V31 = 181; weighted 15.5+31+31+16+8+31+31 = 163.5
# sick P 10×0.5=5, Q 5×1×0.5=2.5, R 7, T 3×0.8=2.4 (8-10 March only), U 3+4=7 → 23.9
# absence 100×23.9/163.5 = 14.617… → 14.62; headcount 181/31 = 5.838… → 5.84
# new reports P, R, T, U, U(relapse) = 5 → 5 / (181/31) × 365/31 = 1825/181 = 10.08
# ended: P10, Q14, T5, U3, U4 → 36/5 = 7.20; sick employees P Q R T U of 7 → zero 2/7 = 28.57
# classes: P10 medium, Q14 medium, R7 short, T5, U3, U4 short; Vernet: all six 1–14 short
EXPECTED = {
    "from": "2026-03-01",
    "to": "2026-03-31",
    "absence_percentage": 14.62,
    "report_frequency": 10.08,
    "average_duration": 7.2,
    "zero_absence": 28.57,
    "average_headcount": 5.84,
    "duration_classes": {"short": 4, "medium": 2, "long": 0, "extra_long": 0},
}


def test_hand_computed_figures_from_the_database(fixed_set):
    period = Period(*MARCH)
    employees, reports = facts_from_db(period, employer=fixed_set.employer)
    figures = compute_figures(period, employees, reports)
    assert figures.as_contract() == EXPECTED
    assert figures.vernet_classes == {"short": 6, "medium": 0, "long": 0, "extra_long": 0}


def test_sql_aggregation_gives_the_same_totals(fixed_set):
    period = Period(*MARCH)
    employees, reports = facts_from_db(period, employer=fixed_set.employer)
    [sql] = totals_by_period(Scope((fixed_set.employer.pk,)), [period])
    assert sql == compute_totals(period, employees, reports)
    assert figures_from_totals(period, sql).as_contract() == EXPECTED


def test_stored_data_command(fixed_set, capsys):
    call_command(
        "verzuim_figures",
        "--employer", str(fixed_set.employer.pk),
        "--department", str(fixed_set.department.pk),
        "--from", "2026-03-01", "--to", "2026-03-31",
    )  # fmt: skip
    assert json.loads(capsys.readouterr().out) == EXPECTED


def test_stored_data_command_bad_employer(db, capsys):
    with pytest.raises(SystemExit) as exc:
        call_command(
            "verzuim_figures", "--employer", "999999", "--from", "2026-01-01", "--to", "2026-01-31"
        )
    assert exc.value.code == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1


def _as_json(period: Period, employees, reports) -> str:
    return json.dumps(
        {
            "from": period.start.isoformat(),
            "to": period.end.isoformat(),
            "employees": [
                {
                    "id": e.id,
                    "employed_from": e.employed_from and e.employed_from.isoformat(),
                    "employed_until": e.employed_until and e.employed_until.isoformat(),
                    "part_time_factor": float(e.part_time_factor),
                }
                for e in employees
            ],
            "sick_reports": [
                {
                    "employee": r.employee,
                    "start": r.start.isoformat(),
                    "end": r.end and r.end.isoformat(),
                    "incapacity": [
                        {"from": s.start.isoformat(), "percentage": float(s.percentage)}
                        for s in r.incapacity()
                    ],
                }
                for r in reports
            ],
        }
    )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_json_db_and_sql_agree_on_random_histories(seed, capsys, monkeypatch):
    """Random employees (hours 8-40, joins, leaves), reports, relapses and partial recovery."""
    rng = random.Random(seed)
    employer = EmployerFactory(full_time_hours=40)
    hr = UserFactory()
    for _ in range(12):
        start = date(2025, 1, 1) + timedelta(days=rng.randint(-400, 500))
        until = start + timedelta(days=rng.randint(30, 600)) if rng.random() < 0.4 else None
        employee = EmployeeFactory(
            employer=employer,
            contract_hours=rng.choice([8, 16, 24, 32, 40]),  # factors with exact binary floats
            employment_start_date=start if rng.random() < 0.6 else None,
            employment_end_date=until,
        )
        day = date(2024, 6, 1) + timedelta(days=rng.randint(0, 60))
        case = CaseFactory(employee=employee, first_sick_day=day, reported_by=hr, sick_period=False)
        for _ in range(rng.randint(1, 4)):
            length = rng.choice([2, 5, 12, 40, 200])
            end = day + timedelta(days=length - 1)
            running = day > date(2025, 11, 1)
            SickPeriod.objects.create(case=case, start=day, end=None if running else end)
            if rng.random() < 0.5:
                Resumption.objects.create(
                    case=case,
                    start=day + timedelta(days=rng.randint(0, length - 1)),
                    percentage_sick=rng.choice([0, 25, 50, 80]),
                    created_by=hr,
                )
            if running:
                break
            day = end + timedelta(days=rng.randint(3, 120))
    periods = [
        Period(date(2025, 1, 1), date(2025, 12, 31)),
        Period(date(2025, 4, 1), date(2025, 6, 30)),
        Period(date(2024, 2, 1), date(2024, 2, 29)),
        Period(date(2025, 11, 10), date(2026, 2, 3)),
    ]
    sql = totals_by_period(Scope((employer.pk,)), periods)
    for index, period in enumerate(periods):
        employees, reports = facts_from_db(period, employer=employer)
        db_figures = compute_figures(period, employees, reports)
        assert sql[index] == compute_totals(period, employees, reports)
        monkeypatch.setattr("sys.stdin", StringIO(_as_json(period, employees, reports)))
        call_command("verzuim_figures")
        assert json.loads(capsys.readouterr().out) == db_figures.as_contract()
        assert parse_facts(_as_json(period, employees, reports))[0] == period


def test_open_cases_by_week_band_sums_relapses(fixed_set):
    scope = Scope((fixed_set.employer.pk,))
    bands = open_cases_by_week_band(scope, date(2026, 3, 31))
    assert bands == {"0-6": 1, "7-42": 0, "43-52": 0, "53-91": 0, "92-104": 0, "104+": 0}
    assert open_cases_by_week_band(scope, date(2026, 3, 31) + timedelta(weeks=50))["43-52"] == 1


def test_figures_never_read_medical_or_dossier_tables(fixed_set):
    """The SQL reads employees, employers, cases, sick periods and work resumptions only."""
    with CaptureQueriesContext(connection) as queries:
        totals_by_period(Scope((fixed_set.employer.pk,)), [Period(*MARCH)])
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert "dossier_" not in sql and "deadlines_" not in sql
    assert "cases_sickperiod" in sql  # positive control: the capture saw the real query
