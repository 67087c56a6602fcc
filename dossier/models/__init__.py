"""The re-integration dossier: statements, plan van aanpak, talks, evaluations, tweede spoor,
documents, audit.

Medical content lives only in `MedicalNote` (and in documents marked medical); it has no reverse
accessor on the statement, so it can only be loaded through `dossier.selectors.medical_note_get`.
"""

from .action_plans import ActionPlan, ActionPlanActivity, ActionPlanVersion, ActivityStatus
from .audit import AccessAction, AccessLog
from .documents import Document, DocumentVersion
from .exports import DossierExport, ExportKind, ExportStatus
from .second_track import (
    LabourExpertStudy,
    SecondTrack,
    SecondTrackActivity,
    SecondTrackComment,
    SecondTrackDecision,
    SecondTrackProfile,
    SecondTrackReport,
)
from .statements import MedicalNote, PhysicianStatement, StatementKind, WorkCapacityAssessment
from .talks import EmployeeOpinion, Evaluation, EvaluationKind, ProgressTalk

__all__ = [
    "AccessAction",
    "AccessLog",
    "ActionPlan",
    "ActionPlanActivity",
    "ActionPlanVersion",
    "ActivityStatus",
    "Document",
    "DocumentVersion",
    "DossierExport",
    "EmployeeOpinion",
    "Evaluation",
    "EvaluationKind",
    "ExportKind",
    "ExportStatus",
    "LabourExpertStudy",
    "MedicalNote",
    "PhysicianStatement",
    "ProgressTalk",
    "SecondTrack",
    "SecondTrackActivity",
    "SecondTrackComment",
    "SecondTrackDecision",
    "SecondTrackProfile",
    "SecondTrackReport",
    "StatementKind",
    "WorkCapacityAssessment",
]
