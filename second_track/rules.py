"""Object permissions for the tweede spoor (django-rules); the object is always the case."""

from __future__ import annotations

import rules

from cases.rules import is_assigned, is_assigned_specialist, is_hr_of_employer, is_the_employee

# Tweede spoor (§4.6 "Tweede-spoor reports"): HR, the employee and assigned bedrijfsarts or
# specialist read; the leidinggevende has no need to know. The specialist does the work.
rules.add_perm("second_track.view", is_hr_of_employer | is_the_employee | is_assigned)
rules.add_perm("second_track.decide", is_hr_of_employer)
rules.add_perm("second_track.add_labour_expert_study", is_hr_of_employer | is_assigned_specialist)
rules.add_perm("second_track.change_profile", is_hr_of_employer | is_assigned_specialist)
rules.add_perm(
    "second_track.add_activity",
    is_hr_of_employer | is_assigned_specialist | is_the_employee,
)
rules.add_perm("second_track.add_report", is_hr_of_employer | is_assigned_specialist)
rules.add_perm("second_track.choose_bureau", is_the_employee)
rules.add_perm("second_track.comment", is_hr_of_employer | is_assigned_specialist | is_the_employee)
rules.add_perm("second_track.view_overview", is_hr_of_employer)
