"""The re-integration dossier: statements, plan van aanpak, talks, evaluations, documents, audit.

Medical content lives only in `MedicalNote` (and in documents marked medical); it has no reverse
accessor on the statement, so it can only be loaded through `dossier.selectors.medical_note_get`.
"""

from .action_plans import ActionPlan, ActionPlanActivity, ActionPlanVersion, ActivityStatus
from .audit import AccessAction, AccessLog
from .documents import Document, DocumentVersion
from .expert_opinions import ExpertOpinionRequest, ExpertOpinionSubject
from .signatures import Signature, SignatureMethod, SignatureParty
from .statements import (
    MedicalNote,
    PhysicianStatement,
    StatementKind,
    WorkCapacityAssessment,
    WorkPrognosis,
)
from .talks import (
    EmployeeOpinion,
    EmployeeViewSource,
    Evaluation,
    EvaluationKind,
    ProgressTalk,
)

__all__ = [
    "AccessAction",
    "AccessLog",
    "ActionPlan",
    "ActionPlanActivity",
    "ActionPlanVersion",
    "ActivityStatus",
    "Document",
    "DocumentVersion",
    "EmployeeOpinion",
    "EmployeeViewSource",
    "Evaluation",
    "EvaluationKind",
    "ExpertOpinionRequest",
    "ExpertOpinionSubject",
    "MedicalNote",
    "PhysicianStatement",
    "ProgressTalk",
    "Signature",
    "SignatureMethod",
    "SignatureParty",
    "StatementKind",
    "WorkCapacityAssessment",
    "WorkPrognosis",
]
