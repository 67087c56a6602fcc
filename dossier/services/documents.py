"""Uploads: sniffed type, size limit, versions, withdrawal instead of deletion."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import AccessAction, Document, DocumentVersion
from .audit import access_log_record
from .common import require_perm

if TYPE_CHECKING:
    from accounts.models import User
    from cases.models import Case

#: Accepted types, detected from the content (never the file name): MIME type → extension.
ALLOWED_TYPES: dict[str, str] = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/gif": "gif",
    "image/webp": "webp",
    "image/tiff": "tif",
    "image/heic": "heic",
    "application/msword": "doc",
    "application/vnd.ms-excel": "xls",
    "application/vnd.ms-powerpoint": "ppt",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/rtf": "rtf",
}


def sniff_upload(upload: UploadedFile) -> tuple[bytes, str, str]:
    """Return (content, MIME type, extension) of an acceptable upload, else ValidationError."""
    limit = settings.DOCUMENT_MAX_UPLOAD_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("Het bestand is te groot (maximaal %(mb)s MB).") % {"mb": limit // (1024 * 1024)}
        )
    upload.seek(0)
    content = upload.read(limit + 1)
    if len(content) > limit:
        raise ValidationError(
            _("Het bestand is te groot (maximaal %(mb)s MB).") % {"mb": limit // (1024 * 1024)}
        )
    kind = filetype.guess(content)
    mime = kind.mime if kind else ""
    if mime == "application/zip" or mime == "application/x-ole-storage":
        mime = ""  # Office files are recognised by filetype itself; a bare zip is not accepted
    if mime not in ALLOWED_TYPES:
        raise ValidationError(
            _("Dit bestandstype is niet toegestaan. Upload een PDF, afbeelding of Office-document.")
        )
    return content, mime, ALLOWED_TYPES[mime]


def _add_version(document: Document, upload: UploadedFile, actor: User) -> DocumentVersion:
    content, mime, extension = sniff_upload(upload)
    number = document.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = DocumentVersion(
        document=document,
        number=number + 1,
        original_name=(upload.name or "")[:255],
        content_type=mime,
        extension=extension,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=actor,
    )
    version.file.save(f"upload.{extension}", ContentFile(content), save=False)
    version.full_clean()
    version.save()
    return version


def _require_upload_perm(actor: User, case: Case, is_medical: bool) -> None:
    require_perm(
        actor, "dossier.upload_medical_document" if is_medical else "dossier.upload_document", case
    )


@transaction.atomic
def document_upload(
    *,
    case: Case,
    actor: User,
    title: str,
    upload: UploadedFile,
    is_medical: bool = False,
    record_kind: str = "",
    record_id: int | None = None,
    perm: str | None = None,
) -> Document:
    """Store a new document with its first version.

    `perm` lets a record's own permission allow a non-medical upload that belongs to it (the
    specialist's second-track report); a medical document always needs the medical permission.
    """
    if perm is not None and not is_medical:
        require_perm(actor, perm, case)
    else:
        _require_upload_perm(actor, case, is_medical)
    document = Document(
        case=case,
        title=title,
        is_medical=is_medical,
        record_kind=record_kind,
        record_id=record_id if record_kind else None,
        created_by=actor,
    )
    document.full_clean()
    document.save()
    version = _add_version(document, upload, actor)
    access_log_record(case=case, user=actor, action=AccessAction.CREATE, record=document)
    access_log_record(case=case, user=actor, action=AccessAction.CREATE, record=version)
    return document


@transaction.atomic
def document_version_add(
    *, document: Document, actor: User, upload: UploadedFile
) -> DocumentVersion:
    """Add a new version of a document; earlier versions stay available."""
    document = Document.objects.select_for_update().select_related("case").get(pk=document.pk)
    _require_upload_perm(actor, document.case, document.is_medical)
    if document.is_withdrawn:
        raise ValidationError(_("Dit document is ingetrokken."))
    version = _add_version(document, upload, actor)
    access_log_record(case=document.case, user=actor, action=AccessAction.CREATE, record=version)
    return version


@transaction.atomic
def document_withdraw(*, document: Document, actor: User, reason: str = "") -> Document:
    """Mark a document as withdrawn (ingetrokken); nothing is ever deleted."""
    document = Document.objects.select_for_update().select_related("case").get(pk=document.pk)
    _require_upload_perm(actor, document.case, document.is_medical)
    if not document.is_withdrawn:
        document.withdrawn_at = timezone.now()
        document.withdrawn_by = actor
        document.withdrawal_reason = reason[:300]
        document.save()
        access_log_record(
            case=document.case, user=actor, action=AccessAction.WITHDRAW, record=document
        )
    return document
