"""The tweede-spoor parts of the RIV, as plain frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


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
