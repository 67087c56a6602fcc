"""Read the contract's JSON facts (``verzuimcijfers.md``) into pure rule objects, strictly."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from .figures import Employment, IncapacityStep, InvalidFacts, Period, SickReport


def _date(value: Any, what: str, *, nullable: bool = False) -> date | None:
    if value is None and nullable:
        return None
    if not isinstance(value, str):
        raise InvalidFacts(f"{what}: expected an ISO date, got {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidFacts(f"{what}: not a valid ISO date: {value!r}") from None


def _number(value: Any, what: str) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise InvalidFacts(f"{what}: expected a number, got {value!r}")
    try:
        return Fraction(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        raise InvalidFacts(f"{what}: expected a number, got {value!r}") from None


def _object(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InvalidFacts(f"{what}: expected an object")
    return value


def _list(value: Any, what: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise InvalidFacts(f"{what}: expected a list")
    return value


def _employee(raw: Any, index: int) -> Employment:
    item = _object(raw, f"employees[{index}]")
    if item.get("id") is None:
        raise InvalidFacts(f"employees[{index}]: missing id")
    factor = _number(item.get("part_time_factor", 1), f"employees[{index}].part_time_factor")
    if not 0 < factor <= 1:
        raise InvalidFacts(f"employees[{index}].part_time_factor must lie in (0, 1]")
    start = _date(item.get("employed_from"), f"employees[{index}].employed_from", nullable=True)
    until = _date(item.get("employed_until"), f"employees[{index}].employed_until", nullable=True)
    if start and until and until < start:
        raise InvalidFacts(f"employees[{index}]: employed_until before employed_from")
    return Employment(str(item["id"]), factor, start, until)


def _steps(raw: Any, what: str) -> tuple[IncapacityStep, ...]:
    steps = []
    for index, item in enumerate(_list(raw, what)):
        item = _object(item, f"{what}[{index}]")
        start = _date(item.get("from"), f"{what}[{index}].from")
        percentage = _number(item.get("percentage"), f"{what}[{index}].percentage")
        if not 0 <= percentage <= 100:
            raise InvalidFacts(f"{what}[{index}].percentage must lie in [0, 100]")
        if steps and start <= steps[-1].start:
            raise InvalidFacts(f"{what}: steps must be sorted by from")
        steps.append(IncapacityStep(start, percentage))
    return tuple(steps)


def _report(raw: Any, index: int, known: set[str]) -> SickReport:
    what = f"sick_reports[{index}]"
    item = _object(raw, what)
    employee = item.get("employee")
    if employee is None or str(employee) not in known:
        raise InvalidFacts(f"{what}: unknown employee {employee!r}")
    start = _date(item.get("start"), f"{what}.start")
    end = _date(item.get("end"), f"{what}.end", nullable=True)
    if end is not None and end < start:
        raise InvalidFacts(f"{what}: end before start")
    return SickReport(
        str(employee), start, end, _steps(item.get("incapacity"), f"{what}.incapacity")
    )


def parse_facts(text: str) -> tuple[Period, list[Employment], list[SickReport]]:
    """Return the period, employees and reports of a JSON facts document (or InvalidFacts)."""
    try:
        data = json.loads(text)
    except ValueError:
        raise InvalidFacts("input is not valid JSON") from None
    data = _object(data, "input")
    for key in ("from", "to"):
        if key not in data:
            raise InvalidFacts(f"missing {key!r}")
    start = _date(data["from"], "from")
    end = _date(data["to"], "to")
    if end < start:
        raise InvalidFacts("'to' lies before 'from'")
    employees = [
        _employee(raw, i) for i, raw in enumerate(_list(data.get("employees"), "employees"))
    ]
    ids = {e.id for e in employees}
    if len(ids) != len(employees):
        raise InvalidFacts("employees: duplicate id")
    reports = [
        _report(raw, i, ids)
        for i, raw in enumerate(_list(data.get("sick_reports"), "sick_reports"))
    ]
    return Period(start, end), employees, reports
