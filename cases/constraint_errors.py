"""Database constraint violations in Dutch: the message of the model constraint that was hit.

Every model constraint carries a Dutch `violation_error_message` (tests/cases/
test_constraint_messages.py checks them all). Forms and services validate the constraints before
writing (`full_clean()`); when two requests race past that check, the database refuses the second
with an IntegrityError, and the service boundary (`cases.service_calls`, the API's error handler)
turns it into that same Dutch message instead of a raw constraint name.
"""

from __future__ import annotations

from functools import cache

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.models import BaseConstraint
from django.utils.translation import gettext as _


@cache
def _messages_by_name() -> dict[str, object]:
    """Return the own message of every model constraint (Django's default names the constraint)."""
    return {
        constraint.name: constraint.violation_error_message
        for model in apps.get_models()
        for constraint in model._meta.constraints
        if constraint.violation_error_message != BaseConstraint.default_violation_error_message
    }


def constraint_message(name: str | None) -> str | None:
    """Return the Dutch message of the model constraint called `name`, if it has its own."""
    message = _messages_by_name().get(name or "")
    return None if message is None else str(message)


def integrity_error_message(error: IntegrityError) -> str:
    """Return a Dutch message for `error`: its constraint's message, else a general one."""
    diag = getattr(error.__cause__, "diag", None)
    message = constraint_message(getattr(diag, "constraint_name", None))
    return message or _(
        "Dit kon niet worden opgeslagen: het botst met gegevens die al zijn vastgelegd, "
        "mogelijk door iemand anders op hetzelfde moment. Laad de pagina opnieuw en controleer "
        "de invoer."
    )


def integrity_error_as_validation_error(error: IntegrityError) -> ValidationError:
    """Return `error` as a Dutch ValidationError, ready for a form or an API problem."""
    return ValidationError(integrity_error_message(error), code="constraint_violated")
