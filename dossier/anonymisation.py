"""What the dossier removes when a case is anonymised (registered in `cases.anonymisers`).

Every free text of the dossier records goes (statements, the medical notes, plan van aanpak,
talks, evaluations, opinions, expert-opinion requests, signer names, document titles), the
uploaded files are deleted from storage once the transaction commits, and the document rows
stay emptied (number, type, size and dates remain). The access log stays as a count of who did
what when: its record references are cut. Agreed plan versions, signatures and the access log
are protected by database triggers against any change; anonymisation is the one writer that
passes them, explicitly.
"""

from __future__ import annotations

from collections.abc import Sequence

import pgtrigger
from django.db import transaction

from cases.anonymisers import ANONYMISED_TEXT, text_scrub

from .models import (
    AccessLog,
    ActionPlanActivity,
    ActionPlanVersion,
    Document,
    DocumentVersion,
    EmployeeOpinion,
    Evaluation,
    ExpertOpinionRequest,
    MedicalNote,
    PhysicianStatement,
    ProgressTalk,
    Signature,
    WorkCapacityAssessment,
)

#: (model, free-text fields, lookup path from the model to the case id).
_TEXTS = (
    (
        PhysicianStatement,
        ("functional_limitations", "possibilities", "prognosis", "advice", "expected_return"),
        "case_id",
    ),
    (MedicalNote, ("diagnosis", "history", "treatment"), "statement__case_id"),
    (
        WorkCapacityAssessment,
        (
            "personal_notes",
            "social_notes",
            "environment_notes",
            "dynamic_notes",
            "static_notes",
            "hours_notes",
        ),
        "case_id",
    ),
    (
        ActionPlanVersion,
        (
            "goal",
            "goal_term",
            "casemanager",
            "employer_view",
            "employee_view",
            "employee_comment",
            "disagreement_reason",
        ),
        "plan__case_id",
    ),
    (ActionPlanActivity, ("description", "responsible"), "version__plan__case_id"),
    (
        ProgressTalk,
        ("participants", "activity_progress", "agreements", "employer_view", "employee_view"),
        "case_id",
    ),
    (Evaluation, ("look_back", "look_forward", "employer_view", "employee_view"), "case_id"),
    (EmployeeOpinion, ("text",), "case_id"),
    (ExpertOpinionRequest, ("question", "outcome"), "case_id"),
    (Signature, ("signer_name",), "case_id"),
    (Document, ("title", "withdrawal_reason"), "case_id"),
)

#: The triggers that refuse changes to agreed versions, signatures and the access log.
_PROTECTIONS = (
    "dossier.ActionPlanVersion:protect_agreed_version",
    "dossier.Signature:protect_signature",
    "dossier.AccessLog:append_only",
)


def dossier_anonymise(case_ids: Sequence[int]) -> int:
    """Empty the dossier records of the cases, delete their files, cut the access log's
    record references; return the rows written. Idempotent."""
    written = 0
    with pgtrigger.ignore(*_PROTECTIONS):
        for model, fields, path in _TEXTS:
            written += text_scrub(model, fields, **{f"{path}__in": case_ids})
        written += _files_remove(case_ids)
        written += AccessLog.objects.filter(case_id__in=case_ids).update(
            record_id=None, record_label=ANONYMISED_TEXT
        )
    return written


def _files_remove(case_ids: Sequence[int]) -> int:
    """Empty the document versions' file fields; delete the stored files after commit."""
    versions = DocumentVersion.objects.filter(document__case_id__in=case_ids).exclude(file="")
    stored = [(v.file.storage, v.file.name) for v in versions.only("file")]
    written = text_scrub(
        DocumentVersion,
        ("original_name", "sha256"),
        extra={"file": ""},
        document__case_id__in=case_ids,
    )

    def delete_files() -> None:
        for storage, name in stored:
            storage.delete(name)

    transaction.on_commit(delete_files)
    return written
