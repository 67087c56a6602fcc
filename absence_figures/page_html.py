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

from django.conf import settings
from django.forms import Form
from django.forms.renderers import DjangoTemplates
from django.utils import numberformat
from django.utils.formats import get_format, localize
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .analysis import Cell, Table

_OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def _escape(value: object) -> str:
    """Return ``conditional_escape(str(value))`` as a plain string (its caller marks it safe).

    Plain strings, most of what is escaped here, go straight to ``html.escape`` (what
    ``conditional_escape`` calls for them).
    """
    kind = type(value)
    if kind is str:
        return html.escape(value)  # type: ignore[arg-type]
    if kind is int:  # an option's value: digits and a sign need no escaping
        return str(value)
    if isinstance(value, Promise):
        value = str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def _value(value: object) -> str:
    """Return `value` as ``{{ value }}`` writes it: localized, then escaped."""
    if isinstance(value, Promise):  # localize() returns it as it is
        value = str(value)
    if type(value) is str:  # likewise
        return html.escape(value)  # type: ignore[arg-type]
    return _escape(localize(value))


def _cell_writer() -> Callable[[object], str]:
    """Return ``_value`` with the locale's number format looked up once, not per number.

    The same call as ``django.utils.formats.number_format`` (what ``localize`` uses). Without
    a thousand separator (``USE_THOUSAND_SEPARATOR`` off, Django's default) an int is written
    as ``str()`` and a finite Decimal as ``{:f}`` with the locale's decimal separator, as
    ``numberformat.format`` writes them then.
    """
    lang = get_language()
    decimal_sep = get_format("DECIMAL_SEPARATOR", lang, use_l10n=True)
    grouping = get_format("NUMBER_GROUPING", lang, use_l10n=True)
    thousand_sep = get_format("THOUSAND_SEPARATOR", lang, use_l10n=True)
    plain = not (settings.USE_THOUSAND_SEPARATOR and grouping != 0)
    escaped_sep = html.escape(decimal_sep)

    def write(value: object) -> str:
        kind = type(value)
        if kind is str:
            return html.escape(value)  # type: ignore[arg-type]
        if plain and kind is int:
            return str(value)
        if plain and kind is Decimal and value.is_finite():  # type: ignore[union-attr]
            _sign, digits, exponent = value.as_tuple()  # type: ignore[union-attr]
            if abs(exponent) + len(digits) <= 200:  # type: ignore[arg-type]
                return f"{value:f}".replace(".", escaped_sep)
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            number = numberformat.format(
                value, decimal_sep, None, grouping, thousand_sep, use_l10n=True
            )
            return html.escape(number)
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
            attrs = option["attrs"]
            parts.append(
                f'\n  <option value="{_escape(option["value"])}"'
                f"{_attrs(attrs) if attrs else ''}>{_value(option['label'])}</option>\n"
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
    return mark_safe(  # every value is escaped by `cell`
        "".join(
            '\n  <div class="col"><div class="card h-100"><div class="card-body py-2">\n'
            f'    <div class="small text-body-secondary">{cell(row[0])}</div>\n'
            f'    <div class="fs-4 fw-semibold">{"—" if row[1] is None else cell(row[1])}</div>\n'
            "  </div></div></div>\n  "
            for row in table.rows[:5]
        )
    )


def _row(row: list[Cell], hidden: str, cell: Callable[[object], str]) -> str:
    first, *rest = row
    cells = "".join(
        f'<td class="text-end">{hidden if value is None else cell(value)}</td>' for value in rest
    )
    return f'<tr><th scope="row" class="fw-normal">{cell(first)}</th>{cells}</tr>\n  '


def table_html(table: Table, cell: Callable[[object], str] | None = None) -> SafeString:
    """Return one table of the view with its caption and note (formerly ``_table.html``).

    `cell` writes a cell (a ``_cell_writer()``, made once for several tables).
    """
    first, *rest = table.headers
    headers = f'<th scope="col">{_value(first)}</th>' + "".join(
        f'<th scope="col" class="text-end">{_value(header)}</th>' for header in rest
    )
    note = _value(table.note) if table.note else ""
    if table.rows:
        hidden = f'<span aria-label="{_escape(_("niet getoond"))}">—</span>'
        write = cell or _cell_writer()
        rows = "".join(_row(row, hidden, write) for row in table.rows)
    else:
        empty = note or _escape(_("Geen gegevens."))
        rows = (
            f'<tr><td colspan="{len(table.headers)}" class="text-body-secondary">{empty}</td>'
            "</tr>\n  "
        )
    shown_note = f'<p class="small text-body-secondary">{note}</p>' if note and table.rows else ""
    return mark_safe(  # every value above is escaped
        '<div class="table-responsive">\n'
        f'<table class="table table-sm table-striped align-middle mb-1" '
        f'id="table-{_value(table.key)}">\n'
        f'  <caption class="caption-top">{_value(table.title)}</caption>\n'
        f"  <thead><tr>{headers}</tr></thead>\n"
        f"  <tbody>\n  {rows}\n  </tbody>\n</table>\n{shown_note}\n</div>\n"
    )


def chart_sections(tables: Iterable[Table]) -> SafeString:
    """Return a section per table: its heading, its chart's canvas and the table beneath."""
    cell = _cell_writer()
    parts = []
    for table in tables:
        key, title = _escape(table.key), _escape(table.title)
        canvas = (
            f'<div class="chart-box mb-2"><canvas id="chart-{key}" role="img" '
            f'aria-label="{title}" aria-describedby="table-{key}"></canvas></div>'
            if table.rows
            else ""
        )
        parts.append(
            f'\n<section class="mb-4" aria-labelledby="heading-{key}">\n'
            f'  <h2 class="h5" id="heading-{key}">{title}</h2>\n'
            f"  {canvas}\n  {table_html(table, cell)}\n</section>\n"
        )
    return mark_safe("".join(parts))  # every value above is escaped
