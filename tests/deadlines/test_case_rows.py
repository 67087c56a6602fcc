"""`deadlines.case_rows` writes the deadline rows of the case page exactly as the template loop
it replaces did (kept here as the reference)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.template import engines
from django.test import RequestFactory
from django.utils import translation

from deadlines.case_rows import deadline_rows, uwv_form_fields
from deadlines.forms import UwvDateForm
from deadlines.models import MANUAL_KINDS, Deadline, DeadlineKind, DeadlineStatus

#: The loop of `deadlines/_case_deadlines.html` before the rows were written in Python.
TEMPLATE_LOOP = (Path(__file__).parent / "case_rows_reference.html").read_text()


def _deadlines() -> list[Deadline]:
    manual = next(iter(sorted(MANUAL_KINDS)))
    rows = [
        Deadline(pk=1, kind=DeadlineKind.PROBLEM_ANALYSIS, due_date=date(2026, 3, 4),
                 status=DeadlineStatus.OPEN, rule="WVP-3", source='Art. 2 "Regeling" <b>'),
        Deadline(pk=2, kind=manual, due_date=date(2026, 5, 6), status=DeadlineStatus.OVERDUE,
                 overridden=True, rule="WVP-6", source="", status_reason="Te laat & <nu>"),
        Deadline(pk=3, kind=manual, due_date=None, status=DeadlineStatus.DONE,
                 completed_note="Gedaan <via> portaal", rule=""),
        Deadline(pk=4, kind=DeadlineKind.ACTION_PLAN, due_date=None,
                 status=DeadlineStatus.NOT_APPLICABLE, status_reason="Niet nodig"),
    ]  # fmt: skip
    return rows


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("can_edit", [True, False])
@pytest.mark.parametrize("missing_physician", [True, False])
def test_the_rows_are_what_the_template_wrote(language, can_edit, missing_physician):
    today = date(2026, 11, 30)
    options = {
        "can_edit": can_edit,
        "manual_kinds": MANUAL_KINDS,
        "missing_physician": missing_physician,
        "today": today,
    }
    with translation.override(language):
        deadlines = _deadlines()
        expected = (
            engines["django"]
            .from_string(TEMPLATE_LOOP)
            .render(
                {**options, "deadlines": deadlines, "csrf_token": "TOKEN", "next": "/d/1/?a=1&b=2"},
                RequestFactory().get("/"),
            )
        )
        rows = deadline_rows(deadlines, csrf_token="TOKEN", next_url="/d/1/?a=1&b=2", **options)
    assert "          " + rows == expected


#: The UWV-date form's loop in `deadlines/_case_deadlines.html` before it was written in Python.
FORM_LOOP = """        {% for field in uwv_form %}
        <div class="col-md-3">
          <label class="form-label" for="{{ field.id_for_label }}">{{ field.label }}</label>
          {{ field }}
        </div>
        {% endfor %}"""


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_uwv_form_fields_are_what_django_wrote(language):
    today = date(2026, 2, 28)
    with translation.override(language):
        expected = (
            engines["django"]
            .from_string(FORM_LOOP)
            .render({"uwv_form": UwvDateForm(initial={"letter_date": today})})
        )
        assert "        " + uwv_form_fields(today=today) == expected
