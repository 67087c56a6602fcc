"""Tests of ``manage.py poortwachter_timeline`` and its JSON parsing.

The command needs Django settings but no database: none of these tests use ``django_db``.
"""

import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from deadlines.json_facts import loads_facts, parse_facts
from deadlines.poortwachter import MILESTONE_KEYS, CaseFacts, InvalidFacts
from tests.deadlines.test_poortwachter import EXAMPLES, Example

REPO_ROOT = Path(__file__).resolve().parents[2]

EXAMPLE_1_INPUT: dict[str, Any] = {
    "sick_periods": [{"start": "2025-01-06", "end": None}],
    "problem_analysis_date": "2025-02-13",
    "action_plan_date": "2025-02-27",
    "first_year_evaluation_date": "2025-12-18",
}
EXAMPLE_1_OUTPUT = {
    "first_sick_day": "2025-01-06",
    "milestones": {
        "problem_analysis": "2025-02-16",
        "action_plan": "2025-02-27",
        "next_progress_review": "2025-04-10",
        "uwv_sickness_report": "2025-10-27",
        "first_year_evaluation_window_start": "2025-11-17",
        "first_year_evaluation": "2026-01-04",
        "second_track_latest": "2026-01-29",
        "reintegration_report": "2026-10-04",
        "wia_application": "2026-10-18",
        "waiting_period_end": "2027-01-03",
        "wage_payment_end": "2027-01-03",
    },
}


def iso(value: date | None) -> str | None:
    """Return ``value`` as an ISO string, ``None`` stays ``None``."""
    return None if value is None else value.isoformat()


def as_input(facts: CaseFacts) -> dict[str, Any]:
    """Return the command's JSON input for ``facts`` (which must have no overrides)."""
    assert not facts.overrides
    return {
        "sick_periods": [
            {"start": iso(period.start), "end": iso(period.end)} for period in facts.sick_periods
        ],
        "leave_periods": [
            {"start": iso(leave.start), "end": iso(leave.end), "same_cause": leave.same_cause}
            for leave in facts.leave_periods
        ],
        "problem_analysis_date": iso(facts.problem_analysis_date),
        "action_plan_date": iso(facts.action_plan_date),
        "evaluations": [iso(day) for day in facts.evaluations],
        "first_year_evaluation_date": iso(facts.first_year_evaluation_date),
        "voluntary_extension_weeks": facts.voluntary_extension_weeks,
        "wage_sanction_weeks": facts.wage_sanction_weeks,
        "wia_application_date": iso(facts.wia_application_date),
    }


def run_command(text: str) -> dict[str, Any]:
    """Run the command in-process on ``text`` and return its decoded output."""
    out = io.StringIO()
    call_command("poortwachter_timeline", stdin=io.StringIO(text), stdout=out)
    return json.loads(out.getvalue())


