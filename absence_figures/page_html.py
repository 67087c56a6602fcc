"""The repetitive HTML of the Analyse page, written in Python rather than in template tags.

Each rendered template node costs about 10 µs. The figure cards, the chart sections with the
table beneath each chart, and the filter form (Django renders every ``<option>`` through two
included templates) were several hundred nodes on every request and most of the page's time.
These functions write the same HTML, byte for byte, as the templates they replace
(``_table.html``, the loops of ``analysis.html`` and Django's widget templates); every value
is escaped as ``conditional_escape`` does and localized as a template variable is
(``{{ value }}``).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.forms import Form
from django.forms.renderers import DjangoTemplates
from django.utils import numberformat
from django.utils.formats import get_format, localize
from django.utils.functional import Promise
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .analysis import Cell, Table

_OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def _escape(value: object) -> SafeString:
    """Return ``conditional_escape(str(value))`` without its lazy-argument wrapper."""
    if isinstance(value, Promise):
        value = str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return SafeString(html.escape(str(value)))


def _value(value: object) -> SafeString:
    """Return `value` as ``{{ value }}`` writes it: localized, then escaped."""
    return _escape(localize(value))


def _cell_writer() -> Callable[[object], SafeString]:
    """Return ``_value`` with the locale's number format looked up once, not per number.

    The same call as ``django.utils.formats.number_format`` (what ``localize`` uses).
    """
    lang = get_language()
    decimal_sep = get_format("DECIMAL_SEPARATOR", lang, use_l10n=True)
    grouping = get_format("NUMBER_GROUPING", lang, use_l10n=True)
    thousand_sep = get_format("THOUSAND_SEPARATOR", lang, use_l10n=True)

    def write(value: object) -> SafeString:
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            number = numberformat.format(
                value, decimal_sep, None, grouping, thousand_sep, use_l10n=True
            )
            return SafeString(html.escape(number))
        return _value(value)

    return write


def _attrs(attrs: Mapping[str, Any]) -> str:
    """Return the attributes as django/forms/widgets/attrs.html writes them."""
    return "".join(
        f" {_escape(name)}" + ("" if value is True else f'="{_escape(value)}"')
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: Mapping[str, Any]) -> str:
    value = widget["value"]
    shown = "" if value is None else f' value="{_escape(value)}"'
    return (
        f'<input type="{_value(widget["type"])}" name="{_value(widget["name"])}"'
        f"{shown}{_attrs(widget['attrs'])}>"
    )


def _select(widget: Mapping[str, Any]) -> str | None:
    parts = [f'<select name="{_value(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_value(group_name)}">')
        for option in options:
            if option["template_name"] != _OPTION_TEMPLATE:
                return None
            parts.append(
                f'\n  <option value="{_escape(option["value"])}"'
                f"{_attrs(option['attrs'])}>{_value(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


_WIDGETS: dict[str, Callable[[Mapping[str, Any]], str | None]] = {
    "django/forms/widgets/select.html": _select,
    "django/forms/widgets/input.html": _input,
    "django/forms/widgets/text.html": _input,
    "django/forms/widgets/number.html": _input,
    "django/forms/widgets/date.html": _input,
    "django/forms/widgets/hidden.html": _input,
}


class WidgetRenderer(DjangoTemplates):
    """Django's form renderer, with the filter form's inputs and selects written in Python."""

    def render(self, template_name: str, context: dict, request: object = None) -> str:
        write = _WIDGETS.get(template_name)
        html = write(context["widget"]) if write else None
        if html is None:
            return super().render(template_name, context, request)
        return html


def filter_fields(form: Form) -> SafeString:
    """Return the filter form's fields: label, input and errors of each, then the hidden ones."""
    visible = "".join(
        '\n  <div class="col-sm-6 col-md-auto">\n'
        f'    <label class="form-label small" for="{_escape(field.id_for_label)}">'
        f"{_escape(field.label)}</label>\n"
        f"    {_escape(str(field))}\n"
        "    "
        + "".join(
            f'<div class="invalid-feedback d-block">{_escape(error)}</div>'
            for error in field.errors
        )
        + "\n  </div>\n  "
        for field in form.visible_fields()
    )
    hidden = "".join(_escape(str(field)) for field in form.hidden_fields())
    return mark_safe(f"{visible}\n  {hidden}")  # every value above is escaped


def figure_cards(table: Table) -> SafeString:
    """Return the cards of the first five key figures (the loop of analysis.html)."""
    cell = _cell_writer()
    return format_html_join(
        "",
        '\n  <div class="col"><div class="card h-100"><div class="card-body py-2">\n'
        '    <div class="small text-body-secondary">{}</div>\n'
        '    <div class="fs-4 fw-semibold">{}</div>\n'
        "  </div></div></div>\n  ",
        ((cell(row[0]), "—" if row[1] is None else cell(row[1])) for row in table.rows[:5]),
    )


def _row(row: list[Cell], hidden: str, cell: Callable[[object], str]) -> str:
    first, *rest = row
    cells = "".join(
        f'<td class="text-end">{hidden if value is None else cell(value)}</td>' for value in rest
    )
    return f'<tr><th scope="row" class="fw-normal">{cell(first)}</th>{cells}</tr>\n  '


def table_html(table: Table) -> SafeString:
    """Return one table of the view with its caption and note (formerly ``_table.html``)."""
    first, *rest = table.headers
    headers = f'<th scope="col">{_value(first)}</th>' + "".join(
        f'<th scope="col" class="text-end">{_value(header)}</th>' for header in rest
    )
    if table.rows:
        hidden = format_html('<span aria-label="{}">—</span>', _("niet getoond"))
        cell = _cell_writer()
        rows = "".join(_row(row, hidden, cell) for row in table.rows)
    else:
        rows = format_html(
            '<tr><td colspan="{}" class="text-body-secondary">{}</td></tr>\n  ',
            len(table.headers),
            table.note or _("Geen gegevens."),
        )
    note = (
        format_html('<p class="small text-body-secondary">{}</p>', table.note)
        if table.note and table.rows
        else ""
    )
    return mark_safe(  # every value above is escaped
        '<div class="table-responsive">\n'
        f'<table class="table table-sm table-striped align-middle mb-1" '
        f'id="table-{_value(table.key)}">\n'
        f'  <caption class="caption-top">{_value(table.title)}</caption>\n'
        f"  <thead><tr>{headers}</tr></thead>\n"
        f"  <tbody>\n  {rows}\n  </tbody>\n</table>\n{note}\n</div>\n"
    )


def chart_sections(tables: Iterable[Table]) -> SafeString:
    """Return a section per table: its heading, its chart's canvas and the table beneath."""
    parts = []
    for table in tables:
        canvas = (
            format_html(
                '<div class="chart-box mb-2"><canvas id="chart-{}" role="img" aria-label="{}" '
                'aria-describedby="table-{}"></canvas></div>',
                table.key,
                table.title,
                table.key,
            )
            if table.rows
            else ""
        )
        parts.append(
            format_html(
                '\n<section class="mb-4" aria-labelledby="heading-{}">\n'
                '  <h2 class="h5" id="heading-{}">{}</h2>\n'
                "  {}\n  {}\n</section>\n",
                table.key,
                table.key,
                table.title,
                canvas,
                table_html(table),
            )
        )
    return mark_safe("".join(parts))  # joined from format_html
