"""Which record of the dossier a new document can belong to, as readable choices."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils.translation import gettext as _

from ..access_log_labels import dated
from ..models import Document
from .records import evaluation_list, plan_version_list, statement_list, talk_list

if TYPE_CHECKING:
    from accounts.models import User
    from cases.models import Case

Kind = Document.RecordKind
#: (record kind, permission to read them, selector, label of one record)
_SOURCES: list[tuple[str, str, Callable[..., models.QuerySet[Any]], Callable[[Any], str]]] = [
    (
        Kind.STATEMENT,
        "dossier.view_work_advice",
        statement_list,
        lambda s: dated(s.get_kind_display(), s.statement_date),
    ),
    (Kind.PLAN_VERSION, "dossier.view_action_plan", plan_version_list, str),
    (
        Kind.TALK,
        "dossier.view_talks",
        talk_list,
        lambda t: dated(_("Voortgangsgesprek"), t.held_on),
    ),
    (
        Kind.EVALUATION,
        "dossier.view_evaluations",
        evaluation_list,
        lambda e: dated(e.get_kind_display(), e.held_on),
    ),
]


def document_record_choices(*, user: User, case: Case) -> list[tuple[str, Any]]:
    """Return ("<kind>:<id>", label) choices of the records of `case` that `user` may read,
    grouped per kind, after a first "no record" choice."""
    choices: list[tuple[str, Any]] = [("", Kind.NONE.label)]
    for kind, perm, selector, label in _SOURCES:
        if not user.has_perm(perm, case):
            continue
        records = [(f"{kind}:{r.pk}", label(r)) for r in selector(user=user, case=case)]
        if records:
            choices.append((str(Kind(kind).label), records))
    return choices


def document_record_parse(value: str) -> tuple[str, int | None]:
    """Return (record kind, record id) of a choice made by :func:`document_record_choices`."""
    if not value:
        return "", None
    kind, _sep, pk = value.partition(":")
    return kind, int(pk)
