"""Reads behind the dossier views: scoped, permission-checked, and logged where they read.

`records` holds the dossier records (statements, plan, talks, documents, access log).
"""

from .document_records import document_record_choices, document_record_parse
from .expert_opinions import expert_opinion_get, expert_opinion_list
from .records import (
    access_log_list,
    capacity_get,
    capacity_list,
    current_plan_version,
    document_get,
    document_list,
    document_version_for_download,
    dossier_case_get,
    dossier_warnings,
    evaluation_get,
    evaluation_list,
    medical_note_get,
    opinion_get,
    plan_version_get,
    plan_version_list,
    statement_get,
    statement_list,
    talk_get,
    talk_list,
)

__all__ = [
    "access_log_list",
    "capacity_get",
    "capacity_list",
    "current_plan_version",
    "document_get",
    "document_list",
    "document_record_choices",
    "document_record_parse",
    "document_version_for_download",
    "dossier_case_get",
    "dossier_warnings",
    "evaluation_get",
    "evaluation_list",
    "expert_opinion_get",
    "expert_opinion_list",
    "medical_note_get",
    "opinion_get",
    "plan_version_get",
    "plan_version_list",
    "statement_get",
    "statement_list",
    "talk_get",
    "talk_list",
]
