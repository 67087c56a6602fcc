"""Reads behind the case views; every one starts from what the user may see."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import models as dj_models
from django.db.models import (
    Count,
    IntegerField,
    Q,
    QuerySet,
)
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pghistory.models import Events

from accounts.models import Role, User

from .batched_reads import CaseRows, CaseRowsRead, prefetched_set, querysets_read
from .models import (
    Case,
    CaseAssignment,
    CaseQuerySet,
    CaseStatus,
    CaseTeamChange,
    Employee,
    Employer,
    FirstSickDayCorrection,
    Invitation,
    LeavePeriod,
    SickPeriod,
    WorkResumption,
    employee_display_name,
)
from .rules import hr_employer_ids_remember, hr_employers_read
from .validators import mask_bsn
from .write_stamps import cached_for_version

if TYPE_CHECKING:
    from accounts.models import User

#: Counted sick days up to `today` (§0.2): the days inside the case's sick periods. A case only
#: holds the periods of one (summed) case, so fit days and WAZO leave between them are skipped.
_COUNTED_DAYS_SQL = """
    SELECT COALESCE(SUM(LEAST(COALESCE(sp."end", %s), %s) - sp."start" + 1), 0)
    FROM cases_sickperiod sp
    WHERE sp.case_id = "cases_case"."id" AND sp."start" <= %s
"""
_WEEK_SQL = f"""
    SELECT CASE WHEN days = 0 THEN 0 ELSE (days - 1) / 7 + 1 END
    FROM ({_COUNTED_DAYS_SQL}) AS counted(days)
