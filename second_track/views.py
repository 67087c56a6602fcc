"""Tweede spoor pages: the page per case, its forms, and the HR overview.

Each view: scoped lookup (404) → permission (403) → form → service → redirect to the page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cases.rules import hr_employers_by_name
from cases.service_calls import call_service
from cases.write_stamps import cached_for_version
from dossier.selectors import dossier_case_get
from dossier.views.common import form_page
from second_track.forms import (
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
from second_track.models import ActivityKind, EmployeeChoice
from second_track.overview_rows import overview_rows_html

from . import selectors, services

#: The permissions the page shows actions for, by the name the template uses.
PAGE_PERMS = {
    "decide_second_track": "second_track.decide",
    "add_labour_expert_study": "second_track.add_labour_expert_study",
    "change_second_track_profile": "second_track.change_profile",
    "add_second_track_activity": "second_track.add_activity",
    "add_second_track_report": "second_track.add_report",
    "choose_second_track_bureau": "second_track.choose_bureau",
    "comment_second_track": "second_track.comment",
    "view_work_advice": "dossier.view_work_advice",
    "view_action_plan": "dossier.view_action_plan",
}


def _page_url(case_pk: int, anchor: str = "") -> str:
    url = reverse("second_track:detail", kwargs={"case_pk": case_pk})
    return f"{url}#{anchor}" if anchor else url


def _second_track_form(
    request: HttpRequest, case: Any, title: str, form: Form, **extra: Any
) -> HttpResponse:
    return form_page(
        request,
        case,
        title,
        form,
        template="second_track/form.html",
        back_url=_page_url(case.pk),
        **extra,
    )


def second_track(request: HttpRequest, case_pk: int) -> HttpResponse:
    """The second track of one case: the legal frame, warnings, every record, allowed buttons."""
    case = dossier_case_get(user=request.user, pk=case_pk, perm="second_track.view")
    page = selectors.second_track_page(
        user=request.user,
        case=case,
        today=timezone.localdate(),
        activity_kind=request.GET.get("soort", ""),
    )
    perms = {name: request.user.has_perm(perm, case) for name, perm in PAGE_PERMS.items()}
    return render(
        request,
        "second_track/detail.html",
        {
            "case": case,
            "page": page,
            "can": perms,
            "is_employee": request.user.has_perm("second_track.choose_bureau", case),
            "activity_kinds": ActivityKind.choices,
            "comment_form": SecondTrackCommentForm(),
            "EmployeeChoice": EmployeeChoice,
            "today": timezone.localdate(),
        },
    )


@require_http_methods(["GET", "POST"])
def study_create(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = dossier_case_get(
        user=request.user, pk=case_pk, perm="second_track.add_labour_expert_study"
    )
    form = LabourExpertStudyForm(request.POST or None, initial={"held_on": timezone.localdate()})
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            services.labour_expert_study_create,
            case=case,
            actor=request.user,
            **form.cleaned_data,
        )
    ):
        messages.success(request, _("Het arbeidsdeskundig onderzoek is vastgelegd."))
        return redirect(_page_url(case.pk, "onderzoek"))
    return _second_track_form(request, case, _("Arbeidsdeskundig onderzoek vastleggen"), form)


@require_http_methods(["GET", "POST"])
def decision_create(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = dossier_case_get(user=request.user, pk=case_pk, perm="second_track.decide")
    form = SecondTrackDecisionForm(
        request.POST or None, case=case, initial={"decided_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if call_service(
            form,
            services.second_track_decide,
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
        ):
            messages.success(request, _("Het besluit over het tweede spoor is vastgelegd."))
            return redirect(_page_url(case.pk, "besluit"))
    rules = selectors.second_track_rules(case=case, today=timezone.localdate())
    return _second_track_form(
        request, case, _("Besluit tweede spoor"), form, second_track_rules=rules
    )


@require_http_methods(["GET", "POST"])
def track_start(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = dossier_case_get(user=request.user, pk=case_pk, perm="second_track.decide")
    form = SecondTrackReferralForm(
        request.POST or None,
        case=case,
        initial={"assignment_date": timezone.localdate(), "route": "bureau"},
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form, services.second_track_start, case=case, actor=request.user, **form.cleaned_data
        )
    ):
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
    case = dossier_case_get(user=request.user, pk=case_pk, perm="second_track.decide")
    track = selectors.second_track_current(user=request.user, case=case, perm="second_track.decide")
    form = SecondTrackReferralForm(request.POST or None, case=case, start=False, instance=track)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        versions = data.pop("plan_versions")
        if call_service(
            form,
            services.second_track_update,
            track=track,
            actor=request.user,
            plan_versions=versions,
            **data,
        ):
            messages.success(request, _("De afspraken van het traject zijn bijgewerkt."))
            return redirect(_page_url(case.pk, "traject"))
    return _second_track_form(request, case, _("Afspraken traject wijzigen"), form)


@require_http_methods(["GET", "POST"])
def track_choice(request: HttpRequest, case_pk: int) -> HttpResponse:
    """The employee agrees with the bureau or proposes their own."""
    case = dossier_case_get(user=request.user, pk=case_pk, perm="second_track.choose_bureau")
    track = selectors.second_track_current(
        user=request.user, case=case, perm="second_track.choose_bureau"
    )
    form = EmployeeChoiceForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            services.second_track_choose_bureau,
            track=track,
            actor=request.user,
            **form.cleaned_data,
        )
    ):
        messages.success(request, _("Uw keuze is vastgelegd."))
        return redirect(_page_url(case.pk, "traject"))
    return _second_track_form(
        request, case, _("Uw keuze voor het re-integratiebureau"), form, second_track=track
    )


@require_http_methods(["GET", "POST"])
def proposal_answer(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = dossier_case_get(user=request.user, pk=case_pk, perm="second_track.decide")
    track = selectors.second_track_current(user=request.user, case=case, perm="second_track.decide")
    form = ProposalAnswerForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            services.second_track_answer_proposal,
            track=track,
            actor=request.user,
            **form.cleaned_data,
        )
    ):
        messages.success(request, _("Uw antwoord op het voorstel is vastgelegd."))
        return redirect(_page_url(case.pk, "traject"))
    return _second_track_form(
        request, case, _("Antwoord op het voorstel van de werknemer"), form, second_track=track
    )


@require_http_methods(["GET", "POST"])
def track_end(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = dossier_case_get(user=request.user, pk=case_pk, perm="second_track.decide")
    track = selectors.second_track_current(user=request.user, case=case, perm="second_track.decide")
    form = SecondTrackEndForm(request.POST or None, initial={"outcome_on": timezone.localdate()})
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form, services.second_track_end, track=track, actor=request.user, **form.cleaned_data
        )
    ):
        messages.success(request, _("Het traject is beëindigd."))
        return redirect(_page_url(case.pk, "traject"))
    return _second_track_form(request, case, _("Traject beëindigen"), form)


@require_http_methods(["GET", "POST"])
def profile_create(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = dossier_case_get(user=request.user, pk=case_pk, perm="second_track.change_profile")
    track = selectors.second_track_current(
        user=request.user, case=case, perm="second_track.change_profile"
    )
    initial = selectors.second_track_profile_initial(case=case, track=track)
    form = SecondTrackProfileForm(request.POST or None, case=case, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            services.second_track_profile_create,
            track=track,
            actor=request.user,
            **form.cleaned_data,
        )
    ):
        messages.success(request, _("Het nieuwe profiel is vastgelegd."))
        return redirect(_page_url(case.pk, "profiel"))
    return _second_track_form(request, case, _("Persoons- en zoekprofiel"), form)


def profile_list(request: HttpRequest, case_pk: int) -> HttpResponse:
    """Every version of the persoons- and zoekprofiel."""
    case = dossier_case_get(user=request.user, pk=case_pk, perm="second_track.view")
    profiles = selectors.second_track_profiles(user=request.user, case=case)
    return render(request, "second_track/profiles.html", {"case": case, "profiles": profiles})


@require_http_methods(["GET", "POST"])
def activity_create(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = dossier_case_get(user=request.user, pk=case_pk, perm="second_track.add_activity")
    track = selectors.second_track_current(
        user=request.user, case=case, perm="second_track.add_activity"
    )
    by_employee = request.user.has_perm("second_track.choose_bureau", case)
    kind = request.GET.get("soort", "")
    form = SecondTrackActivityForm(
        request.POST or None,
        by_employee=by_employee,
        initial={"held_on": timezone.localdate(), "kind": kind or ActivityKind.APPLICATION},
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            services.second_track_activity_create,
            track=track,
            actor=request.user,
            **form.cleaned_data,
        )
    ):
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
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            services.second_track_activity_update_outcome,
            activity=activity,
            actor=request.user,
            **form.cleaned_data,
        )
    ):
        messages.success(request, _("Het resultaat is bijgewerkt."))
        return redirect(_page_url(case.pk, "activiteiten"))
    return _second_track_form(request, case, str(activity), form)


@require_http_methods(["GET", "POST"])
def activity_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.second_track_activity_get(user=request.user, pk=pk)
    case = activity.track.case
    form = ActivityWithdrawForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            services.second_track_activity_withdraw,
            activity=activity,
            actor=request.user,
            reason=form.cleaned_data["reason"],
        )
    ):
        messages.info(request, _("De activiteit is ingetrokken; zij blijft zichtbaar."))
        return redirect(_page_url(case.pk, "activiteiten"))
    return _second_track_form(
        request, case, _("Activiteit intrekken: %(a)s") % {"a": activity}, form
    )


@require_http_methods(["GET", "POST"])
def report_create(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = dossier_case_get(user=request.user, pk=case_pk, perm="second_track.add_report")
    track = selectors.second_track_current(
        user=request.user, case=case, perm="second_track.add_report"
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
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            services.second_track_report_create,
            track=track,
            actor=request.user,
            **form.cleaned_data,
        )
    ):
        messages.success(request, _("De voortgangsrapportage is vastgelegd."))
        return redirect(_page_url(case.pk, "rapportages"))
    return _second_track_form(
        request, case, _("Voortgangsrapportage tweede spoor"), form, multipart=True
    )


@require_POST
def comment_create(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = dossier_case_get(user=request.user, pk=case_pk, perm="second_track.comment")
    track = selectors.second_track_current(
        user=request.user, case=case, perm="second_track.comment"
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


OVERVIEW_PAGE_SIZE = 25


def overview(request: HttpRequest) -> HttpResponse:
    """HR: every trajectory and every case that needs one, of the employers they serve."""
    employers = [
        e
        for e in hr_employers_by_name(request.user)
        if request.user.has_perm("second_track.view_overview", e)
    ]
    if not employers:
        raise PermissionDenied
    employer_id = request.GET.get("werkgever", "")
    chosen = next((e for e in employers if str(e.pk) == employer_id), None)
    today, number = timezone.localdate(), request.GET.get("page")
    employer_id = chosen.pk if chosen else None
    # Read once per employer, page and change of the cases and trajectories (cases.write_stamps).
    page = cached_for_version(
        "second_track_overview",
        (request.user.pk, today, employer_id, number),
        lambda: selectors.second_track_overview_page(
            user=request.user,
            today=today,
            number=number,
            size=OVERVIEW_PAGE_SIZE,
            employer_id=employer_id,
        ),
    )
    names = {e.pk: e.name for e in employers} if len(employers) > 1 else None
    return render(
        request,
        "second_track/overview.html",
        {
            "rows": page.object_list,
            "rows_html": overview_rows_html(page.object_list, employer_names=names),
            "page_obj": page,
            "employers": employers,
            "chosen": chosen,
        },
    )
