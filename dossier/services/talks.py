"""Voortgangsgesprekken, evaluations and the employee's own opinion."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.date_validators import validate_dates_not_in_future
from cases.signals import case_facts_changed_send

from ..models import (
    AccessAction,
    EmployeeOpinion,
    EmployeeViewSource,
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
    validate_dates_not_in_future(
        {"held_on": (fields.get("held_on"), _("De datum van het voortgangsgesprek"))}
    )
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
    validate_dates_not_in_future({"held_on": (held_on, _("De datum van de evaluatie"))})
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
    evaluation.employee_view = evaluation.employee_view.strip()
    if evaluation.employee_view:
        # Typed by HR: recorded as written on the employee's behalf, never as the employee's own.
        evaluation.employee_view_source = EmployeeViewSource.ON_BEHALF
        evaluation.employee_view_by = actor
        evaluation.employee_view_at = timezone.now()
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
def evaluation_employee_view_save(
    *, evaluation: Evaluation, actor: User, text: str = "", decline: bool = False
) -> Evaluation:
    """Record the employee's view (visie) on an evaluation, or that they decline to give one.

    The employee writes (or declines) it themself; HR may record a view on the employee's behalf,
    which stays marked as such and never replaces a view the employee wrote. Once anyone has
    signed the evaluation, its content (this view included) is fixed.
    """
    evaluation = Evaluation.objects.select_for_update().select_related("case").get(pk=evaluation.pk)
    case = evaluation.case
    text = text.strip()
    if actor.has_perm("dossier.write_evaluation_view", case):
        source = EmployeeViewSource.DECLINED if decline else EmployeeViewSource.EMPLOYEE
    else:
        require_perm(actor, "dossier.record_evaluation_view", case)
        if decline:
            raise ValidationError(_("Alleen de werknemer zelf kan afzien van een eigen visie."))
        if evaluation.employee_view_source in (
            EmployeeViewSource.EMPLOYEE,
            EmployeeViewSource.DECLINED,
        ):
            raise ValidationError(
                _("De werknemer heeft zelf gereageerd; HR kan dat niet vervangen.")
            )
        source = EmployeeViewSource.ON_BEHALF
    if evaluation.signatures.exists():
        raise ValidationError(
            _("Deze evaluatie is al ondertekend; de visie van de werknemer ligt daarmee vast.")
        )
    if not decline and not text:
        raise ValidationError({"text": _("Schrijf de visie van de werknemer.")})
    evaluation.employee_view = "" if decline else text
    evaluation.employee_view_source = source
    evaluation.employee_view_by = actor
    evaluation.employee_view_at = timezone.now()
    evaluation.full_clean()
    evaluation.save()
    access_log_record(case=case, user=actor, action=AccessAction.CHANGE, record=evaluation)
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
