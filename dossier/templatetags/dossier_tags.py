"""`{% case_dossier case user %}`: the dossier section of the case page, shaped per user."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from cases.case_memo import case_memoized

from .. import case_rows, selectors
from ..case_records import (
    CAPACITIES,
    EVALUATIONS,
    EXPERT_OPINIONS,
    OPINION,
    PLAN_VERSIONS,
    STATEMENTS,
    TALKS,
    case_capacities,
    case_documents,
    case_documents_read,
    case_evaluations,
    case_expert_opinions,
    case_plan_versions,
    case_records_reads,
    case_statements,
    case_talks,
)
from ..models import EvaluationKind

register = template.Library()


@register.inclusion_tag("dossier/_case_dossier.html", takes_context=True)
def case_dossier(context: template.Context, case: Any, user: Any) -> dict[str, Any]:
    """Render the dossier overview of `case` as `user` may see it (never medical parts)."""
    return {**case_dossier_context(case=case, user=user), "csrf_token": context.get("csrf_token")}


#: The permissions the section is shaped by (`dossier.<name>`).
SECTION_PERMS = (
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
    "view_medical",  # which documents
)


def case_dossier_perms(*, case: Any, user: Any) -> dict[str, bool]:
    """Return which parts of the section `user` may see and use (checked once per page)."""
    return case_memoized(
        case,
        f"dossier.section_perms.{user.pk}",
        lambda: {name: user.has_perm(f"dossier.{name}", case) for name in SECTION_PERMS},
    )


def case_dossier_reads(*, case: Any, user: Any) -> dict[str, Any]:
    """Return what :func:`case_dossier_context` reads for `user` (per memo key), and only that,
    for the case page to read it with the other sections in one round trip."""
    perms = case_dossier_perms(case=case, user=user)
    keys = []
    if perms["view_work_advice"]:
        keys += [STATEMENTS, CAPACITIES]
    if perms["view_action_plan"]:  # the plan, and its warnings
        keys += [PLAN_VERSIONS, CAPACITIES, STATEMENTS, TALKS]
    if perms["view_talks"]:
        keys.append(TALKS)
    if perms["view_evaluations"]:
        keys.append(EVALUATIONS)
    if perms["view_opinion"]:
        keys.append(OPINION)
    if perms["view_expert_opinions"]:
        keys.append(EXPERT_OPINIONS)
    reads: dict[str, Any] = case_records_reads(case, *dict.fromkeys(keys))
    if perms["view_documents"]:
        reads |= case_documents_read(case, with_medical=perms["view_medical"])
    return reads


def case_dossier_context(*, case: Any, user: Any) -> dict[str, Any]:
    """Return what `dossier/_case_dossier.html` shows of `case` to `user`."""
    perms = case_dossier_perms(case=case, user=user)
    data: dict[str, Any] = {
        "case": case,
        "perms": perms,
        "evaluation_kinds": EvaluationKind,
    }
    # The lists are the case page's shared reads (dossier.case_records), read once per page.
    if perms["view_work_advice"]:
        data["statements"] = case_statements(case)
        data["statement_items"] = case_rows.statement_items(data["statements"])
        data["capacity_links"] = case_rows.capacity_links(case_capacities(case)[:3])
    if perms["view_action_plan"]:
        data["versions"] = case_plan_versions(case)
        data["current_version"] = data["versions"][0] if data["versions"] else None
        data["earlier_version_links"] = case_rows.earlier_version_links(data["versions"])
        data["warnings"] = selectors.dossier_warnings(case=case, today=timezone.localdate())
    if perms["view_talks"]:
        data["talks"] = case_talks(case)
        data["talk_items"] = case_rows.talk_items(data["talks"])
    if perms["view_evaluations"]:
        data["evaluations"] = case_evaluations(case)
        data["evaluation_items"] = case_rows.evaluation_items(data["evaluations"])
    if perms["view_opinion"]:
        data["opinion"] = selectors.opinion_get(user=user, case=case)
    if perms["view_expert_opinions"]:
        data["expert_opinions"] = case_expert_opinions(case)
        data["expert_opinion_items"] = case_rows.expert_opinion_items(data["expert_opinions"])
    if perms["view_documents"]:
        data["documents"] = case_documents(case, with_medical=perms["view_medical"])
        data["document_items"] = case_rows.document_items(data["documents"])
    return data
