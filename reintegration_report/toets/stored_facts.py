"""The database adapter: the :class:`ToetsFacts` of a stored case.

Where each fact comes from:

- periods and UWV-stated dates: the case (as for its deadlines, ``deadlines.stored_facts``);
- ``problem_analyses``: the probleemanalyse and its bijstellingen with their ``work_prognosis``;
- ``action_plans``: every version of the plan van aanpak that is not a draft; its date is the day
  the employee agreed, else the day it was drawn up;
- ``progress_talks``: the voortgangsgesprekken;
- ``uwv_sickness_report_date`` and ``wia_application_date``: the day HR marked that deadline done;
- ``first_year_evaluation_date`` / ``final_evaluation_date``: the first evaluation of that kind;
- ``capacity_assessments``: the belastbaarheid (FML) records;
- ``current_assessment_date``: the latest actueel oordeel; ``medical_information_date``: the
  latest day the bedrijfsarts recorded sending the medische informatie;
- ``second_track``: the latest decision (a trajectory without one counts as "start"), the first
  trajectory's herplaatsingsopdracht, the latest trajectory's contract end and status, and
  the dates of all activities not withdrawn;
- ``labour_expert_report_date``: the latest arbeidsdeskundig onderzoek;
- ``employee_opinion_date``: the day the employee submitted their opinion.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from cases.models import Case
from deadlines.models import Deadline, DeadlineKind
from deadlines.stored_facts import case_facts
from dossier.models import (
    ActionPlanVersion,
    EmployeeOpinion,
    Evaluation,
    EvaluationKind,
    PhysicianStatement,
    ProgressTalk,
    StatementKind,
    WorkCapacityAssessment,
)
from dossier.models.action_plans import VersionStatus
from second_track.models import (
    WERKWIJZER_GROUNDS,
    LabourExpertStudy,
    SecondTrackActivity,
    TrackStatus,
)
from second_track.models import (
    SecondTrack as TrackModel,
)
from second_track.models import (
    SecondTrackDecision as DecisionModel,
)

from .facts import (
    ActionPlan,
    CapacityAssessment,
    NotStartGround,
    ProblemAnalysis,
    SecondTrack,
    SecondTrackDecision,
    SecondTrackStatus,
    ToetsFacts,
)

__all__ = ["toets_facts_for_case"]

_PA_KINDS = (StatementKind.PROBLEM_ANALYSIS, StatementKind.PROBLEM_ANALYSIS_REVISION)


def _local(moment) -> date | None:
    return None if moment is None else timezone.localdate(moment)


def _manual_completion(case: Case, kind: str) -> date | None:
    return (
        Deadline.objects.filter(case=case, kind=kind, completed_manually=True)
        .values_list("completed_on", flat=True)
        .first()
    )


def _second_track(case: Case) -> SecondTrack | None:
    decision = DecisionModel.objects.filter(case=case).order_by("-decided_on", "-pk").first()
    tracks = list(TrackModel.objects.filter(case=case).order_by("assignment_date", "pk"))
    if decision is None and not tracks:
        return None
    latest = tracks[-1] if tracks else None
    ground = None
    if decision is not None and decision.kind == SecondTrackDecision.NOT_START:
        ground = NotStartGround(WERKWIJZER_GROUNDS.get(decision.not_start_reason, "other"))
    activities = SecondTrackActivity.objects.filter(
        track__case=case, withdrawn_at__isnull=True
    ).values_list("held_on", flat=True)
    return SecondTrack(
        decision=SecondTrackDecision(decision.kind if decision else SecondTrackDecision.START),
        decision_date=decision.decided_on if decision else None,
        ground=ground,
        start_date=tracks[0].assignment_date if tracks else None,
        end_date=latest.contract_end if latest else None,
        status=(
            None
            if latest is None
            else SecondTrackStatus.RUNNING
            if latest.status == TrackStatus.ACTIVE
            else SecondTrackStatus.ENDED
        ),
        activities=tuple(activities),
    )


def toets_facts_for_case(case: Case, *, on: date) -> ToetsFacts:
    """Return the facts of ``case`` for the toets on ``on``.

    Raises :class:`~reintegration_report.toets.facts.InvalidFacts` for inconsistent periods.
    """
    statements = list(PhysicianStatement.objects.filter(case=case).order_by("statement_date", "pk"))
    analyses = tuple(
        ProblemAnalysis(date=s.statement_date, prognosis=s.work_prognosis)
        for s in statements
        if s.kind in _PA_KINDS
    )
    current = [s for s in statements if s.kind == StatementKind.CURRENT_ASSESSMENT]
    sent = [s.medical_information_sent_on for s in current if s.medical_information_sent_on]
    plans = tuple(
        ActionPlan(
            date=_local(v.agreed_at) or _local(v.created_at),
            employee_agreed_on=_local(v.agreed_at),
        )
        for v in ActionPlanVersion.objects.filter(plan__case=case).exclude(
            status=VersionStatus.DRAFT
        )
    )
    evaluations: dict[str, list[date]] = {EvaluationKind.FIRST_YEAR: [], EvaluationKind.FINAL: []}
    for kind, held_on in Evaluation.objects.filter(case=case).values_list("kind", "held_on"):
        evaluations.setdefault(kind, []).append(held_on)
    studies = LabourExpertStudy.objects.filter(case=case).values_list("held_on", flat=True)
    opinion = EmployeeOpinion.objects.filter(case=case, submitted_at__isnull=False).first()
    stored = case_facts(case)
    return ToetsFacts(
        on=on,
        case=stored.__class__(
            sick_periods=stored.sick_periods,
            leave_periods=stored.leave_periods,
            wia_application_date=_manual_completion(case, DeadlineKind.WIA_APPLICATION),
            overrides=stored.overrides,
        ),
        problem_analyses=analyses,
        action_plans=plans,
        progress_talks=tuple(
            ProgressTalk.objects.filter(case=case).values_list("held_on", flat=True)
        ),
        uwv_sickness_report_date=_manual_completion(case, DeadlineKind.UWV_SICKNESS_REPORT),
        first_year_evaluation_date=min(evaluations[EvaluationKind.FIRST_YEAR], default=None),
        capacity_assessments=tuple(
            CapacityAssessment(date=a, valid_until=u)
            for a, u in WorkCapacityAssessment.objects.filter(case=case).values_list(
                "assessed_on", "valid_until"
            )
        ),
        second_track=_second_track(case),
        labour_expert_report_date=max(studies, default=None),
        current_assessment_date=max((s.statement_date for s in current), default=None),
        medical_information_date=max(sent, default=None),
        final_evaluation_date=min(evaluations[EvaluationKind.FINAL], default=None),
        employee_opinion_date=_local(opinion.submitted_at) if opinion else None,
    )
