"""Reads for retention: the facts of cases and employees, and what is due (or soon due).

Each list is a fixed number of queries however many cases there are: one for the policies, one
for the candidate cases, one for the candidate employees. The SQL only narrows the candidates
(ended at least :data:`terms.MIN_YEARS` before the horizon); the pure rules in :mod:`.terms`
decide.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.db.models import Case as SqlCase
from django.db.models import (
    Count,
    DateField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.db.models.functions import Coalesce, Greatest, TruncDate
from django.utils import timezone

from cases.anonymisers import history_model
from cases.batched_reads import CaseRows, CaseRowsRead
from cases.case_memo import case_memoized
from cases.models import Case, CaseStatus, Employee, Employer, SickPeriod

from .models import RetentionPolicy
from .terms import (
    MIN_YEARS,
    CaseFacts,
    EmployeeFacts,
    Policy,
    Verdict,
    case_verdict,
    employee_verdict,
)

if TYPE_CHECKING:
    from accounts.models import User

#: The HR page also shows what becomes due within this many days.
UPCOMING_DAYS = 92


@dataclass(frozen=True)
class CaseRow:
    """One case with its retention verdict."""

    case: Case
    verdict: Verdict


@dataclass(frozen=True)
class EmployeeRow:
    """One employee whose identity is (or soon is) due for anonymisation."""

    employee: Employee
    verdict: Verdict


def employers_for(user: User) -> QuerySet[Employer]:
    """Return the employers whose retention `user` manages (HR: their own)."""
    if user.is_superuser:
        return Employer.objects.all()
    return Employer.objects.filter(hr_users=user)


def policies_for(employer_ids: list[int] | None) -> dict[int, Policy]:
    """Return the stored policy per employer id (employers without one get the defaults)."""
    stored = RetentionPolicy.objects.all()
    if employer_ids is not None:
        stored = stored.filter(employer_id__in=employer_ids)
    return defaultdict(Policy, {p.employer_id: p.as_policy() for p in stored})


def policy_get(employer: Employer) -> RetentionPolicy:
    """Return the employer's policy (unsaved, with the defaults, when none is stored)."""
    return RetentionPolicy.objects.filter(employer=employer).first() or RetentionPolicy(
        employer=employer
    )


