"""Bedrijfsarts statements (work advice + separate medical note) and belastbaarheid records."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from cases.date_validators import validate_dates_not_in_future
from cases.signals import case_facts_changed_send

from ..models import (
    AccessAction,
    MedicalNote,
    PhysicianStatement,
    StatementKind,
    WorkCapacityAssessment,
)
from .audit import access_log_record
from .common import require_perm

if TYPE_CHECKING:
    from accounts.models import User
    from cases.models import Case

MEDICAL_FIELDS = ("diagnosis", "history", "treatment")


@transaction.atomic
def statement_create(
    *,
    case: Case,
    actor: User,
    kind: str,
    statement_date: date,
    functional_limitations: str,
    possibilities: str,
    prognosis: str,
    advice: str,
    expected_return: str = "",
    work_prognosis: str = "unknown",
    medical_information_sent_on: date | None = None,
    diagnosis: str = "",
    history: str = "",
    treatment: str = "",
) -> PhysicianStatement:
    """Record a statement of the assigned bedrijfsarts; the medical part goes to its own row."""
    require_perm(actor, "dossier.add_statement", case)
    validate_dates_not_in_future(
        {
            "statement_date": (statement_date, _("De datum van het oordeel")),
            "medical_information_sent_on": (
                medical_information_sent_on,
                _("De datum van verzending van de medische informatie"),
            ),
        }
    )
    statement = PhysicianStatement(
        case=case,
        author=actor,
        kind=kind,
        statement_date=statement_date,
        functional_limitations=functional_limitations,
        possibilities=possibilities,
        prognosis=prognosis,
        advice=advice,
        expected_return=expected_return,
        work_prognosis=work_prognosis,
        medical_information_sent_on=medical_information_sent_on,
    )
    statement.full_clean()
    statement.save()
    note = MedicalNote(
        statement=statement, diagnosis=diagnosis, history=history, treatment=treatment
    )
    note.full_clean()
    note.save()
    access_log_record(case=case, user=actor, action=AccessAction.CREATE, record=statement)
    if kind in (StatementKind.PROBLEM_ANALYSIS, StatementKind.PROBLEM_ANALYSIS_REVISION):
        case_facts_changed_send(
            case=case,
            reason=_("Probleemanalyse vastgelegd op %(d)s") % {"d": f"{statement_date:%d-%m-%Y}"},
            actor=actor,
        )
    return statement


@transaction.atomic
def capacity_assessment_create(*, case: Case, actor: User, **fields: Any) -> WorkCapacityAssessment:
    """Record a belastbaarheid (FML-style) record of the assigned bedrijfsarts."""
    require_perm(actor, "dossier.add_statement", case)
    validate_dates_not_in_future(
        {"assessed_on": (fields.get("assessed_on"), _("De datum van de belastbaarheid"))}
    )
    assessment = WorkCapacityAssessment(case=case, author=actor, **fields)
    assessment.full_clean()
    assessment.save()
    access_log_record(case=case, user=actor, action=AccessAction.CREATE, record=assessment)
    return assessment
