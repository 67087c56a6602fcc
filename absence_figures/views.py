"""Analyse page, its exports and the management report (thin: authorize → build → render)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from .access import AnalysisAccess, analysis_access
from .analysis import Analysis, build_analysis, chart_data
from .exports import analysis_csv, analysis_xlsx
from .forms import AnalysisFilterForm
from .page_html import chart_sections, figure_cards, filter_fields
from .report import analysis_pdf


def _scope_label(access: AnalysisAccess, form: AnalysisFilterForm) -> str:
    if access.is_manager:
        if access.department is not None:
            return _("Afdeling %(name)s") % {"name": access.department.name}
        return _("Team van %(name)s") % {"name": access.team_of}
    data = form.cleaned_data
    if department := data.get("department"):
        employer = next(e for e in access.employers if e.pk == department.employer_id)
        return f"{employer} — {department.name}"
    if data.get("employer") or len(access.employers) == 1:
        return str(data.get("employer") or access.employers[0])
    return _("Alle werkgevers (%(n)s)") % {"n": len(access.employers)}


def _analysis(request: HttpRequest) -> tuple[AnalysisAccess, AnalysisFilterForm, Analysis | None]:
    """Return the user's access, the bound filter form and the analysis (None on bad filters)."""
    access = analysis_access(request.user)
    if access is None:
        raise PermissionDenied
    today = timezone.localdate()
    form = AnalysisFilterForm(
        request.GET,
        employers=access.employers,
        show_scope=not access.is_manager,
        today=today,
        departments=access.departments,
    )
    if not access.employers or not form.is_valid():
        return access, form, None
    data = form.cleaned_data
    scope = access.scope(data.get("employer"), data.get("department"))
    analysis = build_analysis(
        scope=scope,
        period=form.chosen_period(),
        today=today,
        scope_label=_scope_label(access, form),
        classes_view=data.get("classes") or "standard",
        departments=form.departments(),
    )
    return access, form, analysis


def analysis_page(request: HttpRequest) -> HttpResponse:
    """Show the absence figures of the user's scope with charts and their tables."""
    access, form, analysis = _analysis(request)
    query = request.GET.urlencode()
    return render(
        request,
        "absence_figures/analysis.html",
        {
            "access": access,
            "form": form,
            "analysis": analysis,
            "charts": chart_data(analysis) if analysis else {},
            "cards": figure_cards(analysis.tables[0]) if analysis else "",
            "sections": chart_sections(analysis.tables[1:]) if analysis else "",
            "query": query,
            "filter_fields": filter_fields(form),
        },
    )


def _filename(analysis: Analysis, extension: str) -> str:
    return f"verzuimcijfers-{analysis.period.start}-{analysis.period.end}.{extension}"


def analysis_export(request: HttpRequest, extension: str) -> HttpResponse:
    """Return the figures of the same view as CSV or XLSX."""
    _access, _form, analysis = _analysis(request)
    if analysis is None:
        return analysis_page(request)
    if extension == "csv":
        response = HttpResponse(analysis_csv(analysis), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            analysis_xlsx(analysis),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{_filename(analysis, extension)}"'
    return response


def analysis_report(request: HttpRequest) -> HttpResponse:
    """Return the printable management report of the same view as PDF."""
    _access, _form, analysis = _analysis(request)
    if analysis is None:
        return analysis_page(request)
    response = HttpResponse(analysis_pdf(analysis), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_filename(analysis, "pdf")}"'
    return response
