"""The rows of the deadline table on the case page, and the fields of its UWV-date form,
written in Python.

Not a template: the table has a row per deadline (fifteen or so on every case page) with a
dozen template nodes each, and a template node costs ~10 µs to render; `format_html` writes
the same HTML (escaped the same way) for a fraction of it. The labels are translated once per
table, not per row. Django renders each form widget through templates of its own (0.6 ms for
the four of the UWV-date form, on every case page HR opens); :func:`uwv_form_fields` writes
what they write (tests/deadlines/test_case_rows.py holds both to Django's rendering).
`deadlines/_case_deadlines.html` puts them in place.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date
from html import escape
from typing import Any

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from cases.row_text import day_text

from .forms import UwvDateForm
from .models import DeadlineKind


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
    """Return the `<tr>` of each deadline: step, due date and status, and for who may edit an
    open manual step its "Afronden" form.

    Each value is escaped with :func:`html.escape`, what Django's `escape` calls (without its
    lazy-string wrapper, which costs more than the escaping)."""
    uwv = f' <span class="badge text-bg-info">{escape(_("UWV"))}</span>'
    no_physician = (
        '<br><small class="text-danger missing-responsible">'
        f"{escape(_('Geen bedrijfsarts toegewezen: de bedrijfsarts maakt de probleemanalyse.'))}"
        "</small>"
    )
    form_labels = {
        "complete": escape(_("Afronden")),
        "done_on": escape(_("Gedaan op")),
        "note": escape(_("Toelichting")),
        "mark_done": escape(_("Markeer als gedaan")),
        "csrf_token": escape(csrf_token),
        "next": escape(next_url),
        "today": today.strftime("%Y-%m-%d"),
    }
    rows = []
    for d in deadlines:
        actionable = d.is_actionable
        status = escape(d.get_status_display())
        if d.status_reason:
            status += f'<br><small class="text-body-secondary">{escape(d.status_reason)}</small>'
        if d.completed_note:
            status += f"<br><small>{escape(d.completed_note)}</small>"
        if missing_physician and d.kind == DeadlineKind.PROBLEM_ANALYSIS and actionable:
            status += no_physician
        form = ""
        if can_edit and actionable and d.kind in manual_kinds:
            url = escape(reverse("deadlines:complete", args=[d.pk]))
            form = _complete_form(pk=d.pk, url=url, **form_labels)
        rows.append(
            "\n"
            "            <tr>\n"
            f"              <td>{escape(d.get_kind_display())}{uwv if d.overridden else ''}<br>"
            f'<small class="text-body-secondary" title="{escape(d.source)}">'
            f"{escape(d.rule)}</small></td>\n"
            f"              <td>{day_text(d.due_date, '—')}</td>\n"
            f"              <td>{status}\n"
            f"                {form}\n"
            "              </td>\n"
            "            </tr>\n"
            "          "
        )
    return mark_safe("".join(rows))


def _complete_form(
    *,
    pk: int,
    url: str,
    complete: str,
    done_on: str,
    note: str,
    mark_done: str,
    csrf_token: str,
    next: str,
    today: str,
) -> str:
    """Return the "Afronden" form of the deadline `pk` (its arguments escaped)."""
    indent = " " * 20  # the form's fields
    return (
        "\n"
        f'                <details class="mt-1"><summary class="small">{complete}</summary>\n'
        f'                  <form method="post" action="{url}" class="mt-1">\n'
        f'{indent}<input type="hidden" name="csrfmiddlewaretoken" value="{csrf_token}">'
        f'<input type="hidden" name="next" value="{next}">\n'
        f'{indent}<label class="form-label small" for="done-{pk}">{done_on}</label>\n'
        f'{indent}<input class="form-control form-control-sm" type="date" id="done-{pk}" '
        f'name="completed_on" value="{today}" required>\n'
        f'{indent}<label class="form-label small" for="note-{pk}">{note}</label>\n'
        f'{indent}<input class="form-control form-control-sm" id="note-{pk}" name="note" '
        'required maxlength="1000">\n'
        f'{indent}<button class="btn btn-sm btn-outline-success mt-1" type="submit">'
        f"{mark_done}</button>\n"
        "                  </form>\n"
        "                </details>\n"
        "                "
    )


_FIELD = (
    "\n"
    '        <div class="col-md-3">\n'
    '          <label class="form-label" for="id_{}">{}</label>\n'
    "          {}\n"
    "        </div>\n"
    "        "
)


def uwv_form_fields(*, today: date) -> SafeString:
    """Return the fields of an unbound `UwvDateForm(initial={"letter_date": today})`, each in
    its column, as the template loop over the form with Django's widgets wrote them."""
    fields = UwvDateForm.base_fields  # not copied: only read
    options = format_html_join("", '\n  <option value="{}">{}</option>\n', fields["key"].choices)
    letter_date = today.strftime("%Y-%m-%d")
    widgets = {
        "key": format_html('<select name="key" id="id_key">{}\n</select>', options),
        "date": mark_safe('<input type="date" name="date" required id="id_date">'),
        "letter_date": format_html(
            '<input type="date" name="letter_date" value="{}" required id="id_letter_date">',
            letter_date,
        ),
        "note": mark_safe(
            '<textarea name="note" cols="40" rows="2" maxlength="1000" id="id_note">\n</textarea>'
        ),
    }
    return format_html_join(
        "", _FIELD, ((name, fields[name].label, widgets[name]) for name in fields)
    )
