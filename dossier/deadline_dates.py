"""The dossier dates the deadlines are computed from; registered as the "dossier" fact reader."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.db.models import Min
from django.utils import timezone

from cases.batched_reads import CaseRowsRead
from deadlines.fact_readers import case_id_span

from .case_records import (
    EVALUATIONS,
    PLAN_VERSIONS,
    STATEMENTS,
    TALKS,
    case_evaluations,
    case_plan_versions,
    case_records_reads,
    case_statements,
    case_talks,
)
from .models import (
    ActionPlanVersion,
    Evaluation,
    EvaluationKind,
    PhysicianStatement,
    ProgressTalk,
    StatementKind,
)
from .models.action_plans import VersionStatus

if TYPE_CHECKING:
    from cases.models import Case


def dossier_dates(case: Case) -> dict[str, Any]:
    """Return the dates of the dossier documents that drive the poortwachter deadlines.

    problem_analysis_date: date of the first probleemanalyse statement, or None;
    action_plan_date: (local) date the employee agreed the first plan van aanpak version, or None;
    evaluations: sorted dates of held progress talks and evaluations;
    first_year_evaluation_date: date of the first eerstejaarsevaluatie, or None.
    """
    return dossier_dates_bulk([case.pk])[case.pk]


def dossier_dates_bulk(case_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """Return :func:`dossier_dates` for each case id, in four queries whatever their number."""
    ids = list(case_ids)  # rows of cases in the span but not in ids are dropped
    rows: dict[int, _Rows] = {pk: _Rows() for pk in ids}
    for case_id, first in (
        PhysicianStatement.objects.filter(**case_id_span(ids), kind=StatementKind.PROBLEM_ANALYSIS)
        .values("case_id")
        .annotate(first=Min("statement_date"))
        .values_list("case_id", "first")
    ):
        if case_id in rows:
            rows[case_id].problem_analyses.append(first)
    for case_id, agreed_at in (
        ActionPlanVersion.objects.filter(
            **case_id_span(ids, "plan__case_id"), status=VersionStatus.AGREED
        )
        .values("plan__case_id")
        .annotate(first=Min("agreed_at"))
        .values_list("plan__case_id", "first")
    ):
        if case_id in rows:
            rows[case_id].agreed.append(agreed_at)
    for case_id, held_on in ProgressTalk.objects.filter(**case_id_span(ids)).values_list(
        "case_id", "held_on"
    ):
        if case_id in rows:
            rows[case_id].talks.append(held_on)
    for case_id, held_on, kind in Evaluation.objects.filter(**case_id_span(ids)).values_list(
        "case_id", "held_on", "kind"
    ):
        if case_id in rows:
            rows[case_id].evaluations.append((held_on, kind))
    return {pk: dossier_dates_from(case_rows) for pk, case_rows in rows.items()}


def dossier_dates_reads(case: Case) -> dict[str, CaseRowsRead]:
    """Return what :func:`dossier_dates_of_case` reads (for the case page to read together)."""
    return case_records_reads(case, STATEMENTS, PLAN_VERSIONS, TALKS, EVALUATIONS)


def dossier_dates_of_case(case: Case) -> dict[str, Any]:
    """Return :func:`dossier_dates` from the records the case page shows (read once there)."""
    return dossier_dates_from(
        _Rows(
            problem_analyses=[
                s.statement_date
                for s in case_statements(case)
                if s.kind == StatementKind.PROBLEM_ANALYSIS
            ],
            agreed=[v.agreed_at for v in case_plan_versions(case) if v.is_agreed],
            talks=[t.held_on for t in case_talks(case)],
            evaluations=[(e.held_on, e.kind) for e in case_evaluations(case)],
        )
    )


@dataclass
class _Rows:
    """What one case's dossier dates are computed from."""

    problem_analyses: list[date] = field(default_factory=list)
    agreed: list[datetime | None] = field(default_factory=list)
    talks: list[date] = field(default_factory=list)
    evaluations: list[tuple[date, str]] = field(default_factory=list)


def dossier_dates_from(rows: _Rows) -> dict[str, Any]:
    """Return :func:`dossier_dates` from the dates of one case's records."""
    agreed = min((a for a in rows.agreed if a is not None), default=None)
    first_year = [
        held_on for held_on, kind in rows.evaluations if kind == EvaluationKind.FIRST_YEAR
    ]
    return {
        "problem_analysis_date": min(rows.problem_analyses, default=None),
        "action_plan_date": timezone.localdate(agreed) if agreed else None,
        "evaluations": sorted([*rows.talks, *(held_on for held_on, _kind in rows.evaluations)]),
        "first_year_evaluation_date": min(first_year, default=None),
    }
