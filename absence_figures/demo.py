"""Past absence for the demo (``seed_demo --history-years N``): deterministic and idempotent.

Mostly short reports, some medium and long ones, a few relapses and partial recoveries, more
reports in winter than in summer. Every employee gets its own RNG seeded by employer and
personnel number, so a second run produces exactly the same history and skips what exists.
Employees with a staged demo case keep only that case (the other demo steps look it up), and
small demo departments get extra generated staff so the team figures are not suppressed.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Min

from accounts.models import Role
from cases.demo import FIRST_NAMES, FUNCTIONS, LAST_NAMES, DemoContext, bsn_sequence
from cases.models import (
    Case,
    CaseStatus,
    CloseReason,
    Employee,
    Employer,
    SickPeriod,
    WorkResumption,
)

#: Marks the generated past cases (shown as the expected duration; also the idempotency key).
HISTORY_MARK = "Historische demodata"
#: Relative chance of a new sick report per calendar month (flu season in winter).
SEASON = {1: 1.5, 2: 1.4, 3: 1.2, 4: 0.9, 5: 0.8, 6: 0.7, 7: 0.6, 8: 0.6, 9: 0.9, 10: 1.1,
          11: 1.3, 12: 1.4}  # fmt: skip
#: Reports per employee per year on average (Dutch sector figures lie around 1 to 1.5).
BASE_FREQUENCY = 1.1
#: Demo departments get generated staff up to this size.
MIN_DEMO_DEPARTMENT = 8


def _duration(rng: random.Random) -> int:
    roll = rng.random()
    if roll < 0.68:
        return rng.choice([1, 2, 2, 3, 3, 3, 4, 4, 5, 7])
    if roll < 0.92:
        return rng.randint(8, 42)
    if roll < 0.985:
        return rng.randint(43, 250)
    return rng.randint(366, 500)


def employee_history(
    rng: random.Random, *, first: date, last: date
) -> list[tuple[list[tuple[date, date]], tuple[date, int] | None]]:
    """Return reports as ([(start, end), relapse…], partial recovery (day, % sick) or None)."""
    reports = []
    day = first
    while day <= last:
        chance = BASE_FREQUENCY / 365 * SEASON[day.month]
        if rng.random() >= chance:
            day += timedelta(days=1)
            continue
        length = _duration(rng)
        end = day + timedelta(days=length - 1)
        if end > last:
            break
        periods = [(day, end)]
        resumption = None
        if length > 20 and rng.random() < 0.6:
            resumption = (day + timedelta(days=length * 2 // 3), rng.choice([20, 50, 50, 70]))
        elif 8 <= length <= 42 and rng.random() < 0.15:
            relapse = end + timedelta(days=rng.randint(7, 21))
            relapse_end = relapse + timedelta(days=rng.randint(2, 10))
            if relapse_end <= last:
                periods.append((relapse, relapse_end))
                end = relapse_end
        reports.append((periods, resumption))
        day = end + timedelta(days=rng.randint(14, 60))
    return reports


def _add_staff(ctx: DemoContext, employer: Employer, index: int) -> None:
    """Give every department of a demo employer at least MIN_DEMO_DEPARTMENT employees."""
    bsns = bsn_sequence(700000000 + index * 100000)
    used = set(Employee.objects.filter(employer=employer).values_list("bsn", flat=True))
    number = 0
    for department in employer.departments.all():
        size = department.employees.count()
        for _n in range(size, MIN_DEMO_DEPARTMENT):
            number += 1
            personnel_number = f"H{department.pk:03d}{_n:03d}"
            if Employee.objects.filter(
                employer=employer, personnel_number=personnel_number
            ).exists():
                continue
            bsn = next(b for b in bsns if b not in used)
            used.add(bsn)
            rng = random.Random(f"{employer.kvk_number}-{personnel_number}")
            prefix, last = LAST_NAMES[rng.randrange(len(LAST_NAMES))]
            Employee.objects.create(
                employer=employer,
                department=department,
                personnel_number=personnel_number,
                first_name=FIRST_NAMES[rng.randrange(len(FIRST_NAMES))],
                name_prefix=prefix,
                last_name=last,
                bsn=bsn,
                date_of_birth=date(1965, 1, 1) + timedelta(days=rng.randint(0, 13000)),
                function_title=rng.choice(FUNCTIONS),
                contract_hours=rng.choice([16, 24, 32, 36, 38, 40]),
            )


def seed_history(ctx: DemoContext, years: int) -> int:
    """Add `years` of past absence for every employee of the demo employers; return reports."""
    first = ctx.today - timedelta(days=round(365.25 * years))
    last = ctx.today - timedelta(days=14)
    staged = {case.employee_id for case in ctx.cases.values()}
    added = 0
    with transaction.atomic():
        for index, employer in enumerate(ctx.employers.values()):
            _add_staff(ctx, employer, index)
            hr = next(
                (u for (slug, role), u in ctx.users.items()
                 if role == Role.HR and ctx.employers[slug] == employer),
                None,
            )  # fmt: skip
            if hr is None:
                continue
            added += _seed_employer(employer, hr, first=first, last=last, staged=staged)
    return added


def _seed_employer(employer: Employer, hr, *, first: date, last: date, staged: set[int]) -> int:
    done = set(
        Case.objects.filter(employer=employer, expected_duration=HISTORY_MARK).values_list(
            "employee_id", flat=True
        )
    )
    earliest = dict(
        Case.objects.filter(employer=employer)
        .exclude(expected_duration=HISTORY_MARK)
        .values_list("employee_id")
        .annotate(first=Min("first_sick_day"))
    )
    plans = []
    hires = []
    for employee in Employee.objects.filter(employer=employer).order_by("pk"):
        if employee.pk in staged or employee.pk in done:
            continue
        rng = random.Random(f"{employer.kvk_number}-{employee.personnel_number}")
        # Draw the hire date every time, so the RNG sequence (and the history) is the same
        # whether or not an earlier run already stored it.
        joined_late = rng.random() < 0.15
        drawn = (
            first + timedelta(days=rng.randint(30, 700))
            if joined_late
            else first - timedelta(days=rng.randint(30, 5000))
        )
        start = employee.employment_start_date
        if start is None:
            start = drawn
            own_case = earliest.get(employee.pk)
            if own_case is not None:
                start = min(start, own_case - timedelta(days=30))
            employee.employment_start_date = start
            hires.append(employee)
        stop = (
            min(last, earliest[employee.pk] - timedelta(days=35))
            if employee.pk in earliest
            else last
        )
        history = employee_history(rng, first=max(first, start), last=stop)
        plans.extend((employee, periods, resumption) for periods, resumption in history)
    Employee.objects.bulk_update(hires, ["employment_start_date"], batch_size=1000)
    cases = [
        Case(
            employer=employer,
            employee=employee,
            first_sick_day=periods[0][0],
            reported_on=periods[0][0],
            reported_by=hr,
            status=CaseStatus.RECOVERED,
            close_reason=CloseReason.RECOVERED,
            expected_duration=HISTORY_MARK,
        )
        for employee, periods, _resumption in plans
    ]
    Case.objects.bulk_create(cases, batch_size=1000)
    SickPeriod.objects.bulk_create(
        [
            SickPeriod(case=case, start=start, end=end, note="" if i == 0 else "samentelling")
            for case, (_e, periods, _r) in zip(cases, plans, strict=True)
            for i, (start, end) in enumerate(periods)
        ],
        batch_size=1000,
    )
    WorkResumption.objects.bulk_create(
        [
            WorkResumption(
                case=case, start=resumption[0], percentage_sick=resumption[1], created_by=hr
            )
            for case, (_e, _p, resumption) in zip(cases, plans, strict=True)
            if resumption
        ],
        batch_size=1000,
    )
    return len(cases)


def seed(ctx: DemoContext) -> None:
    """Add nothing by default: past absence only with ``seed_demo --history-years N``."""
