"""Document upload, versions, withdrawal and permission-checked download."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cases.service_calls import call_service_message

from .. import selectors, services
from ..document_guards import document_guards_check
from ..download_names import content_disposition, download_filename
from ..forms import (
    DocumentForm,
    DocumentVersionForm,
    WithdrawForm,
)
from ..services.documents import ALLOWED_TYPES
from .common import form_page


@require_http_methods(["GET", "POST"])
def document_upload(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = selectors.dossier_case_get(user=request.user, pk=case_pk, perm="dossier.upload_document")
    allow_medical = request.user.has_perm("dossier.upload_medical_document", case)
    form = DocumentForm(
        request.POST or None,
        request.FILES or None,
        allow_medical=allow_medical,
        records=selectors.document_record_choices(user=request.user, case=case),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        record_kind, record_id = selectors.document_record_parse(data["belongs_to"])
        try:
            document = services.document_upload(
                case=case,
                actor=request.user,
                title=data["title"],
                upload=data["upload"],
                is_medical=data.get("is_medical", False),
                record_kind=record_kind,
                record_id=record_id,
            )
        except ValidationError as error:
            form.add_error("upload", error)
        else:
            return redirect(document)
    return form_page(request, case, _("Document toevoegen"), form, multipart=True)


def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document_guards_check(user=request.user, document_pk=pk)
    document = selectors.document_get(user=request.user, pk=pk)
    case = document.case
    perm = "dossier.upload_medical_document" if document.is_medical else "dossier.upload_document"
    return render(
        request,
        "dossier/document_detail.html",
        {
            "document": document,
            "case": case,
            "can_change": request.user.has_perm(perm, case) and not document.is_withdrawn,
            "version_form": DocumentVersionForm(),
            "withdraw_form": WithdrawForm(),
        },
    )


@require_POST
def document_version_upload(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.document_get(user=request.user, pk=pk, log=False)
    form = DocumentVersionForm(request.POST, request.FILES)
    if form.is_valid():
        if call_service_message(
            request,
            services.document_version_add,
            document=document,
            actor=request.user,
            upload=form.cleaned_data["upload"],
        ):
            messages.success(request, _("De nieuwe versie is toegevoegd."))
    else:
        messages.error(request, _("Kies een bestand."))
    return redirect(document)


@require_POST
def document_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.document_get(user=request.user, pk=pk, log=False)
    form = WithdrawForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    services.document_withdraw(document=document, actor=request.user, reason=reason)
    messages.info(request, _("Het document is ingetrokken; het blijft bewaard."))
    return redirect(document)


def document_download(request: HttpRequest, pk: int) -> FileResponse:
    """Serve a file as an attachment with a safe, sniffed content type (never inline)."""
    document_guards_check(user=request.user, version_pk=pk)
    version = selectors.document_version_for_download(user=request.user, pk=pk)
    content_type = (
        version.content_type
        if version.content_type in ALLOWED_TYPES
        else "application/octet-stream"
    )
    document = version.document
    filename = download_filename(
        document.title,
        document.case.employee.full_name,
        day=timezone.localdate(version.uploaded_at),
        extension=version.extension,
    )
    response = FileResponse(version.file.open("rb"), content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
