"""The 104-week timeline of a case as SVG markup, drawn from :mod:`deadlines.timeline_svg`.

Written out in Python rather than in a template: the case page draws it twice (wide and phone)
with a tick and a marker per step, and a template loop spends more on looking up each of those
values than the picture is worth. The numbers are the geometry's own; every text (labels,
titles, classes) is escaped.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .timeline_svg import TimelineGeometry

__all__ = ["timeline_svg_html"]

_STROKE = "#495057"


def timeline_svg_html(svg: TimelineGeometry, css_class: str) -> SafeString:
    """Return the `<svg>` of `svg` (a shaded elapsed part, the axis, week ticks, today's line
    and a circle with a tooltip per milestone), with the extra CSS class `css_class`."""
    axis_y, label = int(svg.axis_y), escape(svg.aria_label)
    ticks = "".join(
        f'<line x1="{t.x}" y1="{axis_y - 4}" x2="{t.x}" y2="{axis_y + 4}" stroke="{_STROKE}">'
        f'</line><text x="{t.x}" y="{svg.height - 4}" font-size="12" text-anchor="middle" '
        f'fill="{_STROKE}">{escape(t.label)}</text>'
        for t in svg.ticks
    )
    today = ""
    if svg.today_x is not None:
        x, word = svg.today_x, escape(_("vandaag"))
        today = (
            f'<line x1="{x}" y1="4" x2="{x}" y2="{svg.height - 16}" stroke="#fd7e14" '
            f'stroke-width="2" stroke-dasharray="4 2"><title>{word}</title></line>'
            f'<text x="{x}" y="12" font-size="12" text-anchor="middle" fill="#b45309">{word}'
            "</text>"
        )
    markers = "".join(
        f'<circle cx="{m.x}" cy="{m.y}" r="5" fill="{escape(m.colour)}" '
        f'data-status="{escape(m.status)}"><title>{escape(m.title)}</title></circle>'
        for m in svg.markers
    )
    # Safe: the numbers are the geometry's own and every text is escaped above.
    return mark_safe(
        f'<svg class="w-100 h-auto {escape(css_class)}" viewBox="0 0 {svg.width} {svg.height}" '
        f'role="img" aria-label="{label}" xmlns="http://www.w3.org/2000/svg">\n'
        f"  <title>{label}</title>\n"
        f'  <rect x="{svg.axis_x0}" y="{axis_y - 6}" width="{svg.elapsed_width}" height="12" '
        'fill="#cfe2ff"></rect>\n'
        f'  <line x1="{svg.axis_x0}" y1="{svg.axis_y}" x2="{svg.axis_x1}" y2="{svg.axis_y}" '
        f'stroke="{_STROKE}" stroke-width="2"></line>\n'
        f"  {ticks}\n  {today}\n  {markers}\n</svg>\n"
    )
