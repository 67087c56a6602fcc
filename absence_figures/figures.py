"""Pure verzuim figures (Standaard Berekening van ziekteverzuim): no ORM, facts in, figures out.

The definitions are the contract of ``shared/domain/verzuimcijfers.md`` (sources: CBS
"Ziekteverzuimpercentage", "Meldingsfrequentie ziekteverzuim", "Verzuimduur ziekteverzuim";
Vernet "Definities verzuim"; see ``docs/verzuimcijfers.md``). The computation works on
intervals, not on single days, so the database path (:mod:`absence_figures.aggregates`) can
compute the same :class:`Totals` with one SQL aggregation; both share
:func:`figures_from_totals`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

#: Contract duration classes (days, inclusive): kort, middellang, lang, extra lang.
CONTRACT_CLASSES: tuple[tuple[str, int, int | None], ...] = (
    ("short", 1, 7),
    ("medium", 8, 42),
    ("long", 43, 365),
    ("extra_long", 366, None),
)
#: Vernet's classes (1-14, 15-91, 92-365, 366-730), offered as an alternative view.
VERNET_CLASSES: tuple[tuple[str, int, int | None], ...] = (
    ("short", 1, 14),
    ("medium", 15, 91),
    ("long", 92, 365),
    ("extra_long", 366, None),
)
#: Reports are classed by their length, capped at 730 days (Vernet).
DURATION_CAP = 730


class InvalidFacts(ValueError):
    """The facts break the contract (shown as one line on stderr, exit 2)."""


@dataclass(frozen=True)
class IncapacityStep:
    """From `start` the employee is `percentage` % unfit for work (partial recovery lowers it)."""

    start: date
    percentage: Fraction


@dataclass(frozen=True)
class Employment:
    """One employee in the facts; `until` is the last day employed (None: still employed)."""

    id: str
    part_time_factor: Fraction
    employed_from: date | None = None
    employed_until: date | None = None


@dataclass(frozen=True)
class SickReport:
    """One ziekmelding; `end` is the last sick day (None: still sick)."""

    employee: str
    start: date
    end: date | None = None
    steps: tuple[IncapacityStep, ...] = ()

    def incapacity(self) -> tuple[IncapacityStep, ...]:
        """Return the incapacity steps, 100 % from the start when none were given."""
        return self.steps or (IncapacityStep(self.start, Fraction(100)),)


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass
class Totals:
    """Unrounded sums from which every figure follows (the same from facts or from SQL)."""

    employment_days: int = 0
    weighted_employment_days: Fraction = Fraction(0)
    weighted_sick_days: Fraction = Fraction(0)
    new_reports: int = 0
    ended_reports: int = 0
    ended_report_days: int = 0
    employees: int = 0
    employees_sick: int = 0
    classes: dict[str, int] = field(default_factory=dict)
    vernet_classes: dict[str, int] = field(default_factory=dict)

    def add(self, other: Totals) -> None:
        """Add `other` (a disjoint group of employees over the same period) to these totals."""
        self.employment_days += other.employment_days
        self.weighted_employment_days += other.weighted_employment_days
        self.weighted_sick_days += other.weighted_sick_days
        self.new_reports += other.new_reports
        self.ended_reports += other.ended_reports
        self.ended_report_days += other.ended_report_days
        self.employees += other.employees
        self.employees_sick += other.employees_sick
        for key, value in other.classes.items():
            self.classes[key] = self.classes.get(key, 0) + value
        for key, value in other.vernet_classes.items():
            self.vernet_classes[key] = self.vernet_classes.get(key, 0) + value


def _overlap(a_start: date, a_end: date, b_start: date, b_end: date) -> int:
    """Return the number of days two inclusive date ranges share."""
    return max(0, (min(a_end, b_end) - max(a_start, b_start)).days + 1)


def employment_window(employee: Employment, period: Period) -> tuple[date, date] | None:
    """Return the employment days of the period as one inclusive range (None: none)."""
    first = max(period.start, employee.employed_from or period.start)
    last = min(period.end, employee.employed_until or period.end)
    return (first, last) if first <= last else None


def duration_class(length: int, classes: Sequence[tuple[str, int, int | None]]) -> str:
    """Return the key of the class a report of `length` days (capped at 730) falls in."""
    length = min(length, DURATION_CAP)
    for key, low, high in classes:
        if length >= low and (high is None or length <= high):
            return key
    raise InvalidFacts(f"report length {length} fits no duration class")


def _sick_weight_days(report: SickReport, window: tuple[date, date], period: Period) -> Fraction:
    """Return Σ sick day weight over the report's days that are employment days in the period."""
    last_sick = report.end or period.end
    steps = report.incapacity()
    total = Fraction(0)
    for index, step in enumerate(steps):
        step_last = steps[index + 1].start - timedelta(days=1) if index + 1 < len(steps) else None
        seg_start = max(step.start, report.start)
        seg_end = min(step_last or last_sick, last_sick)
        days = _overlap(seg_start, seg_end, *window)
        total += days * step.percentage / 100
    return total


