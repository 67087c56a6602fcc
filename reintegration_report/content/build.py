"""Build the RIV content of a case: header, deadlines, and the parts in UWV's order."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from cases.models import AssignmentKind, Case
from deadlines.models import CONDITIONAL_KINDS, Deadline, DeadlineKind
from deadlines.poortwachter import (
    CaseFacts,
    InvalidFacts,
    Timeline,
    compute_timeline,
    week_of_illness,
)
from deadlines.stored_facts import case_facts
from dossier.models import StatementKind

from .common import local as _local
from .common import name_of as _name
from .dossier_parts import (
    attachment_parts,
    capacity_parts,
    evaluation_parts,
    expert_opinion_parts,
    medical_information_sent_on,
    opinion_part,
    plan_version_parts,
    signature_index,
    statement_part,
    statement_rows,
    talk_parts,
    work_resumption_parts,
)
from .parts import DeadlinePart, ReportContent, ReportHeader
from .second_track import second_track_part


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
    signatures = signature_index(case)
    statements = [statement_part(s, signatures) for s in statement_rows(case)]
    return ReportContent(
        header=header,
        problem_analyses=tuple(s for s in statements if s.kind != StatementKind.CURRENT_ASSESSMENT),
        capacities=capacity_parts(case),
        plan_versions=plan_version_parts(case, signatures),
        talks=talk_parts(case),
        evaluations=evaluation_parts(case, signatures),
        current_assessments=tuple(
            s for s in statements if s.kind == StatementKind.CURRENT_ASSESSMENT
        ),
        second_track=second_track_part(case),
        opinion=opinion_part(case),
        attachments=attachment_parts(case),
        deadlines=_deadlines(case, timeline),
        timeline=timeline,
        work_resumptions=work_resumption_parts(case),
        contract_hours=case.employee.contract_hours or None,
        medical_information_sent_on=medical_information_sent_on(case),
        expert_opinions=expert_opinion_parts(case),
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


def _deadlines(case: Case, timeline: Timeline | None) -> tuple[DeadlinePart, ...]:
    """Return the stored deadlines; without them, the computed milestones (status open)."""
    stored = {d.kind: d for d in Deadline.objects.filter(case=case)}
    keys = list(DeadlineKind.values)
    parts = []
    for key in keys:
        row = stored.get(key)
        if key in CONDITIONAL_KINDS and (row is None or row.due_date is None):
            continue  # no vangnet report or end of employment in this case
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
