"""`accounts.templatetags.i18n_memo`: `{% load i18n %}` is Django's library with constant
`{% translate %}` tags kept per language; what they render is what Django's tag renders."""

from __future__ import annotations

import pytest
from django.template import Context, Template, engines
from django.template.backends.django import get_template_tag_modules
from django.templatetags.i18n import TranslateNode
from django.test.utils import override_settings
from django.utils import translation

from accounts.templatetags.i18n_memo import _MEMO, MemoTranslateNode

TAGS = (
    "{% load i18n %}"
    "{% translate 'Verzuimdossiers' %}|{% trans \"Tom & Jerry's 100%% zeker\" %}|"
    "{% translate 'Verzuimdossiers' noop %}|"
    "{% translate 'Verzuimdossiers' as label %}[{{ label }}]|"
    "{% translate message %}|{% translate 'Van' context 'periode' %}|"
    "{% translate 'Verzuimdossiers'|upper %}"
)


def _render(source: str, language: str, **context) -> str:
    with translation.override(language):
        return Template(source).render(Context(context))


def _django_render(source: str, language: str, **context) -> str:
    """The same template with Django's own TranslateNode (the memo switched off)."""
    original = MemoTranslateNode.render
    MemoTranslateNode.render = TranslateNode.render
    try:
        return _render(source, language, **context)
    finally:
        MemoTranslateNode.render = original


def test_no_other_template_library_name_is_used_twice():
    """Django's templates.W003, silenced for the one name used twice on purpose (i18n)."""
    backend = engines["django"]
    libraries: dict[str, set[str]] = {}
    for name, path in [*get_template_tag_modules(), *backend.engine.libraries.items()]:
        libraries.setdefault(name, set()).add(path)
    twice = {name: paths for name, paths in libraries.items() if len(paths) > 1}
    assert twice == {"i18n": {"django.templatetags.i18n", "accounts.templatetags.i18n_memo"}}


def test_the_settings_load_the_memo_library_as_i18n():
    template = engines["django"].from_string("{% load i18n %}{% translate 'Verzuimdossiers' %}")
    nodes = template.template.nodelist.get_nodes_by_type(TranslateNode)
    assert [type(node) for node in nodes] == [MemoTranslateNode]
    assert nodes[0].constant


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("autoescape", [True, False])
def test_every_form_of_the_tag_renders_as_django_s(language, autoescape):
    source = TAGS if autoescape else "{% autoescape off %}" + TAGS + "{% endautoescape %}"
    context = {"message": "Werkgever"}
    want = _django_render(source, language, **context)
    assert _render(source, language, **context) == want  # first render: computed
    assert _render(source, language, **context) == want  # second: from the memo


def test_languages_are_kept_apart():
    source = "{% load i18n %}{% translate 'Verzuimdossiers' %}"
    for _ in range(2):
        assert _render(source, "nl") == "Verzuimdossiers"
        assert _render(source, "en") == "Sickness cases"


def test_variables_filters_and_contexts_are_left_to_django():
    template = engines["django"].from_string(TAGS)
    nodes = template.template.nodelist.get_nodes_by_type(TranslateNode)
    assert [node.constant for node in nodes] == [True, True, True, True, False, False, False]


def test_changing_the_translation_settings_clears_the_memo():
    _render("{% load i18n %}{% translate 'Verzuimdossiers' %}", "en")
    assert _MEMO
    with override_settings(LANGUAGE_CODE="en"):
        assert not _MEMO
