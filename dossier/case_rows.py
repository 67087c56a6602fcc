"""The lists of the dossier section of the case page (statements, talks, evaluations…),
written in Python.

Not a template: a long-running case holds dozens of records (the demo's week-92 case has
fourteen progress talks alone), each a handful of template nodes, and a template node costs
~10 µs to render; these functions write the same HTML (escaped the same way) for a fraction of
it. Each returns the items of one list as the template's loop wrote them (whitespace included);
`dossier/_case_dossier.html` puts them in place and keeps the text of an empty list. The
labels of a list's choices and its detail URL are looked up once per list, not per record
(:func:`accounts.url_builders.pk_url`); dates are formatted as the `date` filter formats them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from html import escape
from typing import Any

from django.db.models import Model
from django.utils import dateformat
from django.utils.formats import get_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from accounts.url_builders import pk_url
from cases.row_text import escaped_labels

from .models import Document, Evaluation, ExpertOpinionRequest, PhysicianStatement


def _date_formatter() -> Callable[[date | None], str]:
    """Return `{{ value|date }}` as a function: the format read once per list, and the
    project's "d-m-Y" (`reintegratie/formats`) written by `strftime`, for a tenth of what
    Django's `dateformat` costs (~8 µs a date)."""
    fmt = get_format("DATE_FORMAT")
    if fmt == "d-m-Y":
        return lambda value: "" if value is None else value.strftime("%d-%m-%Y")
    return lambda value: "" if value is None else escape(dateformat.format(value, fmt))


def _labels(model: type[Model], field: str) -> Callable[[str], str]:
    """Return what `get_<field>_display` returns for a value (escaped), labels read once."""
    choices = model._meta.get_field(field).flatchoices
    labels = escaped_labels(choices)
    return lambda value: labels[value] if value in labels else escape(str(value))


def statement_items(statements: Sequence[PhysicianStatement]) -> SafeString:
    """Return the `<li>` of each statement: its kind and date (linked) and its advice (30
    words)."""
    when = _date_formatter()
    url = pk_url("dossier:statement_detail")
    kind = _labels(PhysicianStatement, "kind")
    advice = escape(_("Advies"))
    return mark_safe(
        "".join(
            f'\n    <li class="list-group-item"><a href="{url(s.pk)}">{kind(s.kind)} — '
            f"{when(s.statement_date)}</a>\n"
            f'      <div class="small text-body-secondary">{advice}: '
            f"{escape(Truncator(s.advice).words(30, truncate=' …'))}</div></li>\n    "
            for s in statements
        )
    )


def capacity_links(capacities: Sequence[Any]) -> SafeString:
    """Return the link of each belastbaarheid (FML) record, with its date."""
    when = _date_formatter()
    url = pk_url("dossier:capacity_detail")
    label = escape(_("Belastbaarheid (FML)"))
    return mark_safe(
        "".join(
            f'<div><a href="{url(c.pk)}">{label} {when(c.assessed_on)}</a></div>'
            for c in capacities
        )
    )


def earlier_version_links(versions: Sequence[Any]) -> SafeString:
    """Return the links to the versions of the plan van aanpak but the first (the current)."""
    url = pk_url("dossier:plan_version_detail")
    return mark_safe("".join(f'<a href="{url(v.pk)}">v{v.number}</a> ' for v in versions[1:]))


def talk_items(talks: Sequence[Any]) -> SafeString:
    """Return the `<li>` of each progress talk: its date (linked) and the next one's."""
    when = _date_formatter()
    url = pk_url("dossier:talk_detail")
    next_talk = escape(_("volgend gesprek"))
    return mark_safe(
        "".join(
            f'<li><a href="{url(t.pk)}">{when(t.held_on)}</a>'
            + (f" — {next_talk} {when(t.next_talk_on)}" if t.next_talk_on else "")
            + "</li>"
            for t in talks
        )
    )


def evaluation_items(evaluations: Sequence[Evaluation]) -> SafeString:
    """Return the `<li>` of each evaluation: its kind and date, linked."""
    when = _date_formatter()
    url = pk_url("dossier:evaluation_detail")
    kind = _labels(Evaluation, "kind")
    return mark_safe(
        "".join(
            f'<li><a href="{url(e.pk)}">{kind(e.kind)} — {when(e.held_on)}</a></li>'
            for e in evaluations
        )
    )


def expert_opinion_items(requests: Sequence[ExpertOpinionRequest]) -> SafeString:
    """Return the `<li>` of each request for a deskundigenoordeel: subject, date, answered."""
    when = _date_formatter()
    url = pk_url("dossier:expert_opinion_detail")
    subject = _labels(ExpertOpinionRequest, "subject")
    answered = f' <span class="badge text-bg-success">{escape(_("beantwoord"))}</span>'
    running = f' <span class="badge text-bg-secondary">{escape(_("loopt"))}</span>'
    return mark_safe(
        "".join(
            f'<li><a href="{url(x.pk)}">{subject(x.subject)} — {when(x.requested_on)}</a>'
            f"{answered if x.is_answered else running}</li>"
            for x in requests
        )
    )


def document_items(documents: Sequence[Document]) -> SafeString:
    """Return the `<li>` of each document: its title (linked), medical or withdrawn."""
    url = pk_url("dossier:document_detail")
    medical = f' <span class="badge text-bg-danger">{escape(_("medisch"))}</span>'
    withdrawn = f' <span class="badge text-bg-secondary">{escape(_("ingetrokken"))}</span>'
    return mark_safe(
        "".join(
            f'<li><a href="{url(d.pk)}">{escape(d.title)}</a>'
            f"{medical if d.is_medical else ''}{withdrawn if d.is_withdrawn else ''}</li>"
            for d in documents
        )
    )
