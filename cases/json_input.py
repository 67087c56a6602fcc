"""Reading the JSON input of the command-line contracts, one field at a time.

`poortwachter_timeline` (deadlines) and `poortwachtertoets` (reintegration_report) read one
JSON object each. These helpers check a value and raise :class:`InvalidFacts` with one line of
English that names the field (``where``) and shows the wrong value briefly; those messages are
part of both contracts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date

from cases.periods import InvalidFacts

__all__ = [
    "json_date",
    "json_list",
    "json_loads",
    "json_optional_date",
    "json_type",
    "json_weeks",
    "key_names",
    "shown",
]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def json_loads(text: str) -> object:
    """Decode a JSON document; refuse text that is not JSON with the parser's reason."""
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise InvalidFacts(f"input is not valid JSON: {' '.join(str(exc).split())}") from exc


def json_type(value: object) -> str:
    """Return what kind of JSON value `value` is, as an error message says it ("a list")."""
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "a number"
    return names.get(type(value), type(value).__name__)


def shown(value: object) -> str:
    """Return a short rendering of a wrong value for an error message."""
    if isinstance(value, str):
        text = json.dumps(value)
        return text if len(text) <= 40 else f'{text[:36]}..."'
    if isinstance(value, int | float) and not isinstance(value, bool):
        text = repr(value)
        return text if len(text) <= 40 else "a very large number"
    return json_type(value)


def key_names(keys: list[str]) -> str:
    """Return user-supplied key names quoted and escaped, so the message stays on one line."""
    return ", ".join(json.dumps(key) for key in keys)


def json_date(value: object, where: str) -> date:
    """Return the required date ``YYYY-MM-DD`` at `where`."""
    if value is None:
        raise InvalidFacts(f"{where} is required")
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise InvalidFacts(f"{where} must be a date YYYY-MM-DD, got {shown(value)}")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InvalidFacts(f"{where} is not a valid date: {value}") from exc


def json_optional_date(value: object, where: str) -> date | None:
    """Return the date at `where`, or None for null or a missing key."""
    return None if value is None else json_date(value, where)


def json_weeks(value: object, where: str) -> int:
    """Return a non-negative number of weeks; null or a missing key is 0."""
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidFacts(f"{where} must be a non-negative integer, got {shown(value)}")
    return value


def json_list[T](
    data: dict[str, object], name: str, parse_item: Callable[[object, str], T]
) -> list[T]:
    """Return the list `data[name]` with each item parsed (null or a missing key: empty)."""
    value = data.get(name)
    if value is None:
        return []
    if not isinstance(value, list):
        raise InvalidFacts(f"{name} must be a list, got {json_type(value)}")
    return [parse_item(item, f"{name}[{index}]") for index, item in enumerate(value)]
