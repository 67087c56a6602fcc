"""URLs of many rows at once: reverse a URL once per process instead of once per link.

`reverse()` resolves the pattern anew on every call (some 20 µs); a list of 25 rows with a link
each spends half a millisecond on it, and the case page has twenty such links. :func:`pk_url`
reverses a URL once with a marker in the place of the id and returns a function that puts each
row's id there. What a reversed URL depends on besides its name and id, the URL configuration
(tests swap it) and the script prefix, is part of the key of that once-per-process memo.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

#: An id no row has, to find where the id goes in a reversed URL.
_MARK = 987654321987

_splits: dict[tuple[str, tuple[str, str]], tuple[str, str]] = {}


def url_setting() -> tuple[str, str]:
    """Return what a reversed URL depends on besides its name: URL configuration and prefix."""
    return (str(get_urlconf() or settings.ROOT_URLCONF), get_script_prefix())


def pk_url(name: str) -> Callable[[int], str]:
    """Return ``lambda pk: reverse(name, args=[pk])``, reversed once per process."""
    key = (name, url_setting())
    if key not in _splits:
        start, end = reverse(name, args=[_MARK]).split(str(_MARK))
        _splits[key] = (start, end)
    start, end = _splits[key]
    return lambda pk: f"{start}{pk}{end}"
