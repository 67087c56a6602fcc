"""Permissions of the absence figures (django-rules); the views check the same predicate."""

from __future__ import annotations

import rules

from .access import may_view_analysis


@rules.predicate
def can_view_analysis(user) -> bool:
    """HR, managers and superusers; what they see is narrowed by ``analysis_access``."""
    return may_view_analysis(user)


rules.add_perm("absence_figures.view_analysis", can_view_analysis)
