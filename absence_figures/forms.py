"""The Analyse filters: every choice lives in the query string, so a link shares the view."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date

from django import forms
from django.db.models import Model
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from cases.forms import DateInput
from cases.models import Department, Employer

from .figures import Period
from .page_html import WidgetRenderer

PERIOD_KINDS = [
    ("month", _("Maand")),
    ("quarter", _("Kwartaal")),
    ("year", _("Jaar")),
    ("range", _("Eigen periode")),
]
CLASS_VIEWS = [
    ("standard", _("Standaard (1–7, 8–42, 43–365, >365 dagen)")),
    ("vernet", _("Vernet (1–14, 15–91, 92–365, 366–730 dagen)")),
]
MONTH_NAMES = [
    _("januari"), _("februari"), _("maart"), _("april"), _("mei"), _("juni"),
    _("juli"), _("augustus"), _("september"), _("oktober"), _("november"), _("december"),
]  # fmt: skip
MONTHS = [(number, name) for number, name in enumerate(MONTH_NAMES, start=1)]


class _ReadOnceIterator(ModelChoiceIterator):
    """Offer the objects already read, or the field's queryset itself (read once and kept).

    Django's iterator reads the choices through a server-side cursor on every iteration; the
    Analyse view has the employers already and needs the department names for its table too.
    """

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        offered = self.field.offered
        for obj in self.queryset if offered is None else offered:
            yield self.choice(obj)


class ReadOnceModelChoiceField(forms.ModelChoiceField):
    """A model choice whose options are read once.

    With `offered` (the objects the caller has read) a chosen value is checked against those
    objects, the rows the queryset would read, so no query is needed; else by a query.
    """

    iterator = _ReadOnceIterator
    #: The objects to offer when the caller has read them (the queryset's rows, in its order).
    offered: Sequence[Model] | None = None

    def to_python(self, value: object) -> Model | None:
        offered = self.offered
        if offered is None or not isinstance(value, str) or value in self.empty_values:
            return super().to_python(value)
        self.validate_no_null_characters(value)
        try:  # the conversion of queryset.get(pk=value)
            pk = self.queryset.model._meta.pk.get_prep_value(value)
        except (ValueError, TypeError):
            pk = None
        for obj in offered:
            if pk is not None and obj.pk == pk:
                return obj
        raise forms.ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )


def previous_month(today: date) -> tuple[int, int]:
    """Return (year, month) of the last complete month before `today`."""
    return (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)


class AnalysisFilterForm(forms.Form):
    """Employer, department, period and class view of the Analyse page (GET)."""

    default_renderer = WidgetRenderer()

    employer = ReadOnceModelChoiceField(
        label=_("Werkgever"),
        queryset=Employer.objects.none(),
        required=False,
        empty_label=_("Alle werkgevers"),
    )
    department = ReadOnceModelChoiceField(
        label=_("Afdeling"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=_("Alle afdelingen"),
    )
    period = forms.ChoiceField(label=_("Periode"), choices=PERIOD_KINDS, required=False)
    year = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100, required=False)
    month = forms.TypedChoiceField(label=_("Maand"), choices=MONTHS, coerce=int, required=False)
    quarter = forms.TypedChoiceField(
        label=_("Kwartaal"),
        choices=[(q, f"Q{q}") for q in range(1, 5)],
        coerce=int,
        required=False,
    )
    start = forms.DateField(label=_("Van"), required=False, widget=DateInput())
    end = forms.DateField(label=_("Tot en met"), required=False, widget=DateInput())
    classes = forms.ChoiceField(label=_("Duurklassen"), choices=CLASS_VIEWS, required=False)

    def __init__(
        self,
        data,
        *,
        employers,
        show_scope: bool,
        today: date,
        departments: Sequence[Department] | None = None,
        **kwargs,
    ) -> None:
        """Bind `data` over the defaults; `departments` are the employers' departments when
        the caller has read them (in the select's order, each with its employer attached
        when there are several employers), else the select reads them."""
        # Missing filters take their defaults, so the form always shows what the page shows.
        year, month = previous_month(today)
        merged = {
            "period": "month",
            "year": str(year),
            "month": str(month),
            "quarter": str((today.month - 1) // 3 + 1),
            "classes": "standard",
        }
        merged.update({key: value for key, value in data.items() if value != ""})
        super().__init__(merged, **kwargs)
        self.today = today
        ids = [e.pk for e in employers]
        # Read by the caller, ordered by name: offered and checked without a query.
        self.fields["employer"].offered = list(employers)
        if len(ids) > 1:
            self.fields["department"].label_from_instance = lambda d: f"{d.employer} — {d.name}"
        if departments is not None:
            self.fields["department"].offered = list(departments)
        elif len(ids) > 1:
            self.fields["department"].queryset = (
                Department.objects.filter(employer__in=ids)
                .select_related("employer")
                .only("name", "employer__name")
                .order_by("employer__name", "name")
            )
        else:  # one employer: its name is shown nowhere, so it is not joined
            self.fields["department"].queryset = Department.objects.filter(
                employer__in=ids
            ).order_by("name")
        if len(ids) == 1:
            self.fields["employer"].widget = forms.HiddenInput()
        if not show_scope:
            del self.fields["employer"]
            del self.fields["department"]
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)

    def departments(self) -> list[Department] | None:
        """Return the departments offered, or None without that filter (managers).

        With several employers each comes with its employer (its name labels the department).
        Read once: the select and the department names of the analysis share these rows.
        """
        if "department" not in self.fields:
            return None
        field = self.fields["department"]
        return list(field.queryset if field.offered is None else field.offered)

    def clean(self) -> dict:
        data = super().clean()
        department, employer = data.get("department"), data.get("employer")
        if department and employer and department.employer_id != employer.pk:
            self.add_error("department", _("Deze afdeling hoort niet bij de gekozen werkgever."))
        kind = data.get("period") or "month"
        data["period"] = kind
        if kind == "range":
            start, end = data.get("start"), data.get("end")
            if not start or not end:
                raise forms.ValidationError(
                    _("Kies voor een eigen periode een begin- en einddatum.")
                )
            if end < start:
                self.add_error("end", _("De einddatum ligt vóór de begindatum."))
            elif (end - start).days > 3 * 366:
                self.add_error("end", _("Kies een periode van hoogstens drie jaar."))
        if not self.errors and self.chosen_period().start > self.today:
            raise forms.ValidationError(_("Deze periode ligt in de toekomst."))
        return data

    def chosen_period(self) -> Period:
        """Return the chosen period, ending at the latest today (no figures about the future)."""
        data = getattr(self, "cleaned_data", {}) if self.is_bound else {}
        kind = data.get("period") or "month"
        default_year, default_month = previous_month(self.today)
        year = data.get("year") or (self.today.year if kind != "month" else default_year)
        if kind == "range" and data.get("start") and data.get("end"):
            start, end = data["start"], data["end"]
        elif kind == "year":
            start, end = date(year, 1, 1), date(year, 12, 31)
        elif kind == "quarter":
            quarter = data.get("quarter") or (self.today.month - 1) // 3 + 1
            start = date(year, 3 * quarter - 2, 1)
            end_month = 3 * quarter
            end = date(year, end_month, calendar.monthrange(year, end_month)[1])
        else:
            month = data.get("month") or default_month
            start = date(year, month, 1)
            end = date(year, month, calendar.monthrange(year, month)[1])
        return Period(start, min(end, max(start, self.today)))