"""


def with_week_of_illness(queryset: CaseQuerySet, today: date | None = None) -> CaseQuerySet:
    """Annotate `week_of_illness` (1-based, 0 before the EZD) computed in SQL."""
    today = today or timezone.localdate()
    return queryset.annotate(
        week_of_illness=RawSQL(_WEEK_SQL, (today, today, today), output_field=IntegerField())
    )


def overdue_deadlines_filter(queryset: CaseQuerySet, today: date | None = None) -> CaseQuerySet:
    """Keep the cases with an open deadline whose due date has passed.

    `Case.next_deadline` is the earliest open due date, so it lies before today exactly then.
    """
    return queryset.filter(next_deadline__lt=today or timezone.localdate())


def case_list(*, user: User, today: date | None = None) -> CaseQuerySet:
    """Return the cases `user` may see, shaped for the overview table (fixed query count)."""
    cases = Case.objects.visible_to(user).select_related(
        "employee", "employee__department", "employer", "casemanager"
    )
    return with_week_of_illness(cases, today)


@dataclass(frozen=True)
class CaseListRow:
    """One row of the case overview table: what it shows, read as plain values."""

    pk: int
    first_sick_day: date
    next_deadline: date | None
    status: str
    week_of_illness: int | None
    employee_name: str
    personnel_number: str
    department: str | None
    casemanager: str | None

    def get_absolute_url(self) -> str:
        return reverse("cases:detail", kwargs={"pk": self.pk})


#: The columns the case overview table shows (cases/case_list.html), read as values: at 25
#: rows, building model instances took longer than the query itself.
_CASE_LIST_VALUES = (
    "pk",
    "first_sick_day",
    "next_deadline",
    "status",
    "week_of_illness",
    "employee_id",
    "employee__first_name",
    "employee__name_prefix",
    "employee__last_name",
    "employee__anonymised_at",
    "employee__personnel_number",
    "employee__department__name",
    "casemanager__full_name",
    "casemanager__email",
)


def case_list_values(cases: CaseQuerySet) -> QuerySet:
    """Return `cases` (from `case_list`) as the values the overview table shows."""
    return cases.select_related(None).values_list(*_CASE_LIST_VALUES)


def case_list_rows(values: Iterable[tuple]) -> list[CaseListRow]:
    """Return the overview rows of `values` (a page of `case_list_values`)."""
    return [
        CaseListRow(
            pk=pk,
            first_sick_day=first_sick_day,
            next_deadline=next_deadline,
            status=status,
            week_of_illness=week,
            employee_name=employee_display_name(employee_id, first, prefix, last, anonymised),
            personnel_number=personnel_number,
            department=department,
            casemanager=(cm_name or cm_email) if cm_email else None,
        )
        for (pk, first_sick_day, next_deadline, status, week, employee_id, first, prefix, last,
             anonymised, personnel_number, department, cm_name, cm_email) in values
    ]  # fmt: skip


def case_get(*, user: User, pk: int, perm: str = "cases.view_case") -> Case:
    """Return one case, or 404 when it is not visible to `user`, 403 when `perm` is lacking.

    A case outside the user's scope is reported as not found, so its existence is not revealed.
    """
    case = (
        Case.objects.visible_to(user)
        .select_related("employee", "employee__department", "employee__manager", "employer")
        .filter(pk=pk)
        .first()
    )
    if case is None:
        raise Http404
    if not user.has_perm(perm, case):
        raise PermissionDenied
    return case


#: The rows of a case's sickness course and team as the case page shows them, per related
#: manager.
_CASE_COURSE: dict[str, CaseRows] = {
    "sick_periods": CaseRows(
        lambda case_id: SickPeriod.objects.filter(case_id=case_id).order_by("start")
    ),
    "leave_periods": CaseRows(
        lambda case_id: LeavePeriod.objects.filter(case_id=case_id).order_by("start")
    ),
    "work_resumptions": CaseRows(
        lambda case_id: WorkResumption.objects.filter(case_id=case_id).order_by("start")
    ),
    "first_sick_day_corrections": CaseRows(
        lambda case_id: (
            FirstSickDayCorrection.objects.filter(case_id=case_id)
            .select_related("actor")
            .order_by("at")
        )
    ),
    "assignments": CaseRows(
        lambda case_id: CaseAssignment.objects.filter(case_id=case_id, active=True).select_related(
            "user"
        )
    ),
}


#: One case by its key, with what the case page shows of its employee, employer, casemanager
#: and reporter; per "the user is a manager", also the employee's manager (the rule of a
#: manager reads it; a table fewer in the join is cheaper to plan for everyone else). No
#: ORDER BY (`first()` would sort, and compiling the sort over the hundred selected columns
#: costs more than the read).
_CASE = {
    for_manager: CaseRows(
        lambda pk, related=related: (
            Case.objects.select_related(*related).filter(pk=pk).order_by()[:1]
        )
    )
    for for_manager, related in (
        (False, ("employee__department", "employer", "casemanager", "reported_by")),
        (
            True,
            ("employee__department", "employee__manager", "employer", "casemanager", "reported_by"),
        ),
    )
}


def case_detail(*, user: User, pk: int) -> Case:
    """Return one case `user` may see (404 otherwise) with its sickness course attached.

    The row is read by its key and then checked with the `cases.view_case` rule, which agrees
    with `visible_to` (tests/cases check both together): scoping the read itself joins the
    user's employers into an eight-table query whose planning costs more than the read. An HR
    user's employers (for the rule) are read in the same round trip. The rule is checked
    before anything else is read (but the team, for the rule of an assigned bedrijfsarts or
    specialist), so a case outside the user's scope reads no more.

    The course (`_CASE_COURSE`) is attached as `prefetch_related` would, but not yet read:
    the case page reads it with its sections in one round trip (:func:`case_course`);
    otherwise each is read on first use. Its `week_of_illness` is set from the sick periods
    (:func:`case_week_of_illness`), as :func:`with_week_of_illness` computes it in SQL.
    """
    read = _CASE[getattr(user, "role", None) == Role.MANAGER].read_id(pk)
    employers = hr_employers_read(user)
    querysets_read([read] if employers is None else [read, employers])
    if employers is not None:
        hr_employer_ids_remember(user, employers.result)
    case = next(iter(read.result), None)
    if case is None:
        raise Http404
    # Attached before the check: for a bedrijfsarts or specialist the rule reads the team
    # from it (once, instead of a query for each of the page's permission checks).
    for name, rows in _CASE_COURSE.items():
        prefetched_set(case, name, _course_queryset(case, name, rows))
    if not user.has_perm("cases.view_case", case):
        raise Http404
    return case


def _course_queryset(case: Case, name: str, rows: CaseRows) -> QuerySet[Any]:
    """Return the queryset to attach as `case.<name>.all()` (read later by `rows`).

    Where `rows` reads all of the case's rows in the model's own order, that is the related
    manager's queryset, whose filter Django applies only if the queryset is ever refined: a
    twentieth of the cost of building `rows`' queryset. The active assignments are a subset,
    so theirs is built.
    """
    if name == "assignments":
        return rows.build(case.pk)
    return getattr(case, name).all()


def case_week_of_illness(case: Case, today: date | None = None) -> int:
    """Return the case's week of illness from its sick periods, as :func:`with_week_of_illness`
    counts it: the days of the periods up to `today`, in weeks (1-based; 0 before the EZD)."""
    today = today or timezone.localdate()
    days = sum(
        (min(period.end or today, today) - period.start).days + 1
        for period in case.sick_periods.all()
        if period.start <= today
    )
    return 0 if days == 0 else (days - 1) // 7 + 1


def case_course(case: Case) -> list[CaseRowsRead]:
    """Return the reads of the course :func:`case_detail` attached to `case` and not yet read
    (they fill the attached querysets)."""
    return [
        rows.read(case, into=attached)
        for name, rows in _CASE_COURSE.items()
        if (attached := getattr(case, name).all())._result_cache is None
    ]


def current_work_resumption(case: Case, today: date | None = None) -> WorkResumption | None:
    """Return the partial recovery in force today (from the prefetched rows), if any."""
    if not case.is_open:
        return None
    today = today or timezone.localdate()
    running = [p for p in case.sick_periods.all() if p.end is None]
    if not running:
        return None
    current = [r for r in case.work_resumptions.all() if running[0].start <= r.start <= today]
    return current[-1] if current else None


@dataclass(frozen=True)
class ActivityEntry:
    """One line of the activity log: when, who, what."""

    at: datetime
    who: str
    action: str
    subject: str
    #: (Dutch field label, readable value or "old → new"), only the fields that say something.
    changes: list[tuple[str, str]]


#: Labels of the actions the services put in the pghistory context.
ACTION_LABELS = {
    "cases.report_sick": gettext_lazy("Ziekmelding"),
    "cases.report_recovery": gettext_lazy("Herstelmelding"),
    "cases.work_resumption": gettext_lazy("Gedeeltelijke werkhervatting"),
    "cases.add_leave_period": gettext_lazy("Zwangerschaps- en bevallingsverlof"),
    "cases.correct_first_sick_day": gettext_lazy("Correctie eerste ziektedag"),
    "cases.transition": gettext_lazy("Statuswijziging"),
    "cases.update_details": gettext_lazy("Gegevens ziekmelding gewijzigd"),
    "cases.team_update": gettext_lazy("Dossierteam gewijzigd"),
    "retention.legal_hold_set": gettext_lazy("Bewaarplicht vastgelegd"),
    "retention.legal_hold_lift": gettext_lazy("Bewaarplicht opgeheven"),
    "retention.anonymise": gettext_lazy("Geanonimiseerd (bewaartermijn AVG)"),
    "retention.anonymise_employee": gettext_lazy("Werknemer geanonimiseerd (AVG)"),
}
_TRACKED = (
    "cases.CaseEvent",
    "cases.SickPeriodEvent",
    "cases.WorkResumptionEvent",
    "cases.LeavePeriodEvent",
    "cases.FirstSickDayCorrectionEvent",
    "cases.CaseAssignmentEvent",
)
_HIDDEN_FIELDS = {"id", "updated_at", "created_at", "case_id", "employer_id", "employee_id"}

#: Shown in the history only to who may change the case (HR): the vangnet situation is a
#: category that can hint at health (pregnancy, orgaandonatie), so a manager does not see it.
HR_ONLY_FIELDS = frozenset({"safety_net_situation"})


def _readable(field: Any, value: Any) -> str:
    """Return a stored pghistory value as the user would write it."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return str(_("ja") if value else _("nee"))
    if getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    coded = getattr(field.model, "HISTORY_VALUE_LABELS", {}).get(field.name)
    if coded and value in coded:
        return str(coded[value])
    if isinstance(field, dj_models.DateTimeField):
        parsed = parse_datetime(str(value))
        if parsed is not None:
            return timezone.localtime(parsed).strftime("%d-%m-%Y %H:%M")
    if isinstance(field, dj_models.DateField):
        parsed_date = parse_date(str(value))
        if parsed_date is not None:
            return parsed_date.strftime("%d-%m-%Y")
    return str(value)


