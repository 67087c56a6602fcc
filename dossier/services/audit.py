"""Writing the access log (append-only)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

from ..models import AccessLog

if TYPE_CHECKING:
    from accounts.models import User
    from cases.models import Case

#: Generic labels per record type; titles and contents never go into the log.
RECORD_TYPES = {
    "PhysicianStatement": "statement",
    "MedicalNote": "medical_note",
    "WorkCapacityAssessment": "capacity",
    "ActionPlanVersion": "plan_version",
    "ProgressTalk": "talk",
    "Evaluation": "evaluation",
    "EmployeeOpinion": "opinion",
    "Document": "document",
    "DocumentVersion": "document_version",
    "LabourExpertStudy": "labour_expert_study",
    "SecondTrackDecision": "second_track_decision",
    "SecondTrack": "second_track",
    "SecondTrackProfile": "second_track_profile",
    "SecondTrackActivity": "second_track_activity",
    "SecondTrackReport": "second_track_report",
    "SecondTrackComment": "second_track_comment",
    "Signature": "signature",
    "ExpertOpinionRequest": "expert_opinion",
}


def access_log_record(*, case: Case, user: User, action: str, record: models.Model) -> AccessLog:
    """Append one event on `record` (in `case`) by `user` to the access log."""
    record_type = RECORD_TYPES[type(record).__name__]
    label = f"{record._meta.verbose_name} #{record.pk}"
    return AccessLog.objects.create(
        case=case,
        user=user,
        action=action,
        record_type=record_type,
        record_id=record.pk,
        record_label=label[:200],
    )
