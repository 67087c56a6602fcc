"""One date format in the whole interface: dd-mm-jjjj; date pickers still get ISO values."""

from __future__ import annotations

import importlib
from datetime import date, datetime

import pytest
from django import forms
from django.apps import apps
from django.template import engines
from django.utils import translation
from django.utils.formats import date_format

DAY = date(2026, 1, 12)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_dates_render_as_dd_mm_yyyy_in_every_language(language):
    template = engines["django"].from_string(
        "{{ day }}|{{ day|date }}|{{ day|date:'SHORT_DATE_FORMAT' }}|{{ moment }}"
    )
    with translation.override(language):
        html = template.render({"day": DAY, "moment": datetime(2026, 1, 12, 9, 5)})
        assert date_format(DAY) == "12-01-2026"
    assert html == "12-01-2026|12-01-2026|12-01-2026|12-01-2026 09:05"


def test_typed_dutch_dates_are_still_read():
    field = forms.DateField()
    with translation.override("nl"):
        assert field.clean("12-01-2026") == DAY
        assert field.clean("12-1-2026") == DAY
        assert field.clean("2026-01-12") == DAY


def _form_classes() -> list[type[forms.BaseForm]]:
    for app in apps.get_app_configs():
        for name in ("forms", "filters"):
            try:
                importlib.import_module(f"{app.name}.{name}")
            except ModuleNotFoundError:
                continue
    found, todo = [], [forms.BaseForm]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.split(".")[0] not in {"django", "allauth"} and hasattr(
            cls, "base_fields"
        ):
            found.append(cls)
    return found


def test_every_date_picker_gets_an_iso_value():
    """A browser's <input type=date> shows nothing unless its value is yyyy-mm-dd."""
    pickers = [
        (f"{form.__module__}.{form.__name__}.{name}", field.widget)
        for form in _form_classes()
        for name, field in form.base_fields.items()
        if getattr(field.widget, "input_type", "") == "date"
    ]
    assert len(pickers) >= 10, pickers  # the scan sees the app's forms
    with translation.override("nl"):
        wrong = [where for where, widget in pickers if widget.format_value(DAY) != "2026-01-12"]
    assert wrong == []
