"""What the page rows written in Python share: choice labels and the day format.

Several pages write their repeated rows in Python instead of a template (`*_rows.py` in the
apps, at a fraction of the ~10 µs a template node costs). They look their labels up once per
list and write dates in the project's one format, dd-mm-jjjj (`reintegratie/formats`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import date
from html import escape
from typing import Any

from django.core.signals import setting_changed
from django.db.models import Choices
from django.dispatch import receiver
from django.utils.translation import get_language


def escaped_labels(choices: Iterable[tuple[Any, Any]]) -> dict[Any, str]:
    """Return each choice's label by value, translated in the active language and escaped."""
    return {value: escape(str(label)) for value, label in choices}


def choice_labels(choices: type[Choices]) -> dict[Any, str]:
    """Return each label of `choices` by value, translated in the active language.

    Worked out once per language and process: Django's `get_FOO_display` hashes every (lazy)
    label of the field on each call, a translation each (a reminder e-mail asked for about a
    hundred).
    """
    return _labels_in(choices, get_language())


def escaped_choice_labels(choices: type[Choices]) -> dict[Any, str]:
    """Return :func:`choice_labels` escaped for HTML, worked out once per language too."""
    return _escaped_in(choices, get_language())


@functools.cache
def _labels_in(choices: type[Choices], language: str | None) -> dict[Any, str]:
    return {value: str(label) for value, label in choices.choices}


@functools.cache
def _escaped_in(choices: type[Choices], language: str | None) -> dict[Any, str]:
    return {value: escape(label) for value, label in _labels_in(choices, language).items()}


@receiver(setting_changed)
def _translations_changed(*, setting: str, **kwargs: Any) -> None:
    if setting in {"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS"}:
        _labels_in.cache_clear()
        _escaped_in.cache_clear()


def day_text(value: date | None, empty: str = "") -> str:
    """Return `value` as ``{{ value|date:"d-m-Y" }}`` writes it, or `empty` for no date."""
    return empty if value is None else f"{value:%d-%m-%Y}"
