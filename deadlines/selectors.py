"""Reads behind the deadline views; every one starts from the cases the user may see."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, NamedTuple

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet, Value
from django.http import Http404

from accounts.models import Role
from cases.batched_reads import CaseRows, CaseRowsRead
from cases.case_memo import case_memoized
from cases.models import Case, CaseStatus, Employer
from cases.querysets import case_visibility
from cases.selectors import case_get
from deadlines.models import (
    CONDITIONAL_KINDS,
    CalendarFeedToken,
    Deadline,
    DeadlineKind,
    DeadlineStatus,
    Notification,
    ResponsibleRole,
)

if TYPE_CHECKING:
    from accounts.models import User

#: Steps the werknemer takes part in (plan van aanpak in overeenstemming, evaluations).
EMPLOYEE_JOINT_KINDS = (
    DeadlineKind.ACTION_PLAN,
    DeadlineKind.NEXT_PROGRESS_REVIEW,
    DeadlineKind.FIRST_YEAR_EVALUATION,
)


def _for_role(queryset: QuerySet[Deadline], user: User) -> QuerySet[Deadline]:
    """Narrow deadlines to the user's own actions: an employee's, a bedrijfsarts' steps."""
    if user.is_superuser:
        return queryset
    if user.role == Role.EMPLOYEE:
        return queryset.filter(
            Q(responsible_role=ResponsibleRole.EMPLOYEE) | Q(kind__in=EMPLOYEE_JOINT_KINDS)
        )
    if user.role == Role.OCCUPATIONAL_PHYSICIAN:
        return queryset.filter(responsible_role=ResponsibleRole.OCCUPATIONAL_PHYSICIAN)
    return queryset


def _applicable(queryset: QuerySet[Deadline]) -> QuerySet[Deadline]:
    """Leave out the reports a case does not need (no vangnet situation, no end of employment)."""
    return queryset.exclude(kind__in=CONDITIONAL_KINDS, due_date__isnull=True)


def deadline_list(*, user: User) -> QuerySet[Deadline]:
    """Return the deadlines ``user`` may see, shaped for the deadlines page."""
    visible = case_visibility(user, through="case__")
    if visible is None:
        return Deadline.objects.none()
    deadlines = _applicable(Deadline.objects.filter(visible))
    return _for_role(deadlines, user).select_related("case__employee", "case__employer")


class DeadlineListRow(NamedTuple):
    """One row of the deadlines page: the columns it shows, read as a tuple (no model rows)."""

    case_id: int
    due_date: date | None
    kind: str
    responsible_role: str
    status: str
    employee_id: int
    first_name: str
    name_prefix: str
    last_name: str
    employee_anonymised_at: datetime | None
    employer_id: int
    employer_name: str  # "" unless read with the rows (`deadline_list_rows`)


#: The lookup of each `DeadlineListRow` field. Reading these rather than whole deadline, case,
#: employee and employer rows, as tuples rather than model instances, is most of the page's
#: saving.
_ROW_LOOKUPS = {
    "case_id": "case_id",
    "due_date": "due_date",
    "kind": "kind",
    "responsible_role": "responsible_role",
    "status": "status",
    "employee_id": "case__employee_id",
    "first_name": "case__employee__first_name",
    "name_prefix": "case__employee__name_prefix",
    "last_name": "case__employee__last_name",
    "employee_anonymised_at": "case__employee__anonymised_at",
    "employer_id": "case__employer_id",
}
assert (*_ROW_LOOKUPS, "employer_name") == DeadlineListRow._fields


def deadline_list_rows(deadlines: QuerySet[Deadline], *, employer_name: bool) -> QuerySet:
    """Return `deadlines` (from `deadline_list`) as tuples of `DeadlineListRow`'s columns.

    `employer_name`: join the employers for their names. A page that has the names already (the
    choices of HR's employer filter) passes False and gets "": one table less to plan.
    Slice the result and pass each tuple to ``DeadlineListRow._make``.
    """
    name = "case__employer__name" if employer_name else Value("")
    return deadlines.values_list(*_ROW_LOOKUPS.values(), name)


def employer_names(*, ids: Iterable[int]) -> dict[int, str]:
    """Return the names of the employers `ids` (of rows already read for the user) by id."""
    return dict(Employer.objects.filter(pk__in=ids).values_list("pk", "name"))


def _role_sees(deadline: Deadline, user: User) -> bool:
    """Return whether :func:`_for_role` keeps `deadline` for `user` (the same rule, in Python)."""
    if user.is_superuser:
        return True
    if user.role == Role.EMPLOYEE:
        return (
            deadline.responsible_role == ResponsibleRole.EMPLOYEE
            or deadline.kind in EMPLOYEE_JOINT_KINDS
        )
    if user.role == Role.OCCUPATIONAL_PHYSICIAN:
        return deadline.responsible_role == ResponsibleRole.OCCUPATIONAL_PHYSICIAN
    return True


_DEADLINES = "deadlines.deadlines"
_STORED = CaseRows(
    lambda case_id: Deadline.objects.filter(case_id=case_id).order_by("due_date", "pk")
)


def case_deadlines_reads(case: Case) -> dict[str, CaseRowsRead]:
    """Return the read of :func:`case_deadlines_stored` (for the case page to read together)."""
    return {_DEADLINES: _STORED.read(case)}


def case_deadlines_stored(case: Case) -> list[Deadline]:
    """Return every stored deadline of `case` in date order (read once on the case page)."""
    return case_memoized(case, _DEADLINES, lambda: _STORED.rows(case))


def case_deadlines(*, user: User, case: Case) -> list[Deadline]:
    """Return the deadlines of one (already authorised) case that ``user`` may see.

    Filtered in Python like :func:`_applicable` and :func:`_for_role`, from the one read of
    :func:`case_deadlines_stored` that the other sections of the case page share.
    """
    return [
        d
        for d in case_deadlines_stored(case)
        if not (d.kind in CONDITIONAL_KINDS and d.due_date is None) and _role_sees(d, user)
    ]


def calendar_deadlines(*, user: User) -> QuerySet[Deadline]:
    """Return the dated deadlines for the user's calendar feed."""
    return (
        deadline_list(user=user)
        .filter(due_date__isnull=False)
        .exclude(status=DeadlineStatus.NOT_APPLICABLE)
        .filter(case__status=CaseStatus.OPEN)
        .order_by("due_date", "pk")
    )


def case_get_for_hr(*, user: User, pk: int) -> Case:
    """Return a case the user may change (HR of its employer); 404 when not visible."""

    return case_get(user=user, pk=pk, perm="cases.change_case")


def deadline_get_for_hr(*, user: User, pk: int) -> Deadline:
    """Return a deadline of a case the user may change; 404 when its case is not visible."""
    deadline = (
        Deadline.objects.filter(pk=pk, case__in=Case.objects.visible_to(user).values("pk"))
        .select_related("case")
        .first()
    )
    if deadline is None:
        raise Http404
    if not user.has_perm("cases.change_case", deadline.case):
        raise PermissionDenied
    return deadline


def notification_list(*, user: User) -> QuerySet[Notification]:
    """Return the user's notifications, newest first."""
    return Notification.objects.filter(user=user).select_related("case__employee")[:200]


def feed_token_for(*, user: User) -> CalendarFeedToken | None:
    """Return the user's calendar-feed token (active or revoked), if any."""
    return CalendarFeedToken.objects.filter(user=user).first()


def feed_owner(*, token: str) -> User | None:
    """Return the active user of an active feed token, or None."""
    feed = (
        CalendarFeedToken.objects.select_related("user")
        .filter(token=token, revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    return feed.user if feed else None