def describe_changes(
    model: type[dj_models.Model],
    diff: dict[str, Any] | None,
    data: dict[str, Any] | None,
    hidden: frozenset[str] = frozenset(),
) -> list[tuple[str, str]]:
    """Return the changed fields of one history event as (label, text) pairs.

    For an update ``diff`` maps a field to ``[old, new]``; for an insert ``data`` holds the new
    row. Keys, bookkeeping and foreign-key ids are left out: they mean nothing to a reader.
    """
    fields = {f.attname: f for f in model._meta.concrete_fields}
    result = []
    for name, value in (diff or data or {}).items():
        field = fields.get(name)
        if name in _HIDDEN_FIELDS or name in hidden or field is None or field.is_relation:
            continue
        label = str(field.verbose_name)
        if diff:
            old, new = value
            text = f"{_readable(field, old)} → {_readable(field, new)}"
        else:
            text = _readable(field, value)
        result.append((label[:1].upper() + label[1:], text))
    return result


def _names_at_hand(case: Case, user: User | None) -> dict[int, str]:
    """Return the names of the people already loaded with the page: the asking user and the
    case's casemanager, reporter and (prefetched) team, so the log does not read them again."""
    people = [user] if user is not None else []
    for name in ("casemanager", "reported_by"):
        if Case._meta.get_field(name).is_cached(case):
            people.append(getattr(case, name))
    if "assignments" in getattr(case, "_prefetched_objects_cache", {}):
        people.extend(a.user for a in case.assignments.all())
    return {p.pk: p.full_name for p in people if p is not None}


