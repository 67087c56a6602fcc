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
    "OpinionForm",
    "PlanVersionForm",
    "StatementForm",
    "TalkForm",
    "WithdrawForm",
    "activities_from",
]
