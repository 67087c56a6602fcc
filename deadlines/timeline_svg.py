"""Geometry of the 104-week timeline SVG of a case: pure, no ORM, no templates.

The horizontal axis runs from the eerste ziektedag (week 0) to the end of the wachttijd
(week 104); with samentelling or a vrijwillige verlenging that end lies later than EZD + 728
days, so dates are placed proportionally between the two. The template only draws what this
module returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

__all__ = [
    "STATUS_COLOURS",
    "MarkerInput",
    "SvgMarker",
    "SvgTick",
    "TimelineGeometry",
    "timeline_geometry",
]

WEEKS = 104

#: Marker colour per deadline status (Bootstrap 5 palette; good contrast on white).
STATUS_COLOURS: dict[str, str] = {
    "open": "#0d6efd",
    "overdue": "#dc3545",
    "done": "#198754",
    "not_applicable": "#6c757d",
}


@dataclass(frozen=True)
class MarkerInput:
    """One milestone to draw: its key, Dutch label, due date and status."""

    key: str
    label: str
    due: date | None
    status: str
    status_label: str = ""


@dataclass(frozen=True)
class SvgMarker:
    key: str
    x: float
    y: float
    colour: str
    title: str
    status: str


@dataclass(frozen=True)
class SvgTick:
    x: float
    label: str


@dataclass(frozen=True)
class TimelineGeometry:
    width: int
    height: int
    axis_x0: float
    axis_x1: float
    axis_y: float
    elapsed_width: float
    today_x: float | None
    ticks: tuple[SvgTick, ...]
    markers: tuple[SvgMarker, ...]
    aria_label: str


def _fmt(day: date) -> str:
    return day.strftime("%d-%m-%Y")


def timeline_geometry(
    *,
    first_sick_day: date,
    today: date,
    markers: list[MarkerInput],
    end: date | None = None,
    width: int = 800,
    height: int = 90,
    margin: int = 20,
    tick_weeks: int = 13,
    aria_label: str = "",
) -> TimelineGeometry:
    """Return the SVG geometry of a case's 104 weeks with its milestones.

    ``end`` is the end of the wachttijd (default EZD + 728 days). Milestones without a date are
    left out; dates beyond the axis are clamped to its ends. Markers on (nearly) the same spot
    alternate between two rows so their tooltips stay reachable. A tick with its week number is
    drawn every ``tick_weeks`` weeks (fewer on the narrow variant shown on phones).
    """
    end = end or first_sick_day + timedelta(days=WEEKS * 7 - 1)
    span = max(1, (end - first_sick_day).days + 1)
    x0, x1 = float(margin), float(width - margin)
    axis_y = height / 2

    def x_of(day: date) -> float:
        fraction = (day - first_sick_day).days / span
        return round(x0 + min(1.0, max(0.0, fraction)) * (x1 - x0), 1)

    today_x = x_of(today) if first_sick_day <= today <= end else None
    elapsed = 0.0 if today < first_sick_day else x_of(today) - x0
    ticks = tuple(
        SvgTick(x=round(x0 + week / WEEKS * (x1 - x0), 1), label=f"wk {week}")
        for week in range(0, WEEKS + 1, tick_weeks)
    )
    placed: list[SvgMarker] = []
    for marker in markers:
        if marker.due is None:
            continue
        x = x_of(marker.due)
        crowded = any(abs(p.x - x) < 8 and p.y == axis_y - 12 for p in placed)
        y = axis_y + 12 if crowded else axis_y - 12
        title = f"{marker.label}: {_fmt(marker.due)}"
        if marker.status_label:
            title += f" ({marker.status_label})"
        placed.append(
            SvgMarker(
                key=marker.key,
                x=x,
                y=y,
                colour=STATUS_COLOURS.get(marker.status, STATUS_COLOURS["open"]),
                title=title,
                status=marker.status,
            )
        )
    return TimelineGeometry(
        width=width,
        height=height,
        axis_x0=x0,
        axis_x1=x1,
        axis_y=axis_y,
        elapsed_width=round(max(0.0, elapsed), 1),
        today_x=today_x,
        ticks=ticks,
        markers=tuple(placed),
        aria_label=aria_label,
    )
