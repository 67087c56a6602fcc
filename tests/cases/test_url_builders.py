"""`pk_url`: one reverse per page, the same URLs as reverse() per row."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from cases.url_builders import pk_url


@pytest.mark.parametrize("name", ["cases:detail", "cases:team", "dossier:plan_create"])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_pk_url_gives_what_reverse_gives(name, language):
    with translation.override(language):
        url = pk_url(name)
        assert [url(pk) for pk in (1, 42, 10_000)] == [
            reverse(name, args=[pk]) for pk in (1, 42, 10_000)
        ]
