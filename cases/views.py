"""Case, sickness-course and employee pages (thin: authorize → selector/service → render)."""

from __future__ import annotations

import base64
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.session_timeout import polling
from accounts.start_page import start_blocks_render

from . import selectors, services
from .case_list_rows import case_rows_html
from .case_page import case_sections
from .employee_import import employee_import_preview
from .employee_import_jobs import employee_import_get, employee_import_request
from .employee_page import employee_blocks_render
from .employee_rows import employee_rows_html
from .filters import CaseFilter, EmployeeFilter
from .forms import (
    CaseDetailsForm,
    CaseTeamForm,
    CloseCaseForm,
    EmployeeImportForm,
    EmployerDefaultsForm,
    FirstSickDayCorrectionForm,
    LeavePeriodForm,
    RecoveryForm,
    SickReportForm,
    WorkResumptionForm,
)
from .models import Case, CaseStatus, Employer
from .paging import KnownCountPaginator, UncountedPage, uncounted_page
from .service_calls import call_service
from .transitions import allowed_reasons
from .write_stamps import cached_for_version

if TYPE_CHECKING:
    from accounts.models import User

PAGE_SIZE = 25


def _add_errors(form: Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form (field errors where the field exists)."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _case_list_values(case_filter: CaseFilter, user: User, ordered: bool) -> QuerySet:
    """Return the case list's values as the filter and the ordering ask (built when needed)."""
    cases = selectors.case_list(user=user)
    if case_filter.is_bound:
        case_filter.is_valid()  # filter by the fields that are valid, as `FilterSet.qs` does
        cases = case_filter.filter_queryset(cases)
    if not ordered:
        cases = cases.order_by("-first_sick_day", "-pk")
    return selectors.case_list_values(cases)


def case_list(request: HttpRequest) -> HttpResponse:
    """Show the cases the user may see, with search, filters, sorting and pages (htmx aware)."""
    today = timezone.localdate()
    # The list itself is built only when its count or page is not cached (below): the filter
    # is given none, and `_case_list_values` applies it.
    case_filter = CaseFilter(request.GET or None, queryset=Case.objects.none(), user=request.user)
    listed = partial(_case_list_values, case_filter, request.user, "ordering" in request.GET)
    # The count and the page's rows are read once per filter, page and change of the caseload
    # (cases.write_stamps): at 10,000 cases the count costs more than the rows, and reading
    # the rows more than writing the page.
    params = sorted((k, tuple(v)) for k, v in request.GET.lists() if k != "page")
    filters = [(k, v) for k, v in params if k != "ordering"]
    scope = (request.user.pk, today)
    count = cached_for_version("case_list_count", (*scope, filters), lambda: listed().count())
    page = KnownCountPaginator(Case.objects.none(), PAGE_SIZE, count=count).get_page(
        request.GET.get("page")
    )
    first = (page.number - 1) * PAGE_SIZE
    rows = cached_for_version(
        "case_list_rows",
        (*scope, params, page.number),
        lambda: selectors.case_list_rows(listed()[first : first + PAGE_SIZE]),
    )
    context = {
        "filter": case_filter,
        "page_obj": page,
        "cases": rows,
        "case_rows": case_rows_html(rows, user=request.user, today=today),
    }
    if not request.htmx:
        # Blocks other apps register for HR's overview (accounts.start_page).
        context["start_blocks"] = start_blocks_render(request)
        if request.user.is_hr:
            context["without_physician"] = selectors.open_cases_without_physician(user=request.user)
    template = "cases/case_list.html#rows" if request.htmx else "cases/case_list.html"
    return render(request, template, context)


def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show one case to someone allowed to see it (404 otherwise)."""
    case = selectors.case_detail(user=request.user, pk=pk)
    user = request.user
    team_changes = selectors.case_team_changes(case=case)
    # The course, the team (changes) and what the sections declare: one round trip.
    sections = case_sections(request, case, also=[*selectors.case_course(case), team_changes])
    case.week_of_illness = selectors.case_week_of_illness(case)
    context = {
        "case": case,
        "periods": list(case.sick_periods.all()),
        "work_resumption": selectors.current_work_resumption(case),
        "can_change": user.has_perm("cases.change_case", case),
        "can_report_recovery": case.is_open and user.has_perm("cases.report_recovery", case),
        "can_close": user.has_perm("cases.change_case", case)
        and bool(allowed_reasons(case.status, CaseStatus.CLOSED)),
        "sections": sections,
        "team": services.case_team(case),
        "team_changes": team_changes.result,
    }
    return render(request, "cases/case_detail.html", context)


@require_GET
def case_activity(request: HttpRequest, pk: int) -> HttpResponse:
    """The history of a case (who did what and when), with the case page's access check.

    The case page loads it afterwards (htmx, the partial `log`): the pghistory read is the
    slowest of the page and the log is seldom looked at. Without htmx it is a page of its own.
    """
    case = selectors.case_get(user=request.user, pk=pk)
    context = {"case": case, "activity": selectors.case_activity(case=case, user=request.user)}
    template = "cases/case_activity.html#log" if request.htmx else "cases/case_activity.html"
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
def report_sick(request: HttpRequest) -> HttpResponse:
    """Ziekmelding by HR, a manager (if allowed) or the employee themself (if allowed)."""
    employees = selectors.sick_report_employees(user=request.user)
    if not employees.exists():
        raise PermissionDenied
    initial = {}
    chosen = request.GET.get("employee", "")
    employee = employees.filter(pk=chosen).first() if chosen.isdigit() else None
    if employee is None:
        first_two = list(employees[:2])
        employee = first_two[0] if len(first_two) == 1 else None
    if employee is not None:
        initial["employee"] = employee.pk
        # A relapse keeps the case's contact details unless HR changes them.
        initial |= services.relapse_contact_details(
            employee=employee, first_sick_day=timezone.localdate()
        )
    relapse = any(name in initial for name in services.RELAPSE_CONTACT_FIELDS)
    form = SickReportForm(
        request.POST or None, employees=employees, initial=initial, relapse=relapse
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        employee = data.pop("employee")
        if not request.user.has_perm("cases.report_sick", employee):
            raise PermissionDenied
        if call := call_service(
            form, services.case_report_sick, employee=employee, actor=request.user, **data
        ):
            messages.success(request, _("De ziekmelding is opgeslagen."))
            if call.result.explanation:
                messages.info(request, call.result.explanation)
            return redirect(call.result.case)
    return render(request, "cases/report_sick.html", {"form": form})


def _case_action(
    request: HttpRequest,
    pk: int,
    *,
    perm: str,
    form_class: type[Form],
    service: Callable[..., Any],
    title: str,
    success: str,
    form_kwargs: Callable[[Case], dict[str, Any]] | None = None,
    template_name: str = "cases/case_action.html",
) -> HttpResponse:
    """Authorize (404 outside scope, 403 without `perm`), validate, call the service, redirect."""
    case = selectors.case_get(user=request.user, pk=pk, perm=perm)
    extra = form_kwargs(case) if form_kwargs else {}
    form = form_class(request.POST or None, **extra)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(form, service, case=case, actor=request.user, **form.cleaned_data)
    ):
        messages.success(request, success)
        return redirect(case)
    return render(request, template_name, {"case": case, "form": form, "title": title})


@require_http_methods(["GET", "POST"])
def report_recovery(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_action(
        request,
        pk,
        perm="cases.report_recovery",
        form_class=RecoveryForm,
        service=services.case_report_recovery,
        title=_("Herstelmelding"),
        success=_("Het herstel is gemeld; de ziekteperiode is afgesloten."),
    )


@require_http_methods(["GET", "POST"])
def work_resumption_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_action(
        request,
        pk,
        perm="cases.change_case",
        form_class=WorkResumptionForm,
        service=services.case_record_work_resumption,
        title=_("Gedeeltelijke werkhervatting"),
        success=_("De gedeeltelijke werkhervatting is vastgelegd."),
    )


@require_http_methods(["GET", "POST"])
def leave_period_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_action(
        request,
        pk,
        perm="cases.change_case",
        form_class=LeavePeriodForm,
        service=services.case_add_leave_period,
        title=_("Zwangerschaps- en bevallingsverlof"),
        success=_("Het verlof is vastgelegd."),
    )


@require_http_methods(["GET", "POST"])
def correct_first_sick_day(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_action(
        request,
        pk,
        perm="cases.change_case",
        form_class=FirstSickDayCorrectionForm,
        service=services.case_correct_first_sick_day,
        title=_("Eerste ziektedag corrigeren"),
        success=_("De eerste ziektedag is gecorrigeerd."),
    )


@require_http_methods(["GET", "POST"])
def update_details(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_action(
        request,
        pk,
        perm="cases.change_case",
        form_class=CaseDetailsForm,
        service=services.case_update_details,
        title=_("Gegevens ziekmelding wijzigen"),
        success=_("De gegevens van de ziekmelding zijn opgeslagen."),
        form_kwargs=lambda case: {"case": case},
    )


@require_http_methods(["GET", "POST"])
def case_team(request: HttpRequest, pk: int) -> HttpResponse:
    """HR sets the casemanager, bedrijfsarts and arbeidsdeskundige of a case."""
    return _case_action(
        request,
        pk,
        perm="cases.change_case",
        form_class=CaseTeamForm,
        service=services.case_team_update,
        title=_("Dossierteam"),
        success=_("Het dossierteam is opgeslagen."),
        form_kwargs=lambda case: {"case": case, "team": services.case_team(case)},
        template_name="cases/case_team.html",
    )


@require_http_methods(["GET", "POST"])
def close_case(request: HttpRequest, pk: int) -> HttpResponse:
    def close(*, case: Case, actor: Any, reason: str) -> Case:
        return services.case_transition(case=case, to=CaseStatus.CLOSED, reason=reason, actor=actor)

    return _case_action(
        request,
        pk,
        perm="cases.change_case",
        form_class=CloseCaseForm,
        service=close,
        title=_("Dossier afsluiten"),
        success=_("Het verzuimdossier is afgesloten."),
        form_kwargs=lambda case: {"case": case},
    )


# --- Employers ---------------------------------------------------------------------------------


def employer_list(request: HttpRequest) -> HttpResponse:
    """List the HR user's employers with the team a new case gets."""
    _require_hr(request)
    return render(
        request,
        "cases/employer_list.html",
        {"employers": selectors.employer_list(user=request.user)},
    )


@require_http_methods(["GET", "POST"])
def employer_update(request: HttpRequest, pk: int) -> HttpResponse:
    """Set an employer's default casemanager and contracted bedrijfsarts."""
    employer = selectors.employer_get(user=request.user, pk=pk, perm="cases.change_employer")
    form = EmployerDefaultsForm(request.POST or None, employer=employer)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            services.employer_defaults_update,
            employer=employer,
            actor=request.user,
            **form.cleaned_data,
        )
    ):
        messages.success(
            request, _("Het standaardteam van %(name)s is opgeslagen.") % {"name": employer}
        )
        return redirect("cases:employer_list")
    return render(request, "cases/employer_form.html", {"employer": employer, "form": form})


