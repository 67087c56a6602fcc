"""Readable names for downloaded files, e.g. "Re-integratieverslag Milan Bos 2026-11-30.pdf".

The name is sent in a Content-Disposition header with both an ASCII fallback (`filename=`) and
the exact UTF-8 name (`filename*=`, RFC 6266 / RFC 5987), so every browser saves a usable name.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from urllib.parse import quote

#: Characters no file system or header accepts in a name.
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')
#: Typographic characters with a plain ASCII look-alike for the fallback name.
_ASCII_LOOKALIKES = str.maketrans({"—": "-", "–": "-", "‘": "'", "’": "'", "“": "", "”": ""})
MAX_STEM = 150


def download_filename(*parts: str, day: date, extension: str) -> str:
    """Return "<part> <part> … <yyyy-mm-dd>.<extension>" without characters a file name refuses."""
    stem = " ".join(_UNSAFE.sub(" ", " ".join([*parts, day.isoformat()])).split())
    if len(stem) > MAX_STEM:  # keep the date, shorten the words before it
        stem = f"{stem[: MAX_STEM - 11].rstrip()} {day.isoformat()}"
    extension = _UNSAFE.sub("", extension).strip(". ")
    return f"{stem}.{extension}" if extension else stem


def ascii_filename(filename: str) -> str:
    """Return `filename` in printable ASCII (accents dropped: "Eén" → "Een")."""
    text = unicodedata.normalize("NFKD", filename.translate(_ASCII_LOOKALIKES))
    text = text.encode("ascii", "ignore").decode()
    text = _UNSAFE.sub(" ", text)
    return " ".join(text.split()) or "download"


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """Return a Content-Disposition value naming `filename` (ASCII fallback + UTF-8 name)."""
    disposition = "inline" if inline else "attachment"
    return (
        f'{disposition}; filename="{ascii_filename(filename)}"; '
        f"filename*=UTF-8''{quote(filename, safe='')}"
    )
