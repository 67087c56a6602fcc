"""Server-side SVG charts for the PDF report (no JavaScript in WeasyPrint).

Readable without colour: lines differ by dash pattern and marker shape, bars carry their value
as text, and every chart sits above its table in the report.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils.formats import number_format

Number = Decimal | int | float | None


def _max(values: Sequence[Number]) -> float:
    present = [float(v) for v in values if v is not None]
    return max([*present, 0.0]) or 1.0


def line_chart(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[Number]]],
    *,
    title: str,
    width: int = 700,
    height: int = 240,
) -> str:
    """Return an SVG line chart; each series on its own scale (0 to its maximum)."""
    left, right, top, bottom = 40, 40, 30, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / max(len(labels) - 1, 1)
    dashes = ["", "6 4", "2 3"]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        'stroke="#555"/>',
    ]
    for i, label in enumerate(labels):
        x = left + i * step
        parts.append(
            f'<text x="{x:.1f}" y="{top + plot_h + 16}" font-size="9" text-anchor="middle">'
            f"{escape(label)}</text>"
        )
    for index, (name, values) in enumerate(series):
        peak = _max(values)
        points = [
            (left + i * step, top + plot_h - float(v) / peak * plot_h)
            for i, v in enumerate(values)
            if v is not None
        ]
        dash = dashes[index % len(dashes)]
        if points:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="#0b5394" stroke-width="2"'
                + (f' stroke-dasharray="{dash}"' if dash else "")
                + "/>"
            )
        for x, y in points:
            if index % 2:
                parts.append(
                    f'<rect x="{x - 3:.1f}" y="{y - 3:.1f}" width="6" height="6" fill="#0b5394"/>'
                )
            else:
                parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#0b5394"/>')
        legend_x = left + index * 260
        marker = "■" if index % 2 else "●"
        parts.append(
            f'<line x1="{legend_x}" y1="12" x2="{legend_x + 24}" y2="12" stroke="#0b5394" '
            'stroke-width="2"' + (f' stroke-dasharray="{dash}"' if dash else "") + "/>"
            f'<text x="{legend_x + 30}" y="16" font-size="10">{marker} {escape(name)} '
            f"(max {number_format(round(peak, 2))})</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def bar_chart(
    labels: Sequence[str], values: Sequence[Number], *, title: str, width: int = 700
) -> str:
    """Return a horizontal SVG bar chart with each value written next to its bar."""
    bar_h, gap, label_w = 18, 8, 230
    height = len(labels) * (bar_h + gap) + gap
    peak = _max(values)
    plot_w = width - label_w - 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">'
    ]
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = gap + i * (bar_h + gap)
        length = 0 if value is None else float(value) / peak * plot_w
        shown = "—" if value is None else number_format(value)
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 13}" font-size="10" text-anchor="end">'
            f"{escape(label)}</text>"
            f'<rect x="{label_w}" y="{y}" width="{length:.1f}" height="{bar_h}" fill="#0b5394"/>'
            f'<text x="{label_w + length + 4:.1f}" y="{y + 13}" font-size="10">{shown}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
