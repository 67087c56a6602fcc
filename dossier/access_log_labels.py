"""Readable descriptions of the records in the access log ("Probleemanalyse van 31-03-2025").

The log stores each record's type and id; its description is made when the log is shown, in the
reader's language, from the record itself (so old entries read well too). A description never
carries a title or text that could tell what a medical record is about: HR reads the log as
well. The dossier registers its record types here; the tweede spoor registers its own in its
`AppConfig.ready()`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import (
    AccessLog,
    ActionPlanVersion,
    Document,
    DocumentVersion,
    EmployeeOpinion,
    Evaluation,
    ExpertOpinionRequest,
    MedicalNote,
    PhysicianStatement,
    ProgressTalk,
    Signature,
    WorkCapacityAssessment,
)


@dataclass(frozen=True)
class RecordType:
    """How one record type of the log is loaded and described."""

    model: type[models.Model]
    noun: Any  # lazy text, shown when the record cannot be loaded
    describe: Callable[[Any], str] = str
    related: tuple[str, ...] = ()


_TYPES: dict[str, RecordType] = {}


def access_log_type_register(
    record_type: str,
    model: type[models.Model],
    *,
    noun: Any,
    describe: Callable[[Any], str] = str,
    related: tuple[str, ...] = (),
) -> None:
    """Describe the log's `record_type` rows with `describe(record)` (default: `str(record)`)."""
    _TYPES[record_type] = RecordType(model=model, noun=noun, describe=describe, related=related)


def dated(what: object, day: date | datetime | None) -> str:
    """Return "<what> van <dd-mm-jjjj>" (or just `what` without a day)."""
    if day is None:
        return str(what)
    if isinstance(day, datetime):
        day = timezone.localdate(day)
    return _("%(what)s van %(date)s") % {"what": what, "date": date_format(day)}


def access_log_describe(entries: Iterable[AccessLog]) -> list[AccessLog]:
    """Return `entries` with a readable `description` each: one query per record type shown."""
    entries = list(entries)
    wanted: dict[str, set[int]] = defaultdict(set)
    for entry in entries:
        if entry.record_id is not None and entry.record_type in _TYPES:
            wanted[entry.record_type].add(entry.record_id)
    found: dict[tuple[str, int], str] = {}
    for record_type, ids in wanted.items():
        kind = _TYPES[record_type]
        records = kind.model._base_manager.filter(pk__in=ids)
        if kind.related:
            records = records.select_related(*kind.related)
        for record in records:
            found[(record_type, record.pk)] = kind.describe(record)
    for entry in entries:
        described = found.get((entry.record_type, entry.record_id))
        if described is None:
            kind = _TYPES.get(entry.record_type)
            described = str(kind.noun) if kind else entry.record_label.split(" #")[0]
        entry.description = described
    return entries


def _document(document: Document) -> str:
    if document.is_medical:
        return dated(_("Medisch document"), document.created_at)
    return _("Document ‘%(title)s’") % {"title": document.title}


def _register_dossier_types() -> None:
    register = access_log_type_register
    register(
        "statement",
        PhysicianStatement,
        noun=gettext_lazy("Oordeel bedrijfsarts"),
        describe=lambda s: dated(s.get_kind_display(), s.statement_date),
    )
    register(
        "medical_note",
        MedicalNote,
        noun=gettext_lazy("Medisch deel"),
        describe=lambda n: (
            _("Medisch deel bij %(statement)s")
            % {"statement": dated(n.statement.get_kind_display(), n.statement.statement_date)}
        ),
        related=("statement",),
    )
    register(
        "capacity",
        WorkCapacityAssessment,
        noun=gettext_lazy("Belastbaarheid (FML)"),
        describe=lambda c: dated(_("Belastbaarheid (FML)"), c.assessed_on),
    )
    register("plan_version", ActionPlanVersion, noun=gettext_lazy("Plan van aanpak"))
    register(
        "talk",
        ProgressTalk,
        noun=gettext_lazy("Voortgangsgesprek"),
        describe=lambda t: dated(_("Voortgangsgesprek"), t.held_on),
    )
    register(
        "evaluation",
        Evaluation,
        noun=gettext_lazy("Evaluatie"),
        describe=lambda e: dated(e.get_kind_display(), e.held_on),
    )
    register("opinion", EmployeeOpinion, noun=gettext_lazy("Oordeel van de werknemer"))
    register("document", Document, noun=gettext_lazy("Document"), describe=_document)
    register(
        "document_version",
        DocumentVersion,
        noun=gettext_lazy("Document"),
        describe=lambda v: (
            _("%(document)s, versie %(n)s") % {"document": _document(v.document), "n": v.number}
        ),
        related=("document",),
    )
    register(
        "signature",
        Signature,
        noun=gettext_lazy("Ondertekening"),
        describe=lambda s: dated(
            _("Ondertekening door %(party)s") % {"party": s.get_party_display().lower()},
            s.signed_on,
        ),
    )
    register(
        "expert_opinion",
        ExpertOpinionRequest,
        noun=gettext_lazy("Deskundigenoordeel"),
        describe=lambda r: dated(_("Deskundigenoordeel UWV"), r.requested_on),
    )


_register_dossier_types()
