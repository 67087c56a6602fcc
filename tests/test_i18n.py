"""English translation: pages switch to English by the language cookie; the catalogue is complete.

The .po file is read with a tiny parser here (no polib, no gettext tools needed); the compiled
.mo is read with the standard library's `gettext`.
"""

from __future__ import annotations

import ast
import gettext
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

LC_MESSAGES = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PO_FILE = LC_MESSAGES / "django.po"
MO_FILE = LC_MESSAGES / "django.mo"

#: Placeholders and markup that a translation must keep: %(name)s, %s, %%, {name}, <tags>.
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdif]|%[sdif]|%%|\{[A-Za-z_][A-Za-z0-9_]*\}|<[^>]+>")


@pytest.fixture(autouse=True)
def _reset_language():
    """The middleware activates a language for the thread; do not leak English to other tests."""
    yield
    translation.deactivate()


# Pages ----------------------------------------------------------------------------------------


def _english(client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.mark.django_db
def test_login_page_in_english_with_language_cookie(client):
    _english(client)
    response = client.get(reverse("account_login"))
    assert response.status_code == 200
    html = response.content.decode()
    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in html
    assert "Log in to Poortwachter" in html
    assert "Log in with the email address your employer" in html
    assert "Inloggen bij Poortwachter" not in html
    assert "Neem contact op met uw HR-afdeling" not in html


@pytest.mark.django_db
def test_login_page_is_dutch_without_cookie(client):
    response = client.get(reverse("account_login"))
    html = response.content.decode()
    assert response["Content-Language"] == "nl"
    assert '<html lang="nl">' in html
    assert "Inloggen bij Poortwachter" in html
    assert "Log in to Poortwachter" not in html


def test_case_list_in_english_for_hr(world, login):
    client = login(world.hr_a)
    _english(client)
    response = client.get(reverse("cases:list"))
    assert response.status_code == 200
    html = response.content.decode()
    for english in ("Sickness cases", "First day of sickness", "Case manager", "Log out"):
        assert english in html, english
    for dutch in ("Verzuimdossiers", "Eerste ziektedag", "Ziekteweek", "Uitloggen"):
        assert dutch not in html, dutch
    assert escape(world.case_a.employee.last_name) in html  # data is untouched, only labels change


def test_case_list_is_dutch_without_cookie(world, login):
    client = login(world.hr_a)
    html = client.get(reverse("cases:list")).content.decode()
    assert "Verzuimdossiers" in html
    assert "Eerste ziektedag" in html
    assert "Sickness cases" not in html


# The catalogue --------------------------------------------------------------------------------


@dataclass
class Entry:
    """One message of a .po file (obsolete `#~` entries are skipped)."""

    line: int
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)  # index 0 for a singular msgstr
    flags: set[str] = field(default_factory=set)

    def key(self) -> str:
        return self.msgid if self.msgctxt is None else f"{self.msgctxt}\x04{self.msgid}"


