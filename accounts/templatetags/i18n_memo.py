"""Django's ``i18n`` template library with a memo for ``{% translate "constant" %}``.

Every page carries dozens to hundreds of constant ``{% translate %}`` tags (the case page about
150). Django resolves each one anew on every render: a catalog look-up through the active
translation, localisation and escaping, about 15 µs a tag, while the text it gives depends on
nothing but the message, the active language and whether the template autoescapes. This
library is Django's own (`django.templatetags.i18n`, every tag and filter) with only
``translate``/``trans`` replaced by a node that keeps the result of such a constant tag per
language. Tags with a variable, a filter or a ``context`` are left to Django's node.

The settings load it under Django's label (``TEMPLATES[0]["OPTIONS"]["libraries"]``), so the
templates keep ``{% load i18n %}`` and ``makemessages`` finds their strings as before. The
memo is cleared when the settings that change translations do (tests).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.base import Parser, Token, Variable, render_value_in_context
from django.template.context import Context
from django.templatetags import i18n as django_i18n
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()
register.tags.update(django_i18n.register.tags)
register.filters.update(django_i18n.register.filters)

#: (message, noop, language, autoescape) -> the text the tag renders.
_MEMO: dict[tuple[str, bool, str | None, bool], str | SafeString] = {}


@receiver(setting_changed)
def _translations_changed(*, setting: str, **kwargs: Any) -> None:
    if setting in {"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS"}:
        _MEMO.clear()


class MemoTranslateNode(django_i18n.TranslateNode):
    """A ``{% translate %}`` node that renders a constant message once per language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        var = self.filter_expression.var
        self.constant = (
            isinstance(var, Variable)
            and isinstance(var.literal, str)
            and not self.filter_expression.filters
            and self.message_context is None
        )

    def render(self, context: Context) -> str:
        if not self.constant:
            return super().render(context)
        key = (self.filter_expression.var.literal, self.noop, get_language(), context.autoescape)
        value = _MEMO.get(key)
        if value is None:
            # What TranslateNode.render computes, kept for the next render.
            self.filter_expression.var.translate = not self.noop
            value = render_value_in_context(self.filter_expression.resolve(context), context)
            is_safe = isinstance(value, SafeData)
            value = value.replace("%%", "%")
            value = _MEMO[key] = mark_safe(value) if is_safe else value
        if self.asvar:
            context[self.asvar] = value
            return ""
        return value


@register.tag("translate")
@register.tag("trans")
def do_translate(parser: Parser, token: Token) -> MemoTranslateNode:
    """Django's ``{% translate %}`` (same syntax), as a :class:`MemoTranslateNode`."""
    node = django_i18n.do_translate(parser, token)
    return MemoTranslateNode(node.filter_expression, node.noop, node.asvar, node.message_context)
