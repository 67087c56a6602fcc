"""Reads of the deskundigenoordeel requests (scoped, permission-checked, logged)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

from cases.models import Case

from ..models import AccessAction, ExpertOpinionRequest
from ..services.audit import access_log_record
from .records import _record_get, _require

if TYPE_CHECKING:
    from accounts.models import User


def expert_opinion_list(*, user: User, case: Case) -> models.QuerySet[ExpertOpinionRequest]:
    _require(user, "dossier.view_expert_opinions", case)
    return ExpertOpinionRequest.objects.filter(case=case).select_related("plan_version")


def expert_opinion_get(*, user: User, pk: int) -> ExpertOpinionRequest:
    record = _record_get(
        user=user,
        queryset=ExpertOpinionRequest.objects.select_related(
            "plan_version", "document", "recorded_by"
        ),
        pk=pk,
        perm="dossier.view_expert_opinions",
    )
    access_log_record(case=record.case, user=user, action=AccessAction.VIEW, record=record)
    return record
