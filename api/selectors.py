"""Reads behind the API: every one is scoped to the token's employer (else 404).

Representations are built here field by field (an allow-list): nothing of the dossier, no
free text, no medical data can reach a response by a model change.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from cases.models import Case, Employee, SickPeriod, WorkResumption
from cases.selectors import with_week_of_illness
from deadlines.models import INFORMATIONAL_KINDS, Deadline, DeadlineStatus

from .etags import case_etag, employee_etag
from .models import ApiToken

ACTIONABLE = (DeadlineStatus.OPEN, DeadlineStatus.OVERDUE)


# --- Employees ---------------------------------------------------------------------------------


def employees_for(token: ApiToken) -> QuerySet[Employee]:
    return Employee.objects.filter(employer_id=token.employer_id).select_related(
        "department", "manager"
    )


def employees_filter(
    queryset: QuerySet[Employee],
    *,
    personnel_number: str | None = None,
    department: str | None = None,
    changed_since: datetime | None = None,
) -> QuerySet[Employee]:
    if personnel_number:
        queryset = queryset.filter(personnel_number=personnel_number)
    if department:
        queryset = queryset.filter(department__name=department)
    if changed_since:
        events = Employee.pgh_event_model.objects.filter(
            pgh_obj_id=OuterRef("pk"), pgh_created_at__gte=changed_since
        )
        queryset = queryset.filter(Exists(events))
    return queryset


def employee_for(token: ApiToken, personnel_number: str) -> Employee | None:
    return employees_for(token).filter(personnel_number=personnel_number).first()


def employee_data(employee: Employee) -> dict[str, Any]:
    return {
        "personnel_number": employee.personnel_number,
        "first_name": employee.first_name,
        "name_prefix": employee.name_prefix,
        "last_name": employee.last_name,
        "bsn": employee.bsn,
        "date_of_birth": employee.date_of_birth,
        "email": employee.email,
        "department": employee.department.name if employee.department_id else "",
        "function_title": employee.function_title,
        "contract_hours": employee.contract_hours,
        "manager_personnel_number": (
            employee.manager.personnel_number if employee.manager_id else ""
        ),
        "employment_end_date": employee.employment_end_date,
        "etag": employee_etag(employee),
    }


# --- Cases -------------------------------------------------------------------------------------


def cases_for(token: ApiToken, today: date | None = None) -> QuerySet[Case]:
    cases = Case.objects.filter(employer_id=token.employer_id).select_related("employee")
    return with_week_of_illness(cases, today)


def cases_filter(
    queryset: QuerySet[Case],
    *,
    status: str | None = None,
    personnel_number: str | None = None,
    changed_since: datetime | None = None,
) -> QuerySet[Case]:
    if status:
        queryset = queryset.filter(status=status)
    if personnel_number:
        queryset = queryset.filter(employee__personnel_number=personnel_number)
    if changed_since:
        periods = SickPeriod.pgh_event_model.objects.filter(
            case_id=OuterRef("pk"), pgh_created_at__gte=changed_since
        )
        resumptions = WorkResumption.objects.filter(
            case_id=OuterRef("pk"), created_at__gte=changed_since
        )
        queryset = queryset.filter(
            Q(updated_at__gte=changed_since) | Exists(periods) | Exists(resumptions)
        )
    return queryset


def case_for(token: ApiToken, pk: int) -> Case | None:
    return cases_for(token).filter(pk=pk).first()


def open_case_of(employee: Employee) -> Case | None:
    return employee.cases.filter(status="open").first()


def case_summary(case: Case) -> dict[str, Any]:
    """The case header: ids, status and dates; no free text, nothing medical."""
    return {
        "id": case.pk,
        "personnel_number": case.employee.personnel_number,
        "status": case.status,
        "close_reason": case.close_reason,
        "first_sick_day": case.first_sick_day,
        "reported_on": case.reported_on,
        "week_of_illness": getattr(case, "week_of_illness", None),
        "next_deadline": getattr(case, "next_deadline", None),
        "safety_net_applies": case.safety_net_applies,
        "work_accident": case.work_accident,
        "liable_third_party": case.liable_third_party,
        "updated_at": case.updated_at,
    }


def deadline_data(deadline: Deadline, today: date | None = None) -> dict[str, Any]:
    today = today or timezone.localdate()
    overdue = deadline.status == DeadlineStatus.OVERDUE or (
        deadline.status == DeadlineStatus.OPEN
        and deadline.due_date is not None
        and deadline.due_date < today
        and deadline.kind not in INFORMATIONAL_KINDS
    )
    return {
        "id": deadline.pk,
        "case_id": deadline.case_id,
        "kind": deadline.kind,
        "label": str(deadline.get_kind_display()),
        "due_date": deadline.due_date,
        "status": DeadlineStatus.OVERDUE.value if overdue else deadline.status,
        "responsible_role": deadline.responsible_role,
        "completed_on": deadline.completed_on,
    }


def case_detail_data(case: Case) -> dict[str, Any]:
    """The header plus the sickness course and the timeline milestones."""
    today = timezone.localdate()
    data = {
        **case_summary(case),
        "sick_periods": [
            {"start": p.start, "end": p.end} for p in case.sick_periods.order_by("start")
        ],
        "work_resumptions": [
            {"start": w.start, "percentage_sick": w.percentage_sick}
            for w in case.work_resumptions.order_by("start")
        ],
        "milestones": [
            deadline_data(d, today)
            for d in Deadline.objects.filter(case=case).order_by("due_date", "pk")
        ],
    }
    data.pop("week_of_illness")  # moves with the calendar, not with a change
    data.pop("next_deadline")
    etag = case_etag(data)
    return {**case_summary(case), **data, "etag": etag}


# --- Deadlines ---------------------------------------------------------------------------------


def deadlines_for(
    token: ApiToken, *, within_days: int, status: str | None = None, today: date | None = None
) -> QuerySet[Deadline]:
    """The employer's actionable deadlines: overdue, and due within `within_days`."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=within_days)
    deadlines = Deadline.objects.filter(
        case__employer_id=token.employer_id,
        case__status="open",
        status__in=ACTIONABLE,
        due_date__isnull=False,
    ).exclude(kind__in=INFORMATIONAL_KINDS)
    overdue = Q(status=DeadlineStatus.OVERDUE) | Q(due_date__lt=today)
    if status == "overdue":
        deadlines = deadlines.filter(overdue)
    elif status == "due":
        deadlines = deadlines.filter(due_date__gte=today, due_date__lte=horizon).exclude(
            status=DeadlineStatus.OVERDUE
        )
    else:
        deadlines = deadlines.filter(overdue | Q(due_date__lte=horizon))
    return deadlines.select_related("case__employee")
