"""The content of the re-integratieverslag (RIV), gathered from a case into plain dataclasses.

Order and parts follow UWV's model (domain reference §3.9, §3.10): probleemanalyse and its
bijstellingen, plan van aanpak with every version, voortgangsgesprekken, eerstejaarsevaluatie
and the latest evaluation, actueel oordeel, eindevaluatie, tweede-spoor evidence, the
employee's own opinion (only when submitted) and the list of attachments.

Nothing medical is loaded here: only the work-advice models are queried (the medical part of a
statement lives in a model this module never imports), and documents marked medical are left
out. The number of queries is fixed, whatever the size of the dossier.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from cases.models import AssignmentKind, Case
from deadlines.models import Deadline, DeadlineKind
from deadlines.poortwachter import (
    CaseFacts,
    InvalidFacts,
    Timeline,
    compute_timeline,
    week_of_illness,
)
from deadlines.stored_facts import case_facts
from dossier.models import (
    ActionPlanVersion,
    Document,
    DocumentVersion,
    EmployeeOpinion,
    Evaluation,
    EvaluationKind,
    PhysicianStatement,
    ProgressTalk,
    StatementKind,
    WorkCapacityAssessment,
)
from second_track.models import (
    ActivityKind,
    LabourExpertStudy,
    SecondTrack,
    SecondTrackActivity,
    SecondTrackDecision,
    SecondTrackProfile,
    SecondTrackReport,
)

from .models import ReportExport

if TYPE_CHECKING:
    from accounts.models import User

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


def _name(user: User | None) -> str:
    if user is None:
        return ""
    return user.full_name or user.email


def _local(moment: datetime | None) -> datetime | None:
    return timezone.localtime(moment) if moment is not None else None


# Dataclasses ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReportHeader:
    """Who and what the report is about (cover page and every page's running header)."""

    case_id: int
    employee_name: str
    bsn: str
    date_of_birth: date
    function_title: str
    employer_name: str
    payroll_tax_number: str
    kvk_number: str
    first_sick_day: date
    week_of_illness: int | None
    casemanager: str
    occupational_physicians: tuple[str, ...]
    generated_at: datetime

    @property
    def generated_on(self) -> date:
        return self.generated_at.date()


@dataclass(frozen=True, slots=True)
class StatementPart:
    """The work-advice part of a bedrijfsarts statement."""

    pk: int
    kind: str
    kind_label: str
    statement_date: date
    author: str
    functional_limitations: str
    possibilities: str
    prognosis: str
    advice: str
    expected_return: str
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class CapacityPart:
    """A belastbaarheid (FML) record: per rubriek whether limited, and the notes."""

    assessed_on: date
    valid_until: date | None
    author: str
    sections: tuple[tuple[str, bool, str], ...]


@dataclass(frozen=True, slots=True)
class PlanActivityPart:
    description: str
    responsible: str
    starts_on: date
    status_label: str


@dataclass(frozen=True, slots=True)
class PlanVersionPart:
    """One version of the plan van aanpak with its agreement (who, when, hash) or objection."""

    number: int
    status: str
    status_label: str
    goal: str
    goal_term: str
    evaluation_frequency_weeks: int
    casemanager: str
    employer_view: str
    employee_view: str
    activities: tuple[PlanActivityPart, ...]
    based_on: str
    created_by: str
    created_at: datetime
    agreed_by: str
    agreed_at: datetime | None
    content_hash: str
    employee_comment: str
    disagreement_reason: str
    disagreed_at: datetime | None

    @property
    def is_agreed(self) -> bool:
        return self.agreed_at is not None and bool(self.content_hash)

    @property
    def is_revision(self) -> bool:
        return self.number > 1

    @property
    def agreed_on(self) -> date | None:
        return self.agreed_at.date() if self.agreed_at else None


@dataclass(frozen=True, slots=True)
class TalkPart:
    held_on: date
    participants: str
    activity_progress: tuple[tuple[str, str], ...]
    agreements: str
    employer_view: str
    employee_view: str
    next_talk_on: date | None
    recorded_by: str
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class EvaluationPart:
    kind: str
    kind_label: str
    held_on: date
    based_on: str
    look_back: str
    look_forward: str
    employer_view: str
    employee_view: str
    recorded_by: str
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class StudyPart:
    """Het arbeidsdeskundig onderzoek."""

    held_on: date
    expert_name: str
    organisation: str
    own_work: str
    other_work_own_employer: str
    second_track: str
    conclusion: str


@dataclass(frozen=True, slots=True)
class DecisionPart:
    """The employer's decision to start a second track, or not to (with the reason)."""

    kind: str
    kind_label: str
    decided_on: date
    decided_by: str
    statement_by: str
    statement_date: date | None
    statement_summary: str
    study_date: date | None
    not_start_reason: str
    reason_text: str

    @property
    def is_not_start(self) -> bool:
        return self.kind == "not_start"


@dataclass(frozen=True, slots=True)
class ProfilePart:
    number: int
    education: str
    work_experience: str
    skills: str
    functional_possibilities: str
    target_functions: str
    target_sectors: str
    hours_per_week: int
    max_travel_minutes: int
    wage_level: str
    created_by: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class ActivityPart:
    held_on: date
    kind: str
    kind_label: str
    description: str
    employer_name: str
    vacancy: str
    outcome_label: str
    placement_start: date | None
    placement_end: date | None
    placement_evaluation: str
    by_employee: bool


@dataclass(frozen=True, slots=True)
class ReportPart:
    report_date: date
    period_start: date
    period_end: date
    progress: str
    next_steps: str
    employee_cooperation: str
    author: str
    attachment: str


@dataclass(frozen=True, slots=True)
class TrackPart:
    """One second-track trajectory: the referral, its profiles, activities and reports."""

    assignment_date: date
    route_label: str
    provider: str
    bureau_contact: str
    specialist: str
    employee_choice_label: str
    employee_proposed_bureau: str
    employee_proposal_reason: str
    proposal_answer_label: str
    proposal_answer_text: str
    started_on: date | None
    contract_start: date | None
    contract_end: date | None
    report_interval_weeks: int
    status_label: str
    outcome_label: str
    outcome_on: date | None
    outcome_text: str
    profiles: tuple[ProfilePart, ...]
    activities: tuple[ActivityPart, ...]
    activity_summary: tuple[tuple[str, int], ...]
    application_outcomes: tuple[tuple[str, int], ...]
    reports: tuple[ReportPart, ...]
    withdrawn_activities: int


@dataclass(frozen=True, slots=True)
class SecondTrackPart:
    studies: tuple[StudyPart, ...] = ()
    decisions: tuple[DecisionPart, ...] = ()
    tracks: tuple[TrackPart, ...] = ()

    @property
    def latest_decision(self) -> DecisionPart | None:
        return self.decisions[-1] if self.decisions else None

    @property
    def started_on(self) -> date | None:
        """The herplaatsingsopdracht of the first trajectory."""
        return min((t.assignment_date for t in self.tracks), default=None)

    @property
    def is_empty(self) -> bool:
        return not (self.studies or self.decisions or self.tracks)


@dataclass(frozen=True, slots=True)
class OpinionPart:
    text: str
    author: str
    submitted_at: datetime


@dataclass(frozen=True, slots=True)
class AttachmentPart:
    title: str
    record_kind_label: str
    version: int
    uploaded_at: datetime
    uploaded_by: str
    size: int
    sha256: str


@dataclass(frozen=True, slots=True)
class DeadlinePart:
    key: str
    label: str
    due: date | None
    status: str
    status_label: str
    completed_on: date | None
    overridden: bool


@dataclass(frozen=True, slots=True)
class ReportContent:
    """Everything that goes into the re-integratieverslag, in UWV's order."""

    header: ReportHeader
    problem_analyses: tuple[StatementPart, ...]
    capacities: tuple[CapacityPart, ...]
    plan_versions: tuple[PlanVersionPart, ...]
    talks: tuple[TalkPart, ...]
    evaluations: tuple[EvaluationPart, ...]
    current_assessments: tuple[StatementPart, ...]
    second_track: SecondTrackPart
    opinion: OpinionPart | None
    attachments: tuple[AttachmentPart, ...]
    deadlines: tuple[DeadlinePart, ...]
    timeline: Timeline | None = field(default=None, compare=False)

    @property
    def first_problem_analysis(self) -> StatementPart | None:
        return next((s for s in self.problem_analyses if s.kind == "problem_analysis"), None)

    @property
    def first_year_evaluation(self) -> EvaluationPart | None:
        return next((e for e in self.evaluations if e.kind == EvaluationKind.FIRST_YEAR), None)

    @property
    def final_evaluation(self) -> EvaluationPart | None:
        finals = [e for e in self.evaluations if e.kind == EvaluationKind.FINAL]
        return finals[-1] if finals else None

    @property
    def latest_evaluation(self) -> EvaluationPart | TalkPart | None:
        """The most recent evaluation of the plan: a talk or an evaluation (Regeling 2004)."""
        candidates: list[EvaluationPart | TalkPart] = [*self.talks, *self.evaluations]
        return max(candidates, key=lambda c: c.held_on, default=None)

    @property
    def current_assessment(self) -> StatementPart | None:
        return self.current_assessments[-1] if self.current_assessments else None

    @property
    def first_agreed_plan(self) -> PlanVersionPart | None:
        return next((v for v in self.plan_versions if v.is_agreed), None)

    def due(self, key: str) -> date | None:
        """Return the due date of timeline milestone `key` (None without a timeline)."""
        if self.timeline is None:
            return None
        return self.timeline.due(key)


# Building -------------------------------------------------------------------------------------


def report_content_build(case: Case, *, now: datetime | None = None) -> ReportContent:
    """Return the RIV content of `case` as plain data, read with a fixed number of queries.

    The caller has checked permission. Medical content is never read.
    """
    now = _local(now or timezone.now())
    assert now is not None
    case = (
        Case.objects.select_related("employee", "employer", "casemanager")
        .prefetch_related("sick_periods", "leave_periods", "uwv_dates")
        .get(pk=case.pk)
    )
    facts, timeline = _facts_and_timeline(case)
    header = _header(case, now, facts, timeline)
    statements = [_statement(s) for s in _statements(case)]
    return ReportContent(
        header=header,
        problem_analyses=tuple(s for s in statements if s.kind != StatementKind.CURRENT_ASSESSMENT),
        capacities=_capacities(case),
        plan_versions=_plan_versions(case),
        talks=_talks(case),
        evaluations=_evaluations(case),
        current_assessments=tuple(
            s for s in statements if s.kind == StatementKind.CURRENT_ASSESSMENT
        ),
        second_track=_second_track(case),
        opinion=_opinion(case),
        attachments=_attachments(case),
        deadlines=_deadlines(case, timeline),
        timeline=timeline,
    )


def _facts_and_timeline(case: Case) -> tuple[CaseFacts | None, Timeline | None]:
    """Return the case's facts and timeline, computed once; (None, None) for invalid facts."""
    try:
        facts = case_facts(case)
        return facts, compute_timeline(facts)
    except InvalidFacts:
        return None, None


def _header(
    case: Case, now: datetime, facts: CaseFacts | None, timeline: Timeline | None
) -> ReportHeader:
    physicians = tuple(
        _name(a.user)
        for a in case.assignments.filter(
            active=True, kind=AssignmentKind.OCCUPATIONAL_PHYSICIAN
        ).select_related("user")
    )
    week = week_of_illness(facts, now.date()) if facts is not None else None
    employee, employer = case.employee, case.employer
    return ReportHeader(
        case_id=case.pk,
        employee_name=employee.full_name,
        bsn=employee.bsn,
        date_of_birth=employee.date_of_birth,
        function_title=employee.function_title,
        employer_name=employer.name,
        payroll_tax_number=employer.payroll_tax_number,
        kvk_number=employer.kvk_number,
        first_sick_day=timeline.first_sick_day if timeline else case.first_sick_day,
        week_of_illness=week,
        casemanager=_name(case.casemanager),
        occupational_physicians=physicians,
        generated_at=now,
    )


def _statements(case: Case) -> QuerySet:
    return (
        PhysicianStatement.objects.filter(case=case, kind__in=RIV_STATEMENT_KINDS)
        .order_by("statement_date", "pk")
        .values(*_STATEMENT_FIELDS)
    )


def _statement(row: dict) -> StatementPart:
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
    )


