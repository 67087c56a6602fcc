"""Object permissions for the dossier (django-rules); the object is always the case.

Derived from the access matrix in the domain reference §4.6: medical content only for the
assigned bedrijfsarts and the employee themself; work advice, plan, talks and evaluations for
HR of the employer, the manager of the employee, the employee and assigned specialists.
"""

from __future__ import annotations

import rules

from cases.rules import (
    is_assigned,
    is_assigned_physician,
    is_assigned_specialist,
    is_hr_of_employer,
    is_manager_of,
    is_the_employee,
)

is_involved = is_hr_of_employer | is_manager_of | is_the_employee | is_assigned

rules.add_perm("dossier.view_dossier", is_involved)
rules.add_perm("dossier.view_work_advice", is_involved)
rules.add_perm("dossier.view_medical", is_assigned_physician | is_the_employee)
rules.add_perm("dossier.add_statement", is_assigned_physician)
rules.add_perm("dossier.view_action_plan", is_involved)
rules.add_perm("dossier.change_action_plan", is_hr_of_employer)
rules.add_perm("dossier.agree_action_plan", is_the_employee)
rules.add_perm("dossier.view_talks", is_involved)
rules.add_perm("dossier.add_talk", is_hr_of_employer)
rules.add_perm("dossier.view_evaluations", is_involved)
rules.add_perm("dossier.add_evaluation", is_hr_of_employer)
rules.add_perm("dossier.write_opinion", is_the_employee)
# A submitted opinion is part of the RIV: HR and the bedrijfsarts read it; a draft only the
# employee (the selector enforces the draft part).
rules.add_perm("dossier.view_opinion", is_the_employee | is_hr_of_employer | is_assigned_physician)
rules.add_perm("dossier.view_documents", is_hr_of_employer | is_the_employee | is_assigned)
rules.add_perm("dossier.upload_document", is_hr_of_employer | is_assigned_physician)
rules.add_perm("dossier.upload_medical_document", is_assigned_physician)
rules.add_perm("dossier.view_access_log", is_hr_of_employer | is_the_employee)

# Tweede spoor (§4.6 "Tweede-spoor reports"): HR, the employee and assigned bedrijfsarts or
# specialist read; the leidinggevende has no need to know. The specialist does the work.
rules.add_perm("dossier.view_second_track", is_hr_of_employer | is_the_employee | is_assigned)
rules.add_perm("dossier.decide_second_track", is_hr_of_employer)
rules.add_perm("dossier.add_labour_expert_study", is_hr_of_employer | is_assigned_specialist)
rules.add_perm("dossier.change_second_track_profile", is_hr_of_employer | is_assigned_specialist)
rules.add_perm(
    "dossier.add_second_track_activity",
    is_hr_of_employer | is_assigned_specialist | is_the_employee,
)
rules.add_perm("dossier.add_second_track_report", is_hr_of_employer | is_assigned_specialist)
rules.add_perm("dossier.choose_second_track_bureau", is_the_employee)
rules.add_perm(
    "dossier.comment_second_track", is_hr_of_employer | is_assigned_specialist | is_the_employee
)
rules.add_perm("dossier.view_second_track_overview", is_hr_of_employer)

# Re-integratieverslag (RIV): HR of the employer runs the Poortwachtertoets and exports the
# report; the employee may download the copy made for them (the employee packet).
rules.add_perm("dossier.export_dossier", is_hr_of_employer)
rules.add_perm("dossier.download_employee_packet", is_hr_of_employer | is_the_employee)
