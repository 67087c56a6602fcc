"""The table rows of the deadlines page, written in Python rather than in its template.

Not a template loop: a template costs about 10 µs per node and variable lookup, and a page of
50 deadlines with six or seven cells each is a few thousand of them, more than the rest of the
page. Not `format_html` per row either: it escapes every argument through lazy-aware wrappers,
three times slower here than the f-string below. So the choice labels (once per process and
language), the case URL and the show-the-case decision (once per request, `row_texts`) are
looked up and escaped beforehand, and each row escapes only its own text from the database
(the employee's and, unless known beforehand, the employer's name); its other values are
dates and numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from html import escape
from typing import NamedTuple

from django.utils.safestring import SafeString, mark_safe

from accounts.url_builders import pk_url
from cases.models import employee_display_name
from cases.row_text import day_text, escaped_choice_labels
from deadlines.models import DeadlineKind, DeadlineStatus, ResponsibleRole
from deadlines.selectors import DeadlineListRow


class RowTexts(NamedTuple):
    """What every row shares, escaped: labels in the request's language, the case URL."""

    kinds: dict[str, str]
    roles: dict[str, str]
    statuses: dict[str, str]
    case_url: Callable[[int], str]
    show_case: bool
    employer_names: dict[int, str]


def row_texts(*, show_case: bool, employer_names: dict[int, str]) -> RowTexts:
    """Return the labels and URL parts of the rows in the request's language (once a request).

    `show_case`: whether the rows have the employee and employer cells (not for an employee);
    `employer_names`: employers' names by id, where the rows were read without them.
    """
    return RowTexts(
        kinds=escaped_choice_labels(DeadlineKind),
        roles=escaped_choice_labels(ResponsibleRole),
        statuses=escaped_choice_labels(DeadlineStatus),
        case_url=pk_url("cases:detail"),
        show_case=show_case,
        employer_names={pk: escape(name) for pk, name in employer_names.items()},
    )


def _label(labels: dict[str, str], value: str) -> str:
    found = labels.get(value)
    return escape(value) if found is None else found


def deadline_row(row: DeadlineListRow, texts: RowTexts) -> str:
    """Return one ``<tr>``: due date, step, (employee linked to the case, employer), who, status.

    The cells the template wrote (``due_date|date:"d-m-Y"|default:"—"``, the labels of
    `get_FOO_display`, `employee_display_name`), every database text escaped.
    """
    due = day_text(row.due_date, "—")
    kind = _label(texts.kinds, row.kind)
    role = _label(texts.roles, row.responsible_role)
    status = _label(texts.statuses, row.status)
    if not texts.show_case:
        return f"<tr><td>{due}</td><td>{kind}</td><td>{role}</td><td>{status}</td></tr>"
    name = escape(
        employee_display_name(
            row.employee_id,
            row.first_name,
            row.name_prefix,
            row.last_name,
            row.employee_anonymised_at,
        )
    )
    employer = texts.employer_names.get(row.employer_id)
    if employer is None:
        employer = escape(row.employer_name)
    url = escape(texts.case_url(row.case_id))
    return (
        f'<tr><td>{due}</td><td>{kind}</td><td><a href="{url}">{name}</a></td>'
        f"<td>{employer}</td><td>{role}</td><td>{status}</td></tr>"
    )


def deadline_rows(rows: Iterable[DeadlineListRow], texts: RowTexts) -> SafeString:
    """Return the ``<tr>`` of each of `rows`, one a line (safe: `deadline_row` escapes)."""
    return mark_safe("\n".join(deadline_row(row, texts) for row in rows))
