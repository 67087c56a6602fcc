"""Voortgangsgesprekken, evaluations and the employee's opinion."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.service_calls import call_service

from .. import selectors, services
from ..forms import (
    EvaluationForm,
    OpinionForm,
    TalkForm,
)
from ..models import EvaluationKind
from .common import form_page
from .signatures import signature_panel


@require_http_methods(["GET", "POST"])
def talk_create(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = selectors.dossier_case_get(user=request.user, pk=case_pk, perm="dossier.add_talk")
    version = selectors.current_plan_version(case)
    names = [a.description for a in version.activities.all()] if version else []
    form = TalkForm(
        request.POST or None, activities=names, initial={"held_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        fields = {k: form.cleaned_data[k] for k in TalkForm.Meta.fields}
        if call := call_service(
            form,
            services.progress_talk_create,
            case=case,
            actor=request.user,
            activity_progress=form.activity_progress(),
            **fields,
        ):
            if call.result.next_talk_too_late:
                messages.warning(
                    request, _("Let op: het volgende gesprek is later dan 42 dagen of ontbreekt.")
                )
            return redirect(call.result)
    return form_page(request, case, _("Voortgangsgesprek vastleggen"), form)


def talk_detail(request: HttpRequest, pk: int) -> HttpResponse:
    talk = selectors.talk_get(user=request.user, pk=pk)
    return render(request, "dossier/talk_detail.html", {"talk": talk, "case": talk.case})


@require_http_methods(["GET", "POST"])
def evaluation_create(request: HttpRequest, case_pk: int, kind: str) -> HttpResponse:
    case = selectors.dossier_case_get(user=request.user, pk=case_pk, perm="dossier.add_evaluation")
    if kind not in EvaluationKind.values:
        raise PermissionDenied
    form = EvaluationForm(request.POST or None, initial={"held_on": timezone.localdate()})
    if (
        request.method == "POST"
        and form.is_valid()
        and (
            call := call_service(
                form,
                services.evaluation_create,
                case=case,
                actor=request.user,
                kind=kind,
                **form.cleaned_data,
            )
        )
    ):
        return redirect(call.result)
    return form_page(request, case, EvaluationKind(kind).label, form)


def evaluation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = selectors.evaluation_get(user=request.user, pk=pk)
    case = evaluation.case
    is_employee = request.user.has_perm("dossier.write_evaluation_view", case)
    may_write = is_employee or (
        request.user.has_perm("dossier.record_evaluation_view", case)
        and evaluation.employee_view_source in ("", "on_behalf")
    )
    return render(
        request,
        "dossier/evaluation_detail.html",
        {
            "evaluation": evaluation,
            "case": case,
            "panel": signature_panel(request.user, evaluation, "evaluation"),
            "is_employee": is_employee,
            "can_write_view": may_write and not evaluation.signatures.exists(),
        },
    )


@require_http_methods(["GET", "POST"])
def opinion(request: HttpRequest, case_pk: int) -> HttpResponse:
    """The employee writes (draft / submit) their opinion; HR reads it once submitted."""
    case = selectors.dossier_case_get(user=request.user, pk=case_pk, perm="dossier.view_opinion")
    current = selectors.opinion_get(user=request.user, case=case, log=True)
    can_write = request.user.has_perm("dossier.write_opinion", case)
    form = None
    if can_write and not (current and current.is_submitted):
        form = OpinionForm(request.POST or None, initial={"text": current.text if current else ""})
        if request.method == "POST" and form.is_valid():
            services.employee_opinion_save(
                case=case,
                actor=request.user,
                text=form.cleaned_data["text"],
                submit="submit" in request.POST,
            )
            messages.success(request, _("Uw oordeel is opgeslagen."))
            return redirect("dossier:opinion", case_pk=case.pk)
    elif request.method == "POST":
        raise PermissionDenied
    return render(request, "dossier/opinion.html", {"case": case, "opinion": current, "form": form})
