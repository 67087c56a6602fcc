"""The Poortwachtertoets rules against the contract (docs/domain/poortwachtertoets.md).

Pure: no database. Every finding code is tested at its boundary. The case of the contract's
worked example: EZD Monday 2025-01-06, so PA due 2025-02-16, plan van aanpak at the latest
2025-03-02, 42-weken-melding 2025-10-27, EJE window 2025-11-17 .. 2026-01-04, tweede spoor at
the latest 2026-02-15, RIV 2026-10-04, WIA-aanvraag 2026-10-18, end of wachttijd 2027-01-03.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest

from reintegration_report.toets.facts import InvalidFacts
from reintegration_report.toets.json_facts import facts_as_dict, parse_facts
from reintegration_report.toets.rules import toets

WORKED_EXAMPLE: dict[str, Any] = {
    "on": "2026-03-10",
    "sick_periods": [{"start": "2025-01-06", "end": None}],
    "problem_analyses": [
        {"date": "2025-02-13", "prognosis": "return_own_work"},
        {"date": "2025-09-01", "prognosis": "no_return_own_employer"},
    ],
    "action_plans": [{"date": "2025-02-27", "employee_agreed_on": "2025-02-28"}],
    "progress_talks": ["2025-04-07", "2025-05-12", "2025-08-18"],
    "first_year_evaluation_date": "2026-01-20",
    "second_track": {"decision": "start", "start_date": "2026-03-01", "status": "running"},
}
WORKED_EXAMPLE_OUTPUT = {
    "on": "2026-03-10",
    "risk": "high",
    "findings": [
        {"code": "first_year_evaluation_late", "severity": "medium", "date": "2026-01-04"},
        {"code": "plan_not_revised", "severity": "medium", "date": "2025-09-15"},
        {"code": "progress_talk_gap", "severity": "high", "date": "2025-06-23"},
        {"code": "progress_talk_gap", "severity": "high", "date": "2025-09-29"},
        {"code": "second_track_late", "severity": "high", "date": "2026-02-15"},
        {"code": "uwv_sickness_report_missing", "severity": "medium", "date": "2025-10-27"},
    ],
}

#: Only a sick period: every step missing. Tests add the facts they need.
BARE: dict[str, Any] = {"sick_periods": [{"start": "2025-01-06"}]}


def run(data: dict[str, Any]) -> dict[str, Any]:
    return toets(parse_facts(data)).as_dict()


def found(data: dict[str, Any], code: str) -> list[tuple[str, str]]:
    """Return (severity, date) of each finding ``code``."""
    return [(f["severity"], f["date"]) for f in run(data)["findings"] if f["code"] == code]


def facts(on: str, **extra: Any) -> dict[str, Any]:
    return {**copy.deepcopy(BARE), "on": on, **extra}


def test_worked_example_exactly() -> None:
    assert run(WORKED_EXAMPLE) == WORKED_EXAMPLE_OUTPUT


def test_worked_example_in_any_input_order() -> None:
    shuffled = copy.deepcopy(WORKED_EXAMPLE)
    shuffled["problem_analyses"].reverse()
    shuffled["progress_talks"].reverse()
    assert run(shuffled) == WORKED_EXAMPLE_OUTPUT


# Probleemanalyse and plan van aanpak ---------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "expected"), [("2025-02-16", []), ("2025-02-17", [("high", "2025-02-16")])]
)
def test_problem_analysis_missing_once_due(on, expected) -> None:
    assert found(facts(on), "problem_analysis_missing") == expected


@pytest.mark.parametrize(
    ("held", "expected"), [("2025-02-16", []), ("2025-02-17", [("medium", "2025-02-16")])]
)
def test_problem_analysis_late(held, expected) -> None:
    data = facts("2025-02-20", problem_analyses=[{"date": held, "prognosis": "unknown"}])
    assert found(data, "problem_analysis_late") == expected
    assert found(data, "problem_analysis_missing") == []


@pytest.mark.parametrize(
    ("on", "expected"), [("2025-03-02", []), ("2025-03-03", [("high", "2025-03-02")])]
)
def test_action_plan_missing_once_due(on, expected) -> None:
    assert found(facts(on), "action_plan_missing") == expected


@pytest.mark.parametrize(
    ("held", "expected"), [("2025-02-27", []), ("2025-02-28", [("medium", "2025-02-27")])]
)
def test_action_plan_late_after_timely_problem_analysis(held, expected) -> None:
    data = facts(
        "2025-03-05",
        problem_analyses=[{"date": "2025-02-13", "prognosis": "return_own_work"}],
        action_plans=[{"date": held, "employee_agreed_on": held}],
    )
    assert found(data, "action_plan_late") == expected


@pytest.mark.parametrize(
    ("on", "expected"), [("2025-03-13", []), ("2025-03-14", [("low", "2025-03-13")])]
)
def test_action_plan_not_agreed_after_14_days(on, expected) -> None:
    data = facts(on, action_plans=[{"date": "2025-02-27", "employee_agreed_on": None}])
    assert found(data, "action_plan_not_agreed") == expected


def test_only_the_latest_plan_needs_agreement() -> None:
    plans = [
        {"date": "2025-02-27", "employee_agreed_on": None},
        {"date": "2025-03-20", "employee_agreed_on": "2025-03-21"},
    ]
    assert found(facts("2025-04-20", action_plans=plans), "action_plan_not_agreed") == []


# A changed prognosis needs a bijgesteld plan within 14 days (heuristic) ----------------------

PROGNOSES = [
    {"date": "2025-02-13", "prognosis": "return_own_work"},
    {"date": "2025-09-01", "prognosis": "no_return_own_employer"},
]


@pytest.mark.parametrize(
    ("revised", "expected"),
    [
        ("2025-09-01", []),  # on the day of the change
        ("2025-09-15", []),  # exactly 14 days after it
        ("2025-09-16", [("medium", "2025-09-15")]),
        ("2025-08-31", [("medium", "2025-09-15")]),  # before the change: not a revision
    ],
)
def test_plan_not_revised_window(revised, expected) -> None:
    plans = [
        {"date": "2025-02-27", "employee_agreed_on": "2025-02-27"},
        {"date": revised, "employee_agreed_on": revised},
    ]
    data = facts("2025-10-01", problem_analyses=PROGNOSES, action_plans=plans)
    assert found(data, "plan_not_revised") == expected


@pytest.mark.parametrize(
    ("on", "expected"), [("2025-09-15", []), ("2025-09-16", [("medium", "2025-09-15")])]
)
def test_plan_not_revised_only_after_the_14_days(on, expected) -> None:
    assert found(facts(on, problem_analyses=PROGNOSES), "plan_not_revised") == expected


def test_plan_not_revised_needs_a_change_unknown_included() -> None:
    same = [PROGNOSES[0], {"date": "2025-09-01", "prognosis": "return_own_work"}]
    assert found(facts("2025-10-01", problem_analyses=same), "plan_not_revised") == []
    to_unknown = [PROGNOSES[0], {"date": "2025-09-01", "prognosis": "unknown"}]
    assert found(facts("2025-10-01", problem_analyses=to_unknown), "plan_not_revised") == [
        ("medium", "2025-09-15")
    ]


def test_plan_not_revised_once_per_revision() -> None:
    three = [*PROGNOSES, {"date": "2025-11-03", "prognosis": "return_other_work_own_employer"}]
    assert found(facts("2025-12-01", problem_analyses=three), "plan_not_revised") == [
        ("medium", "2025-09-15"),
        ("medium", "2025-11-17"),
    ]


# Progress talks: at most 42 days apart; high above 91 (heuristic) ----------------------------

PLAN = [{"date": "2025-02-27", "employee_agreed_on": "2025-02-27"}]


@pytest.mark.parametrize(
    ("talk", "expected"),
    [
        ("2025-04-10", []),  # 42 days after the plan
        ("2025-04-11", [("medium", "2025-04-10")]),  # 43 days
        ("2025-05-29", [("medium", "2025-04-10")]),  # 91 days: still medium
        ("2025-05-30", [("high", "2025-04-10")]),  # 92 days
    ],
)
def test_progress_talk_gap_boundaries(talk, expected) -> None:
    data = facts(talk, action_plans=PLAN, progress_talks=[talk])
    assert found(data, "progress_talk_gap") == expected


def test_progress_talk_gap_runs_to_the_horizon() -> None:
    assert found(facts("2025-04-10", action_plans=PLAN), "progress_talk_gap") == []
    assert found(facts("2025-04-11", action_plans=PLAN), "progress_talk_gap") == [
        ("medium", "2025-04-10")
    ]


def test_progress_talk_gap_ignores_talks_before_the_plan_and_after_the_horizon() -> None:
    data = facts(
        "2025-05-01",
        action_plans=PLAN,
        progress_talks=["2025-02-01", "2025-06-01"],
    )
    assert found(data, "progress_talk_gap") == [("medium", "2025-04-10")]


def test_progress_talk_gap_needs_a_plan_and_plan_revisions_are_not_talks() -> None:
    assert found(facts("2025-12-01"), "progress_talk_gap") == []
    plans = [*PLAN, {"date": "2025-04-01", "employee_agreed_on": "2025-04-01"}]
    assert found(facts("2025-04-11", action_plans=plans), "progress_talk_gap") == [
        ("medium", "2025-04-10")
    ]


def test_nothing_falls_due_after_recovery() -> None:
    recovered = facts(
        "2026-06-01", sick_periods=[{"start": "2025-01-06", "end": "2025-03-31"}], action_plans=PLAN
    )
    result = run(recovered)
    # Horizon 2025-03-31: the plan (2025-02-27) is 32 days before it; nothing after is due.
    assert result == {
        "on": "2026-06-01",
        "risk": "high",
        "findings": [
            {"code": "problem_analysis_missing", "severity": "high", "date": "2025-02-16"},
        ],
    }


# 42-weken-melding and eerstejaarsevaluatie ---------------------------------------------------


@pytest.mark.parametrize(
    ("on", "expected"), [("2025-10-27", []), ("2025-10-28", [("medium", "2025-10-27")])]
)
def test_uwv_sickness_report_missing(on, expected) -> None:
    assert found(facts(on), "uwv_sickness_report_missing") == expected


@pytest.mark.parametrize(
    ("held", "expected"), [("2025-10-27", []), ("2025-10-28", [("medium", "2025-10-27")])]
)
def test_uwv_sickness_report_late(held, expected) -> None:
    data = facts("2025-11-01", uwv_sickness_report_date=held)
    assert found(data, "uwv_sickness_report_late") == expected
    assert found(data, "uwv_sickness_report_missing") == []


@pytest.mark.parametrize(
    ("on", "expected"), [("2026-01-04", []), ("2026-01-05", [("high", "2026-01-04")])]
)
def test_first_year_evaluation_missing(on, expected) -> None:
    assert found(facts(on), "first_year_evaluation_missing") == expected


@pytest.mark.parametrize(
    ("held", "code", "expected"),
    [
        ("2026-01-04", "first_year_evaluation_late", []),
        ("2026-01-05", "first_year_evaluation_late", [("medium", "2026-01-04")]),
        ("2025-11-17", "first_year_evaluation_early", []),
        ("2025-11-16", "first_year_evaluation_early", [("low", "2025-11-17")]),
    ],
)
def test_first_year_evaluation_timing(held, code, expected) -> None:
    assert found(facts("2026-01-10", first_year_evaluation_date=held), code) == expected


# Tweede spoor ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "expected"), [("2026-02-15", []), ("2026-02-16", [("high", "2026-02-15")])]
)
def test_second_track_missing_when_null(on, expected) -> None:
    assert found(facts(on), "second_track_missing") == expected


def test_second_track_missing_when_decided_to_start_but_not_started() -> None:
    data = facts("2026-02-16", second_track={"decision": "start", "decision_date": "2025-12-01"})
    assert found(data, "second_track_missing") == [("high", "2026-02-15")]


def test_late_first_year_evaluation_does_not_move_the_second_track_deadline() -> None:
    data = facts("2026-03-01", first_year_evaluation_date="2026-01-20")
    assert found(data, "second_track_missing") == [("high", "2026-02-15")]


@pytest.mark.parametrize(
    ("start", "expected"), [("2026-02-15", []), ("2026-02-16", [("high", "2026-02-15")])]
)
def test_second_track_late(start, expected) -> None:
    data = facts("2026-03-01", second_track={"decision": "start", "start_date": start})
    assert found(data, "second_track_late") == expected
    assert found(data, "second_track_missing") == []


@pytest.mark.parametrize(
    ("ground", "on", "expected"),
    [
        ("other", "2026-02-16", [("high", "2026-02-15")]),
        (None, "2026-02-16", [("high", "2026-02-15")]),
        ("other", "2026-02-15", []),  # not due yet
        ("marginal_possibilities", "2026-02-16", []),
        ("aow_within_1_year", "2026-02-16", []),
        ("return_within_3_months", "2026-02-16", []),
    ],
)
def test_second_track_no_valid_ground(ground, on, expected) -> None:
    track = {"decision": "not_start", "decision_date": "2026-01-10", "ground": ground}
    data = facts(on, second_track=track)
    assert found(data, "second_track_no_valid_ground") == expected
    assert found(data, "second_track_missing") == []


@pytest.mark.parametrize(
    ("on", "expected"), [("2026-04-11", []), ("2026-04-12", [("high", "2026-04-11")])]
)
def test_second_track_prospect_expires_after_91_days(on, expected) -> None:
    track = {
        "decision": "not_start",
        "decision_date": "2026-01-10",
        "ground": "return_within_3_months",
    }
    assert found(facts(on, second_track=track), "second_track_prospect_expired") == expected


def test_second_track_prospect_expired_only_once_the_latest_start_is_due() -> None:
    track = {
        "decision": "not_start",
        "decision_date": "2025-09-01",
        "ground": "return_within_3_months",
    }
    assert found(facts("2026-02-15", second_track=track), "second_track_prospect_expired") == []
    assert found(facts("2026-02-16", second_track=track), "second_track_prospect_expired") == [
        ("high", "2025-12-01")
    ]


@pytest.mark.parametrize(
    ("activity", "expected"),
    [("2026-02-26", []), ("2026-02-27", [("medium", "2026-02-26")])],  # 56 vs 57 days
)
def test_second_track_activity_gap_boundaries(activity, expected) -> None:
    track = {"decision": "start", "start_date": "2026-01-01", "activities": [activity]}
    assert found(facts(activity, second_track=track), "second_track_activity_gap") == expected


def test_second_track_activity_gap_walk_ends_at_the_contract_end() -> None:
    track = {
        "decision": "start",
        "start_date": "2026-01-01",
        "end_date": "2026-02-26",
        "status": "ended",
        "activities": ["2026-06-01"],  # after the last day: ignored
    }
    assert found(facts("2026-09-01", second_track=track), "second_track_activity_gap") == []
    track["end_date"] = "2026-02-27"
    assert found(facts("2026-09-01", second_track=track), "second_track_activity_gap") == [
        ("medium", "2026-02-26")
    ]


def test_second_track_activity_gap_once_per_gap() -> None:
    track = {"decision": "start", "start_date": "2026-01-01", "activities": ["2026-04-01"]}
    assert found(facts("2026-07-01", second_track=track), "second_track_activity_gap") == [
        ("medium", "2026-02-26"),
        ("medium", "2026-05-27"),
    ]


@pytest.mark.parametrize(
    ("on", "status", "expected"),
    [
        ("2026-05-01", "running", []),
        ("2026-05-02", "running", [("medium", "2026-05-01")]),
        ("2026-05-02", "ended", []),
    ],
)
def test_second_track_contract_ended(on, status, expected) -> None:
    track = {
        "decision": "start",
        "start_date": "2026-01-01",
        "end_date": "2026-05-01",
        "status": status,
    }
    assert found(facts(on, second_track=track), "second_track_contract_ended") == expected


# Capacity assessment, RIV parts, WIA ------------------------------------------------------------


@pytest.mark.parametrize(
    ("valid_until", "expected"), [("2025-12-18", []), ("2025-12-17", [("medium", "2025-12-18")])]
)
def test_capacity_assessment_outdated_at_the_first_year_evaluation(valid_until, expected) -> None:
    data = facts(
        "2026-01-10",
        first_year_evaluation_date="2025-12-18",
        capacity_assessments=[
            {"date": "2025-06-01", "valid_until": valid_until},
            {"date": "2025-12-19", "valid_until": "2026-12-19"},  # after the EJE: not counted
        ],
    )
    assert found(data, "capacity_assessment_outdated") == expected


def test_capacity_assessment_outdated_per_date_and_once_for_equal_dates() -> None:
    old = [{"date": "2025-06-01", "valid_until": "2025-09-01"}]
    both = facts(
        "2026-10-10",
        first_year_evaluation_date="2025-12-18",
        current_assessment_date="2026-09-20",
        capacity_assessments=old,
    )
    assert found(both, "capacity_assessment_outdated") == [
        ("medium", "2025-12-18"),
        ("medium", "2026-09-20"),
    ]
    same = facts(
        "2026-01-10",
        first_year_evaluation_date="2025-12-18",
        current_assessment_date="2025-12-18",
        capacity_assessments=old,
    )
    assert found(same, "capacity_assessment_outdated") == [("medium", "2025-12-18")]
    none_before = facts(
        "2026-01-10",
        first_year_evaluation_date="2025-12-18",
        capacity_assessments=[{"date": "2025-12-19", "valid_until": "2025-12-20"}],
    )
    assert found(none_before, "capacity_assessment_outdated") == []


RIV_PARTS = [
    ("current_assessment_missing", "high"),
    ("medical_information_missing", "medium"),
    ("final_evaluation_missing", "high"),
    ("labour_expert_report_missing", "low"),
    ("employee_opinion_missing", "info"),
]


@pytest.mark.parametrize(("code", "severity"), RIV_PARTS)
def test_reintegration_report_parts_missing_once_due(code, severity) -> None:
    assert found(facts("2026-10-04"), code) == []
    assert found(facts("2026-10-05"), code) == [(severity, "2026-10-04")]


def test_reintegration_report_parts_present() -> None:
    data = facts(
        "2026-10-05",
        current_assessment_date="2026-09-01",
        medical_information_date="2026-09-02",
        final_evaluation_date="2026-09-20",
        labour_expert_report_date="2026-01-10",
        employee_opinion_date="2026-09-25",
    )
    codes = {f["code"] for f in run(data)["findings"]}
    assert codes.isdisjoint({code for code, _severity in RIV_PARTS})


@pytest.mark.parametrize(
    ("held", "expected"), [("2026-10-04", []), ("2026-10-05", [("medium", "2026-10-04")])]
)
def test_final_evaluation_late(held, expected) -> None:
    assert (
        found(facts("2026-10-10", final_evaluation_date=held), "final_evaluation_late") == expected
    )


@pytest.mark.parametrize(
    ("assessed", "expected"), [("2026-09-19", []), ("2026-09-20", [("medium", "2026-09-19")])]
)
def test_current_assessment_after_final_evaluation(assessed, expected) -> None:
    data = facts("2026-09-25", final_evaluation_date="2026-09-19", current_assessment_date=assessed)
    assert found(data, "current_assessment_after_final_evaluation") == expected


@pytest.mark.parametrize(
    ("on", "applied", "expected"),
    [
        ("2026-10-18", None, []),
        ("2026-10-19", None, [("medium", "2026-10-18")]),
        ("2026-10-25", "2026-10-18", []),
        ("2026-10-25", "2026-10-19", [("medium", "2026-10-18")]),
    ],
)
def test_wia_application_late(on, applied, expected) -> None:
    assert found(facts(on, wia_application_date=applied), "wia_application_late") == expected


# Risk and output -------------------------------------------------------------------------------


def test_low_and_info_findings_do_not_raise_the_risk() -> None:
    data = facts(
        "2025-11-20",
        problem_analyses=[{"date": "2025-02-13", "prognosis": "return_own_work"}],
        action_plans=[{"date": "2025-02-27", "employee_agreed_on": None}],
        progress_talks=[
            "2025-04-07",
            "2025-05-12",
            "2025-06-20",
            "2025-07-30",
            "2025-09-05",
            "2025-10-15",
            "2025-11-17",
        ],
        uwv_sickness_report_date="2025-10-20",
        first_year_evaluation_date="2025-11-16",
    )
    result = run(data)
    assert {(f["code"], f["severity"]) for f in result["findings"]} == {
        ("action_plan_not_agreed", "low"),
        ("first_year_evaluation_early", "low"),
    }
    assert result["risk"] == "low"


def test_findings_sorted_by_code_then_date() -> None:
    codes = [(f["code"], f["date"]) for f in run(facts("2027-06-01"))["findings"]]
    assert codes == sorted(codes)


# Input validation --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"on": None}, "on is required"),
        ({"sick_periods": None}, "sick_periods is required"),
        ({"on": "2026-02-30"}, "on is not a valid date"),
        ({"on": "10-03-2026"}, "on must be a date"),
        (
            {"problem_analyses": [{"date": "2025-02-13", "prognosis": "maybe"}]},
            "prognosis must be one of",
        ),
        ({"second_track": {"decision": "later"}}, "decision must be one of"),
        ({"second_track": {"decision": "not_start", "ground": "tired"}}, "ground must be one of"),
        ({"second_track": {"decision": "start", "status": "paused"}}, "status must be one of"),
        ({"sick_periods": [{"start": "2025-01-06", "end": "2025-01-01"}]}, "before it starts"),
        (
            {
                "second_track": {
                    "decision": "start",
                    "start_date": "2026-02-01",
                    "end_date": "2026-01-01",
                }
            },
            "before it starts",
        ),
        ({"leave_periods": [{"start": "2025-05-01", "end": "2025-04-01"}]}, "leave"),
        (
            {"capacity_assessments": [{"date": "2025-06-01", "valid_until": "2025-05-01"}]},
            "before its date",
        ),
        ({"progress_talks": "2025-04-07"}, "must be a list"),
    ],
)
def test_bad_input_is_refused_with_one_line(change, message) -> None:
    data = {**copy.deepcopy(WORKED_EXAMPLE), **change}
    with pytest.raises(InvalidFacts) as error:
        parse_facts(data)
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_unknown_keys_are_ignored_and_lists_and_nulls_may_be_omitted() -> None:
    noisy = {**copy.deepcopy(WORKED_EXAMPLE), "colour": "blue"}
    noisy["second_track"]["bureau"] = "X"
    assert run(noisy) == WORKED_EXAMPLE_OUTPUT
    minimal = run({"on": "2025-01-10", "sick_periods": [{"start": "2025-01-06"}]})
    assert minimal == {"on": "2025-01-10", "risk": "low", "findings": []}


def test_facts_round_trip_through_json() -> None:
    parsed = parse_facts(WORKED_EXAMPLE)
    assert parse_facts(facts_as_dict(parsed)) == parsed
    assert parsed.on == date(2026, 3, 10)
