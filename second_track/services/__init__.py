"""Writes of the tweede spoor: each takes the acting user, checks permission, logs, recomputes.

`trajectory`: onderzoek, decision, herplaatsingsopdracht, choice of bureau, end;
`work`: profiles, activities, bureau reports, comments.
"""

from .common import latest_decision
from .trajectory import (
    labour_expert_study_create,
    second_track_answer_proposal,
    second_track_choose_bureau,
    second_track_decide,
    second_track_end,
    second_track_start,
    second_track_update,
)
from .work import (
    second_track_activity_create,
    second_track_activity_update_outcome,
    second_track_activity_withdraw,
    second_track_comment_add,
    second_track_profile_create,
    second_track_report_create,
)

__all__ = [
    "labour_expert_study_create",
    "latest_decision",
    "second_track_activity_create",
    "second_track_activity_update_outcome",
    "second_track_activity_withdraw",
    "second_track_answer_proposal",
    "second_track_choose_bureau",
    "second_track_comment_add",
    "second_track_decide",
    "second_track_end",
    "second_track_profile_create",
    "second_track_report_create",
    "second_track_start",
    "second_track_update",
]
