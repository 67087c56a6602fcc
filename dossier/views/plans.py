"""Plan van aanpak pages: draft, bijstelling, agreement, diff."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cases.service_calls import call_service, call_service_message

from .. import selectors, services
from ..diff import plan_version_diff
from ..forms import (
    ActivityFormSet,
    AgreeForm,
    DisagreeForm,
    PlanVersionForm,
    activities_from,
)
from ..models import AccessAction, StatementKind
from .common import form_page
from .signatures import signature_panel


@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest, case_pk: int) -> HttpResponse:
    """Draft the first plan van aanpak (based on the probleemanalyse)."""
    case = selectors.dossier_case_get(
        user=request.user, pk=case_pk, perm="dossier.change_action_plan"
    )
    if (current := selectors.current_plan_version(case)) is not None:
        # E.g. a double submit: the first request made the plan; show it (a bijstelling is
        # started from there with its own button).
        messages.info(request, _("Er is al een plan van aanpak; leg een bijstelling vast."))
        return redirect(current)
    analysis = (
        case.physician_statements.filter(kind=StatementKind.PROBLEM_ANALYSIS)
        .order_by("-statement_date")
        .first()
    )
    initial = {
        "based_on": analysis,
        "casemanager": str(case.casemanager or request.user),
        "evaluation_frequency_weeks": 6,
    }
    form = PlanVersionForm(request.POST or None, case=case, initial=initial)
    formset = ActivityFormSet(request.POST or None, prefix="activities")
    if (
        request.method == "POST"
        and form.is_valid()
        and formset.is_valid()
        and (
            call := call_service(
                form,
                services.action_plan_version_create,
                case=case,
                actor=request.user,
                activities=activities_from(formset),
                **form.cleaned_data,
            )
        )
    ):
        messages.success(request, _("Het plan van aanpak is als concept opgeslagen."))
        return redirect(call.result)
    return form_page(
        request, case, _("Plan van aanpak opstellen"), form, formset=formset, analysis=analysis
    )


@require_POST
def plan_revise(request: HttpRequest, case_pk: int) -> HttpResponse:
    """Start a bijstelling: a new draft version copied from the current one."""
    case = selectors.dossier_case_get(
        user=request.user, pk=case_pk, perm="dossier.change_action_plan"
    )
    version = services.action_plan_revise(case=case, actor=request.user)
    return redirect("dossier:plan_version_update", pk=version.pk)


def plan_version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.plan_version_get(user=request.user, pk=pk)
    case = version.plan.case
    versions = selectors.plan_version_list(user=request.user, case=case)
    latest = versions.first()
    return render(
        request,
        "dossier/plan_version_detail.html",
        {
            "version": version,
            "case": case,
            "versions": versions,
            "is_latest": latest is not None and latest.pk == version.pk,
            "hash_valid": version.is_agreed and version.compute_hash() == version.content_hash,
            "panel": signature_panel(request.user, version, "plan_version"),
        },
    )


@require_http_methods(["GET", "POST"])
def plan_version_update(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.plan_version_get(user=request.user, pk=pk, log=False)
    case = version.plan.case
    if not request.user.has_perm("dossier.change_action_plan", case):
        raise PermissionDenied
    if version.is_agreed:
        messages.error(request, _("Een akkoord gegeven versie kan niet worden gewijzigd."))
        return redirect(version)
    form = PlanVersionForm(request.POST or None, instance=version, case=case)
    initial = [
        {k: getattr(a, k) for k in ("description", "responsible", "starts_on", "status")}
        for a in version.activities.all()
    ]
    formset = ActivityFormSet(request.POST or None, prefix="activities", initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and formset.is_valid()
        and call_service(
            form,
            services.action_plan_version_update,
            version=version,
            actor=request.user,
            activities=activities_from(formset) or None,
            **form.cleaned_data,
        )
    ):
        messages.success(request, _("De versie is opgeslagen."))
        return redirect(version)
    title = _("Plan van aanpak versie %(n)s bewerken") % {"n": version.number}
    return form_page(request, case, title, form, formset=formset)


@require_http_methods(["GET", "POST"])
def plan_version_agree(request: HttpRequest, pk: int) -> HttpResponse:
    """The employee agrees with (or, via `answer=disagree`, objects to) a plan version."""
    version = selectors.plan_version_get(user=request.user, pk=pk, log=False)
    case = version.plan.case
    if not request.user.has_perm("dossier.agree_action_plan", case):
        raise PermissionDenied
    agree_form = AgreeForm(request.POST if request.POST.get("answer") == "agree" else None)
    disagree_form = DisagreeForm(request.POST if request.POST.get("answer") == "disagree" else None)
    if agree_form.is_bound and agree_form.is_valid():
        if call_service_message(
            request,
            services.action_plan_version_agree,
            version=version,
            actor=request.user,
            comment=agree_form.cleaned_data["comment"],
        ):
            messages.success(request, _("U bent akkoord gegaan met het plan van aanpak."))
        return redirect(version)
    if disagree_form.is_bound and disagree_form.is_valid():
        if call_service_message(
            request,
            services.action_plan_version_disagree,
            version=version,
            actor=request.user,
            reason=disagree_form.cleaned_data["reason"],
        ):
            messages.info(request, _("Uw bezwaar is vastgelegd; HR ziet uw reden."))
        return redirect(version)
    if request.method == "GET":  # the page shows the whole plan: a read like the detail page
        services.access_log_record(
            case=case, user=request.user, action=AccessAction.VIEW, record=version
        )
    return render(
        request,
        "dossier/plan_version_agree.html",
        {
            "version": version,
            "case": case,
            "agree_form": agree_form,
            "disagree_form": disagree_form,
        },
    )


def plan_version_diff_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Compare a version side by side with another (default: the one before it)."""
    version = selectors.plan_version_get(user=request.user, pk=pk)
    case = version.plan.case
    versions = selectors.plan_version_list(user=request.user, case=case)
    other_pk = request.GET.get("other")
    other = None
    if other_pk and other_pk.isdigit():
        other = versions.filter(pk=int(other_pk)).first()
    if other is None:
        other = versions.filter(number__lt=version.number).first()
    if other is None:
        messages.info(request, _("Er is geen eerdere versie om mee te vergelijken."))
        return redirect(version)
    old, new = sorted([other, version], key=lambda v: v.number)
    return render(
        request,
        "dossier/plan_version_diff.html",
        {"case": case, "old": old, "new": new, "fields": plan_version_diff(old, new)},
    )