def _capacities(case: Case) -> tuple[CapacityPart, ...]:
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


def _plan_versions(case: Case) -> tuple[PlanVersionPart, ...]:
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
            agreed_by=_name(v.agreed_by),
            agreed_at=_local(v.agreed_at) if v.is_agreed else None,
            content_hash=v.content_hash if v.is_agreed else "",
            employee_comment=v.employee_comment,
            disagreement_reason=v.disagreement_reason,
            disagreed_at=_local(v.disagreed_at),
        )
        for v in versions
    )


def _talks(case: Case) -> tuple[TalkPart, ...]:
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


def _evaluations(case: Case) -> tuple[EvaluationPart, ...]:
    evaluations = (
        Evaluation.objects.filter(case=case)
        .select_related("created_by", "based_on")
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
        )
        for e in evaluations
    )


def _second_track(case: Case) -> SecondTrackPart:
    studies = LabourExpertStudy.objects.filter(case=case).order_by("held_on", "pk")
    decisions = (
        SecondTrackDecision.objects.filter(case=case)
        .select_related("decided_by", "study")
        .order_by("decided_on", "pk")
    )
    tracks = (
        SecondTrack.objects.filter(case=case)
        .select_related("specialist")
        .prefetch_related(
            Prefetch(
                "profiles",
                SecondTrackProfile.objects.select_related("created_by").order_by("number"),
            ),
            Prefetch(
                "activities", SecondTrackActivity.objects.order_by("held_on", "pk"), "all_acts"
            ),
            Prefetch(
                "reports",
                SecondTrackReport.objects.select_related("author", "document").order_by(
                    "report_date", "pk"
                ),
            ),
        )
        .order_by("assignment_date", "pk")
    )
    return SecondTrackPart(
        studies=tuple(
            StudyPart(
                held_on=s.held_on,
                expert_name=s.expert_name,
                organisation=s.organisation,
                own_work=s.get_own_work_display(),
                other_work_own_employer=s.get_other_work_own_employer_display(),
                second_track=s.get_second_track_display(),
                conclusion=s.conclusion,
            )
            for s in studies
        ),
        decisions=tuple(
            DecisionPart(
                kind=d.kind,
                kind_label=d.get_kind_display(),
                decided_on=d.decided_on,
                decided_by=_name(d.decided_by),
                statement_by=d.get_statement_by_display() if d.statement_by else "",
                statement_date=d.statement_date,
                statement_summary=d.statement_summary,
                study_date=d.study.held_on if d.study_id else None,
                not_start_reason=d.get_not_start_reason_display() if d.not_start_reason else "",
                reason_text=d.reason_text,
            )
            for d in decisions
        ),
        tracks=tuple(_track(t) for t in tracks),
    )


