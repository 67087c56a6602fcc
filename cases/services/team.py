"""The case team: casemanager, bedrijfsarts and arbeidsdeskundige / re-integratiebureau.

A new case gets its employer's defaults; HR changes the team on the case page. Every change is
kept as a `CaseTeamChange` (who, when, from, to) and the new member is told after commit
through :data:`cases.signals.case_team_joined` (the deadlines app sends the notification).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Role

from ..models import Case, CaseAssignment, CaseTeamChange, Employer, TeamRole
from ..signals import case_team_joined_send
from ._common import _audited

if TYPE_CHECKING:
    from accounts.models import User

#: Form field (and service argument) per team place.
TEAM_FIELDS: dict[str, str] = {
    "casemanager": TeamRole.CASEMANAGER,
    "physician": TeamRole.OCCUPATIONAL_PHYSICIAN,
    "specialist": TeamRole.REINTEGRATION_SPECIALIST,
}
#: The user role a member of each place must have.
MEMBER_ROLES: dict[str, str] = {
    TeamRole.CASEMANAGER: Role.HR,
    TeamRole.OCCUPATIONAL_PHYSICIAN: Role.OCCUPATIONAL_PHYSICIAN,
    TeamRole.REINTEGRATION_SPECIALIST: Role.REINTEGRATION_SPECIALIST,
}
_UNCHANGED: Any = object()


def case_team(case: Case) -> dict[str, User | None]:
    """Return the current member of each team place of `case` (None when empty)."""
    team: dict[str, User | None] = dict.fromkeys(TEAM_FIELDS)
    team["casemanager"] = case.casemanager
    active = [a for a in case.assignments.all() if a.active]
    for field, place in TEAM_FIELDS.items():
        if place != TeamRole.CASEMANAGER:
            team[field] = next((a.user for a in active if a.kind == place), None)
    return team


def team_member_error(*, employer: Employer, place: str, user: User | None) -> str | None:
    """Return why `user` cannot take `place` in a case of `employer` (None when they can)."""
    if user is None:
        return None
    if not user.is_active or user.role != MEMBER_ROLES[place]:
        return _("%(name)s heeft niet de rol %(role)s.") % {
            "name": user,
            "role": TeamRole(place).label.lower(),
        }
    if place == TeamRole.CASEMANAGER and not user.hr_employers.filter(pk=employer.pk).exists():
        return _("De casemanager moet HR-medewerker van deze werkgever zijn.")
    return None


def _member_set(*, case: Case, place: str, user: User | None, actor: User) -> bool:
    """Put `user` in `place` of the (locked) case; return whether anything changed."""
    if place == TeamRole.CASEMANAGER:
        previous = case.casemanager
        if previous == user:
            return False
        case.casemanager = user
        case.full_clean()
        case.save(update_fields=["casemanager", "updated_at"])
    else:
        current = list(
            CaseAssignment.objects.select_related("user").filter(case=case, kind=place, active=True)
        )
        previous = current[0].user if current else None
        if previous == user:
            return False
        CaseAssignment.objects.filter(pk__in=[a.pk for a in current]).update(active=False)
        if user is not None:
            assignment = CaseAssignment(case=case, user=user, kind=place)
            assignment.full_clean(validate_constraints=False)
            assignment.save()
    CaseTeamChange.objects.create(case=case, role=place, previous=previous, new=user, actor=actor)
    if user is not None:
        transaction.on_commit(
            partial(case_team_joined_send, case=case, role=place, user=user, actor=actor)
        )
    return True


@transaction.atomic
def case_team_update(
    *,
    case: Case,
    actor: User,
    casemanager: User | None = _UNCHANGED,
    physician: User | None = _UNCHANGED,
    specialist: User | None = _UNCHANGED,
) -> list[str]:
    """Change the case team (only the places passed); return the places that changed."""
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related("employer", "casemanager")
        .get(pk=case.pk)
    )
    if not actor.has_perm("cases.change_case", case):
        raise PermissionDenied
    wanted = {
        field: user
        for field, user in (
            ("casemanager", casemanager),
            ("physician", physician),
            ("specialist", specialist),
        )
        if user is not _UNCHANGED
    }
    errors = {
        field: error
        for field, user in wanted.items()
        if (error := team_member_error(employer=case.employer, place=TEAM_FIELDS[field], user=user))
    }
    if errors:
        raise ValidationError(errors)
    with _audited(actor, "cases.team_update"):
        return [
            field
            for field, user in wanted.items()
            if _member_set(case=case, place=TEAM_FIELDS[field], user=user, actor=actor)
        ]


def case_team_defaults_apply(*, case: Case, actor: User) -> None:
    """Give a new case its employer's default team (inside the ziekmelding's transaction).

    The casemanager is the employer's default, else the HR user who reported the case. The
    contracted bedrijfsarts is assigned when the employer has one.
    """
    employer = case.employer
    casemanager = case.casemanager
    if casemanager is None:
        default = employer.default_casemanager
        if default is not None and not team_member_error(
            employer=employer, place=TeamRole.CASEMANAGER, user=default
        ):
            casemanager = default
        elif actor.role == Role.HR and actor.hr_employers.filter(pk=employer.pk).exists():
            casemanager = actor
    if casemanager is not None:
        case.casemanager = None
        _member_set(case=case, place=TeamRole.CASEMANAGER, user=casemanager, actor=actor)
    physician = employer.default_physician
    if physician is not None and not team_member_error(
        employer=employer, place=TeamRole.OCCUPATIONAL_PHYSICIAN, user=physician
    ):
        _member_set(case=case, place=TeamRole.OCCUPATIONAL_PHYSICIAN, user=physician, actor=actor)


@transaction.atomic
def employer_defaults_update(
    *,
    employer: Employer,
    actor: User,
    default_casemanager: User | None,
    default_physician: User | None,
) -> Employer:
    """Set the team a new case of `employer` gets (HR of that employer only)."""
    employer = Employer.objects.select_for_update().get(pk=employer.pk)
    if not actor.has_perm("cases.change_employer", employer):
        raise PermissionDenied
    errors = {
        field: error
        for field, place, user in (
            ("default_casemanager", TeamRole.CASEMANAGER, default_casemanager),
            ("default_physician", TeamRole.OCCUPATIONAL_PHYSICIAN, default_physician),
        )
        if (error := team_member_error(employer=employer, place=place, user=user))
    }
    if errors:
        raise ValidationError(errors)
    employer.default_casemanager = default_casemanager
    employer.default_physician = default_physician
    employer.full_clean()
    with _audited(actor, "cases.employer_defaults"):
        employer.save()
    return employer
