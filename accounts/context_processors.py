"""Template context shared by every page."""

from django.http import HttpRequest

from .navigation import items_for


def navigation(request: HttpRequest) -> dict:
    """Add the role's navigation entries as `nav_items`."""
    return {"nav_items": items_for(getattr(request, "user", None))}