# --- Employees ---------------------------------------------------------------------------------


def _require_hr(request: HttpRequest) -> None:
    if not (request.user.is_superuser or request.user.is_hr):
        raise PermissionDenied


def employee_list(request: HttpRequest) -> HttpResponse:
    """List the employees of the HR user's employers, with search."""
    _require_hr(request)
    employee_filter = EmployeeFilter(
        request.GET or None, queryset=selectors.employee_list(user=request.user)
    )

    def read_page() -> UncountedPage:
        queryset = employee_filter.qs if employee_filter.is_bound else employee_filter.queryset
        # Not counted: counting every employee of the employer costs more than showing a page.
        page = uncounted_page(
            selectors.employee_list_values(queryset), request.GET.get("page"), PAGE_SIZE
        )
        # As shown (the BSN masked): the full BSN never goes into the cache.
        return UncountedPage(selectors.employee_list_rows(page), page.number, page.has_next)

    # Read once per search, page and change of the employees and cases (cases.write_stamps).
    page = cached_for_version(
        "employee_list_page", (request.user.pk, sorted(request.GET.lists())), read_page
    )
    rows = employee_rows_html(page.object_list)
    context = {"filter": employee_filter, "page_obj": page, "rows": rows}
    template = "cases/employee_list.html#rows" if request.htmx else "cases/employee_list.html"
    return render(request, template, context)


