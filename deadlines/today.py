"""The start page per role ("Vandaag"): counts, to-dos by due date, the team, action cards.

Read in a fixed number of queries however many cases the user has (tests pin it at 10 and 200
cases). Every to-do links to the page where that step is done, chosen per role so that the
link is one the user may open (the same rules the views check).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Role
from accounts.url_builders import pk_url
from cases.models import Case, employee_display_name
from cases.selectors import case_list
from cases.write_stamps import cached_for_version

from .models import INFORMATIONAL_KINDS, Deadline, DeadlineKind, DeadlineStatus

if TYPE_CHECKING:
    from accounts.models import User

K = DeadlineKind
#: The to-do horizon: overdue, this week and the next six weeks.
HORIZON_DAYS = 42
#: The first to-dos by due date; the deadlines page lists them all, a page at a time.
TODO_LIMIT = 25
_ACTIVE = (DeadlineStatus.OPEN, DeadlineStatus.OVERDUE)
#: What a to-do line reads of its case: the employee's name (`employee_display_name`).
_EMPLOYEE_NAME_COLUMNS = (
    "case__employee_id",
    "case__employee__first_name",
    "case__employee__name_prefix",
    "case__employee__last_name",
    "case__employee__anonymised_at",
)

#: Where HR does each step (URL name taking the case pk).
_HR_TARGETS = {
    K.ACTION_PLAN: "dossier:plan_create",
    K.NEXT_PROGRESS_REVIEW: "dossier:talk_create",
    K.FIRST_YEAR_EVALUATION: "dossier:case",
    K.SECOND_TRACK_LATEST: "second_track:detail",
    K.SECOND_TRACK_REPORT: "second_track:detail",
    K.REINTEGRATION_REPORT: "reintegration_report:poortwachtertoets",
}
#: What the bedrijfsarts provides before each step, and where.
_PHYSICIAN_TASKS = {
    K.PROBLEM_ANALYSIS: (gettext_lazy("Probleemanalyse schrijven"), "dossier:statement_create"),
    K.NEXT_PROGRESS_REVIEW: (
        gettext_lazy("Actueel oordeel voor het voortgangsgesprek"),
        "dossier:statement_create",
    ),
    K.FIRST_YEAR_EVALUATION: (
        gettext_lazy("Belastbaarheid (FML) voor de eerstejaarsevaluatie"),
        "dossier:capacity_create",
    ),
    K.SECOND_TRACK_LATEST: (
        gettext_lazy("Actueel oordeel voor het besluit over het tweede spoor"),
        "dossier:statement_create",
    ),
}
#: The employee's action cards per step.
_EMPLOYEE_CARDS = {
    K.ACTION_PLAN: (gettext_lazy("Plan van aanpak: akkoord geven"), "dossier:case"),
    K.NEXT_PROGRESS_REVIEW: (gettext_lazy("Voortgangsgesprek op %(date)s"), "dossier:case"),
    K.FIRST_YEAR_EVALUATION: (gettext_lazy("Eerstejaarsevaluatie op %(date)s"), "dossier:case"),
    K.REINTEGRATION_REPORT: (gettext_lazy("Uw oordeel geven"), "dossier:opinion"),
    K.WIA_APPLICATION: (gettext_lazy("WIA-uitkering aanvragen vóór %(date)s"), "cases:detail"),
}


@dataclass(frozen=True)
class TodoItem:
    """One line of the to-do list: what, for whom, by when, and where to do it."""

    case_id: int
    employee_name: str
    title: str
    due_date: date
    urgency: str  # "overdue", "week" or "later"
    url: str
    note: str = ""


@dataclass
class TodayPage:
    counts: list[tuple[str, str, int, str]] = field(default_factory=list)  # key, label, n, url
    todos: list[TodoItem] = field(default_factory=list)
    team: list[Case] = field(default_factory=list)
    cards: list[TodoItem] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)


def _urgency(due: date, today: date) -> str:
    if due < today:
        return "overdue"
    return "week" if due <= today + timedelta(days=6) else "later"


def _deadlines(cases, today: date):
    return (
        Deadline.objects.filter(case__in=cases.values("pk"), status__in=_ACTIVE)
        .exclude(kind__in=INFORMATIONAL_KINDS)
        .filter(due_date__isnull=False)
    )


def _hr_counts(user: User, today: date) -> dict[str, int]:
    """Return HR's five counts, cached while the cases and deadlines are unchanged.

    Each count visits every open case (or its deadlines) of the user's employers: milliseconds
    at 10,000 cases on every visit of the start page, for numbers that change only with the
    data (see :mod:`cases.write_stamps`).
    """

    def compute() -> dict[str, int]:
        cases = Case.objects.visible_to(user).open()
        # One pass over the open cases for four counts (`second_track_due` is the open
        # tweede-spoor latest start, kept on the case by the recompute)...
        totals = cases.aggregate(
            open=Count("pk"),
            overdue=Count("pk", filter=Q(next_deadline__lt=today)),
            without_physician=Count("pk", filter=~cases.has_physician()),
            second_track=Count(
                "pk", filter=Q(second_track_due__lte=today + timedelta(days=HORIZON_DAYS))
            ),
        )
        # ...and this week's steps through the index of the actionable due dates.
        week = _deadlines(cases, today).filter(
            due_date__gte=today, due_date__lte=today + timedelta(days=6)
        )
        return totals | {"week": week.count()}

    return cached_for_version("today_hr_counts", (user.pk, today), compute)


def _hr_todo_rows(user: User, today: date) -> list[tuple]:
    """Return HR's first to-dos as value tuples, cached while the caseload is unchanged.

    The deadlines, cases, assignments and employees they are read from are all stamped
    (:mod:`cases.write_stamps`), so a change shows on the next visit.
    """

    def read() -> list[tuple]:
        # The open cases of the user's employers, joined to the case and employee for the
        # names: one query.
        rows = (
            Deadline.objects.filter(
                case__in=Case.objects.visible_to(user).open().values("pk"),
                status__in=_ACTIVE,
                due_date__lte=today + timedelta(days=HORIZON_DAYS),
            )
            .exclude(kind__in=INFORMATIONAL_KINDS)
            .annotate(has_physician=Case.objects.has_physician(case="case_id"))
            .order_by("due_date", "pk")
            .values_list("case_id", "kind", "due_date", "has_physician", *_EMPLOYEE_NAME_COLUMNS)
        )
        return list(rows[:TODO_LIMIT])

    return cached_for_version("today_hr_todos", (user.pk, today), read)


def _hr_page(user: User, today: date) -> TodayPage:
    counts = _hr_counts(user, today)
    list_url = reverse("cases:list")
    page = TodayPage(
        counts=[
            ("open", _("Lopende dossiers"), counts["open"], f"{list_url}?status=open"),
            ("overdue", _("Te laat"), counts["overdue"], f"{list_url}?overdue=true"),
            ("week", _("Deze week"), counts["week"], reverse("deadlines:list")),
            (
                "without_physician",
                _("Zonder bedrijfsarts"),
                counts["without_physician"],
                f"{list_url}?without_physician=true",
            ),
            (
                "second_track",
                _("Tweede spoor te beslissen"),
                counts["second_track"],
                reverse("second_track:overview"),
            ),
        ]
    )
    labels = {value: str(label) for value, label in DeadlineKind.choices}
    urls = {name: pk_url(name) for name in {*_HR_TARGETS.values(), "cases:detail", "cases:team"}}
    for case_id, kind, due_date, has_physician, *name in _hr_todo_rows(user, today):
        note, target = "", _HR_TARGETS.get(kind, "cases:detail")
        if kind == K.PROBLEM_ANALYSIS and not has_physician:
            note, target = _("Geen bedrijfsarts toegewezen"), "cases:team"
        page.todos.append(
            TodoItem(
                case_id=case_id,
                employee_name=employee_display_name(*name),
                title=labels[kind],
                due_date=due_date,
                urgency=_urgency(due_date, today),
                url=urls[target](case_id),
                note=note,
            )
        )
    return page


def _physician_page(user: User, today: date) -> TodayPage:
    cases = Case.objects.visible_to(user).open()
    rows = (
        _deadlines(cases, today)
        .filter(kind__in=_PHYSICIAN_TASKS, due_date__lte=today + timedelta(days=HORIZON_DAYS))
        .select_related("case__employee")
        .order_by("due_date", "pk")[:TODO_LIMIT]
    )
    page = TodayPage()
    for deadline in rows:
        title, target = _PHYSICIAN_TASKS[deadline.kind]
        page.todos.append(
            TodoItem(
                case_id=deadline.case_id,
                employee_name=deadline.case.employee.full_name,
                title=str(title),
                due_date=deadline.due_date,
                urgency=_urgency(deadline.due_date, today),
                url=reverse(target, args=[deadline.case_id]),
                note=_("%(step)s uiterlijk %(date)s")
                % {"step": deadline.get_kind_display(), "date": f"{deadline.due_date:%d-%m-%Y}"},
            )
        )
    page.cases = list(case_list(user=user, today=today).filter(status="open").order_by("pk"))
    return page


def _employee_page(user: User, today: date) -> TodayPage:
    cases = Case.objects.visible_to(user).open()
    rows = (
        _deadlines(cases, today)
        .filter(kind__in=_EMPLOYEE_CARDS, due_date__lte=today + timedelta(days=HORIZON_DAYS))
        .select_related("case__employee")
        .order_by("due_date", "pk")
    )
    page = TodayPage(cases=list(cases.select_related("employee")))
    for deadline in rows:
        title, target = _EMPLOYEE_CARDS[deadline.kind]
        page.cards.append(
            TodoItem(
                case_id=deadline.case_id,
                employee_name=deadline.case.employee.full_name,
                title=str(title) % {"date": f"{deadline.due_date:%d-%m-%Y}"},
                due_date=deadline.due_date,
                urgency=_urgency(deadline.due_date, today),
                url=reverse(target, args=[deadline.case_id]),
            )
        )
    return page


def today_page(*, user: User, today: date | None = None) -> TodayPage:
    """Return what the start page shows `user` today."""
    today = today or timezone.localdate()
    if user.role == Role.HR:
        return _hr_page(user, today)
    if user.role == Role.OCCUPATIONAL_PHYSICIAN:
        return _physician_page(user, today)
    if user.role == Role.EMPLOYEE:
        return _employee_page(user, today)
    if user.role == Role.MANAGER:
        team = case_list(user=user, today=today).filter(status="open")
        return TodayPage(team=list(team.order_by("next_deadline", "pk")))
    return TodayPage()
