"""Exporting the re-integratieverslag: HR requests it, a Celery task renders and stores it.

The PDF becomes a new `DocumentVersion` of one document per case and kind ("Re-integratieverslag"
or "… — exemplaar werknemer"), stored through the ordinary document services (sniffed type,
SHA-256, uploader, time, access log), so it is downloaded through the permission-checked view.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.models import Case
from dossier.models import Document, DocumentVersion
from dossier.services import document_upload, document_version_add
from dossier.services.common import require_perm

from . import tasks
from .models import EXPORT_TIME_LIMIT, ExportKind, ExportStatus, ReportExport
from .pdf import findings_pdf_for_case, report_pdf_for_case

if TYPE_CHECKING:
    from accounts.models import User

logger = logging.getLogger(__name__)

#: The title of the one document per case and kind that holds every export as a version.
EXPORT_TITLES = {
    ExportKind.RIV: gettext_lazy("Re-integratieverslag"),
    ExportKind.EMPLOYEE_PACKET: gettext_lazy("Re-integratieverslag — exemplaar werknemer"),
    ExportKind.FINDINGS: gettext_lazy("Samenvatting Poortwachtertoets (intern)"),
}

#: A running export not finished after this long is dead (worker lost, hard limit hit): a run of
#: the task that gets the message again may claim it, and the periodic sweep marks it failed.
STALE_AFTER = timedelta(seconds=EXPORT_TIME_LIMIT + 60)
#: A queued export no worker started within this long is marked failed (HR can retry it).
QUEUED_TOO_LONG = timedelta(hours=1)

#: Who may download an export document, per kind (the RIV only HR; the packet also the employee).
DOWNLOAD_PERMS = {
    ExportKind.RIV: "reintegration_report.export",
    ExportKind.EMPLOYEE_PACKET: "reintegration_report.download_employee_copy",
    ExportKind.FINDINGS: "reintegration_report.export",
}


@transaction.atomic
def report_export_request(*, case: Case, actor: User, kind: str) -> ReportExport:
    """Record HR's export request and queue its rendering after commit."""
    require_perm(actor, "reintegration_report.export", case)
    if kind not in ExportKind.values:
        raise ValidationError({"kind": _("Kies wat u wilt exporteren.")})
    export = ReportExport(
        case=case,
        kind=kind,
        requested_by=actor,
        step=_("In de wachtrij"),
    )
    export.full_clean()
    export.save()

    transaction.on_commit(lambda: tasks.build_report_export.delay(export.pk))
    return export


def _progress(export_id: int, percent: int, step: str) -> None:
    """Write progress at once (outside any transaction) so the status page sees it."""
    ReportExport.objects.filter(pk=export_id, status=ExportStatus.RUNNING).update(
        progress=max(0, min(100, percent)), step=step[:200]
    )


def _claim(export_id: int) -> bool:
    now = timezone.now()
    return bool(
        ReportExport.objects.filter(pk=export_id)
        .filter(
            Q(status=ExportStatus.QUEUED)
            | Q(status=ExportStatus.RUNNING, started_at__lt=now - STALE_AFTER)
        )
        .update(
            status=ExportStatus.RUNNING,
            started_at=now,
            progress=5,
            step=_("Gestart"),
            error="",
        )
    )


def report_export_run(*, export_id: int) -> ReportExport | None:
    """Render and store one export; return it, or None when another run has it (or had it).

    Safe to run twice: the row is claimed with a conditional update first.
    """

    if not _claim(export_id):
        return None
    export = ReportExport.objects.select_related("case", "requested_by").get(pk=export_id)
    try:
        require_perm(export.requested_by, "reintegration_report.export", export.case)
        progress = lambda percent, step: _progress(export_id, percent, step)  # noqa: E731
        if export.kind == ExportKind.FINDINGS:
            rendered = findings_pdf_for_case(export.case, progress=progress)
        else:
            rendered = report_pdf_for_case(
                export.case,
                employee_packet=export.kind == ExportKind.EMPLOYEE_PACKET,
                progress=progress,
            )
        _progress(export_id, 90, _("Opslaan in het dossier"))
        version = export_document_store(export=export, pdf=rendered.pdf)
    except PermissionDenied:
        _fail(export_id, _("De aanvrager heeft geen toegang meer tot dit dossier."))
    except Exception:  # any failure must end up on the status page, never hang at 'running'
        logger.exception("Export %s of case %s failed", export_id, export.case_id)
        _fail(
            export_id,
            _(
                "Het verslag kon niet worden gemaakt. Probeer het opnieuw; lukt het dan nog niet, "
                "neem contact op met de beheerder."
            ),
        )
    else:
        ReportExport.objects.filter(pk=export_id).update(
            status=ExportStatus.DONE,
            progress=100,
            step=_("Klaar"),
            finished_at=timezone.now(),
            document_version=version,
            risk=rendered.check.risk.value,
        )
    export.refresh_from_db()
    return export


