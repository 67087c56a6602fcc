"""Tweede spoor: onderzoek, besluit, traject, profielen, activiteiten, rapportages, opmerkingen.

Every write takes the acting user, checks the permission of `dossier.rules`, validates with
Dutch messages, logs the event in the access log and, where a deadline depends on it
(decisions, trajectories, reports), recomputes the case's deadlines after commit.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cases.date_validators import not_in_future_errors
from cases.signals import case_facts_changed_send
from second_track.models import ActivityKind, SecondTrack, SecondTrackDecision, TrackStatus

if TYPE_CHECKING:
    from accounts.models import User
    from cases.models import Case

#: Activity kinds the employee may log themself (their own applications and other steps).
EMPLOYEE_ACTIVITY_KINDS = frozenset({ActivityKind.APPLICATION, ActivityKind.OTHER})

#: Referral fields HR may change on a running trajectory.
TRACK_UPDATE_FIELDS = (
    "bureau_contact",
    "specialist",
    "budget",
    "contract_start",
    "contract_end",
    "started_on",
    "report_interval_weeks",
)


def _fmt(day: date) -> str:
    return f"{day:%d-%m-%Y}"


def _not_in_future(errors: dict[str, str], field: str, day: date | None, label: str) -> None:
    """Add an error for ``field`` to ``errors`` when ``day`` lies after today.

    The checks collect into one dict so that a form shows every mistake at once.
    """
    for name, message in not_in_future_errors({field: (day, label)}).items():
        errors.setdefault(name, message)


def _not_before_case(errors: dict[str, str], field: str, day: date | None, case: Case) -> None:
    """Add an error for ``field`` to ``errors`` when ``day`` lies before the EZD."""
    if day is not None and day < case.first_sick_day:
        errors.setdefault(
            field,
            _("Deze datum ligt vóór de eerste ziektedag (%(d)s).")
            % {"d": _fmt(case.first_sick_day)},
        )


def _raise_errors(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)


def _recompute(case: Case, actor: User, reason: str) -> None:
    case_facts_changed_send(case=case, reason=reason[:200], actor=actor)


def latest_decision(case: Case) -> SecondTrackDecision | None:
    """Return the decision that counts: the latest one of the case."""
    return SecondTrackDecision.objects.filter(case=case).order_by("-decided_on", "-pk").first()


def _lock_track(track: SecondTrack) -> SecondTrack:
    return SecondTrack.objects.select_for_update().select_related("case").get(pk=track.pk)


def _require_active(track: SecondTrack) -> None:
    if track.status != TrackStatus.ACTIVE:
        raise ValidationError(
            _("Dit traject is beëindigd; er kan niets meer aan worden toegevoegd.")
        )
