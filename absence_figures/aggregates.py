"""The figures computed in PostgreSQL: one aggregation over date ranges for many periods at once.

Gives the same :class:`~absence_figures.figures.Totals` as the pure rules over
:func:`~absence_figures.facts_db.facts_from_db` (tested), but the work stays in the database:
the number of queries and rows returned depend on the periods and departments, not on the
number of employees or cases. Hours are summed exactly as integer tenths of an hour and divided
by the employer's full-time hours in Python with fractions, so nothing is rounded before the
final figure.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from django.db import connection

from .facts_db import EXCLUDED_CLOSE_REASONS
from .figures import CONTRACT_CLASSES, DURATION_CAP, VERNET_CLASSES, Period, Totals

#: Open cases by completed weeks of sickness (samentelling included): (key, first, last week).
WEEK_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("0-6", 0, 6),
    ("7-42", 7, 42),
    ("43-52", 43, 52),
    ("53-91", 53, 91),
    ("92-104", 92, 104),
    ("104+", 105, None),
)


def _class_sql(classes: Sequence[tuple[str, int, int | None]], length: str) -> str:
    whens = " ".join(
        f"WHEN {length} <= {high} THEN '{key}'" for key, _low, high in classes if high is not None
    )
    last = classes[-1][0]
    return f"CASE {whens} ELSE '{last}' END"


_LENGTH = f"LEAST(LEAST(COALESCE(rep.r_end, p.p_to), p.p_to) - rep.r_start + 1, {DURATION_CAP})"

_SQL = f"""
WITH periods AS (
    SELECT * FROM unnest(%(idx)s::int[], %(starts)s::date[], %(ends)s::date[])
        AS p(idx, p_from, p_to)
),
emp AS (
    SELECT e.id, e.department_id AS dept, r.full_time_hours AS ft,
           (10 * CASE WHEN e.contract_hours > 0
                      THEN LEAST(e.contract_hours, r.full_time_hours)
                      ELSE r.full_time_hours END)::int AS h10,
           e.employment_start_date AS e_from, e.employment_end_date AS e_until
    FROM cases_employee e JOIN cases_employer r ON r.id = e.employer_id
    WHERE e.employer_id = ANY(%(employers)s)
      AND (%(department)s::int IS NULL OR e.department_id = %(department)s::int)
      AND (%(team_of)s::int IS NULL OR e.manager_id = %(team_of)s::int)
),
rep AS (
    SELECT sp.id, sp.case_id, emp.id AS employee_id, emp.dept, emp.ft, emp.h10, emp.e_from,
           emp.e_until, sp.start AS r_start, sp."end" AS r_end
    FROM cases_sickperiod sp
    JOIN cases_case c ON c.id = sp.case_id
    JOIN emp ON emp.id = c.employee_id
    WHERE c.close_reason <> ALL(%(excluded)s)
      AND sp.start <= (SELECT max(p_to) FROM periods)
      AND (sp."end" IS NULL OR sp."end" >= (SELECT min(p_from) FROM periods))
),
steps AS (
    SELECT rep.*, s.s_from, s.pct
    FROM rep CROSS JOIN LATERAL (
        SELECT rep.r_start AS s_from, 100 AS pct
        WHERE NOT EXISTS (
            SELECT 1 FROM cases_workresumption w
            WHERE w.case_id = rep.case_id AND w.start = rep.r_start)
        UNION ALL
        SELECT w.start, w.percentage_sick FROM cases_workresumption w
        WHERE w.case_id = rep.case_id AND w.start >= rep.r_start
          AND (rep.r_end IS NULL OR w.start <= rep.r_end)
    ) s
),
seg AS (
    SELECT steps.*,
           COALESCE(LEAD(s_from) OVER (PARTITION BY id ORDER BY s_from) - 1, r_end) AS s_to
    FROM steps
),
sick AS (
    SELECT p.idx, seg.dept, seg.ft, seg.employee_id, seg.h10, seg.pct,
           LEAST(COALESCE(seg.s_to, p.p_to), p.p_to, COALESCE(seg.e_until, p.p_to))
           - GREATEST(seg.s_from, p.p_from, COALESCE(seg.e_from, p.p_from)) + 1 AS days
    FROM seg JOIN periods p
      ON seg.s_from <= p.p_to AND (seg.s_to IS NULL OR seg.s_to >= p.p_from)
)
SELECT 'employment' AS kind, p.idx, emp.dept, emp.ft, count(*) AS n,
       sum(w.days) AS a, sum(w.days * emp.h10) AS b, NULL AS k, NULL AS k2
FROM periods p
JOIN emp ON (emp.e_from IS NULL OR emp.e_from <= p.p_to)
        AND (emp.e_until IS NULL OR emp.e_until >= p.p_from)
CROSS JOIN LATERAL (
    SELECT LEAST(p.p_to, COALESCE(emp.e_until, p.p_to))
           - GREATEST(p.p_from, COALESCE(emp.e_from, p.p_from)) + 1 AS days
) w
GROUP BY p.idx, emp.dept, emp.ft
UNION ALL
SELECT 'sick', idx, dept, ft, count(DISTINCT employee_id) FILTER (WHERE pct > 0 AND days > 0),
       NULL, sum(GREATEST(days, 0) * h10 * pct), NULL, NULL
