"""Signing the documents UWV wants signed: digitally in the app, or on paper with a scan.

Who may do what:
- the employer's digital signature: HR of the employer, under their own name;
- the employee's digital signature: only the employee, from their own account (for a plan van
  aanpak version this is the agreement itself, `action_plan_version_agree`);
- a paper signature (either party): HR records it with the scan and the date on the paper; the
  employee's paper signature always carries the employee's own name.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.date_validators import validate_dates_not_in_future
from cases.signals import case_facts_changed_send

from ..models import (
    AccessAction,
    ActionPlanVersion,
    Document,
    Evaluation,
    PhysicianStatement,
    Signature,
    SignatureMethod,
    SignatureParty,
)
from ..models.action_plans import VersionStatus
from .audit import access_log_record
from .common import require_perm
from .documents import document_upload, sniff_upload

if TYPE_CHECKING:
    from accounts.models import User
    from cases.models import Case

SignedRecord = PhysicianStatement | ActionPlanVersion | Evaluation

#: A paper signature's scan must be a PDF or an image (not an Office document).
SCAN_TYPES = (
    "application/pdf",
    "image/jpeg",
    "image/png",
    "image/tiff",
    "image/heic",
    "image/webp",
)


def record_case(record: SignedRecord) -> Case:
    """Return the case a signed record belongs to."""
    if isinstance(record, ActionPlanVersion):
        return record.plan.case
    return record.case


def _target(record: SignedRecord) -> dict[str, SignedRecord]:
    if isinstance(record, PhysicianStatement):
        if not record.needs_signatures:
            raise ValidationError(
                _("Alleen de probleemanalyse en bijstellingen worden ondertekend.")
            )
        return {"statement": record}
    if isinstance(record, ActionPlanVersion):
        return {"plan_version": record}
    return {"evaluation": record}


def signatures_of(record: SignedRecord) -> dict[str, Signature]:
    """Return the record's signatures by party ("employer" / "employee")."""
    return {s.party: s for s in Signature.objects.filter(**_target(record))}


def _check_date(record: SignedRecord, signed_on: date) -> None:
    if signed_on < record.document_date:
        raise ValidationError(
            {
                "signed_on": _(
                    "De datum van ondertekening ligt vóór de datum van het document (%(d)s)."
                )
                % {"d": f"{record.document_date:%d-%m-%Y}"}
            }
        )
    validate_dates_not_in_future({"signed_on": (signed_on, _("De datum van ondertekening"))})


def signing_problem(record: SignedRecord, party: str) -> str | None:
    """Return why `party` cannot sign `record` now (already signed, unfinished), else None."""
    if Signature.objects.filter(party=party, **_target(record)).exists():
        return _("Dit document is al ondertekend door de %(party)s.") % {
            "party": str(SignatureParty(party).label).lower()
        }
    if isinstance(record, ActionPlanVersion):
        if record.plan.versions.filter(number__gt=record.number).exists():
            return _("Er is een nieuwere versie van het plan van aanpak.")
        if party == SignatureParty.EMPLOYER and not record.is_agreed:
            return _("De werkgever ondertekent een versie nadat de werknemer akkoord is gegaan.")
    if isinstance(record, Evaluation) and not record.employee_view_given:
        return _(
            "De werknemer heeft nog geen eigen visie gegeven (of laten weten daarvan af te "
            "zien); onderteken daarna."
        )
    return None


def _check_open(record: SignedRecord, party: str) -> None:
    problem = signing_problem(record, party)
    if problem:
        raise ValidationError(problem)


def _lock(record: SignedRecord) -> SignedRecord:
    return type(record).objects.select_for_update().get(pk=record.pk)


def _save(signature: Signature, actor: User, case: Case) -> Signature:
    signature.full_clean()
    signature.save()
    access_log_record(case=case, user=actor, action=AccessAction.SIGN, record=signature)
    return signature


@transaction.atomic
def signature_sign(*, record: SignedRecord, party: str, actor: User) -> Signature:
    """Sign `record` digitally as `party`, today, with the SHA-256 of its content."""
    record = _lock(record)
    case = record_case(record)
    if party == SignatureParty.EMPLOYER:
        require_perm(actor, "dossier.sign_as_employer", case)
    else:
        require_perm(actor, "dossier.sign_as_employee", case)
        if isinstance(record, ActionPlanVersion):
            raise ValidationError(
                _("Met een plan van aanpak gaat u akkoord op de pagina 'Akkoord geven'.")
            )
    _check_open(record, party)
    today = timezone.localdate()
    _check_date(record, today)
    signature = Signature(
        case=case,
        party=party,
        method=SignatureMethod.DIGITAL,
        signer_name=_signer_name(case, party, actor),
        signed_by=actor,
        signed_on=today,
        content_hash=record.compute_hash(),
        recorded_by=actor,
        **_target(record),
    )
    return _save(signature, actor, case)


