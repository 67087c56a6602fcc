"""Read the dossier records of a case (statements, plan, talks, evaluations, opinion,
attachments) into RIV parts. Only work-advice models are queried; nothing medical."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from cases.models import Case, WorkResumption
from dossier.models import (
    ActionPlanVersion,
    Document,
    DocumentVersion,
    EmployeeOpinion,
    Evaluation,
    ExpertOpinionRequest,
    PhysicianStatement,
    ProgressTalk,
    Signature,
    StatementKind,
    WorkCapacityAssessment,
)
from dossier.models.statements import SIGNED_STATEMENT_KINDS

from ..models import ReportExport
from .common import local as _local
from .common import name_of as _name
from .parts import (
    AttachmentPart,
    CapacityPart,
    EvaluationPart,
    ExpertOpinionPart,
    OpinionPart,
    PlanActivityPart,
    PlanVersionPart,
    SignaturePart,
    StatementPart,
    TalkPart,
    WorkResumptionPart,
)

#: Statement kinds that belong in the RIV (a spreekuurverslag does not).
RIV_STATEMENT_KINDS = (
    StatementKind.PROBLEM_ANALYSIS,
    StatementKind.PROBLEM_ANALYSIS_REVISION,
    StatementKind.CURRENT_ASSESSMENT,
)

#: The work-advice fields of a statement: the only ones this module reads.
_STATEMENT_FIELDS = (
    "pk",
    "case_id",
    "kind",
    "statement_date",
    "author__full_name",
    "author__email",
    "functional_limitations",
    "possibilities",
    "prognosis",
    "advice",
    "expected_return",
    "created_at",
)


def statement_rows(case: Case) -> QuerySet:
    return (
        PhysicianStatement.objects.filter(case=case, kind__in=RIV_STATEMENT_KINDS)
        .order_by("statement_date", "pk")
        .values(*_STATEMENT_FIELDS)
    )


#: Signatures of a case by signed record: ("statement" | "plan_version" | "evaluation", pk).
SignatureIndex = dict[tuple[str, int], tuple[SignaturePart, ...]]


def signature_index(case: Case) -> SignatureIndex:
    """Return every signature of the case, grouped by the record signed (one query)."""
    grouped: dict[tuple[str, int], list[SignaturePart]] = defaultdict(list)
    rows = (
        Signature.objects.filter(case=case)
        .select_related("recorded_by", "scan")
        .order_by("party", "pk")
    )
    for row in rows:
        if row.statement_id:
            key = ("statement", row.statement_id)
        elif row.plan_version_id:
            key = ("plan_version", row.plan_version_id)
        else:
            key = ("evaluation", row.evaluation_id)
        grouped[key].append(
            SignaturePart(
                party=row.party,
                party_label=row.get_party_display(),
                method=row.method,
                signer_name=row.signer_name,
                signed_on=row.signed_on,
                content_hash=row.content_hash,
                scan_title=row.scan.title if row.scan_id else "",
                recorded_by=_name(row.recorded_by),
            )
        )
    return {key: tuple(parts) for key, parts in grouped.items()}


def statement_part(row: dict, signatures: SignatureIndex | None = None) -> StatementPart:
    return StatementPart(
        pk=row["pk"],
        kind=row["kind"],
        kind_label=str(StatementKind(row["kind"]).label),
        statement_date=row["statement_date"],
        author=row["author__full_name"] or row["author__email"],
        functional_limitations=row["functional_limitations"],
        possibilities=row["possibilities"],
        prognosis=row["prognosis"],
        advice=row["advice"],
        expected_return=row["expected_return"],
        recorded_at=_local(row["created_at"]),
        signatures=(signatures or {}).get(("statement", row["pk"]), ()),
        needs_signatures=row["kind"] in SIGNED_STATEMENT_KINDS,
    )


def capacity_parts(case: Case) -> tuple[CapacityPart, ...]:
    records = (
        WorkCapacityAssessment.objects.filter(case=case)
        .select_related("author")
        .order_by("assessed_on", "pk")
    )
    return tuple(
        CapacityPart(
            assessed_on=r.assessed_on,
            valid_until=r.valid_until,
            author=_name(r.author),
            sections=tuple((str(label), limited, notes) for label, limited, notes in r.sections()),
        )
        for r in records
    )


def plan_version_parts(
    case: Case, signatures: SignatureIndex | None = None
) -> tuple[PlanVersionPart, ...]:
    versions = (
        ActionPlanVersion.objects.filter(plan__case=case)
        .select_related("created_by", "agreed_by", "based_on")
        .prefetch_related("activities")
        .order_by("number")
    )
    return tuple(
        PlanVersionPart(
            number=v.number,
            status=v.status,
            status_label=v.get_status_display(),
            goal=v.goal,
            goal_term=v.goal_term,
            evaluation_frequency_weeks=v.evaluation_frequency_weeks,
            casemanager=v.casemanager,
            employer_view=v.employer_view,
            employee_view=v.employee_view,
            activities=tuple(
                PlanActivityPart(
                    description=a.description,
                    responsible=a.responsible,
                    starts_on=a.starts_on,
                    status_label=a.get_status_display(),
                )
                for a in v.activities.all()
            ),
            based_on=str(v.based_on) if v.based_on_id else "",
            created_by=_name(v.created_by),
            created_at=_local(v.created_at),
            agreed_by=(
                _("%(name)s (op papier)") % {"name": case.employee.full_name}
                if v.agreed_on_paper
                else _name(v.agreed_by)
            ),
            agreed_on_paper=v.agreed_on_paper,
            signatures=(signatures or {}).get(("plan_version", v.pk), ()),
            agreed_at=_local(v.agreed_at) if v.is_agreed else None,
            content_hash=v.content_hash if v.is_agreed else "",
            employee_comment=v.employee_comment,
            disagreement_reason=v.disagreement_reason,
            disagreed_at=_local(v.disagreed_at),
        )
        for v in versions
    )


def talk_parts(case: Case) -> tuple[TalkPart, ...]:
    talks = (
        ProgressTalk.objects.filter(case=case)
        .select_related("created_by")
        .order_by("held_on", "pk")
    )
    return tuple(
        TalkPart(
            held_on=t.held_on,
            participants=t.participants,
            activity_progress=tuple(
                (str(item.get("activity", "")), str(item.get("progress", "")))
                for item in (t.activity_progress or [])
                if isinstance(item, dict)
            ),
            agreements=t.agreements,
            employer_view=t.employer_view,
            employee_view=t.employee_view,
            next_talk_on=t.next_talk_on,
            recorded_by=_name(t.created_by),
            recorded_at=_local(t.created_at),
        )
        for t in talks
    )


def evaluation_parts(
    case: Case, signatures: SignatureIndex | None = None
) -> tuple[EvaluationPart, ...]:
    evaluations = (
        Evaluation.objects.filter(case=case)
        .select_related("created_by", "based_on", "employee_view_by")
        .order_by("held_on", "pk")
    )
    return tuple(
        EvaluationPart(
            kind=e.kind,
            kind_label=e.get_kind_display(),
            held_on=e.held_on,
            based_on=str(e.based_on) if e.based_on_id else "",
            look_back=e.look_back,
            look_forward=e.look_forward,
            employer_view=e.employer_view,
            employee_view=e.employee_view,
            recorded_by=_name(e.created_by),
            recorded_at=_local(e.created_at),
            employee_view_source=e.employee_view_source,
            employee_view_by=_name(e.employee_view_by),
            employee_view_at=_local(e.employee_view_at),
            signatures=(signatures or {}).get(("evaluation", e.pk), ()),
        )
        for e in evaluations
    )


def opinion_part(case: Case) -> OpinionPart | None:
    opinion = (
        EmployeeOpinion.objects.filter(case=case, submitted_at__isnull=False)
        .select_related("author")
        .first()
    )
    if opinion is None or opinion.submitted_at is None:
        return None
    return OpinionPart(
        text=opinion.text, author=_name(opinion.author), submitted_at=_local(opinion.submitted_at)
    )


def attachment_parts(case: Case) -> tuple[AttachmentPart, ...]:
    """Return the non-medical, non-withdrawn documents (not earlier RIV exports themselves)."""
    exported = ReportExport.objects.filter(case=case, document_version__isnull=False).values(
        "document_version__document_id"
    )
    documents = (
        Document.objects.filter(case=case, is_medical=False, withdrawn_at__isnull=True)
        .exclude(pk__in=exported)
        .prefetch_related(
            Prefetch(
                "versions",
                DocumentVersion.objects.select_related("uploaded_by").order_by("-number"),
            )
        )
        .order_by("created_at", "pk")
    )
    parts = []
    for document in documents:
        latest = next(iter(document.versions.all()), None)
        if latest is None:
            continue
        parts.append(
            AttachmentPart(
                title=document.title,
                record_kind_label=document.get_record_kind_display()
                if document.record_kind
                else "",
                version=latest.number,
                uploaded_at=_local(latest.uploaded_at),
                uploaded_by=_name(latest.uploaded_by),
                size=latest.size,
                sha256=latest.sha256,
            )
        )
    return tuple(parts)


def work_resumption_parts(case: Case) -> tuple[WorkResumptionPart, ...]:
    """Return the partial-recovery records: arbeidsgeschiktheid and hours worked over time."""
    rows = WorkResumption.objects.filter(case=case).order_by("start", "pk")
    return tuple(
        WorkResumptionPart(
            start=r.start,
            percentage_sick=r.percentage_sick,
            hours_worked=r.hours_worked,
            therapeutic=r.therapeutic,
        )
        for r in rows
    )


def medical_information_sent_on(case: Case) -> date | None:
    """Return the latest day the medische informatie was sent to UWV (only the date)."""
    return (
        PhysicianStatement.objects.filter(case=case, medical_information_sent_on__isnull=False)
        .order_by("-medical_information_sent_on")
        .values_list("medical_information_sent_on", flat=True)
        .first()
    )


def expert_opinion_parts(case: Case) -> tuple[ExpertOpinionPart, ...]:
    """Return the requests for a deskundigenoordeel, oldest first (non-medical documents only)."""
    rows = (
        ExpertOpinionRequest.objects.filter(case=case)
        .select_related("plan_version", "document")
        .order_by("requested_on", "pk")
    )
    return tuple(
        ExpertOpinionPart(
            requested_by_label=r.get_requested_by_display(),
            subject_label=r.get_subject_display(),
            plan_version=r.plan_version.number if r.plan_version_id else None,
            question=r.question,
            requested_on=r.requested_on,
            answered_on=r.answered_on,
            outcome=r.outcome,
            document_title=(
                r.document.title
                if r.document_id and not r.document.is_medical and not r.document.is_withdrawn
                else ""
            ),
        )
        for r in rows
    )
