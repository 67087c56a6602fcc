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
# Signatures (probleemanalyse receipt, plan van aanpak versions, evaluations): each party signs
# digitally for itself; HR records a paper signature (with the scan) for either party.
rules.add_perm("dossier.sign_as_employer", is_hr_of_employer)
rules.add_perm("dossier.sign_as_employee", is_the_employee)
rules.add_perm("dossier.record_paper_signature", is_hr_of_employer)
# The employee writes (or declines) their own view on an evaluation; HR may record it on the
# employee's behalf, marked as such.
rules.add_perm("dossier.write_evaluation_view", is_the_employee)
rules.add_perm("dossier.record_evaluation_view", is_hr_of_employer)
# A deskundigenoordeel may be asked by either party; both record their own request and answer.
rules.add_perm("dossier.view_expert_opinions", is_involved)
rules.add_perm("dossier.record_expert_opinion", is_hr_of_employer | is_the_employee)
# A submitted opinion is part of the RIV: HR and the bedrijfsarts read it; a draft only the
# employee (the selector enforces the draft part).
rules.add_perm("dossier.view_opinion", is_the_employee | is_hr_of_employer | is_assigned_physician)
rules.add_perm("dossier.view_documents", is_hr_of_employer | is_the_employee | is_assigned)
rules.add_perm("dossier.upload_document", is_hr_of_employer | is_assigned_physician)
rules.add_perm("dossier.upload_medical_document", is_assigned_physician)
rules.add_perm("dossier.view_access_log", is_hr_of_employer | is_the_employee)
