"""What the tweede spoor removes when a case is anonymised (registered in `cases.anonymisers`).

Names of experts, bureaus and employers, and every free text go, in the rows and in their
pghistory events; dates, kinds, statuses, outcomes (choices), budgets and hours stay.
"""

from __future__ import annotations

from collections.abc import Sequence

from cases.anonymisers import text_scrub

from .models import (
    LabourExpertStudy,
    SecondTrack,
    SecondTrackActivity,
    SecondTrackComment,
    SecondTrackDecision,
    SecondTrackProfile,
    SecondTrackReport,
)

#: (model, free-text fields, lookup path from the model to the case id).
_TEXTS = (
    (LabourExpertStudy, ("expert_name", "organisation", "conclusion"), "case_id"),
    (SecondTrackDecision, ("statement_summary", "reason_text"), "case_id"),
    (
        SecondTrack,
        (
            "bureau_name",
            "bureau_contact",
            "employee_proposed_bureau",
            "employee_proposal_reason",
            "proposal_answer_text",
            "outcome_text",
        ),
        "case_id",
    ),
    (
        SecondTrackProfile,
        (
            "education",
            "work_experience",
            "skills",
            "functional_possibilities",
            "target_functions",
            "target_sectors",
            "wage_level",
        ),
        "track__case_id",
    ),
    (
        SecondTrackActivity,
        ("description", "employer_name", "vacancy", "placement_evaluation", "withdrawal_reason"),
        "track__case_id",
    ),
    (SecondTrackReport, ("progress", "next_steps", "employee_cooperation"), "track__case_id"),
    (SecondTrackComment, ("text",), "track__case_id"),
)


def second_track_anonymise(case_ids: Sequence[int]) -> int:
    """Empty the tweede-spoor texts of the cases; return the rows written. Idempotent."""
    return sum(
        text_scrub(model, fields, **{f"{path}__in": case_ids}) for model, fields, path in _TEXTS
    )