def employee_agreement_signature(*, version: ActionPlanVersion, actor: User) -> Signature:
    """Record the employee's digital signature that goes with their agreement to a plan version.

    Called inside `action_plan_version_agree` (same transaction, same actor, same hash).
    """
    case = version.plan.case
    assert version.agreed_by_id == actor.pk and version.agreed_at is not None
    signature = Signature(
        case=case,
        plan_version=version,
        party=SignatureParty.EMPLOYEE,
        method=SignatureMethod.DIGITAL,
        signer_name=_signer_name(case, SignatureParty.EMPLOYEE, actor),
        signed_by=actor,
        signed_on=timezone.localdate(version.agreed_at),
        content_hash=version.content_hash,
        recorded_by=actor,
    )
    return _save(signature, actor, case)


def _signer_name(case: Case, party: str, actor: User) -> str:
    if party == SignatureParty.EMPLOYEE:
        return case.employee.full_name
    return actor.full_name or actor.email


@transaction.atomic
def signature_record_paper(
    *,
    record: SignedRecord,
    party: str,
    signed_on: date,
    scan: UploadedFile,
    actor: User,
    signer_name: str = "",
) -> Signature:
    """Record that `party` signed `record` on paper on `signed_on`, with the scanned copy.

    The employee's name is always the employee's own (whatever `signer_name` says); for the
    employer `signer_name` is who signed (default: the acting HR user). A paper signature by
    the employee of a plan van aanpak version is their agreement with it.
    """
    record = _lock(record)
    case = record_case(record)
    require_perm(actor, "dossier.record_paper_signature", case)
    if party not in SignatureParty.values:
        raise ValidationError({"party": _("Kies werkgever of werknemer.")})
    _check_open(record, party)
    _check_date(record, signed_on)
    _content, mime, _ext = sniff_upload(scan)
    if mime not in SCAN_TYPES:
        raise ValidationError({"scan": _("Upload de scan als PDF of afbeelding (JPG, PNG, TIFF).")})
    if party == SignatureParty.EMPLOYEE:
        name = case.employee.full_name
    else:
        name = signer_name.strip() or actor.full_name or actor.email
    document = document_upload(
        case=case,
        actor=actor,
        title=_("Ondertekend door %(party)s: %(record)s")
        % {"party": SignatureParty(party).label.lower(), "record": record},
        upload=scan,
        record_kind=_record_kind(record),
        record_id=record.pk,
        perm="dossier.record_paper_signature",
    )
    signature = Signature(
        case=case,
        party=party,
        method=SignatureMethod.PAPER,
        signer_name=name,
        signed_on=signed_on,
        scan=document,
        recorded_by=actor,
        **_target(record),
    )
    _save(signature, actor, case)
    if isinstance(record, ActionPlanVersion) and party == SignatureParty.EMPLOYEE:
        _agree_on_paper(record, signature, actor)
    return signature


def _record_kind(record: SignedRecord) -> str:
    if isinstance(record, PhysicianStatement):
        return Document.RecordKind.STATEMENT
    if isinstance(record, ActionPlanVersion):
        return Document.RecordKind.PLAN_VERSION
    return Document.RecordKind.EVALUATION


def _agree_on_paper(version: ActionPlanVersion, signature: Signature, actor: User) -> None:
    """Mark the version agreed by the employee's paper signature (no account is named)."""
    version.status = VersionStatus.AGREED
    version.agreed_by = None
    version.agreed_on_paper = True
    version.agreed_at = timezone.make_aware(datetime.combine(signature.signed_on, time(12)))
    version.content_hash = version.compute_hash()
    version.full_clean()
    version.save()
    case = version.plan.case
    access_log_record(case=case, user=actor, action=AccessAction.AGREE, record=version)
    case_facts_changed_send(
        case=case,
        reason=_("Plan van aanpak versie %(n)s op papier akkoord op %(d)s")
        % {"n": version.number, "d": f"{signature.signed_on:%d-%m-%Y}"},
        actor=actor,
    )
