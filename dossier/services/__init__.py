"""Writes to the dossier: each takes the acting user, checks permission, and logs the event."""

from .action_plans import (
    action_plan_revise,
    action_plan_version_agree,
    action_plan_version_create,
    action_plan_version_disagree,
    action_plan_version_update,
)
from .audit import access_log_record
from .documents import document_upload, document_version_add, document_withdraw
from .expert_opinions import expert_opinion_answer, expert_opinion_request_create
from .signatures import (
    signature_record_paper,
    signature_sign,
    signatures_of,
    signing_problem,
)
from .statements import capacity_assessment_create, statement_create
from .talks import (
    employee_opinion_save,
    evaluation_create,
    evaluation_employee_view_save,
    progress_talk_create,
)

__all__ = [
    "access_log_record",
    "action_plan_revise",
    "action_plan_version_agree",
    "action_plan_version_create",
    "action_plan_version_disagree",
    "action_plan_version_update",
    "capacity_assessment_create",
    "document_upload",
    "document_version_add",
    "document_withdraw",
    "employee_opinion_save",
    "evaluation_create",
    "evaluation_employee_view_save",
    "expert_opinion_answer",
    "expert_opinion_request_create",
    "progress_talk_create",
    "signature_record_paper",
    "signature_sign",
    "signatures_of",
    "signing_problem",
    "statement_create",
]
