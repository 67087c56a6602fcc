"""Who may see and change retention: HR of the employer, nobody else (django-rules)."""

from __future__ import annotations

import rules

from accounts.models import Role
from cases.rules import is_hr_of_employer


@rules.predicate
def is_hr(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role == Role.HR)


rules.add_perm("retention.view_due", is_hr)
rules.add_perm("retention.view_policy", is_hr_of_employer)
rules.add_perm("retention.change_policy", is_hr_of_employer)
rules.add_perm("retention.set_legal_hold", is_hr_of_employer)
rules.add_perm("retention.erase_employee", is_hr_of_employer)
