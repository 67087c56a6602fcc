"""`pk_url`: one reverse per process, the same URLs as reverse() per row."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.url_builders import pk_url


@pytest.mark.parametrize("name", ["cases:detail", "cases:team", "dossier:plan_create"])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_pk_url_gives_what_reverse_gives(name, language):
    with translation.override(language):
        url = pk_url(name)
        assert [url(pk) for pk in (1, 42, 10_000)] == [
            reverse(name, args=[pk]) for pk in (1, 42, 10_000)
        ]


def test_the_pk_url_tag_writes_what_the_url_tag_writes():
    from django.template import engines

    engine = engines["django"]
    ours = engine.from_string("{% load layout_tags %}{% pk_url 'cases:team' pk %}")
    django = engine.from_string("{% url 'cases:team' pk %}")
    for pk in (1, 42):
        assert (
            ours.render({"pk": pk}) == django.render({"pk": pk}) == reverse("cases:team", args=[pk])
        )
