"""The dossier records of one case as its page shows them, each table read once per page.

The dossier section lists them, its warnings look at the newest ones and the deadline facts
(:func:`dossier.deadline_dates.dossier_dates_of_case`) derive from them; through
:mod:`cases.case_memo` they share one read. Work advice only: the medical part of a statement is
another model (`MedicalNote`), never read here. Callers check permissions first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cases.case_memo import case_memoized

from .models import (
    ActionPlanVersion,
    Evaluation,
    PhysicianStatement,
    ProgressTalk,
    WorkCapacityAssessment,
)

if TYPE_CHECKING:
    from cases.models import Case


def case_statements(case: Case) -> list[PhysicianStatement]:
    """Return the case's statements (work advice), newest first."""
    return case_memoized(
        case,
        "dossier.statements",
        lambda: list(
            PhysicianStatement.objects.filter(case=case).order_by("-statement_date", "-pk")
        ),
    )


def case_capacities(case: Case) -> list[WorkCapacityAssessment]:
    """Return the case's belastbaarheid (FML) records, newest first."""
    return case_memoized(
        case,
        "dossier.capacities",
        lambda: list(
            WorkCapacityAssessment.objects.filter(case=case).order_by("-assessed_on", "-pk")
        ),
    )


def case_plan_versions(case: Case) -> list[ActionPlanVersion]:
    """Return the versions of the case's plan van aanpak, newest first (who agreed joined)."""

    def read() -> list[ActionPlanVersion]:
        versions = list(
            ActionPlanVersion.objects.filter(plan__case=case)
            .select_related("plan", "agreed_by")
            .order_by("-number")
        )
        for version in versions:
            version.plan.case = case  # `agreed_by_label` names the employee of a paper one
        return versions

    return case_memoized(case, "dossier.plan_versions", read)


def case_talks(case: Case) -> list[ProgressTalk]:
    """Return the case's progress talks, latest first."""
    return case_memoized(
        case,
        "dossier.talks",
        lambda: list(ProgressTalk.objects.filter(case=case).order_by("-held_on", "-pk")),
    )


def case_evaluations(case: Case) -> list[Evaluation]:
    """Return the case's evaluations, latest first."""
    return case_memoized(
        case,
        "dossier.evaluations",
        lambda: list(Evaluation.objects.filter(case=case).order_by("-held_on", "-pk")),
    )
