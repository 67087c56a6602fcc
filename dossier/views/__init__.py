"""Dossier pages: scoped lookup (404) → permission (403) → selector/service → render."""

from .documents import (
    document_detail,
    document_download,
    document_upload,
    document_version_upload,
    document_withdraw,
)
from .expert_opinions import expert_opinion_create, expert_opinion_detail
from .overview import access_log, case_dossier
from .plans import (
    plan_create,
    plan_revise,
    plan_version_agree,
    plan_version_detail,
    plan_version_diff_view,
    plan_version_update,
)
from .records import (
    evaluation_create,
    evaluation_detail,
    opinion,
    talk_create,
    talk_detail,
)
from .signatures import evaluation_view, signature_paper, signature_sign
from .statements import capacity_create, capacity_detail, statement_create, statement_detail

__all__ = [
    "access_log",
    "capacity_create",
    "capacity_detail",
    "case_dossier",
    "document_detail",
    "document_download",
    "document_upload",
    "document_version_upload",
    "document_withdraw",
    "evaluation_create",
    "evaluation_detail",
    "evaluation_view",
    "expert_opinion_create",
    "expert_opinion_detail",
    "opinion",
    "plan_create",
    "plan_revise",
    "plan_version_agree",
    "plan_version_detail",
    "plan_version_diff_view",
    "plan_version_update",
    "signature_paper",
    "signature_sign",
    "statement_create",
    "statement_detail",
    "talk_create",
    "talk_detail",
]
