"""`{% case_dossier case user %}`: the dossier section of the case page, shaped per user."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from .. import selectors
from ..case_records import (
    case_capacities,
    case_evaluations,
    case_plan_versions,
    case_statements,
    case_talks,
)
from ..models import EvaluationKind

register = template.Library()


@register.inclusion_tag("dossier/_case_dossier.html", takes_context=True)
def case_dossier(context: template.Context, case: Any, user: Any) -> dict[str, Any]:
    """Render the dossier overview of `case` as `user` may see it (never medical parts)."""
    return {**case_dossier_context(case=case, user=user), "csrf_token": context.get("csrf_token")}


def case_dossier_context(*, case: Any, user: Any) -> dict[str, Any]:
    """Return what `dossier/_case_dossier.html` shows of `case` to `user`."""

    def allowed(perm: str) -> bool:
        return user.has_perm(perm, case)

    perms = {
        name: allowed(f"dossier.{name}")
        for name in (
            "view_work_advice",
            "add_statement",
            "view_action_plan",
            "change_action_plan",
            "agree_action_plan",
            "view_talks",
            "add_talk",
            "view_evaluations",
            "add_evaluation",
            "view_opinion",
            "write_opinion",
            "view_documents",
            "upload_document",
            "view_access_log",
            "view_expert_opinions",
            "record_expert_opinion",
        )
    }
    data: dict[str, Any] = {
        "case": case,
        "perms": perms,
        "evaluation_kinds": EvaluationKind,
    }
    # The lists are the case page's shared reads (dossier.case_records), read once per page.
    if perms["view_work_advice"]:
        data["statements"] = case_statements(case)
        data["capacities"] = case_capacities(case)[:3]
    if perms["view_action_plan"]:
        data["versions"] = case_plan_versions(case)
        data["current_version"] = data["versions"][0] if data["versions"] else None
        data["warnings"] = selectors.dossier_warnings(case=case, today=timezone.localdate())
    if perms["view_talks"]:
        data["talks"] = case_talks(case)
    if perms["view_evaluations"]:
        data["evaluations"] = case_evaluations(case)
    if perms["view_opinion"]:
        data["opinion"] = selectors.opinion_get(user=user, case=case)
    if perms["view_expert_opinions"]:
        # The list shows neither the plan version nor who uploaded: no joins of those rows.
        data["expert_opinions"] = selectors.expert_opinion_list(
            user=user, case=case
        ).select_related(None)
    if perms["view_documents"]:
        # The list shows no versions and not who uploaded: leave out their prefetch and join.
        data["documents"] = (
            selectors.document_list(user=user, case=case)
            .select_related(None)
            .prefetch_related(None)
        )
    return data
