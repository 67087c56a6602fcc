"""Validate API input with the web forms, so the API allows exactly what the pages allow."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext as _

from .problems import Problem


def _form_value(value: Any) -> str:
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


def clean_with_form(
    form_class: type[forms.Form],
    data: dict[str, Any],
    *,
    checkboxes: tuple[str, ...] = (),
    **form_kwargs: Any,
) -> dict[str, Any]:
    """Return the form's cleaned data for `data`, or raise 422 naming each invalid field.

    Booleans become the forms' "yes"/"no" choices, except plain checkboxes (`checkboxes`).
    """
    values = {
        name: (("on" if value else "") if name in checkboxes else _form_value(value))
        for name, value in data.items()
    }
    form = form_class(values, **form_kwargs)
    if form.is_valid():
        return dict(form.cleaned_data)
    errors = [
        {"field": None if field == "__all__" else field, "detail": str(message)}
        for field, messages in form.errors.items()
        for message in messages
    ]
    detail = errors[0]["detail"] if len(errors) == 1 else _("De invoer bevat fouten.")
    raise Problem(422, str(detail), errors=errors)
