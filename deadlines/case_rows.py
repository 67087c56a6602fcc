"""The rows of the deadline table on the case page, written in Python.

Not a template: the table has a row per deadline (fifteen or so on every case page) with a
dozen template nodes each, and a template node costs ~10 µs to render; `format_html` writes
the same HTML (escaped the same way) for a fraction of it. The labels are translated once per
table, not per row. `deadlines/_case_deadlines.html` puts the rows in its table body.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from .models import DeadlineKind

_ROW = (
    "\n"
    "            <tr>\n"
    "              <td>{}{}<br>"
    '<small class="text-body-secondary" title="{}">{}</small></td>\n'
    "              <td>{}</td>\n"
    "              <td>{}{}{}{}\n"
    "                {}\n"
    "              </td>\n"
    "            </tr>\n"
    "          "
)
_COMPLETE_FORM = (
    "\n"
    '                <details class="mt-1"><summary class="small">{}</summary>\n'
    '                  <form method="post" action="{}" class="mt-1">\n'
    '                    <input type="hidden" name="csrfmiddlewaretoken" value="{}">'
    '<input type="hidden" name="next" value="{}">\n'
    '                    <label class="form-label small" for="done-{}">{}</label>\n'
    '                    <input class="form-control form-control-sm" type="date" id="done-{}" '
    'name="completed_on" value="{}" required>\n'
    '                    <label class="form-label small" for="note-{}">{}</label>\n'
    '                    <input class="form-control form-control-sm" id="note-{}" name="note" '
    'required maxlength="1000">\n'
    '                    <button class="btn btn-sm btn-outline-success mt-1" type="submit">{}'
    "</button>\n"
    "                  </form>\n"
    "                </details>\n"
    "                "
)


def deadline_rows(
    deadlines: Iterable[Any],
    *,
    can_edit: bool,
    manual_kinds: Collection[str],
    missing_physician: bool,
    csrf_token: str,
    next_url: str,
    today: date,
) -> SafeString:
    """Return the `<tr>` of each deadline (labelled by `deadline_tags.deadlines_label`): step,
    due date and status, and for who may edit an open manual step its "Afronden" form."""
    labels = {
        "uwv": format_html(' <span class="badge text-bg-info">{}</span>', _("UWV")),
        "no_physician": format_html(
            '<br><small class="text-danger missing-responsible">{}</small>',
            _("Geen bedrijfsarts toegewezen: de bedrijfsarts maakt de probleemanalyse."),
        ),
        "complete": _("Afronden"),
        "done_on": _("Gedaan op"),
        "note": _("Toelichting"),
        "mark_done": _("Markeer als gedaan"),
    }
    today_value = today.strftime("%Y-%m-%d")

    def row(deadline: Any) -> tuple[Any, ...]:
        actionable = deadline.is_actionable
        form = ""
        if can_edit and actionable and deadline.kind in manual_kinds:
            form = _complete_form(deadline.pk, labels, csrf_token, next_url, today_value)
        return (
            deadline.kind_label,
            labels["uwv"] if deadline.overridden else "",
            deadline.source,
            deadline.rule,
            deadline.due_date.strftime("%d-%m-%Y") if deadline.due_date else "—",
            deadline.status_label,
            format_html('<br><small class="text-body-secondary">{}</small>', deadline.status_reason)
            if deadline.status_reason
            else "",
            format_html("<br><small>{}</small>", deadline.completed_note)
            if deadline.completed_note
            else "",
            labels["no_physician"]
            if missing_physician and deadline.kind == DeadlineKind.PROBLEM_ANALYSIS and actionable
            else "",
            form,
        )

    return format_html_join("", _ROW, (row(d) for d in deadlines))


def _complete_form(
    pk: int, labels: dict[str, str], csrf_token: str, next_url: str, today_value: str
) -> SafeString:
    return format_html(
        _COMPLETE_FORM,
        labels["complete"],
        reverse("deadlines:complete", args=[pk]),
        csrf_token,
        next_url,
        pk,
        labels["done_on"],
        pk,
        today_value,
        pk,
        labels["note"],
        pk,
        labels["mark_done"],
    )