def case_activity(*, case: Case, user: User | None = None, limit: int = 100) -> list[ActivityEntry]:
    """Return who did what and when on this case, newest first, from the pghistory events.

    Fields in :data:`HR_ONLY_FIELDS` are left out unless `user` may change the case.

    Only this app's tracked rows are read: other apps' events may hold data (e.g. medical notes)
    that not every reader of the case may see.
    """
    events = list(
        Events.objects.across(*_TRACKED).references(case).order_by("-pgh_created_at")[:limit]
    )
    user_ids = {
        int(e.pgh_context["user"])
        for e in events
        if e.pgh_context and str(e.pgh_context.get("user") or "").isdigit()
    }
    names = _names_at_hand(case, user)
    if missing := user_ids - names.keys():
        names |= dict(User.objects.filter(pk__in=missing).values_list("pk", "full_name"))
    may_change = user is not None and user.has_perm("cases.change_case", case)
    hidden = frozenset() if may_change else HR_ONLY_FIELDS
    verbose = {m: apps.get_model(m)._meta.verbose_name for m in ("cases.Case", "cases.SickPeriod")}
    entries = []
    for event in events:
        context = event.pgh_context or {}
        user_id = context.get("user")
        action = context.get("action", "")
        model = apps.get_model(event.pgh_obj_model)
        changes = describe_changes(model, event.pgh_diff, event.pgh_data, hidden)
        entries.append(
            ActivityEntry(
                at=event.pgh_created_at,
                who=names.get(int(user_id), "—") if str(user_id or "").isdigit() else _("systeem"),
                action=str(ACTION_LABELS.get(action, "")),
                subject=f"{verbose.get(event.pgh_obj_model, model._meta.verbose_name)}"
                f" ({_('nieuw') if event.pgh_label == 'insert' else _('gewijzigd')})",
                changes=changes,
            )
        )
    return entries


@dataclass(frozen=True)
class EmployeeListRow:
    """One row of the employee table: what it shows, read as plain values (the BSN masked)."""

    pk: int
    name: str
    personnel_number: str
    employer: str
    department: str | None
    masked_bsn: str
    manager: str | None
    has_open_case: bool


#: The values of one employee table row, in the order `employee_list_rows` unpacks them.
_EMPLOYEE_LIST_VALUES = (
    "pk",
    "first_name",
    "name_prefix",
    "last_name",
    "anonymised_at",
    "personnel_number",
    "employer__name",
    "department__name",
    "bsn",
    "manager_id",
    "manager__first_name",
    "manager__name_prefix",
    "manager__last_name",
    "manager__anonymised_at",
    "open_case",
)


def employee_list(*, user: User) -> QuerySet[Employee]:
    """Return the employees `user` may see, in name order (along the `employee_name_order`
    index); read a page of it through :func:`employee_list_values`."""
    return Employee.objects.visible_to(user).order_by("last_name", "first_name", "pk")


def employee_list_values(employees: QuerySet[Employee]) -> QuerySet:
    """Return `employees` (from `employee_list`) as the values the employee table shows.

    `open_case` (the pk of one open case, or None) is a scalar subquery, run for each row read
    (a page) along the case's employee index. An `Exists` there is planned as one hash over
    every open case, since PostgreSQL costs it for all visible employees, not for the rows the
    LIMIT keeps.
    """
    open_case = Case.objects.filter(
        employee=dj_models.OuterRef("pk"), status=CaseStatus.OPEN
    ).values("pk")[:1]
    return employees.annotate(open_case=dj_models.Subquery(open_case)).values_list(
        *_EMPLOYEE_LIST_VALUES
    )


