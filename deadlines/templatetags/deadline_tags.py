"""``{% load deadline_tags %}{% case_deadlines case user %}``: timeline and deadlines of a case;
``{% deadline_rows rows row_texts %}``: the rows of a deadlines table (`deadlines.list_rows`);
``{% fixed_choice_select form.field %}``: a filter's <select> of fixed choices."""

from __future__ import annotations

from typing import Any

from django import template
from django.forms.boundfield import BoundField
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cases.models import AssignmentKind
from cases.templatetags.select_tags import select
from deadlines import case_rows, list_rows, selectors
from deadlines.models import MANUAL_KINDS, DeadlineKind, DeadlineStatus
from deadlines.timeline_svg import MarkerInput, timeline_geometry
from deadlines.timeline_svg_html import timeline_svg_html

register = template.Library()
#: `fixed_choice_select`'s HTML by form, field, id, language and chosen value.
_fixed_selects: dict[tuple[str, str, str, str, str], str] = {}
#: Width (SVG units ≈ CSS pixels) of the timeline drawn on a 390-pixel phone screen.
PHONE_WIDTH = 340


def timeline_markers(deadlines: list[Any]) -> list[MarkerInput]:
    """Return the timeline markers: each deadline, plus the day the tweede spoor started."""
    markers = [
        MarkerInput(
            key=d.kind,
            label=d.get_kind_display(),
            due=d.due_date,
            status=d.status,
            status_label=d.get_status_display(),
        )
        for d in deadlines
    ]
    started = next(
        (
            d.completed_on
            for d in deadlines
            if d.kind == DeadlineKind.SECOND_TRACK_LATEST
            and d.status == DeadlineStatus.DONE
            and not d.completed_manually
        ),
        None,
    )
    if started is not None:
        markers.append(
            MarkerInput(
                key="second_track_started",
                label=_("Start tweede spoor (herplaatsingsopdracht)"),
                due=started,
                status=DeadlineStatus.DONE,
                status_label=DeadlineStatus.DONE.label,
            )
        )
    return markers


@register.simple_tag
def deadline_rows(rows: list[selectors.DeadlineListRow], texts: list_rows.RowTexts) -> str:
    """Return the ``<tr>`` of the deadlines page's `rows` (written in Python: see list_rows)."""
    return list_rows.deadline_rows(rows, texts)


@register.simple_tag
def fixed_choice_select(bound: BoundField) -> str:
    """Return ``{% select bound %}`` for a field whose choices are fixed (a `TextChoices`).

    Its HTML only changes with the language and the chosen value, so it is written once per
    process for each (a few dozen entries); a value that is not a choice is not kept.
    """
    value = bound.value()
    chosen = "" if value is None else str(value)
    if chosen and not bound.field.valid_value(chosen):
        return select(bound)
    key = (type(bound.form).__name__, bound.html_name, bound.auto_id, get_language(), chosen)
    if key not in _fixed_selects:
        _fixed_selects[key] = select(bound)
    return _fixed_selects[key]


@register.inclusion_tag("deadlines/_case_deadlines.html", takes_context=True)
def case_deadlines(context: template.Context, case: Any, user: Any) -> dict[str, Any]:
    """Render the 104-week SVG timeline, the deadline table and (for HR) the UWV-date form.

    The page that uses the tag has already checked that ``user`` may see ``case``.
    """
    csrf_token = context.get("csrf_token")
    return {
        **case_deadlines_context(
            case=case, user=user, request=context.get("request"), csrf_token=str(csrf_token)
        ),
        "csrf_token": csrf_token,
    }


def case_deadlines_context(
    *, case: Any, user: Any, request: Any, csrf_token: str | None = None
) -> dict[str, Any]:
    """Return what `deadlines/_case_deadlines.html` shows of `case` to `user` (`csrf_token`
    for the forms in the rows: by default the request's)."""
    today = timezone.localdate()
    deadlines = selectors.case_deadlines(user=user, case=case)
    end = next((d.due_date for d in deadlines if d.kind == DeadlineKind.WAITING_PERIOD_END), None)
    timeline = {
        "first_sick_day": case.first_sick_day,
        "today": today,
        "end": end,
        "markers": timeline_markers(deadlines),
        "aria_label": _(
            "Tijdlijn van 104 weken vanaf de eerste ziektedag %(ezd)s met %(count)s deadlines"
        )
        % {"ezd": case.first_sick_day.strftime("%d-%m-%Y"), "count": len(deadlines)},
    }
    geometry = timeline_geometry(**timeline)
    # Phones draw a narrower picture (ticks every half year) so its labels stay 11+ px.
    phone_geometry = timeline_geometry(**timeline, width=PHONE_WIDTH, tick_weeks=26)
    can_edit = bool(user.has_perm("cases.change_case", case))
    missing_physician = case.is_open and not any(
        a.active and a.kind == AssignmentKind.OCCUPATIONAL_PHYSICIAN for a in case.assignments.all()
    )
    next_url = request.get_full_path() if request is not None else ""
    if csrf_token is None:
        csrf_token = get_token(request) if request is not None else ""
    return {
        "case": case,
        "deadlines": deadlines,
        "svg": geometry,
        "phone_svg": phone_geometry,
        "svg_html": timeline_svg_html(geometry, "d-none d-sm-block"),
        "phone_svg_html": timeline_svg_html(phone_geometry, "d-sm-none"),
        "can_edit": can_edit,
        "manual_kinds": MANUAL_KINDS,
        "uwv_fields": case_rows.uwv_form_fields(today=today) if can_edit else "",
        "next": next_url,
        "missing_physician": missing_physician,
        "today": today,
        "deadline_rows": case_rows.deadline_rows(
            deadlines,
            can_edit=can_edit,
            manual_kinds=MANUAL_KINDS,
            missing_physician=missing_physician,
            csrf_token=csrf_token,
            next_url=next_url,
            today=today,
        ),
    }
