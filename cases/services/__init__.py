"""Writes for cases, one module per concept; import them from here (`cases.services`).

Every service takes the `actor`, runs in one transaction under a pghistory context (who did
what), validates before writing (Dutch `ValidationError`, nothing saved) and asks the deadlines
app to recompute after commit.
"""

from ._common import MAX_DAYS_AHEAD
from .course import (
    case_add_leave_period,
    case_correct_first_sick_day,
    case_record_work_resumption,
    case_report_recovery,
)
from .details import DETAIL_FIELDS, case_update_details
from .employees import employees_import
from .invitations import (
    employees_invite,
    invitation_accept,
    invitation_create,
    invitation_for_token,
    invitation_link,
    invitation_resend,
    invitation_revoke,
)
from .sick_report import (
    RELAPSE_CONTACT_FIELDS,
    SickReportResult,
    case_report_sick,
    relapse_contact_details,
    sick_report_validate,
)
from .status import case_transition
from .team import (
    TEAM_FIELDS,
    case_team,
    case_team_defaults_apply,
    case_team_update,
    employer_defaults_update,
    team_member_error,
)

__all__ = [
    "DETAIL_FIELDS",
    "MAX_DAYS_AHEAD",
    "RELAPSE_CONTACT_FIELDS",
    "TEAM_FIELDS",
    "SickReportResult",
    "case_add_leave_period",
    "case_correct_first_sick_day",
    "case_record_work_resumption",
    "case_report_recovery",
    "case_report_sick",
    "case_team",
    "case_team_defaults_apply",
    "case_team_update",
    "case_transition",
    "case_update_details",
    "employees_import",
    "employees_invite",
    "employer_defaults_update",
    "invitation_accept",
    "invitation_create",
    "invitation_for_token",
    "invitation_link",
    "invitation_resend",
    "invitation_revoke",
    "relapse_contact_details",
    "sick_report_validate",
    "team_member_error",
]
