"""The start-page notice for HR: reminder e-mails that failed after every retry."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest

from cases.models import Case
from cases.write_stamps import cached_for_version
from deadlines.models import Reminder, ReminderStatus

SHOWN = 10


def failed_reminders_context(request: HttpRequest) -> dict[str, Any] | None:
    """Return the failed reminders of the cases an HR user sees, or None when there are none."""
    user = request.user
    if not user.is_hr:
        return None

    def failed() -> QuerySet[Reminder]:
        visible = Case.objects.visible_to(user)
        return Reminder.objects.filter(status=ReminderStatus.FAILED, deadline__case__in=visible)

    # Counted once per change of the reminders (nearly always 0), not on every page.
    count = cached_for_version("failed_reminders", user.pk, lambda: failed().count())
    if not count:
        return None
    rows = list(
        failed()
        .select_related("deadline__case__employee", "recipient")
        .order_by("-claimed_at")[:SHOWN]
    )
    return {"failed_reminders": rows, "failed_count": count}
