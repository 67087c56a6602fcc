"""Pure figure rules and the verzuim_figures JSON contract (no database)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from fractions import Fraction
from io import StringIO

import pytest
from django.core.management import call_command

from absence_figures.facts_json import parse_facts
from absence_figures.figures import (
    Employment,
    IncapacityStep,
    InvalidFacts,
    Period,
    SickReport,
    compute_figures,
    round_half_up,
)

WORKED_EXAMPLE = {
    "from": "2026-01-01",
    "to": "2026-01-31",
    "employees": [
        {"id": "A", "employed_from": None, "employed_until": None, "part_time_factor": 1},
        {"id": "B", "employed_from": "2026-01-11", "employed_until": None, "part_time_factor": 0.5},
    ],
    "sick_reports": [
        {"employee": "A", "start": "2026-01-05", "end": "2026-01-09"},
        {
            "employee": "B",
            "start": "2026-01-20",
            "end": None,
            "incapacity": [
                {"from": "2026-01-20", "percentage": 100},
                {"from": "2026-01-26", "percentage": 50},
            ],
        },
    ],
    "unknown_key": "ignored",
}


def run(stdin: str, monkeypatch, capsys) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", StringIO(stdin))
    code = 0
    try:
        call_command("verzuim_figures")
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def test_worked_example_exactly(monkeypatch, capsys):
    code, out, err = run(json.dumps(WORKED_EXAMPLE), monkeypatch, capsys)
    assert code == 0 and err == ""
    assert json.loads(out) == {
        "from": "2026-01-01",
        "to": "2026-01-31",
        "absence_percentage": 22.89,
        "report_frequency": 14.04,
        "average_duration": 5.0,
        "zero_absence": 0.0,
        "average_headcount": 1.68,
        "duration_classes": {"short": 1, "medium": 1, "long": 0, "extra_long": 0},
    }


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: "not json",
        lambda d: {k: v for k, v in d.items() if k != "from"},
        lambda d: {k: v for k, v in d.items() if k != "to"},
        lambda d: {**d, "to": "2025-12-31"},
        lambda d: {**d, "from": "2026-02-30"},
        lambda d: {**d, "employees": [{**d["employees"][0], "part_time_factor": 0}]},
        lambda d: {**d, "employees": [{**d["employees"][0], "part_time_factor": 1.2}]},
        lambda d: {
            **d,
            "sick_reports": [
                {
                    "employee": "A",
                    "start": "2026-01-05",
                    "incapacity": [{"from": "2026-01-05", "percentage": 101}],
                }
            ],
        },
        lambda d: {**d, "sick_reports": [{"employee": "Z", "start": "2026-01-05"}]},
        lambda d: {
            **d,
            "sick_reports": [{"employee": "A", "start": "2026-01-05", "end": "2026-01-04"}],
        },
        lambda d: {**d, "employees": [{**d["employees"][1], "employed_until": "2026-01-10"}]},
    ],
    ids=[
        "not-json",
        "missing-from",
        "missing-to",
        "to-before-from",
        "bad-date",
        "factor-zero",
        "factor-above-one",
        "percentage-above-100",
        "unknown-employee",
        "end-before-start",
        "employment-end-before-start",
    ],
)
def test_bad_input_exits_2_with_one_line(mutate, monkeypatch, capsys):
    data = mutate(WORKED_EXAMPLE)
    code, out, err = run(data if isinstance(data, str) else json.dumps(data), monkeypatch, capsys)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("verzuim_figures: ")
    assert "Traceback" not in err


def test_empty_period_gives_nulls_but_classes_still_count():
    period = Period(date(2026, 1, 1), date(2026, 1, 31))
    employees = [Employment("A", Fraction(1), employed_from=date(2026, 3, 1))]
    reports = [SickReport("A", date(2025, 12, 20), date(2026, 1, 3))]
    figures = compute_figures(period, employees, reports).as_contract()
    assert figures["absence_percentage"] is None
    assert figures["report_frequency"] is None
    assert figures["average_headcount"] is None
    assert figures["zero_absence"] is None
    assert figures["average_duration"] == 15.0
    assert figures["duration_classes"]["medium"] == 1


def test_quarter_annualised_by_days_not_times_four():
    period = Period(date(2026, 1, 1), date(2026, 3, 31))  # 90 days
    employees = [Employment("A", Fraction(1))]
    reports = [SickReport("A", date(2026, 2, 2), date(2026, 2, 3))]
    figures = compute_figures(period, employees, reports)
    assert figures.report_frequency == Decimal("4.06")  # 1 × 365 / 90, not 4.00


def test_duration_class_capped_at_730_and_zero_weight_is_not_sick():
    period = Period(date(2026, 1, 1), date(2026, 12, 31))
    employees = [Employment("A", Fraction(1)), Employment("B", Fraction(1))]
    reports = [
        SickReport("A", date(2023, 1, 1), None),
        SickReport(
            "B",
            date(2026, 5, 1),
            date(2026, 5, 10),
            (IncapacityStep(date(2026, 5, 1), Fraction(0)),),
        ),
    ]
    figures = compute_figures(period, employees, reports)
    assert figures.duration_classes == {"short": 0, "medium": 1, "long": 0, "extra_long": 1}
    assert figures.zero_absence == Decimal("50.00")  # B's report weighs 0: no sick day


def test_round_half_up():
    assert round_half_up(Fraction(1, 200)) == Decimal("0.01")
    assert round_half_up(Fraction(1249, 1000)) == Decimal("1.25")
    assert round_half_up(Fraction(12345, 1000)) == Decimal("12.35")


def test_parse_ignores_unknown_keys_and_defaults_incapacity():
    period, _employees, reports = parse_facts(json.dumps(WORKED_EXAMPLE))
    assert period.days == 31
    assert reports[0].incapacity() == (IncapacityStep(date(2026, 1, 5), Fraction(100)),)
    with pytest.raises(InvalidFacts):
        parse_facts("[]")
