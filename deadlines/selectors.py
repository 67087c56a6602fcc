"""Reads behind the deadline views; every one starts from the cases the user may see."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import Role
from cases.batched_reads import CaseRows, CaseRowsRead
from cases.case_memo import case_memoized
from cases.models import Case, CaseStatus
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
    deadlines = _applicable(
        Deadline.objects.filter(case__in=Case.objects.visible_to(user).values("pk"))
    )
    return _for_role(deadlines, user).select_related("case__employee", "case__employer")


#: The columns the deadlines page shows (deadlines/deadline_list.html): reading only these
#: rather than whole deadline, case, employee and employer rows halves the cost of a page.
DEADLINE_LIST_COLUMNS = (
    "due_date",
    "kind",
    "responsible_role",
    "status",
    "case__employee__first_name",
    "case__employee__name_prefix",
    "case__employee__last_name",
    "case__employee__anonymised_at",
    "case__employer__name",
)


def deadline_list_columns(deadlines: QuerySet[Deadline]) -> QuerySet[Deadline]:
    """Return `deadlines` (from `deadline_list`) reading only what the deadlines page shows."""
    return deadlines.only(*DEADLINE_LIST_COLUMNS)


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
