"""What the deadlines app removes when a case is anonymised (registered in `cases.anonymisers`).

Due dates, statuses and completion dates stay (they are the course of the case); the notes
written when completing or moving a deadline, the UWV letter notes and the texts of the in-app
notifications (which name the employee) go.
"""

from __future__ import annotations

from collections.abc import Sequence

from cases.anonymisers import text_scrub

from .models import Deadline, DeadlineChange, Notification, UwvStatedDate


def deadlines_anonymise(case_ids: Sequence[int]) -> int:
    """Empty the free texts about the cases' deadlines and notifications; return rows written."""
    return (
        text_scrub(Deadline, ("status_reason", "completed_note"), case_id__in=case_ids)
        + text_scrub(DeadlineChange, ("reason",), deadline__case_id__in=case_ids)
        + text_scrub(UwvStatedDate, ("note",), case_id__in=case_ids)
        + text_scrub(Notification, ("text",), case_id__in=case_ids)
        + text_scrub(Notification, ("text",), deadline__case_id__in=case_ids)
    )
