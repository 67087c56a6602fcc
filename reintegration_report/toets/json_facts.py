"""JSON input and output of ``manage.py poortwachtertoets`` (contract in
``docs/domain/poortwachtertoets.md``), as pure functions.

Unknown keys are ignored; every list may be omitted (empty) and every nullable key may be
omitted (null). Every problem raises :class:`InvalidFacts` with one line naming the field.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from typing import Any

from cases.json_input import (
    json_date,
    json_list,
    json_loads,
    json_optional_date,
    json_type,
    json_weeks,
    shown,
)
from deadlines.poortwachter import CaseFacts

from .facts import (
    ActionPlan,
    CapacityAssessment,
    InvalidFacts,
    LeavePeriod,
    NotStartGround,
    ProblemAnalysis,
    Prognosis,
    SecondTrack,
    SecondTrackDecision,
    SecondTrackStatus,
    SickPeriod,
    ToetsFacts,
)
from .rules import ToetsResult

__all__ = ["dumps_facts", "dumps_result", "facts_as_dict", "loads_facts", "parse_facts"]

_DATES = (
    "uwv_sickness_report_date",
    "first_year_evaluation_date",
    "labour_expert_report_date",
    "current_assessment_date",
    "medical_information_date",
    "final_evaluation_date",
    "employee_opinion_date",
)


def loads_facts(text: str) -> ToetsFacts:
    """Parse a JSON document into :class:`ToetsFacts`."""
    return parse_facts(json_loads(text))


def parse_facts(data: object) -> ToetsFacts:
    """Convert decoded JSON into :class:`ToetsFacts`, validating every field."""
    obj = _object(data, "input")
    if obj.get("on") is None:
        raise InvalidFacts("on is required")
    on = json_date(obj.get("on"), "on")
    if obj.get("sick_periods") is None:
        raise InvalidFacts("sick_periods is required")
    sick = json_list(obj, "sick_periods", _sick_period)
    if not sick:
        raise InvalidFacts("sick_periods must contain at least one period")
    try:
        case = CaseFacts(
            sick_periods=tuple(sick),
            leave_periods=tuple(json_list(obj, "leave_periods", _leave_period)),
            voluntary_extension_weeks=json_weeks(
                obj.get("voluntary_extension_weeks"), "voluntary_extension_weeks"
            ),
            wage_sanction_weeks=json_weeks(obj.get("wage_sanction_weeks"), "wage_sanction_weeks"),
            wia_application_date=json_optional_date(
                obj.get("wia_application_date"), "wia_application_date"
            ),
        )
        return ToetsFacts(
            on=on,
            case=case,
            problem_analyses=tuple(json_list(obj, "problem_analyses", _problem_analysis)),
            action_plans=tuple(json_list(obj, "action_plans", _action_plan)),
            progress_talks=tuple(json_list(obj, "progress_talks", json_date)),
            capacity_assessments=tuple(json_list(obj, "capacity_assessments", _capacity)),
            second_track=_second_track(obj.get("second_track")),
            **{name: json_optional_date(obj.get(name), name) for name in _DATES},
        )
    except ValueError as exc:  # InvalidFacts, or an enum refusing a value
        raise InvalidFacts(" ".join(str(exc).split())) from exc


def dumps_result(result: ToetsResult) -> str:
    """Return the command's JSON output."""
    return json.dumps(result.as_dict(), indent=2)


def facts_as_dict(facts: ToetsFacts) -> dict[str, Any]:
    """Return the contract's JSON input for ``facts`` (UWV-stated overrides are not part of it)."""

    def iso(day: date | None) -> str | None:
        return None if day is None else day.isoformat()

    track = facts.second_track
    return {
        "on": iso(facts.on),
        "sick_periods": [
            {"start": iso(p.start), "end": iso(p.end)} for p in facts.case.sick_periods
        ],
        "leave_periods": [
            {"start": iso(p.start), "end": iso(p.end), "same_cause": p.same_cause}
            for p in facts.case.leave_periods
        ],
        "voluntary_extension_weeks": facts.case.voluntary_extension_weeks,
        "wage_sanction_weeks": facts.case.wage_sanction_weeks,
        "wia_application_date": iso(facts.case.wia_application_date),
        "problem_analyses": [
            {"date": iso(p.date), "prognosis": p.prognosis.value} for p in facts.problem_analyses
        ],
        "action_plans": [
            {"date": iso(p.date), "employee_agreed_on": iso(p.employee_agreed_on)}
            for p in facts.action_plans
        ],
        "progress_talks": [iso(d) for d in facts.progress_talks],
        "capacity_assessments": [
            {"date": iso(a.date), "valid_until": iso(a.valid_until)}
            for a in facts.capacity_assessments
        ],
        "second_track": None
        if track is None
        else {
            "decision": track.decision.value,
            "decision_date": iso(track.decision_date),
            "ground": None if track.ground is None else track.ground.value,
            "start_date": iso(track.start_date),
            "end_date": iso(track.end_date),
            "status": None if track.status is None else track.status.value,
            "activities": [iso(d) for d in track.activities],
        },
        **{name: iso(getattr(facts, name)) for name in _DATES},
    }


