"""Recording requests for a deskundigenoordeel (UWV) and their answers."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from cases.date_validators import validate_dates_not_in_future

from ..models import (
    AccessAction,
    ActionPlanVersion,
    Document,
    ExpertOpinionRequest,
    ExpertOpinionSubject,
    SignatureParty,
)
from .audit import access_log_record
from .common import require_perm
from .documents import document_upload

if TYPE_CHECKING:
    from accounts.models import User
    from cases.models import Case

PERM = "dossier.record_expert_opinion"


def _attach(case: Case, actor: User, record: ExpertOpinionRequest, upload: UploadedFile) -> None:
    record.document = document_upload(
        case=case,
        actor=actor,
        title=str(record),
        upload=upload,
        record_kind=Document.RecordKind.EXPERT_OPINION,
        record_id=record.pk,
        perm=PERM,
    )
    record.save(update_fields=["document"])


def _check_dates(requested_on: date, answered_on: date | None) -> None:
    validate_dates_not_in_future(
        {
            "requested_on": (requested_on, _("De aanvraagdatum")),
            "answered_on": (answered_on, _("De datum van het antwoord")),
        }
    )
    if answered_on is not None and answered_on < requested_on:
        raise ValidationError(
            {"answered_on": _("Het antwoord van UWV kan niet vóór de aanvraag liggen.")}
        )


@transaction.atomic
def expert_opinion_request_create(
    *,
    case: Case,
    actor: User,
    subject: str,
    question: str,
    requested_on: date,
    requested_by: str = "",
    plan_version: ActionPlanVersion | None = None,
    answered_on: date | None = None,
    outcome: str = "",
    upload: UploadedFile | None = None,
) -> ExpertOpinionRequest:
    """Record a request to UWV for a deskundigenoordeel (and, if known already, the answer).

    The employee can only record a request as their own; HR records either party's.
    """
    require_perm(actor, PERM, case)
    if actor.has_perm("dossier.agree_action_plan", case):  # the employee themself
        requested_by = SignatureParty.EMPLOYEE
    if plan_version is not None and plan_version.plan.case_id != case.pk:
        raise ValidationError({"plan_version": _("Deze versie hoort niet bij dit dossier.")})
    if subject != ExpertOpinionSubject.ACTION_PLAN:
        plan_version = None
    _check_dates(requested_on, answered_on)
    if answered_on is not None and not outcome.strip():
        raise ValidationError({"outcome": _("Vul de uitkomst van het deskundigenoordeel in.")})
    record = ExpertOpinionRequest(
        case=case,
        requested_by=requested_by,
        subject=subject,
        plan_version=plan_version,
        question=question.strip(),
        requested_on=requested_on,
        answered_on=answered_on,
        outcome=outcome.strip(),
        recorded_by=actor,
    )
    record.full_clean()
    record.save()
    if upload is not None:
        _attach(case, actor, record, upload)
    access_log_record(case=case, user=actor, action=AccessAction.CREATE, record=record)
    return record


@transaction.atomic
def expert_opinion_answer(
    *,
    record: ExpertOpinionRequest,
    actor: User,
    answered_on: date,
    outcome: str,
    upload: UploadedFile | None = None,
) -> ExpertOpinionRequest:
    """Record UWV's answer to a request: the date, the outcome and (optionally) the letter."""
    record = (
        ExpertOpinionRequest.objects.select_for_update().select_related("case").get(pk=record.pk)
    )
    case = record.case
    require_perm(actor, PERM, case)
    if record.is_answered:
        raise ValidationError(_("Het antwoord van UWV is al vastgelegd."))
    if not outcome.strip():
        raise ValidationError({"outcome": _("Vul de uitkomst van het deskundigenoordeel in.")})
    _check_dates(record.requested_on, answered_on)
    record.answered_on = answered_on
    record.outcome = outcome.strip()
    record.full_clean()
    record.save()
    if upload is not None:
        _attach(case, actor, record, upload)
    access_log_record(case=case, user=actor, action=AccessAction.CHANGE, record=record)
    return record
