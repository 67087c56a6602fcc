"""Reads behind the dossier views. Every one takes the user, scopes, checks, and logs reads.

The medical part of a statement is only ever loaded by `medical_note_get`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.utils.translation import gettext as _

from cases.models import Case
from cases.selectors import case_get

from ..case_records import (
    case_capacities,
    case_opinion,
    case_plan_versions,
    case_statements,
    case_talks,
    documents_of_case,
)
from ..models import (
    AccessAction,
    AccessLog,
    ActionPlanVersion,
    Document,
    DocumentVersion,
    EmployeeOpinion,
    Evaluation,
    MedicalNote,
    PhysicianStatement,
    ProgressTalk,
    StatementKind,
    WorkCapacityAssessment,
)
from ..models.action_plans import VersionStatus
from ..services.audit import access_log_record

if TYPE_CHECKING:
    from accounts.models import User

M = TypeVar("M", bound=models.Model)


def dossier_case_get(*, user: User, pk: int, perm: str = "dossier.view_dossier") -> Case:
    """Return the case (404 outside the user's scope, 403 without `perm`)."""
    return case_get(user=user, pk=pk, perm=perm)


def _record_get[M: models.Model](
    *, user: User, queryset: models.QuerySet[M], pk: int, perm: str, case_path: str = "case"
) -> M:
    """Return a record whose case `user` can see (else 404) and has `perm` on (else 403)."""
    visible = Case.objects.visible_to(user).values("pk")
    record = (
        queryset.filter(pk=pk, **{f"{case_path}__in": visible})
        .select_related(case_path, f"{case_path}__employee__manager", f"{case_path}__employer")
        .first()
    )
    if record is None:
        raise Http404
    case = _case_of(record, case_path)
    if not user.has_perm(perm, case):
        raise PermissionDenied
    return record


def _case_of(record: models.Model, case_path: str) -> Case:
    obj: Any = record
    for part in case_path.split("__"):
        obj = getattr(obj, part)
    return obj


def _require(user: User, perm: str, case: Case) -> None:
    if not user.has_perm(perm, case):
        raise PermissionDenied


# Statements -----------------------------------------------------------------------------------


def statement_list(*, user: User, case: Case) -> models.QuerySet[PhysicianStatement]:
    """Return the work-advice part of the case's statements (never the medical part)."""
    _require(user, "dossier.view_work_advice", case)
    return PhysicianStatement.objects.filter(case=case).select_related("author")


def statement_get(*, user: User, pk: int) -> PhysicianStatement:
    """Return one statement's work-advice part and log the read."""
    statement = _record_get(
        user=user,
        queryset=PhysicianStatement.objects.select_related("author"),
        pk=pk,
        perm="dossier.view_work_advice",
    )
    access_log_record(case=statement.case, user=user, action=AccessAction.VIEW, record=statement)
    return statement


def medical_note_get(*, user: User, statement: PhysicianStatement) -> MedicalNote | None:
    """Return the medical part of `statement` to the assigned bedrijfsarts or the employee.

    Returns None for anyone else (so a shared view simply has nothing to render) and logs the
    read when it is shown.
    """
    if not user.has_perm("dossier.view_medical", statement.case):
        return None
    note = MedicalNote.objects.filter(statement=statement).first()
    if note is not None:
        access_log_record(case=statement.case, user=user, action=AccessAction.VIEW, record=note)
    return note


def capacity_list(*, user: User, case: Case) -> models.QuerySet[WorkCapacityAssessment]:
    _require(user, "dossier.view_work_advice", case)
    return WorkCapacityAssessment.objects.filter(case=case).select_related("author")


def capacity_get(*, user: User, pk: int) -> WorkCapacityAssessment:
    record = _record_get(
        user=user,
        queryset=WorkCapacityAssessment.objects.select_related("author"),
        pk=pk,
        perm="dossier.view_work_advice",
    )
    access_log_record(case=record.case, user=user, action=AccessAction.VIEW, record=record)
    return record


# Plan van aanpak --------------------------------------------------------------------------------


def plan_version_list(*, user: User, case: Case) -> models.QuerySet[ActionPlanVersion]:
    """Return all versions of the case's plan van aanpak, newest first."""
    _require(user, "dossier.view_action_plan", case)
    return (
        ActionPlanVersion.objects.filter(plan__case=case)
        .select_related("agreed_by", "created_by")
        .prefetch_related("activities")
        .order_by("-number")
    )


def plan_version_get(*, user: User, pk: int, log: bool = True) -> ActionPlanVersion:
    """Return one plan version (with its plan and case) and log the read."""
    version = _record_get(
        user=user,
        queryset=ActionPlanVersion.objects.select_related(
            "plan", "agreed_by", "created_by", "based_on"
        ).prefetch_related("activities"),
        pk=pk,
        perm="dossier.view_action_plan",
        case_path="plan__case",
    )
    if log:
        access_log_record(
            case=version.plan.case, user=user, action=AccessAction.VIEW, record=version
        )
    return version


# Talks, evaluations, opinion -------------------------------------------------------------------


def talk_list(*, user: User, case: Case) -> models.QuerySet[ProgressTalk]:
    _require(user, "dossier.view_talks", case)
    return ProgressTalk.objects.filter(case=case).select_related("created_by")


def talk_get(*, user: User, pk: int) -> ProgressTalk:
    talk = _record_get(
        user=user, queryset=ProgressTalk.objects.all(), pk=pk, perm="dossier.view_talks"
    )
    access_log_record(case=talk.case, user=user, action=AccessAction.VIEW, record=talk)
    return talk


def evaluation_list(*, user: User, case: Case) -> models.QuerySet[Evaluation]:
    _require(user, "dossier.view_evaluations", case)
    return Evaluation.objects.filter(case=case).select_related("created_by", "based_on")


def evaluation_get(*, user: User, pk: int) -> Evaluation:
    evaluation = _record_get(
        user=user,
        queryset=Evaluation.objects.select_related("based_on"),
        pk=pk,
        perm="dossier.view_evaluations",
    )
    access_log_record(case=evaluation.case, user=user, action=AccessAction.VIEW, record=evaluation)
    return evaluation


def opinion_get(*, user: User, case: Case, log: bool = False) -> EmployeeOpinion | None:
    """Return the employee's opinion: the draft only to the employee, else once submitted."""
    if not user.has_perm("dossier.view_opinion", case):
        return None
    opinion = case_opinion(case)
    if opinion is None:
        return None
    if not opinion.is_submitted and not user.has_perm("dossier.write_opinion", case):
        return None
    if log:
        access_log_record(case=case, user=user, action=AccessAction.VIEW, record=opinion)
    return opinion


# Documents -------------------------------------------------------------------------------------


def _documents_for(user: User, case: Case) -> models.QuerySet[Document]:
    return documents_of_case(case.pk, with_medical=user.has_perm("dossier.view_medical", case))


def document_list(*, user: User, case: Case) -> models.QuerySet[Document]:
    """Return the case's documents the user may see (medical ones only to doctor/employee)."""
    _require(user, "dossier.view_documents", case)
    return (
        _documents_for(user, case)
        .select_related("created_by")
        .prefetch_related(models.Prefetch("versions", DocumentVersion.objects.order_by("-number")))
    )


def _visible_document(user: User, document: Document) -> Document:
    if document.is_medical and not user.has_perm("dossier.view_medical", document.case):
        raise Http404  # do not even reveal that a medical document exists
    return document


def document_get(*, user: User, pk: int, log: bool = True) -> Document:
    """Return one document with its versions and log the read."""
    document = _record_get(
        user=user,
        queryset=Document.objects.prefetch_related(
            models.Prefetch("versions", DocumentVersion.objects.order_by("-number"))
        ),
        pk=pk,
        perm="dossier.view_documents",
    )
    _visible_document(user, document)
    if log:
        access_log_record(case=document.case, user=user, action=AccessAction.VIEW, record=document)
    return document


def document_version_for_download(*, user: User, pk: int) -> DocumentVersion:
    """Return a document version the user may download and log the download."""
    version = _record_get(
        user=user,
        queryset=DocumentVersion.objects.select_related("document__case__employee"),
        pk=pk,
        perm="dossier.view_documents",
        case_path="document__case",
    )
    _visible_document(user, version.document)
    if not version.file:
        raise Http404  # the file was removed when the case was anonymised (AVG)
    access_log_record(
        case=version.document.case, user=user, action=AccessAction.DOWNLOAD, record=version
    )
    return version


# Access log ------------------------------------------------------------------------------------


def access_log_list(*, user: User, case: Case) -> models.QuerySet[AccessLog]:
    """Return who did what with the case's dossier records, newest first."""
    _require(user, "dossier.view_access_log", case)
    return AccessLog.objects.filter(case=case).select_related("user")


# Warnings and overview -------------------------------------------------------------------------


def current_plan_version(case: Case) -> ActionPlanVersion | None:
    """Return the newest version of the case's plan van aanpak, if any."""
    return (
        ActionPlanVersion.objects.filter(plan__case=case)
        .select_related("agreed_by")
        .order_by("-number")
        .first()
    )


def dossier_warnings(*, case: Case, today: date) -> list[str]:
    """Return the Dutch warnings for the dossier (stale belastbaarheid, outdated plan, …)."""
    warnings: list[str] = []
    capacities = case_capacities(case)
    if capacities and capacities[0].is_outdated(today):
        warnings.append(
            _("De laatste belastbaarheid (FML) is ouder dan 6 maanden (%(d)s).")
            % {"d": f"{capacities[0].assessed_on:%d-%m-%Y}"}
        )
    versions = case_plan_versions(case)
    if versions:
        version = versions[0]
        since = (version.agreed_at or version.created_at).date()
        revised = any(
            s.kind == StatementKind.PROBLEM_ANALYSIS_REVISION and s.statement_date > since
            for s in case_statements(case)
        )
        if revised:
            warnings.append(
                _(
                    "Er is een bijstelling van de probleemanalyse na de huidige versie van het "
                    "plan van aanpak: stel het plan bij."
                )
            )
        if version.status == VersionStatus.DISAGREED:
            warnings.append(_("De werknemer is niet akkoord met het plan van aanpak."))
    talks = case_talks(case)
    if talks and talks[0].next_talk_too_late:
        warnings.append(
            _("Het volgende voortgangsgesprek is niet binnen 6 weken (42 dagen) gepland.")
        )
    return warnings