def dumps_facts(facts: ToetsFacts) -> str:
    """Return ``facts`` as the command's JSON input."""
    return json.dumps(facts_as_dict(facts), indent=2)


# Parsing helpers -----------------------------------------------------------------------------


def _object(value: object, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InvalidFacts(f"{where} must be a JSON object, got {json_type(value)}")
    return value


def _enum[E: StrEnum](kind: type[E], value: object, where: str) -> E:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        raise InvalidFacts(f"{where} must be one of {allowed}, got {shown(value)}") from None


def _wrap[T](where: str, build: Callable[[], T]) -> T:
    try:
        return build()
    except InvalidFacts as exc:
        raise InvalidFacts(f"{where}: {exc}") from exc


def _sick_period(item: object, where: str) -> SickPeriod:
    obj = _object(item, where)
    start = json_date(obj.get("start"), f"{where}.start")
    end = json_optional_date(obj.get("end"), f"{where}.end")
    return _wrap(where, lambda: SickPeriod(start=start, end=end))


def _leave_period(item: object, where: str) -> LeavePeriod:
    obj = _object(item, where)
    start = json_date(obj.get("start"), f"{where}.start")
    end = json_date(obj.get("end"), f"{where}.end")
    same_cause = obj.get("same_cause", True)
    if not isinstance(same_cause, bool):
        raise InvalidFacts(f"{where}.same_cause must be true or false, got {shown(same_cause)}")
    return _wrap(where, lambda: LeavePeriod(start=start, end=end, same_cause=same_cause))


def _problem_analysis(item: object, where: str) -> ProblemAnalysis:
    obj = _object(item, where)
    day = json_date(obj.get("date"), f"{where}.date")
    raw = obj.get("prognosis")
    prognosis = Prognosis.UNKNOWN if raw is None else _enum(Prognosis, raw, f"{where}.prognosis")
    return ProblemAnalysis(date=day, prognosis=prognosis)


def _action_plan(item: object, where: str) -> ActionPlan:
    obj = _object(item, where)
    day = json_date(obj.get("date"), f"{where}.date")
    agreed = json_optional_date(obj.get("employee_agreed_on"), f"{where}.employee_agreed_on")
    return ActionPlan(date=day, employee_agreed_on=agreed)


def _capacity(item: object, where: str) -> CapacityAssessment:
    obj = _object(item, where)
    day = json_date(obj.get("date"), f"{where}.date")
    until = json_optional_date(obj.get("valid_until"), f"{where}.valid_until")
    return _wrap(where, lambda: CapacityAssessment(date=day, valid_until=until))


def _second_track(value: object) -> SecondTrack | None:
    if value is None:
        return None
    where = "second_track"
    obj = _object(value, where)
    if obj.get("decision") is None:
        raise InvalidFacts("second_track.decision is required")
    decision = _enum(SecondTrackDecision, obj.get("decision"), f"{where}.decision")
    ground = obj.get("ground")
    status = obj.get("status")
    return _wrap(
        where,
        lambda: SecondTrack(
            decision=decision,
            decision_date=json_optional_date(obj.get("decision_date"), f"{where}.decision_date"),
            ground=None if ground is None else _enum(NotStartGround, ground, f"{where}.ground"),
            start_date=json_optional_date(obj.get("start_date"), f"{where}.start_date"),
            end_date=json_optional_date(obj.get("end_date"), f"{where}.end_date"),
            status=None if status is None else _enum(SecondTrackStatus, status, f"{where}.status"),
            activities=tuple(json_list(obj, "activities", json_date)),
        ),
    )
