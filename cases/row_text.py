"""What the page rows written in Python share: escaped choice labels and the day format.

Several pages write their repeated rows in Python instead of a template (`*_rows.py` in the
apps, at a fraction of the ~10 µs a template node costs). They look their labels up once per
list and write dates in the project's one format, dd-mm-jjjj (`reintegratie/formats`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from html import escape
from typing import Any


def escaped_labels(choices: Iterable[tuple[Any, Any]]) -> dict[Any, str]:
    """Return each choice's label by value, translated in the active language and escaped."""
    return {value: escape(str(label)) for value, label in choices}


def day_text(value: date | None, empty: str = "") -> str:
    """Return `value` as ``{{ value|date:"d-m-Y" }}`` writes it, or `empty` for no date."""
    return empty if value is None else f"{value:%d-%m-%Y}"
