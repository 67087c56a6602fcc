"""Forms of the dossier pages: `records` (statements, plan, talks, documents)."""

from .records import (
    DATE,
    ActivityForm,
    ActivityFormSet,
    AgreeForm,
    CapacityForm,
    DisagreeForm,
    DocumentForm,
    DocumentVersionForm,
    EvaluationForm,
    OpinionForm,
    PlanVersionForm,
    StatementForm,
    TalkForm,
    WithdrawForm,
    activities_from,
)
from .signatures import (
    EvaluationViewForm,
    ExpertOpinionAnswerForm,
    ExpertOpinionForm,
    PaperSignatureForm,
)

__all__ = [
    "DATE",
    "ActivityForm",
    "ActivityFormSet",
    "AgreeForm",
    "CapacityForm",
    "DisagreeForm",
    "DocumentForm",
    "DocumentVersionForm",
    "EvaluationForm",
    "EvaluationViewForm",
    "ExpertOpinionAnswerForm",
    "ExpertOpinionForm",
    "OpinionForm",
    "PaperSignatureForm",
    "PlanVersionForm",
    "StatementForm",
    "TalkForm",
    "WithdrawForm",
    "activities_from",
]
