"""The content of the re-integratieverslag (RIV), gathered from a case into plain dataclasses.

Order and parts follow UWV's model (domain reference §3.9, §3.10): probleemanalyse and its
bijstellingen, plan van aanpak with every version, voortgangsgesprekken, eerstejaarsevaluatie
and the latest evaluation, actueel oordeel, eindevaluatie, tweede-spoor evidence, the
employee's own opinion (only when submitted) and the list of attachments.

Nothing medical is loaded here: only the work-advice models are queried (the medical part of a
statement lives in a model this package never imports), and documents marked medical are left
out. The number of queries is fixed, whatever the size of the dossier.

Modules: `parts` and `second_track_parts` (the dataclasses), `dossier_parts` and `second_track`
(reading the records), `build` (the report as a whole).
"""

from .build import report_content_build
from .dossier_parts import RIV_STATEMENT_KINDS
from .parts import (
    AttachmentPart,
    CapacityPart,
    DeadlinePart,
    EvaluationPart,
    ExpertOpinionPart,
    OpinionPart,
    PlanActivityPart,
    PlanVersionPart,
    ReportContent,
    ReportHeader,
    SignaturePart,
    StatementPart,
    TalkPart,
    WorkResumptionPart,
)
from .second_track_parts import (
    ActivityPart,
    DecisionPart,
    ProfilePart,
    ReportPart,
    SecondTrackPart,
    StudyPart,
    TrackPart,
)

__all__ = [
    "RIV_STATEMENT_KINDS",
    "ActivityPart",
    "AttachmentPart",
    "CapacityPart",
    "DeadlinePart",
    "DecisionPart",
    "EvaluationPart",
    "ExpertOpinionPart",
    "OpinionPart",
    "PlanActivityPart",
    "PlanVersionPart",
    "ProfilePart",
    "ReportContent",
    "ReportHeader",
    "ReportPart",
    "SecondTrackPart",
    "SignaturePart",
    "StatementPart",
    "StudyPart",
    "TalkPart",
    "TrackPart",
    "WorkResumptionPart",
    "report_content_build",
]
