"""Case status transitions as data: which status may follow which, and with which reasons."""

from __future__ import annotations

from .models import CaseStatus, CloseReason

#: (from, to) → the close reasons allowed for that transition ("" = no reason stored).
TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    # Herstelmelding: the running sick period ends.
    (CaseStatus.OPEN, CaseStatus.RECOVERED): frozenset({CloseReason.RECOVERED}),
    # Relapse within 28 fit days (samentelling, domain reference §2.1): the case reopens.
    (CaseStatus.RECOVERED, CaseStatus.OPEN): frozenset({""}),
    (CaseStatus.OPEN, CaseStatus.CLOSED): frozenset(
        {
            CloseReason.WAITING_PERIOD_ENDED,
            CloseReason.EMPLOYMENT_ENDED,
            CloseReason.MERGED,
            CloseReason.REGISTERED_IN_ERROR,
            CloseReason.LEAVE_INTERRUPTION,
        }
    ),
    (CaseStatus.RECOVERED, CaseStatus.CLOSED): frozenset(
        {
            CloseReason.RECOVERED,
            CloseReason.EMPLOYMENT_ENDED,
            CloseReason.MERGED,
            CloseReason.REGISTERED_IN_ERROR,
        }
    ),
}


def allowed_reasons(from_status: str, to_status: str) -> frozenset[str]:
    """Return the reasons allowed for a transition; empty when it is forbidden."""
    return TRANSITIONS.get((from_status, to_status), frozenset())


def close_choices(from_status: str) -> list[tuple[str, str]]:
    """Return the (value, label) close reasons a user may pick to close a case in this status."""
    allowed = allowed_reasons(from_status, CaseStatus.CLOSED)
    return [(value, label) for value, label in CloseReason.choices if value in allowed]
