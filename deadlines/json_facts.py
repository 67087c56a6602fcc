"""JSON input and output of the ``poortwachter_timeline`` command, as pure functions.

Input: one JSON object. ``sick_periods`` is required: a non-empty list of
``{"start": "YYYY-MM-DD", "end": "YYYY-MM-DD" | null}`` (the last period is assumed to
continue). Optional: ``leave_periods`` (list of ``{"start", "end", "same_cause"}``,
``same_cause`` defaults to true), ``problem_analysis_date``, ``action_plan_date``,
``evaluations`` (list of dates), ``first_year_evaluation_date``, ``voluntary_extension_weeks``,
``wage_sanction_weeks`` (non-negative integers) and ``wia_application_date``. ``null`` means
"not given". Unknown keys are rejected so that a misspelt key cannot silently change dates.

Output: ``{"first_sick_day": date, "milestones": {key: date | null}}`` with the keys of
``MILESTONE_KEYS`` in order.

Every problem raises :class:`InvalidFacts` with one line naming the offending field.
"""

import json

from cases.json_input import (
    json_date,
    json_list,
    json_loads,
    json_optional_date,
    json_type,
    json_weeks,
    key_names,
)
from deadlines.poortwachter import CaseFacts, InvalidFacts, LeavePeriod, SickPeriod, Timeline

__all__ = ["dumps_timeline", "loads_facts", "parse_facts"]

_DATE_FIELDS = (
    "problem_analysis_date",
    "action_plan_date",
    "first_year_evaluation_date",
    "wia_application_date",
)
_WEEK_FIELDS = ("voluntary_extension_weeks", "wage_sanction_weeks")
_KNOWN_KEYS = frozenset(
    {"sick_periods", "leave_periods", "evaluations", *_DATE_FIELDS, *_WEEK_FIELDS}
)


def loads_facts(text: str) -> CaseFacts:
    """Parse a JSON document into :class:`CaseFacts`."""
    return parse_facts(json_loads(text))


def parse_facts(data: object) -> CaseFacts:
    """Convert decoded JSON into :class:`CaseFacts`, validating every field."""
    if not isinstance(data, dict):
        raise InvalidFacts(f"input must be a JSON object, got {json_type(data)}")
    unknown = sorted(set(data) - _KNOWN_KEYS)
    if unknown:
        raise InvalidFacts(f"unknown key(s): {key_names(unknown)}")
    if data.get("sick_periods") is None:
        raise InvalidFacts("sick_periods is required")
    sick_periods = json_list(data, "sick_periods", _parse_sick_period)
    if not sick_periods:
        raise InvalidFacts("sick_periods must contain at least one period")
    dates = {name: json_optional_date(data.get(name), name) for name in _DATE_FIELDS}
    weeks = {name: json_weeks(data.get(name), name) for name in _WEEK_FIELDS}
    return CaseFacts(
        sick_periods=tuple(sick_periods),
        leave_periods=tuple(json_list(data, "leave_periods", _parse_leave_period)),
        evaluations=tuple(json_list(data, "evaluations", json_date)),
        **dates,
        **weeks,
    )


def dumps_timeline(timeline: Timeline) -> str:
    """Return the command's JSON output for ``timeline``."""
    return json.dumps(timeline.as_dict(), indent=2)


def _parse_sick_period(item: object, where: str) -> SickPeriod:
    fields = _period_fields(item, where, allowed={"start", "end"})
    start = json_date(fields.get("start"), f"{where}.start")
    end = json_optional_date(fields.get("end"), f"{where}.end")
    try:
        return SickPeriod(start=start, end=end)
    except InvalidFacts as exc:
        raise InvalidFacts(f"{where}: {exc}") from exc


def _parse_leave_period(item: object, where: str) -> LeavePeriod:
    fields = _period_fields(item, where, allowed={"start", "end", "same_cause"})
    start = json_date(fields.get("start"), f"{where}.start")
    end = json_date(fields.get("end"), f"{where}.end")
    same_cause = fields.get("same_cause", True)
    if not isinstance(same_cause, bool):
        raise InvalidFacts(f"{where}.same_cause must be true or false, got {json_type(same_cause)}")
    try:
        return LeavePeriod(start=start, end=end, same_cause=same_cause)
    except InvalidFacts as exc:
        raise InvalidFacts(f"{where}: {exc}") from exc


def _period_fields(item: object, where: str, *, allowed: set[str]) -> dict[str, object]:
    if not isinstance(item, dict):
        raise InvalidFacts(f"{where} must be an object, got {json_type(item)}")
    unknown = sorted(set(item) - allowed)
    if unknown:
        raise InvalidFacts(f"{where} has unknown key(s): {key_names(unknown)}")
    return item
