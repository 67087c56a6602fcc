"""Dates in the English interface: the same dd-mm-yyyy as in Dutch (the dates are Dutch ones)."""

from reintegratie.formats.nl.formats import (  # noqa: F401
    DATE_FORMAT,
    DATETIME_FORMAT,
    SHORT_DATE_FORMAT,
    SHORT_DATETIME_FORMAT,
)
