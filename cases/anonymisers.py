"""The hook by which every app removes the personal data it holds about a case (AVG).

`cases` sits at the bottom and may not import the apps above it, yet each of them stores texts,
files or names that belong to a case. Each app registers an anonymiser here from its
`AppConfig.ready()`; the `retention` app calls :func:`case_anonymisers_run` inside the
transaction that anonymises the cases. An anonymiser receives the case ids, empties what
identifies a person (names, contact data, free texts, files) in its own rows *and* in their
history events, keeps dates, numbers and choices (the verzuimcijfers still compute), and must be
safe to run twice. It returns the number of rows it wrote.

:func:`text_scrub` is the one way to overwrite free texts: a text that was filled becomes
:data:`ANONYMISED_TEXT`, an empty text stays empty (so constraints like "an answered request
has an outcome" keep holding), and the same happens to the model's pghistory event rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Case as SqlCase
from django.db.models import Value, When

#: Called with the ids of the cases being anonymised; returns the number of rows written.
type CaseAnonymiser = Callable[[Sequence[int]], int]

#: What a filled free text becomes. Not translated: it is stored, not shown as a label.
ANONYMISED_TEXT = "—"

_ANONYMISERS: dict[str, CaseAnonymiser] = {}


def case_anonymiser_register(name: str, anonymiser: CaseAnonymiser) -> None:
    """Register (or replace) the anonymiser `name` (usually the app's label)."""
    _ANONYMISERS[name] = anonymiser


def case_anonymisers_run(case_ids: Sequence[int]) -> dict[str, int]:
    """Run every registered anonymiser on `case_ids`; return the rows written per anonymiser.

    Call it inside a transaction: the caller decides which cases may be anonymised (never an
    open case or one under legal hold).
    """
    ids = list(case_ids)
    if not ids:
        return {}
    return {name: _ANONYMISERS[name](ids) for name in sorted(_ANONYMISERS)}


def history_model(model: type[models.Model]) -> type[models.Model] | None:
    """Return the pghistory event model of `model` (``<Model>Event``), or None if untracked."""
    try:
        return apps.get_model(model._meta.app_label, f"{model.__name__}Event")
    except LookupError:
        return None


def scrubbed(model: type[models.Model], fields: Sequence[str]) -> dict[str, Any]:
    """Return update values that replace filled texts of `fields` by :data:`ANONYMISED_TEXT`.

    A JSON field gets its default back (e.g. an empty list).
    """
    values: dict[str, Any] = {}
    for name in fields:
        field = model._meta.get_field(name)
        if isinstance(field, models.JSONField):
            values[name] = field.get_default()
        else:
            values[name] = SqlCase(
                When(**{name: ""}, then=Value("")),
                default=Value(ANONYMISED_TEXT),
                output_field=field,
            )
    return values


def text_scrub(
    model: type[models.Model],
    fields: Sequence[str],
    *,
    extra: dict[str, Any] | None = None,
    **lookup: Any,
) -> int:
    """Overwrite the free texts `fields` (and `extra` values) of the rows matching `lookup`,
    and of the pghistory events of those rows; return the number of live rows written.

    The lookup must use fields that the event model has too (e.g. ``case_id__in``); for the
    row's own key use ``pk__in``, which is translated to the events' ``pgh_obj_id__in``.
    """
    values = {**scrubbed(model, fields), **(extra or {})}
    changed = model.objects.filter(**lookup).update(**values)
    events = history_model(model)
    if events is not None:
        event_lookup = {
            ("pgh_obj_id__in" if key == "pk__in" else key): value for key, value in lookup.items()
        }
        event_values = {
            key: value
            for key, value in {**scrubbed(events, fields), **(extra or {})}.items()
            if key in {f.name for f in events._meta.concrete_fields}
        }
        events.objects.filter(**event_lookup).update(**event_values)
    return changed
