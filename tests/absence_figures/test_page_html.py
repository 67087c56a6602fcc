"""The Analyse page's HTML written in Python equals what its templates wrote, byte for byte."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.forms.renderers import DjangoTemplates
from django.template import engines
from django.utils import translation
from django.utils.translation import gettext_lazy

from absence_figures.analysis import Table
from absence_figures.forms import AnalysisFilterForm
from absence_figures.page_html import (
    WidgetRenderer,
    _cell_writer,
    chart_sections,
    figure_cards,
    filter_fields,
    table_html,
)
from tests.factories import DepartmentFactory, EmployerFactory

#: The templates these functions replace, as they were (the reference of the comparison).
TABLE_TEMPLATE = """{% load i18n %}<div class="table-responsive">
<table class="table table-sm table-striped align-middle mb-1" id="table-{{ table.key }}">
  <caption class="caption-top">{{ table.title }}</caption>
  <thead><tr>{% for header in table.headers %}<th scope="col"{% if not forloop.first %} class="text-end"{% endif %}>{{ header }}</th>{% endfor %}</tr></thead>
  <tbody>
  {% for row in table.rows %}<tr>{% for cell in row %}{% if forloop.first %}<th scope="row" class="fw-normal">{{ cell }}</th>{% else %}<td class="text-end">{% if cell is None %}<span aria-label="{% translate 'niet getoond' %}">—</span>{% else %}{{ cell }}{% endif %}</td>{% endif %}{% endfor %}</tr>
  {% empty %}<tr><td colspan="{{ table.headers|length }}" class="text-body-secondary">{{ table.note|default:_("Geen gegevens.") }}</td></tr>
  {% endfor %}
  </tbody>
</table>
{% if table.note and table.rows %}<p class="small text-body-secondary">{{ table.note }}</p>{% endif %}
</div>
"""  # noqa: E501
SECTIONS_TEMPLATE = """{% for table in tables %}
<section class="mb-4" aria-labelledby="heading-{{ table.key }}">
  <h2 class="h5" id="heading-{{ table.key }}">{{ table.title }}</h2>
  {% if table.rows %}<div class="chart-box mb-2"><canvas id="chart-{{ table.key }}" role="img" aria-label="{{ table.title }}" aria-describedby="table-{{ table.key }}"></canvas></div>{% endif %}
  {% include table_template %}
</section>
{% endfor %}"""  # noqa: E501
CARDS_TEMPLATE = """{% for row in table.rows|slice:":5" %}
  <div class="col"><div class="card h-100"><div class="card-body py-2">
    <div class="small text-body-secondary">{{ row.0 }}</div>
    <div class="fs-4 fw-semibold">{{ row.1|default_if_none:"—" }}</div>
  </div></div></div>
  {% endfor %}"""

FIELDS_TEMPLATE = """{% for field in form.visible_fields %}
  <div class="col-sm-6 col-md-auto">
    <label class="form-label small" for="{{ field.id_for_label }}">{{ field.label }}</label>
    {{ field }}
    {% for error in field.errors %}<div class="invalid-feedback d-block">{{ error }}</div>{% endfor %}
  </div>
  {% endfor %}
  {% for field in form.hidden_fields %}{{ field }}{% endfor %}"""  # noqa: E501

TABLES = [
    Table(
        "figures",
        "Kerncijfers <b> & 'co'",
        ["Kengetal", "Waarde"],
        [
            ["a<b", Decimal("1234.50")],
            ["leeg", None],
            ["aantal", 7],
            ["nul", 0],
            ["klein", Decimal("0.1")],
            ["zesde", 3],
        ],
        'noot & "quote"',
    ),
    Table("trend", "Verloop", ["Maand", "P", "F"], [["Mrt 2026", None, Decimal("1.00")]], "n"),
    Table("classes", "Klassen", ["a", "b", "c"], [], "minder dan 5 medewerkers: niet getoond"),
    Table("departments", "Afdelingen", ["a", "b"], [], ""),
    Table("bands", 'Fase "x"', ["a", "b", "c"], [["0-6", "Ziek'melding", 0]], ""),
]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_tables_cards_and_sections_equal_the_templates(language):
    engine = engines["django"]
    table_template = engine.from_string(TABLE_TEMPLATE)
    with translation.override(language):
        for table in TABLES:
            assert table_html(table) == table_template.render({"table": table})
        sections = engine.from_string(SECTIONS_TEMPLATE).render(
            {"tables": TABLES[1:], "table_template": table_template}
        )
        assert chart_sections(TABLES[1:]) == sections
        cards = engine.from_string(CARDS_TEMPLATE).render({"table": TABLES[0]})
        assert figure_cards(TABLES[0]) == cards


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {},
        {"period": "range", "start": "2026-03-10", "end": "2026-03-01", "classes": "vernet"},
        {"period": "quarter", "year": "abc", "month": "13", "department": "0"},
    ],
)
@pytest.mark.parametrize("employers", [1, 2])
def test_filter_widgets_equal_djangos_widget_templates(data, employers):
    chosen = [EmployerFactory(name=f"Werkgever <{n}> & co") for n in range(employers)]
    for employer in chosen:
        DepartmentFactory(employer=employer, name='Afdeling "A"')
        DepartmentFactory(employer=employer, name="Kantoor")
    ours = AnalysisFilterForm(data, employers=chosen, show_scope=True, today=date(2026, 4, 15))
    django = AnalysisFilterForm(
        data,
        employers=chosen,
        show_scope=True,
        today=date(2026, 4, 15),
        renderer=DjangoTemplates(),
    )
    assert isinstance(ours.renderer, WidgetRenderer)
    ours.is_valid(), django.is_valid()
    assert [str(field) for field in ours] == [str(field) for field in django]
    fields = engines["django"].from_string(FIELDS_TEMPLATE).render({"form": django})
    assert filter_fields(ours) == fields


NUMBERS = [
    0, 7, -12, 1234567, True, False, 1.5, -0.25, 1e-20, 1e30,
    Decimal("0"), Decimal("-0.0"), Decimal("1234.50"), Decimal("0.1"), Decimal("-3.75"),
    Decimal("1E+3"), Decimal("1E-7"), Decimal("1E+250"), Decimal("NaN"), Decimal("Infinity"),
    Decimal("-Infinity"), "tekst & <b>", gettext_lazy("niet getoond"), None, date(2026, 3, 1),
]  # fmt: skip


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("thousands", [False, True])
def test_cell_writer_writes_numbers_as_a_template_variable_does(language, thousands, settings):
    settings.USE_THOUSAND_SEPARATOR = thousands
    variable = engines["django"].from_string("{{ value }}")
    with translation.override(language):
        write = _cell_writer()
        for value in NUMBERS:
            assert write(value) == variable.render({"value": value}), value
