"""Tweede spoor pages: the page per case, its forms, and the HR overview.

Each view: scoped lookup (404) → permission (403) → form → service → redirect to the page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import selectors, services
from ..forms import (
    ActivityOutcomeForm,
    ActivityWithdrawForm,
    EmployeeChoiceForm,
    LabourExpertStudyForm,
    ProposalAnswerForm,
    SecondTrackActivityForm,
    SecondTrackCommentForm,
    SecondTrackDecisionForm,
    SecondTrackEndForm,
    SecondTrackProfileForm,
    SecondTrackReferralForm,
    SecondTrackReportForm,
)
from ..models.second_track import ActivityKind, EmployeeChoice, TrackStatus
from .common import apply_errors, form_page

PAGE_PERMS = (
    "decide_second_track",
    "add_labour_expert_study",
    "change_second_track_profile",
    "add_second_track_activity",
    "add_second_track_report",
    "choose_second_track_bureau",
    "comment_second_track",
    "view_work_advice",
    "view_action_plan",
)


def _page_url(case_pk: int, anchor: str = "") -> str:
    url = reverse("dossier:second_track", kwargs={"case_pk": case_pk})
    return f"{url}#{anchor}" if anchor else url


def _second_track_form(
    request: HttpRequest, case: Any, title: str, form: Form, **extra: Any
) -> HttpResponse:
    return form_page(
        request,
        case,
        title,
        form,
        template="dossier/second_track/form.html",
        back_url=_page_url(case.pk),
        **extra,
    )


def second_track(request: HttpRequest, case_pk: int) -> HttpResponse:
    """The second track of one case: the legal frame, warnings, every record, allowed buttons."""
    case = selectors.dossier_case_get(
        user=request.user, pk=case_pk, perm="dossier.view_second_track"
    )
    page = selectors.second_track_page(
        user=request.user,
        case=case,
        today=timezone.localdate(),
        activity_kind=request.GET.get("soort", ""),
    )
    perms = {name: request.user.has_perm(f"dossier.{name}", case) for name in PAGE_PERMS}
    return render(
        request,
        "dossier/second_track/detail.html",
        {
            "case": case,
            "page": page,
            "can": perms,
            "is_employee": request.user.has_perm("dossier.choose_second_track_bureau", case),
            "activity_kinds": ActivityKind.choices,
            "comment_form": SecondTrackCommentForm(),
            "EmployeeChoice": EmployeeChoice,
            "today": timezone.localdate(),
        },
    )


@require_http_methods(["GET", "POST"])
def study_create(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = selectors.dossier_case_get(
        user=request.user, pk=case_pk, perm="dossier.add_labour_expert_study"
    )
    form = LabourExpertStudyForm(request.POST or None, initial={"held_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.labour_expert_study_create(case=case, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Het arbeidsdeskundig onderzoek is vastgelegd."))
            return redirect(_page_url(case.pk, "onderzoek"))
    return _second_track_form(request, case, _("Arbeidsdeskundig onderzoek vastleggen"), form)


@require_http_methods(["GET", "POST"])
def decision_create(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = selectors.dossier_case_get(
        user=request.user, pk=case_pk, perm="dossier.decide_second_track"
    )
    form = SecondTrackDecisionForm(
        request.POST or None, case=case, initial={"decided_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.second_track_decide(
                case=case,
                actor=request.user,
                kind=data["kind"],
                decided_on=data["decided_on"],
                statement_by=data.get("statement_by") or "",
                statement_date=data.get("statement_date"),
                statement_summary=data.get("statement_summary") or "",
                study=data.get("study"),
                not_start_reason=data.get("not_start_reason") or "",
                reason_text=data.get("reason_text") or "",
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Het besluit over het tweede spoor is vastgelegd."))
            return redirect(_page_url(case.pk, "besluit"))
    rules = selectors.second_track_rules(case=case, today=timezone.localdate())
    return _second_track_form(
        request, case, _("Besluit tweede spoor"), form, second_track_rules=rules
    )


@require_http_methods(["GET", "POST"])
def track_start(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = selectors.dossier_case_get(
        user=request.user, pk=case_pk, perm="dossier.decide_second_track"
    )
    form = SecondTrackReferralForm(
        request.POST or None,
        case=case,
        initial={"assignment_date": timezone.localdate(), "route": "bureau"},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.second_track_start(case=case, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Het tweede spoor is gestart."))
            return redirect(_page_url(case.pk, "traject"))
    rules = selectors.second_track_rules(case=case, today=timezone.localdate())
    return _second_track_form(
        request,
        case,
        _("Tweede spoor starten (herplaatsingsopdracht)"),
        form,
        second_track_rules=rules,
    )


@require_http_methods(["GET", "POST"])
def track_update(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = selectors.dossier_case_get(
        user=request.user, pk=case_pk, perm="dossier.decide_second_track"
    )
    track = selectors.second_track_current(
        user=request.user, case=case, perm="dossier.decide_second_track"
    )
    form = SecondTrackReferralForm(request.POST or None, case=case, start=False, instance=track)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        versions = data.pop("plan_versions")
        try:
            services.second_track_update(
                track=track, actor=request.user, plan_versions=versions, **data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("De afspraken van het traject zijn bijgewerkt."))
            return redirect(_page_url(case.pk, "traject"))
    return _second_track_form(request, case, _("Afspraken traject wijzigen"), form)


@require_http_methods(["GET", "POST"])
def track_choice(request: HttpRequest, case_pk: int) -> HttpResponse:
    """The employee agrees with the bureau or proposes their own."""
    case = selectors.dossier_case_get(
        user=request.user, pk=case_pk, perm="dossier.choose_second_track_bureau"
    )
    track = selectors.second_track_current(
        user=request.user, case=case, perm="dossier.choose_second_track_bureau"
    )
    form = EmployeeChoiceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.second_track_choose_bureau(
                track=track, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Uw keuze is vastgelegd."))
            return redirect(_page_url(case.pk, "traject"))
    return _second_track_form(
        request, case, _("Uw keuze voor het re-integratiebureau"), form, second_track=track
    )


@require_http_methods(["GET", "POST"])
def proposal_answer(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = selectors.dossier_case_get(
        user=request.user, pk=case_pk, perm="dossier.decide_second_track"
    )
    track = selectors.second_track_current(
        user=request.user, case=case, perm="dossier.decide_second_track"
    )
    form = ProposalAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.second_track_answer_proposal(
                track=track, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Uw antwoord op het voorstel is vastgelegd."))
            return redirect(_page_url(case.pk, "traject"))
    return _second_track_form(
        request, case, _("Antwoord op het voorstel van de werknemer"), form, second_track=track
    )


@require_http_methods(["GET", "POST"])
def track_end(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = selectors.dossier_case_get(
        user=request.user, pk=case_pk, perm="dossier.decide_second_track"
    )
    track = selectors.second_track_current(
        user=request.user, case=case, perm="dossier.decide_second_track"
    )
    form = SecondTrackEndForm(request.POST or None, initial={"outcome_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.second_track_end(track=track, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Het traject is beëindigd."))
            return redirect(_page_url(case.pk, "traject"))
    return _second_track_form(request, case, _("Traject beëindigen"), form)


@require_http_methods(["GET", "POST"])
def profile_create(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = selectors.dossier_case_get(
        user=request.user, pk=case_pk, perm="dossier.change_second_track_profile"
    )
    track = selectors.second_track_current(
        user=request.user, case=case, perm="dossier.change_second_track_profile"
    )
    initial = selectors.second_track_profile_initial(case=case, track=track)
    form = SecondTrackProfileForm(request.POST or None, case=case, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.second_track_profile_create(
                track=track, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Het nieuwe profiel is vastgelegd."))
            return redirect(_page_url(case.pk, "profiel"))
    return _second_track_form(request, case, _("Persoons- en zoekprofiel"), form)


def profile_list(request: HttpRequest, case_pk: int) -> HttpResponse:
    """Every version of the persoons- and zoekprofiel."""
    case = selectors.dossier_case_get(
        user=request.user, pk=case_pk, perm="dossier.view_second_track"
    )
    profiles = selectors.second_track_profiles(user=request.user, case=case)
    return render(
        request, "dossier/second_track/profiles.html", {"case": case, "profiles": profiles}
    )


@require_http_methods(["GET", "POST"])
def activity_create(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = selectors.dossier_case_get(
        user=request.user, pk=case_pk, perm="dossier.add_second_track_activity"
    )
    track = selectors.second_track_current(
        user=request.user, case=case, perm="dossier.add_second_track_activity"
    )
    by_employee = request.user.has_perm("dossier.choose_second_track_bureau", case)
    kind = request.GET.get("soort", "")
    form = SecondTrackActivityForm(
        request.POST or None,
        by_employee=by_employee,
        initial={"held_on": timezone.localdate(), "kind": kind or ActivityKind.APPLICATION},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.second_track_activity_create(
                track=track, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("De activiteit is vastgelegd."))
            return redirect(_page_url(case.pk, "activiteiten"))
    title = _("Sollicitatie of activiteit toevoegen") if by_employee else _("Activiteit vastleggen")
    return _second_track_form(request, case, title, form)


@require_http_methods(["GET", "POST"])
def activity_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.second_track_activity_get(user=request.user, pk=pk)
    case = activity.track.case
    if not activity.kind == ActivityKind.APPLICATION and not activity.is_placement:
        raise PermissionDenied
    form = ActivityOutcomeForm(request.POST or None, instance=activity)
    if request.method == "POST" and form.is_valid():
        try:
            services.second_track_activity_update_outcome(
                activity=activity, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Het resultaat is bijgewerkt."))
            return redirect(_page_url(case.pk, "activiteiten"))
    return _second_track_form(request, case, str(activity), form)


@require_http_methods(["GET", "POST"])
def activity_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.second_track_activity_get(user=request.user, pk=pk)
    case = activity.track.case
    form = ActivityWithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.second_track_activity_withdraw(
                activity=activity, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.info(request, _("De activiteit is ingetrokken; zij blijft zichtbaar."))
            return redirect(_page_url(case.pk, "activiteiten"))
    return _second_track_form(
        request, case, _("Activiteit intrekken: %(a)s") % {"a": activity}, form
    )


@require_http_methods(["GET", "POST"])
def report_create(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = selectors.dossier_case_get(
        user=request.user, pk=case_pk, perm="dossier.add_second_track_report"
    )
    track = selectors.second_track_current(
        user=request.user, case=case, perm="dossier.add_second_track_report"
    )
    last = track.reports.order_by("-period_end").values_list("period_end", flat=True).first()
    form = SecondTrackReportForm(
        request.POST or None,
        request.FILES or None,
        initial={
            "report_date": timezone.localdate(),
            "period_start": last or track.assignment_date,
            "period_end": timezone.localdate(),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.second_track_report_create(
                track=track, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("De voortgangsrapportage is vastgelegd."))
            return redirect(_page_url(case.pk, "rapportages"))
    return _second_track_form(
        request, case, _("Voortgangsrapportage tweede spoor"), form, multipart=True
    )


@require_POST
def comment_create(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = selectors.dossier_case_get(
        user=request.user, pk=case_pk, perm="dossier.comment_second_track"
    )
    track = selectors.second_track_current(
        user=request.user, case=case, perm="dossier.comment_second_track"
    )
    form = SecondTrackCommentForm(request.POST)
    if form.is_valid():
        services.second_track_comment_add(
            track=track, actor=request.user, text=form.cleaned_data["text"]
        )
        messages.success(request, _("Uw opmerking is geplaatst."))
    else:
        messages.error(request, _("Schrijf uw opmerking."))
    return redirect(_page_url(case.pk, "opmerkingen"))


def overview(request: HttpRequest) -> HttpResponse:
    """HR: every trajectory and every case that needs one, of the employers they serve."""
    employers = [
        e
        for e in request.user.hr_employers.order_by("name")
        if request.user.has_perm("dossier.view_second_track_overview", e)
    ]
    if not employers:
        raise PermissionDenied
    employer_id = request.GET.get("werkgever", "")
    chosen = next((e for e in employers if str(e.pk) == employer_id), None)
    rows = selectors.second_track_overview(
        user=request.user,
        today=timezone.localdate(),
        employer_id=chosen.pk if chosen else None,
    )
    return render(
        request,
        "dossier/second_track/overview.html",
        {
            "rows": rows,
            "employers": employers,
            "chosen": chosen,
            "active": TrackStatus.ACTIVE,
        },
    )
