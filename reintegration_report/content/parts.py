"""The parts of the RIV (header, dossier records, report as a whole) as plain dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from deadlines.poortwachter import Timeline
from dossier.models import EvaluationKind

from .second_track_parts import SecondTrackPart


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
class WorkResumptionPart:
    """A partial recovery from `start`: the arbeidsgeschiktheid and the hours actually worked
    (Regeling procesgang eerste en tweede ziektejaar, art. 3)."""

    start: date
    percentage_sick: int
    hours_worked: Decimal | None
    therapeutic: bool

    @property
    def percentage_fit(self) -> int:
        """Return the arbeidsgeschiktheid in percent (100 − percentage sick)."""
        return 100 - self.percentage_sick


@dataclass(frozen=True, slots=True)
class ExpertOpinionPart:
    """A request to UWV for a deskundigenoordeel and its answer."""

    requested_by_label: str
    subject_label: str
    plan_version: int | None
    question: str
    requested_on: date
    answered_on: date | None
    outcome: str
    document_title: str


@dataclass(frozen=True, slots=True)
class SignaturePart:
    """One party's signature under a signed part: who, when, and how (digital or on paper)."""

    party: str
    party_label: str
    method: str
    signer_name: str
    signed_on: date
    content_hash: str
    scan_title: str
    recorded_by: str

    @property
    def is_digital(self) -> bool:
        return self.method == "digital"


#: The parties in the order they are shown.
SIGNATURE_PARTIES = ("employer", "employee")


def signature_slots(
    signatures: tuple[SignaturePart, ...],
) -> tuple[tuple[str, SignaturePart | None], ...]:
    """Return (party, signature or None) for employer and employee, in that order."""
    by_party = {s.party: s for s in signatures}
    return tuple((party, by_party.get(party)) for party in SIGNATURE_PARTIES)


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
    signatures: tuple[SignaturePart, ...] = ()
    needs_signatures: bool = False

    @property
    def signature_slots(self) -> tuple[tuple[str, SignaturePart | None], ...]:
        return signature_slots(self.signatures)


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
    signatures: tuple[SignaturePart, ...] = ()
    agreed_on_paper: bool = False

    @property
    def signature_slots(self) -> tuple[tuple[str, SignaturePart | None], ...]:
        return signature_slots(self.signatures)

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
    #: Who wrote the employee's view: "" (not given), employee, on_behalf (HR), declined.
    employee_view_source: str = ""
    employee_view_by: str = ""
    employee_view_at: datetime | None = None
    signatures: tuple[SignaturePart, ...] = ()

    @property
    def signature_slots(self) -> tuple[tuple[str, SignaturePart | None], ...]:
        return signature_slots(self.signatures)


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
    work_resumptions: tuple[WorkResumptionPart, ...] = ()
    contract_hours: Decimal | None = None
    #: The day the bedrijfsarts sent the medische informatie to UWV (never its content).
    medical_information_sent_on: date | None = None
    expert_opinions: tuple[ExpertOpinionPart, ...] = ()

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
