"""The Analyse view model: figures, trend, classes, departments and open cases as tables.

One object feeds the page (charts and their tables), the CSV/XLSX export and the PDF report,
so all three always show the same numbers. Everything is computed by
:mod:`absence_figures.aggregates` in a fixed number of queries.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cases.models import Department, Employee

from .access import MIN_GROUP_SIZE
from .aggregates import WEEK_BANDS, Scope, merge, open_cases_by_week_band, totals_by_department
from .cached_totals import cached, data_version
from .figures import CONTRACT_CLASSES, VERNET_CLASSES, Figures, Period, figures_from_totals

Cell = str | int | Decimal | None


@dataclass
class Table:
    """One table of the view (and the data of the chart above it)."""

    key: str
    title: str
    headers: list[str]
    rows: list[list[Cell]]
    note: str = ""


@dataclass
class DataQuality:
    """Where the stored data can only approximate the definitions (shown on the page)."""

    employees: int = 0
    without_contract_hours: int = 0
    without_start_date: int = 0


@dataclass
class Analysis:
    period: Period
    scope_label: str
    main: Figures | None
    employees: int
    trend: list[tuple[Period, Figures | None]]
    departments: list[tuple[str, Figures | None, int]]
    classes_view: str
    bands: dict[str, int] | None
    as_of: date
    quality: DataQuality
    tables: list[Table] = field(default_factory=list)

    @property
    def suppressed(self) -> bool:
        return self.main is None


def month_periods(end: date, today: date, count: int = 12) -> list[Period]:
    """Return the `count` calendar months up to the month of `end`, each ending by `today`."""
    periods = []
    year, month = end.year, end.month
    for _index in range(count):
        last = date(year, month, calendar.monthrange(year, month)[1])
        periods.append(Period(date(year, month, 1), min(last, max(today, date(year, month, 1)))))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return list(reversed(periods))


def stage_labels() -> dict[str, str]:
    """Return the poortwachter stage each week band stands for (Dutch)."""
    return {
        "0-6": _("Ziekmelding en probleemanalyse"),
        "7-42": _("Plan van aanpak en uitvoering"),
        "43-52": _("42e-weekmelding en eerstejaarsevaluatie"),
        "53-91": _("Tweede ziektejaar, tweede spoor"),
        "92-104": _("Re-integratieverslag en WIA-aanvraag"),
        "104+": _("Na de wachttijd van 104 weken"),
    }


def class_labels(view: str) -> dict[str, str]:
    if view == "vernet":
        return {
            "short": _("Kort (1–14 dagen)"),
            "medium": _("Middellang (15–91 dagen)"),
            "long": _("Lang (92–365 dagen)"),
            "extra_long": _("Extra lang (366–730 dagen)"),
        }
    return {
        "short": _("Kort (1–7 dagen)"),
        "medium": _("Middellang (8–42 dagen)"),
        "long": _("Lang (43–365 dagen)"),
        "extra_long": _("Extra lang (meer dan 365 dagen)"),
    }


def _visible(figures: Figures) -> Figures | None:
    return figures if figures.employees >= MIN_GROUP_SIZE else None


def _quality(scope: Scope) -> DataQuality:
    employees = Employee.objects.filter(employer__in=scope.employer_ids)
    if scope.department_id is not None:
        employees = employees.filter(department_id=scope.department_id)
    if scope.team_of_employee_id is not None:
        employees = employees.filter(manager_id=scope.team_of_employee_id)
    counts = employees.aggregate(
        total=Count("pk"),
        hours=Count("pk", filter=Q(contract_hours=0)),
        start=Count("pk", filter=Q(employment_start_date__isnull=True)),
    )
    return DataQuality(counts["total"], counts["hours"], counts["start"])


def period_label(period: Period) -> str:
    return f"{date_format(period.start)} – {date_format(period.end)}"


@dataclass(frozen=True)
class ScopeFigures:
    """What the Analyse view computes from the data of a scope, cached as one value."""

    main: Figures
    trend: list[Figures]
    departments: dict[int | None, Figures]
    #: Open cases per band of sick weeks on the view's day; None when `main` is suppressed.
    bands: dict[str, int] | None
    quality: DataQuality


def scope_figures(scope: Scope, period: Period, months: list[Period], as_of: date) -> ScopeFigures:
    """Return the figures of `scope` for `period`, its `months` and each of its departments.

    The aggregations run in the database (``aggregates``); the figures follow from them
    exactly, in Python. Cached as a whole by :func:`build_analysis`: one cache read a request.
    """
    periods = [period, *months]
    by_dept = totals_by_department(scope, periods)

    def of(index: int) -> Figures:
        merged = merge(t for (idx, _d), t in by_dept.items() if idx == index)
        return figures_from_totals(periods[index], merged)

    main = of(0)
    return ScopeFigures(
        main=main,
        trend=[of(index) for index in range(1, len(periods))],
        departments={
            dept: figures_from_totals(period, t) for (idx, dept), t in by_dept.items() if idx == 0
        },
        bands=open_cases_by_week_band(scope, as_of) if _visible(main) else None,
        quality=_quality(scope),
    )


def _department_labels(scope: Scope, departments: Iterable[Department]) -> dict[int, str]:
    """Return the label of each department: with its employer when `scope` spans several."""
    if len(scope.employer_ids) > 1:
        return {d.pk: f"{d.employer} — {d.name}" for d in departments}
    return {d.pk: d.name for d in departments}


def build_analysis(
    *,
    scope: Scope,
    period: Period,
    today: date,
    scope_label: str,
    classes_view: str,
    departments: Iterable[Department] | None = None,
) -> Analysis:
    """Return the figures of `scope` for `period` with a 12-month trend up to its end.

    The figures (aggregations over every employee and case, and the exact arithmetic on
    them) are cached until their data changes (:mod:`absence_figures.cached_totals`).
    `departments` name the department rows when the caller has read them already (the
    filter form's choices, with their employer when `scope` spans several employers); they
    are read here otherwise. With them, the whole view (labels and tables as well) is cached
    too, under the same data version and a key that holds everything else it is made of:
    the language, the scope's label, the class view and the department labels just read
    (departments are not tracked by pghistory, so their names are never taken from the cache).
    """
    months = month_periods(period.end, today)
    as_of = min(today, period.end)
    version = data_version()
    figures_parts = (scope, [period, *months], as_of)

    def compute(labels: dict[int, str] | None) -> Analysis:
        figures = cached(
            "figures",
            figures_parts,
            version,
            lambda: scope_figures(scope, period, months, as_of),
        )
        if labels is None:
            ids = [d for d in figures.departments if d is not None]
            labels = _department_labels(
                scope,
                Department.objects.filter(pk__in=ids)
                .select_related("employer")
                .only("name", "employer__name"),
            )
        return _analysis(figures, period, months, as_of, scope_label, classes_view, labels)

    if departments is None:
        return compute(None)
    labels = _department_labels(scope, departments)
    parts = (figures_parts, get_language(), scope_label, classes_view, tuple(labels.items()))
    return cached("analysis", parts, version, lambda: compute(labels))


def _analysis(
    figures: ScopeFigures,
    period: Period,
    months: list[Period],
    as_of: date,
    scope_label: str,
    classes_view: str,
    labels: dict[int, str],
) -> Analysis:
    trend = [(month, _visible(f)) for month, f in zip(months, figures.trend, strict=True)]
    department_rows = sorted(
        (
            (labels.get(dept, _("Zonder afdeling")), _visible(f), f.employees)
            for dept, f in figures.departments.items()
        ),
        key=lambda row: row[0],
    )
    analysis = Analysis(
        period=period,
        scope_label=scope_label,
        main=_visible(figures.main),
        employees=figures.main.employees,
        trend=trend,
        departments=department_rows,
        classes_view=classes_view,
        bands=figures.bands,
        as_of=as_of,
        quality=figures.quality,
    )
    analysis.tables = analysis_tables(analysis)
    return analysis


def analysis_tables(analysis: Analysis) -> list[Table]:
    """Return every table of the view, in page order (also the export's content)."""
    suppressed = _("minder dan %(n)s medewerkers: niet getoond") % {"n": MIN_GROUP_SIZE}
    tables = []
    main = analysis.main
    rows: list[list[Cell]] = []
    if main:
        rows = [
            [_("Verzuimpercentage (%)"), main.absence_percentage],
            [_("Meldingsfrequentie (per jaar)"), main.report_frequency],
            [_("Gemiddelde verzuimduur (dagen)"), main.average_duration],
            [_("Nulverzuim (%)"), main.zero_absence],
            [_("Gemiddeld aantal medewerkers"), main.average_headcount],
            [_("Nieuwe ziekmeldingen"), main.new_reports],
        ]
    tables.append(
        Table(
            "figures",
            _("Kerncijfers %(period)s") % {"period": period_label(analysis.period)},
            [_("Kengetal"), _("Waarde")],
            rows,
            "" if main else suppressed,
        )
    )
    tables.append(
        Table(
            "trend",
            _("Verloop over 12 maanden"),
            [_("Maand"), _("Verzuimpercentage (%)"), _("Meldingsfrequentie (per jaar)")],
            [
                [
                    date_format(month.start, "M Y"),
                    figures.absence_percentage if figures else None,
                    figures.report_frequency if figures else None,
                ]
                for month, figures in analysis.trend
            ],
            _("Maanden met minder dan %(n)s medewerkers zijn leeg.") % {"n": MIN_GROUP_SIZE},
        )
    )
    if main:
        counts = main.vernet_classes if analysis.classes_view == "vernet" else main.duration_classes
        keys = VERNET_CLASSES if analysis.classes_view == "vernet" else CONTRACT_CLASSES
        total = sum(counts.values())
        labels = class_labels(analysis.classes_view)
        class_rows: list[list[Cell]] = [
            [
                labels[key],
                counts[key],
                Decimal(100 * counts[key] / total).quantize(Decimal("0.1")) if total else None,
            ]
            for key, *_rest in keys
        ]
    else:
        class_rows = []
    tables.append(
        Table(
            "classes",
            _("Ziekmeldingen naar duurklasse"),
            [_("Duurklasse"), _("Aantal"), _("Aandeel (%)")],
            class_rows,
            "" if main else suppressed,
        )
    )
    tables.append(
        Table(
            "departments",
            _("Vergelijking van afdelingen"),
            [
                _("Afdeling"),
                _("Verzuimpercentage (%)"),
                _("Meldingsfrequentie (per jaar)"),
                _("Nulverzuim (%)"),
                _("Gemiddeld aantal medewerkers"),
            ],
            [
                [
                    name,
                    figures.absence_percentage if figures else None,
                    figures.report_frequency if figures else None,
                    figures.zero_absence if figures else None,
                    figures.average_headcount if figures else None,
                ]
                for name, figures, _employees in analysis.departments
            ],
            _("Afdelingen met minder dan %(n)s medewerkers zijn leeg.") % {"n": MIN_GROUP_SIZE},
        )
    )
    stages = stage_labels()
    tables.append(
        Table(
            "bands",
            _("Lopende verzuimdossiers op %(day)s naar ziekteweek en fase")
            % {"day": date_format(analysis.as_of)},
            [_("Ziekteweken"), _("Fase in het poortwachterproces"), _("Aantal dossiers")],
            [[key, stages[key], analysis.bands[key]] for key, *_r in WEEK_BANDS]
            if analysis.bands is not None
            else [],
            "" if analysis.bands is not None else suppressed,
        )
    )
    return tables


def _float(value: Cell) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


def chart_data(analysis: Analysis) -> dict[str, dict]:
    """Return the Chart.js data of each chart (labels and series), from the tables."""
    tables = {t.key: t for t in analysis.tables}
    data: dict[str, dict] = {}
    trend = tables["trend"]
    data["trend"] = {
        "labels": [row[0] for row in trend.rows],
        "series": [
            {"label": trend.headers[1], "data": [_float(r[1]) for r in trend.rows]},
            {"label": trend.headers[2], "data": [_float(r[2]) for r in trend.rows]},
        ],
    }
    for key, label_col, value_col in (("classes", 0, 1), ("departments", 0, 1), ("bands", 0, 2)):
        table = tables[key]
        if table.rows:
            data[key] = {
                "labels": [str(row[label_col]) for row in table.rows],
                "series": [
                    {
                        "label": table.headers[value_col],
                        "data": [_float(row[value_col]) for row in table.rows],
                    }
                ],
            }
    return data
