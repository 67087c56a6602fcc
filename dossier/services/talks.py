"""Voortgangsgesprekken, evaluations and the employee's own opinion."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.signals import case_facts_changed_send

from ..models import (
    AccessAction,
    EmployeeOpinion,
    Evaluation,
    EvaluationKind,
    PhysicianStatement,
    ProgressTalk,
    StatementKind,
)
from .audit import access_log_record
from .common import require_perm

if TYPE_CHECKING:
    from accounts.models import User
    from cases.models import Case


@transaction.atomic
def progress_talk_create(*, case: Case, actor: User, **fields: Any) -> ProgressTalk:
    """Record a held voortgangsgesprek; the deadlines are recomputed after commit."""
    require_perm(actor, "dossier.add_talk", case)
    talk = ProgressTalk(case=case, created_by=actor, **fields)
    talk.full_clean()
    if talk.next_talk_on and talk.next_talk_on <= talk.held_on:
        raise ValidationError({"next_talk_on": _("Het volgende gesprek moet na dit gesprek zijn.")})
    talk.save()
    access_log_record(case=case, user=actor, action=AccessAction.CREATE, record=talk)
    case_facts_changed_send(
        case=case,
        reason=_("Voortgangsgesprek gehouden op %(d)s") % {"d": f"{talk.held_on:%d-%m-%Y}"},
        actor=actor,
    )
    return talk


def latest_current_assessment(case: Case) -> PhysicianStatement | None:
    """Return the most recent actueel oordeel of the case, if any."""
    return (
        PhysicianStatement.objects.filter(case=case, kind=StatementKind.CURRENT_ASSESSMENT)
        .order_by("-statement_date", "-pk")
        .first()
    )


@transaction.atomic
def evaluation_create(
    *, case: Case, actor: User, kind: str, held_on: date, **fields: Any
) -> Evaluation:
    """Record an eerstejaars- or eindevaluatie; an eindevaluatie needs an actueel oordeel."""
    require_perm(actor, "dossier.add_evaluation", case)
    based_on = None
    if kind == EvaluationKind.FINAL:
        based_on = latest_current_assessment(case)
        if based_on is None:
            raise ValidationError(
                _("Een eindevaluatie vraagt eerst een actueel oordeel van de bedrijfsarts.")
            )
    evaluation = Evaluation(
        case=case, kind=kind, held_on=held_on, based_on=based_on, created_by=actor, **fields
    )
    evaluation.full_clean()
    evaluation.save()
    access_log_record(case=case, user=actor, action=AccessAction.CREATE, record=evaluation)
    case_facts_changed_send(
        case=case,
        reason=_("%(kind)s gehouden op %(d)s")
        % {"kind": evaluation.get_kind_display(), "d": f"{held_on:%d-%m-%Y}"},
        actor=actor,
    )
    return evaluation


@transaction.atomic
def employee_opinion_save(
    *, case: Case, actor: User, text: str, submit: bool = False
) -> EmployeeOpinion:
    """Save the employee's own opinion as a draft, or submit it (then HR can read it)."""
    require_perm(actor, "dossier.write_opinion", case)
    opinion = EmployeeOpinion.objects.select_for_update().filter(case=case).first()
    if opinion is not None and opinion.is_submitted:
        raise ValidationError(_("Uw oordeel is al ingediend en kan niet meer worden gewijzigd."))
    created = opinion is None
    if created:
        opinion = EmployeeOpinion(case=case, author=actor)
    opinion.text = text
    if submit:
        opinion.submitted_at = timezone.now()
    opinion.full_clean()
    opinion.save()
    action = (
        AccessAction.SUBMIT if submit else (AccessAction.CREATE if created else AccessAction.CHANGE)
    )
    access_log_record(case=case, user=actor, action=action, record=opinion)
    return opinion