def _has_sick_day(report: SickReport, window: tuple[date, date], period: Period) -> bool:
    """Return whether the report has a day with weight > 0 among the employment days."""
    last_sick = report.end or period.end
    steps = report.incapacity()
    for index, step in enumerate(steps):
        if step.percentage <= 0:
            continue
        step_last = steps[index + 1].start - timedelta(days=1) if index + 1 < len(steps) else None
        seg_end = min(step_last or last_sick, last_sick)
        if _overlap(max(step.start, report.start), seg_end, *window):
            return True
    return False


def compute_totals(
    period: Period, employees: Iterable[Employment], reports: Iterable[SickReport]
) -> Totals:
    """Return the unrounded totals of the contract definitions for `period`."""
    totals = Totals(
        classes={key: 0 for key, *_ in CONTRACT_CLASSES},
        vernet_classes={key: 0 for key, *_ in VERNET_CLASSES},
    )
    by_id = {e.id: e for e in employees}
    windows = {e.id: employment_window(e, period) for e in by_id.values()}
    sick_employees: set[str] = set()
    for employee in by_id.values():
        window = windows[employee.id]
        if window is None:
            continue
        days = (window[1] - window[0]).days + 1
        totals.employees += 1
        totals.employment_days += days
        totals.weighted_employment_days += days * employee.part_time_factor
    for report in reports:
        employee = by_id[report.employee]
        window = windows[employee.id]
        if window is not None:
            weight = _sick_weight_days(report, window, period)
            totals.weighted_sick_days += weight * employee.part_time_factor
            if window[0] <= report.start <= window[1]:
                totals.new_reports += 1
            if _has_sick_day(report, window, period):
                sick_employees.add(employee.id)
        if report.end is not None and period.start <= report.end <= period.end:
            totals.ended_reports += 1
            totals.ended_report_days += (report.end - report.start).days + 1
        if report.start <= period.end and (report.end is None or report.end >= period.start):
            length = (min(report.end or period.end, period.end) - report.start).days + 1
            totals.classes[duration_class(length, CONTRACT_CLASSES)] += 1
            totals.vernet_classes[duration_class(length, VERNET_CLASSES)] += 1
    totals.employees_sick = len(sick_employees)
    return totals


def round_half_up(value: Fraction | int | None) -> Decimal | None:
    """Return `value` rounded to 2 decimals, half up (None stays None)."""
    if value is None:
        return None
    cents = math.floor(Fraction(value) * 100 + Fraction(1, 2))  # exact, half up (values >= 0)
    return (Decimal(cents) / 100).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class Figures:
    """The rounded figures of one period for one group of employees."""

    period: Period
    absence_percentage: Decimal | None
    report_frequency: Decimal | None
    average_duration: Decimal | None
    zero_absence: Decimal | None
    average_headcount: Decimal | None
    duration_classes: dict[str, int]
    vernet_classes: dict[str, int]
    employees: int
    new_reports: int

    def as_contract(self) -> dict[str, object]:
        """Return the contract's output object (numbers as JSON numbers)."""

        def num(value: Decimal | None) -> float | None:
            return None if value is None else float(value)

        return {
            "from": self.period.start.isoformat(),
            "to": self.period.end.isoformat(),
            "absence_percentage": num(self.absence_percentage),
            "report_frequency": num(self.report_frequency),
            "average_duration": num(self.average_duration),
            "zero_absence": num(self.zero_absence),
            "average_headcount": num(self.average_headcount),
            "duration_classes": dict(self.duration_classes),
        }


def figures_from_totals(period: Period, totals: Totals) -> Figures:
    """Return the figures for `totals`, rounded half up from unrounded intermediate values."""
    days = period.days
    headcount = Fraction(totals.employment_days, days) if totals.employment_days else None
    percentage = frequency = zero = None
    if totals.employment_days:
        if totals.weighted_employment_days:
            percentage = 100 * totals.weighted_sick_days / totals.weighted_employment_days
        frequency = Fraction(totals.new_reports) / headcount * Fraction(365, days)
        zero = Fraction(100 * (totals.employees - totals.employees_sick), totals.employees)
    duration = (
        Fraction(totals.ended_report_days, totals.ended_reports) if totals.ended_reports else None
    )
    return Figures(
        period=period,
        absence_percentage=round_half_up(percentage),
        report_frequency=round_half_up(frequency),
        average_duration=round_half_up(duration),
        zero_absence=round_half_up(zero),
        average_headcount=round_half_up(headcount),
        duration_classes=dict(totals.classes),
        vernet_classes=dict(totals.vernet_classes),
        employees=totals.employees,
        new_reports=totals.new_reports,
    )


def compute_figures(
    period: Period, employees: Iterable[Employment], reports: Iterable[SickReport]
) -> Figures:
    """Return the contract figures of `period` for these employees and sick reports."""
    return figures_from_totals(period, compute_totals(period, employees, reports))