FROM sick GROUP BY idx, dept, ft
UNION ALL
SELECT 'new', p.idx, rep.dept, rep.ft, count(*), NULL, NULL, NULL, NULL
FROM rep JOIN periods p ON rep.r_start BETWEEN p.p_from AND p.p_to
WHERE (rep.e_from IS NULL OR rep.r_start >= rep.e_from)
  AND (rep.e_until IS NULL OR rep.r_start <= rep.e_until)
GROUP BY p.idx, rep.dept, rep.ft
UNION ALL
SELECT 'ended', p.idx, rep.dept, rep.ft, count(*), sum(rep.r_end - rep.r_start + 1), NULL, NULL,
       NULL
FROM rep JOIN periods p ON rep.r_end BETWEEN p.p_from AND p.p_to
GROUP BY p.idx, rep.dept, rep.ft
UNION ALL
SELECT 'class', p.idx, rep.dept, rep.ft, count(*), NULL, NULL,
       {_class_sql(CONTRACT_CLASSES, _LENGTH)}, {_class_sql(VERNET_CLASSES, _LENGTH)}
FROM rep JOIN periods p ON rep.r_start <= p.p_to AND (rep.r_end IS NULL OR rep.r_end >= p.p_from)
GROUP BY p.idx, rep.dept, rep.ft, 8, 9
"""


@dataclass(frozen=True)
class Scope:
    """Which employees the figures cover: employers, optionally one department or one team."""

    employer_ids: tuple[int, ...]
    department_id: int | None = None
    team_of_employee_id: int | None = None


def _empty_totals() -> Totals:
    return Totals(
        classes={key: 0 for key, *_ in CONTRACT_CLASSES},
        vernet_classes={key: 0 for key, *_ in VERNET_CLASSES},
    )


def totals_by_department(
    scope: Scope, periods: Sequence[Period]
) -> dict[tuple[int, int | None], Totals]:
    """Return {(period index, department id): Totals} for every period, in one query."""
    result: dict[tuple[int, int | None], Totals] = {}
    if not scope.employer_ids or not periods:
        return result
    params = {
        "idx": list(range(len(periods))),
        "starts": [p.start for p in periods],
        "ends": [p.end for p in periods],
        "employers": list(scope.employer_ids),
        "department": scope.department_id,
        "team_of": scope.team_of_employee_id,
        "excluded": [str(reason) for reason in EXCLUDED_CLOSE_REASONS],
    }
    with connection.cursor() as cursor:
        cursor.execute(_SQL, params)
        rows = cursor.fetchall()
    for kind, idx, dept, ft, n, a, b, key, vernet_key in rows:
        totals = result.setdefault((idx, dept), _empty_totals())
        full_time = Fraction(ft)
        if kind == "employment":
            totals.employees += n
            totals.employment_days += a
            totals.weighted_employment_days += Fraction(b) / (full_time * 10)
        elif kind == "sick":
            totals.employees_sick += n
            totals.weighted_sick_days += Fraction(b or 0) / (full_time * 1000)
        elif kind == "new":
            totals.new_reports += n
        elif kind == "ended":
            totals.ended_reports += n
            totals.ended_report_days += a
        elif kind == "class":
            totals.classes[key] += n
            totals.vernet_classes[vernet_key] += n
    return result


def totals_by_period(scope: Scope, periods: Sequence[Period]) -> list[Totals]:
    """Return one Totals per period for the whole scope."""
    merged = [_empty_totals() for _ in periods]
    for (idx, _dept), totals in totals_by_department(scope, periods).items():
        merged[idx].add(totals)
    return merged


def _band(weeks: int) -> str:
    for key, low, high in WEEK_BANDS:
        if weeks >= low and (high is None or weeks <= high):
            return key
    return WEEK_BANDS[-1][0]


_OPEN_SQL = """
SELECT weeks, count(*) FROM (
    SELECT c.id, sum(LEAST(COALESCE(sp."end", %(as_of)s), %(as_of)s) - sp.start + 1) / 7 AS weeks
    FROM cases_case c
    JOIN cases_employee e ON e.id = c.employee_id
    JOIN cases_sickperiod sp ON sp.case_id = c.id AND sp.start <= %(as_of)s
    WHERE c.status = 'open' AND c.employer_id = ANY(%(employers)s)
      AND (%(department)s::int IS NULL OR e.department_id = %(department)s::int)
      AND (%(team_of)s::int IS NULL OR e.manager_id = %(team_of)s::int)
    GROUP BY c.id
) per_case GROUP BY weeks
"""


def open_cases_by_week_band(scope: Scope, as_of: date) -> dict[str, int]:
    """Return the open cases per band of completed sick weeks on `as_of` (one query)."""
    bands = {key: 0 for key, *_ in WEEK_BANDS}
    if not scope.employer_ids:
        return bands
    params = {
        "as_of": as_of,
        "employers": list(scope.employer_ids),
        "department": scope.department_id,
        "team_of": scope.team_of_employee_id,
    }
    with connection.cursor() as cursor:
        cursor.execute(_OPEN_SQL, params)
        for weeks, count in cursor.fetchall():
            bands[_band(int(weeks))] += count
    return bands


def merge(totals: Iterable[Totals]) -> Totals:
    """Return the sum of totals of disjoint groups over the same period."""
    merged = _empty_totals()
    for item in totals:
        merged.add(item)
    return merged