def parse_po(path: Path) -> list[Entry]:
    """Parse a .po file into entries: enough of the format for what makemessages writes."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int] | None = None  # which field continuation lines append to
    pending_flags: set[str] = set()
    waiting_for_msgid = False  # after a msgctxt, the msgid belongs to the same entry

    def start(number: int) -> Entry:
        nonlocal pending_flags
        entry = Entry(line=number, flags=pending_flags)
        pending_flags = set()
        entries.append(entry)
        return entry

    def append(entry: Entry, name: str, index: int, text: str) -> None:
        if name == "msgstr":
            entry.msgstr[index] = entry.msgstr.get(index, "") + text
        else:
            setattr(entry, name, (getattr(entry, name) or "") + text)

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line:
            target = None
            continue
        if line.startswith("#,"):
            pending_flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith("#"):  # comments, references, obsolete `#~` entries
            continue
        if line.startswith('"'):
            assert current is not None and target is not None, f"{path}:{number}: stray string"
            append(current, *target, ast.literal_eval(line))
            continue
        keyword, _, rest = line.partition(" ")
        if keyword == "msgctxt" or (keyword == "msgid" and not waiting_for_msgid):
            current = start(number)
        waiting_for_msgid = keyword == "msgctxt"
        match = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
        if match:
            target = ("msgstr", int(match.group(1)))
        elif keyword in ("msgctxt", "msgid", "msgid_plural", "msgstr"):
            target = (keyword, 0)
        else:
            raise AssertionError(f"{path}:{number}: cannot parse {raw!r}")
        assert current is not None, f"{path}:{number}: {keyword} before msgid"
        append(current, *target, ast.literal_eval(rest))
    return entries


def _messages(entries: list[Entry]) -> list[Entry]:
    return [e for e in entries if e.msgid != ""]


def test_po_file_parses_and_has_entries():
    entries = parse_po(PO_FILE)
    header = [e for e in entries if e.msgid == ""]
    assert len(header) == 1
    assert "Language: en" in header[0].msgstr[0]
    assert "nplurals=2" in header[0].msgstr[0]
    assert len(_messages(entries)) > 500


def test_po_file_has_no_untranslated_or_fuzzy_entries():
    entries = parse_po(PO_FILE)
    fuzzy = [f"{e.line}: {e.msgid[:60]}" for e in entries if "fuzzy" in e.flags]
    assert not fuzzy, "fuzzy entries (check the translation, then remove the flag):\n" + "\n".join(
        fuzzy
    )
    untranslated = []
    for e in _messages(entries):
        forms = 2 if e.msgid_plural is not None else 1
        if sorted(e.msgstr) != list(range(forms)) or not all(e.msgstr.values()):
            untranslated.append(f"{e.line}: {e.msgid[:60]}")
    assert not untranslated, "untranslated entries:\n" + "\n".join(untranslated)


def test_translations_keep_placeholders_and_markup():
    wrong = []
    for e in _messages(parse_po(PO_FILE)):
        sources = [e.msgid] if e.msgid_plural is None else [e.msgid, e.msgid_plural]
        for index, translated in e.msgstr.items():
            source = sources[min(index, len(sources) - 1)]
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(translated)):
                wrong.append(f"{e.line}: {source!r} -> {translated!r}")
    assert not wrong, "placeholders differ:\n" + "\n".join(wrong)


def _mo_catalog(path: Path) -> dict[object, str]:
    with path.open("rb") as handle:
        catalog = dict(gettext.GNUTranslations(handle)._catalog)
    catalog.pop("", None)  # the header: dates and tool versions may differ
    return catalog


def _po_catalog(entries: list[Entry]) -> dict[object, str]:
    catalog: dict[object, str] = {}
    for e in _messages(entries):
        if e.msgid_plural is None:
            catalog[e.key()] = e.msgstr[0]
        else:
            for index, text in e.msgstr.items():
                catalog[(e.key(), index)] = text
    return catalog


def test_mo_file_is_compiled_from_the_current_po_file():
    assert MO_FILE.exists(), "run `make messages` (compilemessages) and commit django.mo"
    stale = _po_catalog(parse_po(PO_FILE)).items() ^ _mo_catalog(MO_FILE).items()
    assert not stale, (
        "django.mo differs from django.po; run `make messages` and commit both. First: "
        f"{sorted(map(str, stale))[:5]}"
    )


def test_mo_file_equals_fresh_msgfmt_output(tmp_path):
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU gettext's msgfmt is not installed; the parser-based check above applies")
    fresh = tmp_path / "django.mo"
    subprocess.run(
        [msgfmt, "--check-format", "-o", str(fresh), str(PO_FILE)],
        check=True,
        capture_output=True,
        text=True,
    )
    assert _mo_catalog(fresh) == _mo_catalog(MO_FILE), (
        "django.mo is older than django.po; run `make messages` and commit both"
    )