def _track(track: SecondTrack) -> TrackPart:
    acts = [a for a in track.all_acts if a.withdrawn_at is None]
    by_kind = Counter(a.kind for a in acts)
    outcomes = Counter(
        a.get_application_outcome_display()
        for a in acts
        if a.kind == ActivityKind.APPLICATION and a.application_outcome
    )
    return TrackPart(
        assignment_date=track.assignment_date,
        route_label=track.get_route_display(),
        provider=track.provider,
        bureau_contact=track.bureau_contact,
        specialist=_name(track.specialist),
        employee_choice_label=track.get_employee_choice_display(),
        employee_proposed_bureau=track.employee_proposed_bureau,
        employee_proposal_reason=track.employee_proposal_reason,
        proposal_answer_label=track.get_proposal_answer_display() if track.proposal_answer else "",
        proposal_answer_text=track.proposal_answer_text,
        started_on=track.started_on,
        contract_start=track.contract_start,
        contract_end=track.contract_end,
        report_interval_weeks=track.report_interval_weeks,
        status_label=track.get_status_display(),
        outcome_label=track.get_outcome_display() if track.outcome else "",
        outcome_on=track.outcome_on,
        outcome_text=track.outcome_text,
        profiles=tuple(
            ProfilePart(
                number=p.number,
                education=p.education,
                work_experience=p.work_experience,
                skills=p.skills,
                functional_possibilities=p.functional_possibilities,
                target_functions=p.target_functions,
                target_sectors=p.target_sectors,
                hours_per_week=p.hours_per_week,
                max_travel_minutes=p.max_travel_minutes,
                wage_level=p.wage_level,
                created_by=_name(p.created_by),
                created_at=_local(p.created_at),
            )
            for p in track.profiles.all()
        ),
        activities=tuple(
            ActivityPart(
                held_on=a.held_on,
                kind=a.kind,
                kind_label=a.get_kind_display(),
                description=a.description,
                employer_name=a.employer_name,
                vacancy=a.vacancy,
                outcome_label=a.get_application_outcome_display() if a.application_outcome else "",
                placement_start=a.placement_start,
                placement_end=a.placement_end,
                placement_evaluation=a.placement_evaluation,
                by_employee=a.by_employee,
            )
            for a in acts
        ),
        activity_summary=tuple(
            (str(kind.label), by_kind[kind.value]) for kind in ActivityKind if by_kind[kind.value]
        ),
        application_outcomes=tuple(sorted(outcomes.items())),
        reports=tuple(
            ReportPart(
                report_date=r.report_date,
                period_start=r.period_start,
                period_end=r.period_end,
                progress=r.progress,
                next_steps=r.next_steps,
                employee_cooperation=r.employee_cooperation,
                author=_name(r.author),
                attachment=(
                    r.document.title
                    if r.document_id and not r.document.is_medical and not r.document.is_withdrawn
                    else ""
                ),
            )
            for r in track.reports.all()
        ),
        withdrawn_activities=len(track.all_acts) - len(acts),
    )


def _opinion(case: Case) -> OpinionPart | None:
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


def _attachments(case: Case) -> tuple[AttachmentPart, ...]:
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


def _deadlines(case: Case, timeline: Timeline | None) -> tuple[DeadlinePart, ...]:
    """Return the stored deadlines; without them, the computed milestones (status open)."""
    stored = {d.kind: d for d in Deadline.objects.filter(case=case)}
    keys = list(DeadlineKind.values)
    parts = []
    for key in keys:
        row = stored.get(key)
        if row is not None:
            parts.append(
                DeadlinePart(
                    key=key,
                    label=row.get_kind_display(),
                    due=row.due_date,
                    status=row.status,
                    status_label=row.get_status_display(),
                    completed_on=row.completed_on,
                    overridden=row.overridden,
                )
            )
        elif timeline is not None and key in timeline.milestones:
            milestone = timeline.milestones[key]
            parts.append(
                DeadlinePart(
                    key=key,
                    label=str(DeadlineKind(key).label),
                    due=milestone.due,
                    status="open",
                    status_label="",
                    completed_on=None,
                    overridden=milestone.overridden,
                )
            )
    return tuple(parts)
