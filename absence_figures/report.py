"""The management report as PDF (WeasyPrint), charts drawn server-side as SVG.

The HTML carries its own stylesheet and inline SVG, so the renderer needs no URL at all:
`absence_figures.pdf_render.NoFetch` refuses every URL (no network, no file system).
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .analysis import Analysis
from .svg import bar_chart, line_chart


def report_charts(analysis: Analysis) -> dict[str, str]:
    """Return the SVG charts of the report, keyed like the tables they belong to."""
    tables = {t.key: t for t in analysis.tables}
    charts = {
        "trend": line_chart(
            [row[0] for row in tables["trend"].rows],
            [
                (_("Verzuimpercentage (%)"), [row[1] for row in tables["trend"].rows]),
                (_("Meldingsfrequentie (per jaar)"), [row[2] for row in tables["trend"].rows]),
            ],
            title=tables["trend"].title,
        )
    }
    for key, column in (("classes", 1), ("departments", 1), ("bands", 2)):
        rows = tables[key].rows
        if rows:
            label_column = 1 if key == "bands" else 0
            charts[key] = bar_chart(
                [
                    f"{row[0]} {row[1]}" if key == "bands" else str(row[label_column])
                    for row in rows
                ],
                [row[column] for row in rows],
                title=tables[key].title,
            )
    return {key: mark_safe(svg) for key, svg in charts.items()}  # built from escaped parts


def analysis_pdf(analysis: Analysis) -> bytes:
    """Return the management report of `analysis` as PDF bytes."""
    charts = report_charts(analysis)
    html = render_to_string(
        "absence_figures/report.html",
        {
            "analysis": analysis,
            "sections": [(table, charts.get(table.key)) for table in analysis.tables],
            "generated_at": timezone.localtime(),
        },
    )
    from .pdf_render import html_to_pdf  # WeasyPrint: imported on the first report

    return html_to_pdf(html)
