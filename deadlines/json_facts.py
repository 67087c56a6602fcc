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
import re
from collections.abc import Callable
from datetime import date

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
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def loads_facts(text: str) -> CaseFacts:
    """Parse a JSON document into :class:`CaseFacts`."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise InvalidFacts(f"input is not valid JSON: {_one_line(exc)}") from exc
    return parse_facts(data)


def parse_facts(data: object) -> CaseFacts:
    """Convert decoded JSON into :class:`CaseFacts`, validating every field."""
    if not isinstance(data, dict):
        raise InvalidFacts(f"input must be a JSON object, got {_json_type(data)}")
    unknown = sorted(set(data) - _KNOWN_KEYS)
    if unknown:
        raise InvalidFacts(f"unknown key(s): {_names(unknown)}")
    if data.get("sick_periods") is None:
        raise InvalidFacts("sick_periods is required")
    sick_periods = _parse_list(data, "sick_periods", _parse_sick_period)
    if not sick_periods:
        raise InvalidFacts("sick_periods must contain at least one period")
    dates = {name: _optional_date(data.get(name), name) for name in _DATE_FIELDS}
    weeks = {name: _weeks(data.get(name), name) for name in _WEEK_FIELDS}
    return CaseFacts(
        sick_periods=tuple(sick_periods),
        leave_periods=tuple(_parse_list(data, "leave_periods", _parse_leave_period)),
        evaluations=tuple(_parse_list(data, "evaluations", _parse_date)),
        **dates,
        **weeks,
    )


def dumps_timeline(timeline: Timeline) -> str:
    """Return the command's JSON output for ``timeline``."""
    return json.dumps(timeline.as_dict(), indent=2)


def _parse_list[T](
    data: dict[str, object], name: str, parse_item: Callable[[object, str], T]
) -> list[T]:
    value = data.get(name)
    if value is None:
        return []
    if not isinstance(value, list):
        raise InvalidFacts(f"{name} must be a list, got {_json_type(value)}")
    return [parse_item(item, f"{name}[{index}]") for index, item in enumerate(value)]


def _parse_sick_period(item: object, where: str) -> SickPeriod:
    fields = _period_fields(item, where, allowed={"start", "end"})
    start = _parse_date(fields.get("start"), f"{where}.start")
    end = _optional_date(fields.get("end"), f"{where}.end")
    try:
        return SickPeriod(start=start, end=end)
    except InvalidFacts as exc:
        raise InvalidFacts(f"{where}: {exc}") from exc


def _parse_leave_period(item: object, where: str) -> LeavePeriod:
    fields = _period_fields(item, where, allowed={"start", "end", "same_cause"})
    start = _parse_date(fields.get("start"), f"{where}.start")
    end = _parse_date(fields.get("end"), f"{where}.end")
    same_cause = fields.get("same_cause", True)
    if not isinstance(same_cause, bool):
        raise InvalidFacts(
            f"{where}.same_cause must be true or false, got {_json_type(same_cause)}"
        )
    try:
        return LeavePeriod(start=start, end=end, same_cause=same_cause)
    except InvalidFacts as exc:
        raise InvalidFacts(f"{where}: {exc}") from exc


def _period_fields(item: object, where: str, *, allowed: set[str]) -> dict[str, object]:
    if not isinstance(item, dict):
        raise InvalidFacts(f"{where} must be an object, got {_json_type(item)}")
    unknown = sorted(set(item) - allowed)
    if unknown:
        raise InvalidFacts(f"{where} has unknown key(s): {_names(unknown)}")
    return item


def _parse_date(value: object, where: str) -> date:
    if value is None:
        raise InvalidFacts(f"{where} is required")
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise InvalidFacts(f"{where} must be a date YYYY-MM-DD, got {_show(value)}")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InvalidFacts(f"{where} is not a valid date: {value}") from exc


def _optional_date(value: object, where: str) -> date | None:
    return None if value is None else _parse_date(value, where)


def _weeks(value: object, where: str) -> int:
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidFacts(f"{where} must be a non-negative integer, got {_show(value)}")
    return value


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "a number"
    return names.get(type(value), type(value).__name__)


def _show(value: object) -> str:
    """Return a short rendering of a wrong value for an error message."""
    if isinstance(value, str):
        text = json.dumps(value)
        return text if len(text) <= 40 else f'{text[:36]}..."'
    if isinstance(value, int | float) and not isinstance(value, bool):
        text = repr(value)
        return text if len(text) <= 40 else "a very large number"
    return _json_type(value)


def _names(keys: list[str]) -> str:
    """Return user-supplied key names quoted and escaped, so the message stays on one line."""
    return ", ".join(json.dumps(key) for key in keys)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())
