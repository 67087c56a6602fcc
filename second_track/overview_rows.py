"""The table rows of the HR tweede-spoor overview, written in Python.

Not a template: a row of eight cells with its conditions is some forty template nodes, ~10 µs
each, which made rendering a page of 25 rows cost more than reading it. The HTML is the one
the template wrote; the state labels, the "te laat" badge, the date format and the link are
looked up once per page rather than once per row.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.urls import reverse
from django.utils import formats
from django.utils.dateformat import format as format_date
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from second_track.selectors import TRACK_STATE_LABELS, OverviewRow

#: A case pk no case has, replaced by each row's pk in the one reversed link.
_PK = 2_147_483_647

_ROW = (
    '<tr>\n    <td><a href="{}">{}</a></td>{}\n'
    "    <td>{}</td>\n"
    "    <td>{}</td>\n"
    "    <td{}>{}</td>\n"
    "    <td{}>{}{}</td>\n"
    "    <td>{}</td>\n"
    "    <td{}>{}</td>\n"
    "  </tr>\n  "
)
_OVERDUE = SafeString(' class="status-overdue"')
_NONE = "—"


def overview_rows_html(
    rows: Iterable[OverviewRow], *, employer_names: dict[int, str] | None
) -> SafeString:
    """Return the <tr> rows of the overview; `employer_names` (pk → name) adds the employer
    column, for an HR user serving more than one employer."""
    head, tail = reverse("second_track:detail", args=[_PK]).split(str(_PK))
    labels = {state: str(label) for state, label in TRACK_STATE_LABELS.items()}
    late = format_html(' <span class="badge text-bg-danger">{}</span>', _("te laat"))
    date_format = formats.get_format("DATE_FORMAT")
    dates: dict[date, str] = {}

    def when(day: date | None) -> str:
        if day is None:
            return _NONE
        if day not in dates:
            dates[day] = format_date(day, date_format)
        return dates[day]

    def employer(row: OverviewRow) -> SafeString:
        if employer_names is None:
            return SafeString("")
        return format_html("<td>{}</td>", employer_names.get(row.employer_id, ""))

    return format_html_join(
        "",
        _ROW,
        (
            (
                f"{head}{row.case_id}{tail}",
                row.employee_name,
                employer(row),
                labels[row.state],
                row.provider or _NONE,
                _OVERDUE if row.late and row.start else "",
                when(row.start),
                _OVERDUE if row.late else "",
                when(row.latest_start),
                late if row.late else "",
                when(row.last_activity),
                _OVERDUE if row.next_report_overdue else "",
                when(row.next_report),
            )
            for row in rows
        ),
    )