def _with_end(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Annotate `ended_on`: the last sick day, or the day the case was closed while a period
    still ran (from its history), and `anchor`: the later of that and the case's end of
    employment."""
    periods = SickPeriod.objects.filter(case=OuterRef("pk"))
    last_end = periods.order_by(F("end").desc(nulls_first=True)).values("end")[:1]
    closed_event = (
        history_model(Case)
        .objects.filter(pgh_obj_id=OuterRef("pk"), status=CaseStatus.CLOSED)
        .order_by("pgh_created_at")
        .annotate(day=TruncDate("pgh_created_at"))
        .values("day")[:1]
    )
    ended = SqlCase(
        When(
            Exists(periods.filter(end__isnull=True)),
            then=Coalesce(Subquery(closed_event), TruncDate("updated_at")),
        ),
        default=Subquery(last_end),
        output_field=DateField(),
    )
    return cases.annotate(ended_on=ended).annotate(
        anchor=Greatest("ended_on", "employment_end_date", output_field=DateField())
    )


def case_facts(case: Case) -> CaseFacts:
    """Return the facts of a case annotated by :func:`_with_end`."""
    return CaseFacts(
        status=case.status,
        ended_on=case.ended_on,
        employment_end=case.employment_end_date,
        legal_hold=case.legal_hold,
        anonymised=case.anonymised_at is not None,
    )


def case_rows(
    *, today: date, horizon: date, employer_ids: list[int] | None = None
) -> list[CaseRow]:
    """Return the closed, not anonymised cases due by `horizon` (held ones too), oldest first."""
    cases = Case.objects.exclude(status=CaseStatus.OPEN).filter(anonymised_at__isnull=True)
    if employer_ids is not None:
        cases = cases.filter(employer_id__in=employer_ids)
    latest_anchor = horizon - timedelta(days=365 * MIN_YEARS)
    cases = (
        _with_end(cases)
        .filter(Q(anchor__lte=latest_anchor) | Q(anchor__isnull=True))
        .select_related("employer", "employee", "legal_hold_by")
        .order_by("anchor", "pk")
    )
    policies = policies_for(employer_ids)
    rows = []
    for case in cases:
        verdict = case_verdict(case_facts(case), policies[case.employer_id], today)
        if verdict.due_from is not None and verdict.due_from <= horizon:
            rows.append(CaseRow(case, verdict))
    return rows


def case_facts_of(case: Case) -> CaseFacts:
    """Return the facts of one case as :func:`_with_end` computes them, in Python.

    Uses the case's sick periods as loaded (the case page prefetches them); reads the history
    only for a case closed while a period still ran. A running case gets no end date.
    """
    periods = list(case.sick_periods.all())
    if case.status == CaseStatus.OPEN:
        ended_on = None  # a running case has not ended (and is never due: terms.case_verdict)
    elif any(period.end is None for period in periods):
        closed = (
            history_model(Case)
            .objects.filter(pgh_obj_id=case.pk, status=CaseStatus.CLOSED)
            .order_by("pgh_created_at")
            .values_list("pgh_created_at", flat=True)
            .first()
        )
        ended_on = timezone.localdate(closed or case.updated_at)
    else:
        ended_on = max((period.end for period in periods), default=None)
    return CaseFacts(
        status=case.status,
        ended_on=ended_on,
        employment_end=case.employment_end_date,
        legal_hold=case.legal_hold,
        anonymised=case.anonymised_at is not None,
    )


_POLICY = "retention.policy"
#: The policy of the case's employer (none stored: the defaults).
_POLICY_ROWS = CaseRows(
    lambda employer_id: RetentionPolicy.objects.filter(employer_id=employer_id),
    id_of=lambda case: case.employer_id,
)


def case_policy_reads(case: Case) -> dict[str, CaseRowsRead]:
    """Return the read of the policy of the case's employer (for the case page, see
    :func:`cases.case_memo.case_memo_read_together`)."""
    return {_POLICY: _POLICY_ROWS.read(case)}


def case_verdict_get(case: Case, *, today: date) -> Verdict:
    """Return the retention verdict of one case (the policy: one query)."""
    stored = case_memoized(case, _POLICY, lambda: _POLICY_ROWS.rows(case))
    policy = stored[0].as_policy() if stored else Policy()
    return case_verdict(case_facts_of(case), policy, today)


def employee_rows(
    *, today: date, horizon: date, case_rows: list[CaseRow], employer_ids: list[int] | None = None
) -> list[EmployeeRow]:
    """Return the employees who left and whose identity is due by `horizon`.

    `case_rows` are the cases due by the same horizon: an employee qualifies only when each
    of their cases not yet anonymised is among them.
    """
    latest_end = horizon - timedelta(days=365 * MIN_YEARS)
    pending = Case.objects.filter(employee=OuterRef("pk"), anonymised_at__isnull=True)
    pending_count = pending.order_by().values("employee").annotate(n=Count("pk")).values("n")
    employees = Employee.objects.filter(
        anonymised_at__isnull=True, employment_end_date__lte=latest_end
    ).annotate(
        pending_count=Coalesce(Subquery(pending_count), 0),
        has_open=Exists(Case.objects.filter(employee=OuterRef("pk"), status=CaseStatus.OPEN)),
        has_hold=Exists(pending.filter(legal_hold=True)),
    )
    if employer_ids is not None:
        employees = employees.filter(employer_id__in=employer_ids)
    employees = employees.select_related("employer").order_by("employment_end_date", "pk")
    by_employee: dict[int, list[Verdict]] = defaultdict(list)
    for row in case_rows:
        by_employee[row.case.employee_id].append(row.verdict)
    policies = policies_for(employer_ids)
    rows = []
    for employee in employees:
        verdicts = by_employee[employee.pk]
        if len(verdicts) < employee.pending_count:
            continue  # a case ends too late to be due by the horizon
        facts = EmployeeFacts(
            employment_end=employee.employment_end_date,
            has_open_case=employee.has_open,
            has_held_case=employee.has_hold,
            pending_cases=tuple(verdicts),
        )
        verdict = employee_verdict(facts, policies[employee.employer_id], today)
        if verdict.due_from is not None and verdict.due_from <= horizon:
            rows.append(EmployeeRow(employee, verdict))
    return rows


def retention_overview(
    *, today: date, employer_ids: list[int]
) -> tuple[list[CaseRow], list[EmployeeRow]]:
    """Return the case rows and employee rows due now or within :data:`UPCOMING_DAYS`."""
    horizon = today + timedelta(days=UPCOMING_DAYS)
    rows = case_rows(today=today, horizon=horizon, employer_ids=employer_ids)
    employees = employee_rows(
        today=today,
        horizon=horizon,
        case_rows=[row for row in rows if not row.verdict.held],
        employer_ids=employer_ids,
    )
    return rows, employees