def employee_list_rows(values: Iterable[tuple]) -> list[EmployeeListRow]:
    """Return the employee table rows of `values` (a page of `employee_list_values`)."""
    return [
        EmployeeListRow(
            pk=pk,
            name=employee_display_name(pk, first, prefix, last, anonymised),
            personnel_number=personnel_number,
            employer=employer,
            department=department,
            masked_bsn=mask_bsn(bsn),
            manager=(
                employee_display_name(manager_id, m_first, m_prefix, m_last, m_anonymised)
                if manager_id
                else None
            ),
            has_open_case=open_case is not None,
        )
        for (pk, first, prefix, last, anonymised, personnel_number, employer, department, bsn,
             manager_id, m_first, m_prefix, m_last, m_anonymised, open_case) in values
    ]  # fmt: skip


def employee_get(*, user: User, pk: int, perm: str = "cases.view_employee") -> Employee:
    """Return one visible employee (404 outside scope, 403 without `perm`)."""
    employee = (
        Employee.objects.visible_to(user)
        .select_related("employer", "department", "manager")
        .filter(pk=pk)
        .first()
    )
    if employee is None:
        raise Http404
    if not user.has_perm(perm, employee):
        raise PermissionDenied
    return employee


def sick_report_employees(*, user: User) -> QuerySet[Employee]:
    """Return the employees `user` may report sick (must agree with `cases.report_sick`)."""

    employees = Employee.objects.visible_to(user).select_related("employer", "department")
    if user.is_superuser or getattr(user, "role", None) == Role.HR:
        return employees
    if user.role == Role.MANAGER:
        return employees.filter(employer__allow_manager_reports=True)
    if user.role == Role.EMPLOYEE:
        return employees.filter(employer__allow_employee_sick_report=True)
    return employees.none()


_NAME_FIELDS = ("full_name", "email")


#: Of the people only their names (what `str(user)` shows): a user row is wide.
_TEAM_CHANGES = CaseRows(
    lambda case_id: (
        CaseTeamChange.objects.filter(case_id=case_id)
        .select_related("previous", "new", "actor")
        .only(
            "case_id",
            "role",
            "at",
            *(f"{who}__{field}" for who in ("previous", "new", "actor") for field in _NAME_FIELDS),
        )[:50]
    )
)


def case_team_changes(*, case: Case) -> CaseRowsRead:
    """Return the read of the changes of the case team, newest first (who, when, from, to),
    at most 50: its `result` once read (:func:`cases.batched_reads.querysets_read`)."""
    return _TEAM_CHANGES.read(case)


def employer_list(*, user: User) -> QuerySet[Employer]:
    """Return the employers an HR user serves, with their default team and open-case counts."""
    return (
        Employer.objects.filter(hr_users=user)
        .select_related("default_casemanager", "default_physician")
        .annotate(open_cases=Count("cases", filter=Q(cases__status=CaseStatus.OPEN)))
        .order_by("name", "pk")
    )


def employer_get(*, user: User, pk: int, perm: str = "cases.view_employer") -> Employer:
    """Return one employer the user serves (404 otherwise, 403 without `perm`)."""
    employer = Employer.objects.filter(hr_users=user, pk=pk).first()
    if employer is None:
        raise Http404
    if not user.has_perm(perm, employer):
        raise PermissionDenied
    return employer


def open_cases_without_physician(*, user: User) -> int:
    """Return how many open cases visible to `user` have no bedrijfsarts (cached per change)."""
    return cached_for_version(
        "cases_without_physician",
        user.pk,
        lambda: Case.objects.visible_to(user).open().without_physician().count(),
    )


def invitation_list(*, user: User) -> QuerySet[Invitation]:
    """Return the invitations of the employers an HR user serves, newest first."""
    return (
        Invitation.objects.filter(employer__hr_users=user)
        .select_related("employer", "employee", "case__employee", "created_by", "user")
        .order_by("-created_at", "-pk")
    )


def invitation_get(*, user: User, pk: int) -> Invitation:
    """Return one invitation of the user's employers (404 otherwise)."""
    invitation = invitation_list(user=user).filter(pk=pk).first()
    if invitation is None:
        raise Http404
    return invitation
