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
from .signatures import EvaluationViewForm, PaperSignatureForm

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
    "OpinionForm",
    "PaperSignatureForm",
    "PlanVersionForm",
    "StatementForm",
    "TalkForm",
    "WithdrawForm",
    "activities_from",
]
