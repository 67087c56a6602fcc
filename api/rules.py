"""Who manages an employer's API tokens and webhooks: its HR users."""

import rules

from cases.rules import is_hr_of_employer

rules.add_perm("api.manage_integrations", is_hr_of_employer)