def report_exports_fail_stuck(*, now=None) -> int:
    """Mark failed the exports still running after their time limit, or queued and never started
    for :data:`QUEUED_TOO_LONG`; return how many. HR retries them from the status page."""
    now = now or timezone.now()
    stuck = ReportExport.objects.filter(
        Q(status=ExportStatus.RUNNING, started_at__lt=now - STALE_AFTER)
        | Q(status=ExportStatus.QUEUED, created_at__lt=now - QUEUED_TOO_LONG)
    )
    ids = list(stuck.values_list("pk", flat=True))
    for export_id in ids:
        logger.warning("Export %s was stuck (running or queued too long); marked failed", export_id)
    return stuck.filter(pk__in=ids).update(
        status=ExportStatus.FAILED,
        step=_("Mislukt"),
        error=_(
            "Het maken van het verslag is afgebroken: de achtergrondtaak is gestopt of niet op "
            "tijd klaar. Klik op ‘Opnieuw proberen’; lukt het dan nog niet, neem contact op met "
            "de beheerder."
        ),
        finished_at=now,
    )


@transaction.atomic
def report_export_retry(*, export: ReportExport, actor: User) -> ReportExport:
    """Queue a new export with the same choices as the failed `export`."""
    if export.status != ExportStatus.FAILED:
        raise ValidationError(_("Alleen een mislukte export kan opnieuw worden geprobeerd."))
    return report_export_request(case=export.case, actor=actor, kind=export.kind)


def _fail(export_id: int, message: str) -> None:
    ReportExport.objects.filter(pk=export_id).update(
        status=ExportStatus.FAILED, step=_("Mislukt"), error=message, finished_at=timezone.now()
    )


@transaction.atomic
def export_document_store(*, export: ReportExport, pdf: bytes) -> DocumentVersion:
    """Store `pdf` as the next version of the case's document for this kind of export."""
    case = Case.objects.select_for_update().get(pk=export.case_id)
    actor = export.requested_by
    upload = SimpleUploadedFile(
        f"re-integratieverslag-{case.pk}.pdf", pdf, content_type="application/pdf"
    )
    document = _export_document(case, export.kind)
    if document is not None:
        return document_version_add(document=document, actor=actor, upload=upload)
    document = document_upload(
        case=case, actor=actor, title=str(EXPORT_TITLES[ExportKind(export.kind)]), upload=upload
    )
    return document.versions.order_by("-number").first()  # type: ignore[return-value]


def _export_document(case: Case, kind: str) -> Document | None:
    """Return the (not withdrawn) document earlier exports of this kind were stored in."""
    previous = (
        ReportExport.objects.filter(
            case=case,
            kind=kind,
            status=ExportStatus.DONE,
            document_version__document__withdrawn_at__isnull=True,
        )
        .select_related("document_version__document")
        .order_by("-created_at", "-pk")
        .first()
    )
    return previous.document_version.document if previous and previous.document_version else None


# Reads ------------------------------------------------------------------------------------------


def report_export_get(*, user: User, pk: int) -> ReportExport:
    """Return an export of a case the user may export (404 outside scope, 403 without perm)."""
    export = (
        ReportExport.objects.filter(pk=pk, case__in=Case.objects.visible_to(user).values("pk"))
        .select_related(
            "case__employee__manager", "case__employer", "requested_by", "document_version"
        )
        .first()
    )
    if export is None:
        raise Http404
    require_perm(user, "reintegration_report.export", export.case)
    return export


def report_export_list(*, user: User, case: Case, limit: int = 10) -> list[ReportExport]:
    """Return the latest exports of `case` for HR."""
    require_perm(user, "reintegration_report.export", case)
    return list(
        ReportExport.objects.filter(case=case).select_related("requested_by", "document_version")[
            :limit
        ]
    )


def export_download_guard(
    *, user: User, document_pk: int | None = None, version_pk: int | None = None
) -> None:
    """Refuse downloading an exported report to anyone but its audience.

    The RIV goes to HR (who hands it to UWV); the employee packet also to the employee. Other
    documents are left to the ordinary document permissions. 404 when the case is out of scope.
    """
    exports = ReportExport.objects.filter(document_version__isnull=False)
    if document_pk is not None:
        exports = exports.filter(document_version__document_id=document_pk)
    elif version_pk is not None:
        exports = exports.filter(document_version__document__versions__pk=version_pk)
    else:
        return
    found = exports.values("kind", "case_id").first()
    if found is None:
        return
    case = Case.objects.visible_to(user).filter(pk=found["case_id"]).first()
    if case is None:
        raise Http404
    require_perm(user, DOWNLOAD_PERMS[ExportKind(found["kind"])], case)
