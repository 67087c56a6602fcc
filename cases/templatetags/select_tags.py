"""``{% load select_tags %}{% select form.field %}``: a filter's <select> without widget templates.

Django renders a Select widget through one template per option; on a list page with a few
filters that is most of the rendering. This writes the same HTML (name, id, the widget's
attributes, the chosen option) in Python. A model choice field's rows are read in one plain
query (not the widget's server-side cursor, which takes three round trips).
"""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.forms.boundfield import BoundField
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join

register = template.Library()


def _choices(field: forms.Field) -> list[tuple[Any, Any]]:
    if isinstance(field, forms.ModelChoiceField):
        choices = [] if field.empty_label is None else [("", field.empty_label)]
        null_label = getattr(field, "null_label", None)  # django-filter's "no value" choice
        if null_label is not None:
            choices.append((field.null_value, null_label))
        rows = list(field.queryset)  # one query, into the queryset's cache
        return choices + [
            (field.prepare_value(obj), field.label_from_instance(obj)) for obj in rows
        ]
    return list(field.choices)


@register.simple_tag
def select(bound: BoundField) -> str:
    """Return the <select> of `bound` (a single-choice field) as its widget would render it."""
    value = bound.value()
    chosen = "" if value is None else str(value)
    attrs = {"name": bound.html_name, **bound.field.widget.attrs}
    if bound.auto_id:
        attrs["id"] = bound.auto_id
    options = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (key, " selected" if str(key) == chosen else "", label)
            for key, label in _choices(bound.field)
        ),
    )
    return format_html("<select{}>{}</select>", flatatt(attrs), options)
