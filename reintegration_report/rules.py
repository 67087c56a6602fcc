"""Object permissions for the re-integratieverslag (django-rules); the object is always the case."""

from __future__ import annotations

import rules

from cases.rules import is_hr_of_employer, is_the_employee

# Re-integratieverslag (RIV): HR of the employer runs the Poortwachtertoets and exports the
# report; the employee may download the copy made for them (the employee packet).
rules.add_perm("reintegration_report.export", is_hr_of_employer)
rules.add_perm("reintegration_report.download_employee_copy", is_hr_of_employer | is_the_employee)
