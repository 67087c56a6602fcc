"""Template context shared by every page."""

from django.http import HttpRequest

from .navigation import administration_items_for, items_for


def navigation(request: HttpRequest) -> dict:
    """Add the role's menu entries (`nav_items`) and its set-up pages (`nav_admin_items`)."""
    user = getattr(request, "user", None)
    return {"nav_items": items_for(user), "nav_admin_items": administration_items_for(user)}