def employee_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show one employee; the full BSN only to HR of the employer."""
    employee = selectors.employee_get(user=request.user, pk=pk)
    cases = selectors.case_list(user=request.user).filter(employee=employee)
    context = {
        "employee": employee,
        "cases": cases,
        "show_bsn": request.user.has_perm("cases.change_employee", employee),
        "open_invitation": employee.invitations.unanswered().order_by("-sent_at").first(),
        "blocks": employee_blocks_render(request, employee),
    }
    return render(request, "cases/employee_detail.html", context)


_IMPORT_SESSION_KEY = "cases:employee_import"


@require_http_methods(["GET", "POST"])
def employee_import(request: HttpRequest) -> HttpResponse:
    """Dry-run a payroll CSV, show the per-row report, then import it on confirmation."""
    _require_hr(request)
    employers = Employer.objects.filter(hr_users=request.user)
    if request.POST.get("confirm"):
        pending = request.session.get(_IMPORT_SESSION_KEY)
        employer = next((e for e in employers if pending and e.pk == pending["employer"]), None)
        if employer is None:
            messages.error(request, _("Er is geen gecontroleerd bestand om te importeren."))
            return redirect("cases:employee_import")
        if not request.user.has_perm("cases.import_employees", employer):
            raise PermissionDenied
        job = employee_import_request(
            employer=employer,
            data=base64.b64decode(pending["data"]),
            actor=request.user,
            invite=bool(request.POST.get("invite")),
        )
        del request.session[_IMPORT_SESSION_KEY]
        return redirect(job)
    form = EmployeeImportForm(request.POST or None, request.FILES or None, employers=employers)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        employer = form.cleaned_data["employer"]
        if not request.user.has_perm("cases.import_employees", employer):
            raise PermissionDenied
        data = form.cleaned_data["file"].read()
        report = employee_import_preview(employer=employer, data=data)
        context.update(report=report, employer=employer)
        if report.ok:
            request.session[_IMPORT_SESSION_KEY] = {
                "employer": employer.pk,
                "data": base64.b64encode(data).decode("ascii"),
            }
    return render(request, "cases/employee_import.html", context)


@polling  # its htmx polls are no user activity (idle timeout)
@require_http_methods(["GET"])
def employee_import_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Show how far a confirmed import is; htmx polls the `status` partial until it is done."""
    _require_hr(request)
    job = employee_import_get(user=request.user, pk=pk)
    template = (
        "cases/employee_import_status.html#status"
        if request.htmx
        else "cases/employee_import_status.html"
    )
    return render(request, template, {"job": job})
