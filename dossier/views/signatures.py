"""Signing pages: digital signature (POST), paper signature with scan, employee's view."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cases.service_calls import call_service, call_service_message

from .. import selectors, services
from ..forms import EvaluationViewForm, PaperSignatureForm
from ..models import SignatureParty
from ..services.signatures import SignedRecord, record_case
from .common import form_page

#: The kinds of signed record in URLs, each with its scoped lookup.
SIGNED_KINDS = {
    "statement": lambda user, pk: selectors.statement_get(user=user, pk=pk),
    "plan_version": lambda user, pk: selectors.plan_version_get(user=user, pk=pk, log=False),
    "evaluation": lambda user, pk: selectors.evaluation_get(user=user, pk=pk),
}


def _record(request: HttpRequest, kind: str, pk: int) -> SignedRecord:
    if kind not in SIGNED_KINDS:
        raise Http404
    record = SIGNED_KINDS[kind](request.user, pk)
    if kind == "statement" and not record.needs_signatures:
        raise Http404
    return record


@require_POST
def signature_sign(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Sign a document digitally, as employer (HR) or as the employee (own account)."""
    record = _record(request, kind, pk)
    party = request.POST.get("party", "")
    perm = {
        SignatureParty.EMPLOYER: "dossier.sign_as_employer",
        SignatureParty.EMPLOYEE: "dossier.sign_as_employee",
    }.get(party)
    if perm is None:
        return HttpResponseBadRequest(_("Onbekende partij."))
    if not request.user.has_perm(perm, record_case(record)):
        raise PermissionDenied
    if call_service_message(
        request, services.signature_sign, record=record, party=party, actor=request.user
    ):
        messages.success(request, _("U heeft het document digitaal ondertekend."))
    return redirect(record.get_absolute_url())


@require_http_methods(["GET", "POST"])
def signature_paper(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """HR records a signature given on paper, with the scan and the date on the paper."""
    record = _record(request, kind, pk)
    case = record_case(record)
    if not request.user.has_perm("dossier.record_paper_signature", case):
        raise PermissionDenied
    form = PaperSignatureForm(
        request.POST or None,
        request.FILES or None,
        initial={"party": request.GET.get("party", ""), "signed_on": timezone.localdate()},
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            services.signature_record_paper,
            record=record,
            actor=request.user,
            **form.cleaned_data,
        )
    ):
        messages.success(request, _("De ondertekening op papier is vastgelegd."))
        return redirect(record.get_absolute_url())
    title = _("Ondertekening op papier vastleggen: %(record)s") % {"record": record}
    return form_page(request, case, title, form, multipart=True)


@require_http_methods(["GET", "POST"])
def evaluation_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The employee writes or declines their view; HR records one on their behalf (marked)."""
    evaluation = selectors.evaluation_get(user=request.user, pk=pk)
    case = evaluation.case
    is_employee = request.user.has_perm("dossier.write_evaluation_view", case)
    if not (is_employee or request.user.has_perm("dossier.record_evaluation_view", case)):
        raise PermissionDenied
    form = EvaluationViewForm(request.POST or None, initial={"text": evaluation.employee_view})
    decline = is_employee and request.POST.get("answer") == "decline"
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            services.evaluation_employee_view_save,
            evaluation=evaluation,
            actor=request.user,
            text=form.cleaned_data["text"],
            decline=decline,
        )
    ):
        messages.success(request, _("De visie van de werknemer is vastgelegd."))
        return redirect(evaluation)
    return render(
        request,
        "dossier/evaluation_view.html",
        {"evaluation": evaluation, "case": case, "form": form, "is_employee": is_employee},
    )


def signature_panel(user, record: SignedRecord, kind: str) -> dict:
    """Return the signing panel of a detail page: per party the signature or what may be done.

    Buttons only appear where the same rules predicate the view checks allows the user, and
    where the service would accept the signature now.
    """
    case = record_case(record)
    existing = services.signatures_of(record)
    rows = []
    for party in SignatureParty:
        signature = existing.get(party.value)
        problem = None if signature else services.signing_problem(record, party.value)
        digital_perm = (
            "dossier.sign_as_employer"
            if party == SignatureParty.EMPLOYER
            else "dossier.sign_as_employee"
        )
        can_digital = (
            signature is None
            and problem is None
            and user.has_perm(digital_perm, case)
            and not (kind == "plan_version" and party == SignatureParty.EMPLOYEE)
        )
        can_paper = (
            signature is None
            and problem is None
            and user.has_perm("dossier.record_paper_signature", case)
        )
        rows.append(
            {
                "party": party,
                "signature": signature,
                "problem": problem,
                "can_digital": can_digital,
                "can_paper": can_paper,
            }
        )
    return {
        "kind": kind,
        "record": record,
        "rows": rows,
        # The scan of a paper signature is a dossier document: linked only for who may open it.
        "can_view_documents": user.has_perm("dossier.view_documents", case),
    }
