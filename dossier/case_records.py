"""The dossier records of one case as its page shows them, each table read once per page.

The dossier section lists them, its warnings look at the newest ones and the deadline facts
(:func:`dossier.deadline_dates.dossier_dates_of_case`) derive from them; through
:mod:`cases.case_memo` they share one read. Work advice only: the medical part of a statement is
another model (`MedicalNote`), never read here. Callers check permissions first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from cases.batched_reads import CaseRows, CaseRowsRead
from cases.case_memo import case_memoized

from .models import (
    ActionPlanVersion,
    Document,
    EmployeeOpinion,
    Evaluation,
    ExpertOpinionRequest,
    PhysicianStatement,
    ProgressTalk,
    WorkCapacityAssessment,
)

if TYPE_CHECKING:
    from cases.models import Case


STATEMENTS = "dossier.statements"
CAPACITIES = "dossier.capacities"
PLAN_VERSIONS = "dossier.plan_versions"
TALKS = "dossier.talks"
EVALUATIONS = "dossier.evaluations"
OPINION = "dossier.opinion"
EXPERT_OPINIONS = "dossier.expert_opinions"
_DOCUMENTS = "dossier.documents"


def documents_of_case(case_id: int, *, with_medical: bool) -> QuerySet[Document]:
    """Return the documents of the case `case_id`, the medical ones only `with_medical`."""
    documents = Document.objects.filter(case_id=case_id)
    return documents if with_medical else documents.filter(is_medical=False)


#: The documents as the case page lists them, per `with_medical`.
_DOCUMENT_LISTS = {
    with_medical: CaseRows(
        lambda case_id, with_medical=with_medical: documents_of_case(
            case_id, with_medical=with_medical
        )
    )
    for with_medical in (True, False)
}

#: Per memo key, the read of one case's records as the functions below return them.
_READS: dict[str, CaseRows] = {
    STATEMENTS: CaseRows(
        lambda case_id: PhysicianStatement.objects.filter(case_id=case_id).order_by(
            "-statement_date", "-pk"
        )
    ),
    CAPACITIES: CaseRows(
        lambda case_id: WorkCapacityAssessment.objects.filter(case_id=case_id).order_by(
            "-assessed_on", "-pk"
        )
    ),
    PLAN_VERSIONS: CaseRows(
        lambda case_id: (
            ActionPlanVersion.objects.filter(plan__case_id=case_id)
            .select_related("plan", "agreed_by")
            .order_by("-number")
        )
    ),
    TALKS: CaseRows(
        lambda case_id: ProgressTalk.objects.filter(case_id=case_id).order_by("-held_on", "-pk")
    ),
    EVALUATIONS: CaseRows(
        lambda case_id: Evaluation.objects.filter(case_id=case_id).order_by("-held_on", "-pk")
    ),
    EXPERT_OPINIONS: CaseRows(lambda case_id: ExpertOpinionRequest.objects.filter(case_id=case_id)),
    # One at most (a one-to-one field).
    OPINION: CaseRows(
        lambda case_id: EmployeeOpinion.objects.filter(case_id=case_id).order_by("pk")[:1]
    ),
}


def case_records_reads(case: Case, *keys: str) -> dict[str, CaseRowsRead]:
    """Return the reads of the records `keys` of `case` (for the case page to read together,
    see :func:`cases.case_memo.case_memo_read_together`)."""
    return {key: _READS[key].read(case) for key in keys}


def _records(case: Case, key: str) -> list[Any]:
    return case_memoized(case, key, lambda: _READS[key].rows(case))


def case_statements(case: Case) -> list[PhysicianStatement]:
    """Return the case's statements (work advice), newest first."""
    return _records(case, STATEMENTS)


def case_capacities(case: Case) -> list[WorkCapacityAssessment]:
    """Return the case's belastbaarheid (FML) records, newest first."""
    return _records(case, CAPACITIES)


def case_plan_versions(case: Case) -> list[ActionPlanVersion]:
    """Return the versions of the case's plan van aanpak, newest first (who agreed joined)."""
    versions = _records(case, PLAN_VERSIONS)
    for version in versions:
        version.plan.case = case  # `agreed_by_label` names the employee of a paper one
    return versions


def case_talks(case: Case) -> list[ProgressTalk]:
    """Return the case's progress talks, latest first."""
    return _records(case, TALKS)


def case_evaluations(case: Case) -> list[Evaluation]:
    """Return the case's evaluations, latest first."""
    return _records(case, EVALUATIONS)


def case_opinion(case: Case) -> EmployeeOpinion | None:
    """Return the case's employee opinion (draft or submitted), if any. Callers check who may
    see a draft."""
    return next(iter(_records(case, OPINION)), None)


def case_documents_read(case: Case, *, with_medical: bool) -> dict[str, CaseRowsRead]:
    """Return the read of :func:`case_documents` (for the case page to read together)."""
    return {_DOCUMENTS: _DOCUMENT_LISTS[with_medical].read(case)}


def case_documents(case: Case, *, with_medical: bool) -> list[Document]:
    """Return the case's documents (the medical ones only `with_medical`: callers check who
    may see them), as the case page lists them."""
    return case_memoized(case, _DOCUMENTS, lambda: _DOCUMENT_LISTS[with_medical].rows(case))


def case_expert_opinions(case: Case) -> list[ExpertOpinionRequest]:
    """Return the case's requests for a deskundigenoordeel, in request order."""
    return _records(case, EXPERT_OPINIONS)