def run_manage_py(text: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run ``manage.py poortwachter_timeline`` in a child process with ``text`` on stdin."""
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "reintegratie.settings.test", **env}
    return subprocess.run(
        [sys.executable, "manage.py", "poortwachter_timeline"],
        input=text,
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env=environment,
        timeout=120,
        check=False,
    )


# --- Worked examples of reference §5 through the CLI --------------------------------------


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: example.name)
def test_worked_example_through_the_command(example: Example) -> None:
    output = run_command(json.dumps(as_input(example.facts)))

    assert output["first_sick_day"] == example.first_sick_day
    assert list(output["milestones"]) == list(MILESTONE_KEYS)
    actual = {key: output["milestones"][key] for key in example.expected}
    assert actual == example.expected


def test_example_1_full_output() -> None:
    assert run_command(json.dumps(EXAMPLE_1_INPUT)) == EXAMPLE_1_OUTPUT


def test_samentelling_boundary_through_the_command() -> None:
    period_1 = {"start": "2025-03-03", "end": "2025-03-30"}
    summed = run_command(
        json.dumps({"sick_periods": [period_1, {"start": "2025-04-27", "end": None}]})
    )
    new_case = run_command(
        json.dumps({"sick_periods": [period_1, {"start": "2025-04-28", "end": None}]})
    )

    assert summed["first_sick_day"] == "2025-03-03"  # 27 fit days
    assert summed["milestones"]["problem_analysis"] == "2025-05-10"
    assert new_case["first_sick_day"] == "2025-04-28"  # 28 fit days
    assert new_case["milestones"]["problem_analysis"] == "2025-06-08"


def test_minimal_input_and_optional_keys() -> None:
    minimal = run_command('{"sick_periods": [{"start": "2025-01-06"}]}')
    with_nulls = run_command(
        json.dumps(
            {
                "sick_periods": [{"start": "2025-01-06", "end": "2025-01-08"}],
                "leave_periods": None,
                "evaluations": [],
                "problem_analysis_date": None,
                "wage_sanction_weeks": None,
            }
        )
    )

    assert minimal == with_nulls
    assert minimal["milestones"]["next_progress_review"] is None
    assert minimal["milestones"]["second_track_latest"] == "2026-02-15"


def test_periods_in_any_order() -> None:
    output = run_command(
        json.dumps(
            {
                "sick_periods": [
                    {"start": "2025-04-22", "end": None},
                    {"start": "2025-03-03", "end": "2025-03-30"},
                ]
            }
        )
    )

    assert output["milestones"]["problem_analysis"] == "2025-05-05"


# --- Invalid input ------------------------------------------------------------------------

INVALID_INPUTS = [
    ("", "not valid JSON"),
    ("{", "not valid JSON"),
    ("[]", "must be a JSON object"),
    ('"2025-01-06"', "must be a JSON object"),
    ("{}", "sick_periods is required"),
    ('{"sick_periods": null}', "sick_periods is required"),
    ('{"sick_periods": []}', "at least one period"),
    ('{"sick_periods": {"start": "2025-01-06"}}', "sick_periods must be a list"),
    ('{"sick_periods": ["2025-01-06"]}', r"sick_periods\[0\] must be an object"),
    ('{"sick_periods": [{"end": "2025-01-06"}]}', r"sick_periods\[0\]\.start is required"),
    ('{"sick_periods": [{"start": "06-01-2025"}]}', "must be a date YYYY-MM-DD"),
    ('{"sick_periods": [{"start": "20250106"}]}', "must be a date YYYY-MM-DD"),
    ('{"sick_periods": [{"start": "2025-02-30"}]}', "not a valid date"),
    ('{"sick_periods": [{"start": 20250106}]}', "got 20250106"),
    ('{"sick_periods": [{"start": "2025-01-06", "eind": null}]}', "unknown key"),
    ('{"sick_periods": [{"start": "2025-01-06", "end": "2025-01-05"}]}', "before it starts"),
    (
        '{"sick_periods": [{"start": "2025-01-06", "end": "2025-01-20"},'
        ' {"start": "2025-01-20", "end": null}]}',
        "overlap",
    ),
    (
        '{"sick_periods": [{"start": "2025-01-06", "end": null},'
        ' {"start": "2025-03-01", "end": null}]}',
        "has no end",
    ),
    (
        '{"sick_periods": [{"start": "2025-01-06"}],'
        ' "leave_periods": [{"start": "2025-02-01", "end": "2025-05-01"}]}',
        "overlaps sick period",
    ),
    (
        '{"sick_periods": [{"start": "2025-07-07"}],'
        ' "leave_periods": [{"start": "2025-02-01", "end": "2025-05-01", "same_cause": "yes"}]}',
        "same_cause must be true or false",
    ),
    ('{"sick_periods": [{"start": "2025-01-06"}], "wage_sanction_weeks": -1}', "non-negative"),
    ('{"sick_periods": [{"start": "2025-01-06"}], "wage_sanction_weeks": 1.5}', "non-negative"),
    ('{"sick_periods": [{"start": "2025-01-06"}], "wage_sanction_weeks": 2.0}', "non-negative"),
    ('{"sick_periods": [{"start": "2025-01-06"}], "wage_sanction_weeks": "2"}', "non-negative"),
    (
        '{"sick_periods": [{"start": "2025-01-06"}], "voluntary_extension_weeks": true}',
        "non-negative",
    ),
    (
        '{"sick_periods": [{"start": "2025-01-06"}], "voluntary_extension_weeks": 1e400}',
        "non-negative",
    ),
    ('{"sick_periods": [{"start": "2025-01-06"}], "evaluations": "2025-02-01"}', "be a list"),
    ('{"sick_periods": [{"start": "2025-01-06"}], "evaluations": [null]}', "is required"),
    ('{"sick_periods": [{"start": "2025-01-06"}], "action_plan_date": 5}', "YYYY-MM-DD"),
    ('{"sick_periods": [{"start": "2025-01-06"}], "wia_aplication_date": null}', "unknown key"),
    ('{"sick_periods": [{"start": "2025-01-06"}], "a\\nb": 1}', r'unknown key\(s\): "a\\nb"'),
    ('{"sick_periods": [{"start": "9999-12-01"}]}', "outside the supported calendar"),
    (
        '{"sick_periods": [{"start": "2025-01-06"}], "wage_sanction_weeks": 999999999999}',
        "outside the supported calendar",
    ),
]


@pytest.mark.parametrize(("text", "message"), INVALID_INPUTS)
def test_invalid_input_raises_command_error_with_status_2(text: str, message: str) -> None:
    out = io.StringIO()

    with pytest.raises(CommandError, match=message) as excinfo:
        call_command("poortwachter_timeline", stdin=io.StringIO(text), stdout=out)

    assert excinfo.value.returncode == 2
    assert "\n" not in str(excinfo.value)
    assert out.getvalue() == ""


@pytest.mark.parametrize(("text", "message"), INVALID_INPUTS[:12])
def test_parser_raises_invalid_facts(text: str, message: str) -> None:
    with pytest.raises(InvalidFacts, match=message):
        loads_facts(text)


def test_parse_facts_builds_case_facts() -> None:
    facts = parse_facts(
        {
            "sick_periods": [{"start": "2025-01-06", "end": "2025-03-16"}, {"start": "2025-07-07"}],
            "leave_periods": [{"start": "2025-03-17", "end": "2025-07-06"}],
            "evaluations": ["2025-04-01"],
            "wage_sanction_weeks": 3,
        }
    )

    assert facts.leave_periods[0].same_cause is True
    assert facts.evaluations == (date(2025, 4, 1),)
    assert facts.wage_sanction_weeks == 3
    assert facts.sick_periods[1].end is None


# --- Through manage.py in a child process -------------------------------------------------


def test_manage_py_prints_the_timeline() -> None:
    result = run_manage_py(json.dumps(EXAMPLE_1_INPUT))

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == EXAMPLE_1_OUTPUT


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "CommandError: input is not valid JSON"),
        ('{"sick_periods": [{"start": "2025-01-06", "end": "2025-01-01"}]}', "before it starts"),
    ],
)
def test_manage_py_bad_input_exits_2_with_one_stderr_line(text: str, message: str) -> None:
    result = run_manage_py(text)

    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith("CommandError: ")
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_manage_py_needs_no_database() -> None:
    # Point the settings at a database that cannot be reached: the command must still work.
    result = run_manage_py(
        json.dumps(EXAMPLE_1_INPUT), DATABASE_URL="postgres://nobody@127.0.0.1:9/nowhere"
    )

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == EXAMPLE_1_OUTPUT
