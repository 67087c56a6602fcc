"""Read the tweede spoor of a case into RIV parts."""

from __future__ import annotations

from collections import Counter

from django.db.models import Prefetch

from cases.models import Case
from second_track.models import (
    ActivityKind,
    LabourExpertStudy,
    SecondTrack,
    SecondTrackActivity,
    SecondTrackDecision,
    SecondTrackProfile,
    SecondTrackReport,
)

from .common import local as _local
from .common import name_of as _name
from .second_track_parts import (
    ActivityPart,
    DecisionPart,
    ProfilePart,
    ReportPart,
    SecondTrackPart,
    StudyPart,
    TrackPart,
)


def second_track_part(case: Case) -> SecondTrackPart:
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
