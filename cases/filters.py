"""The case overview filters (django-filter)."""

from __future__ import annotations

from functools import partial
from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User

from .models import Case, CaseStatus, Department
from .querysets import hr_employer_ids
from .selectors import overdue_deadlines_filter
from .templatetags.select_tags import select_option_rows
from .write_stamps import cached_for_version


class CaseFilterForm(forms.Form):
    """The filter form; refuses a week range that ends before it starts."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        low, high = cleaned.get("week_min"), cleaned.get("week_max")
        if low is not None and high is not None and low > high:
            self.add_error(
                "week_max",
                _("De ziekteweek 'tot en met' (%(high)s) ligt vóór 'vanaf' (%(low)s).")
                % {"high": high, "low": low},
            )
        return cleaned


class CaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Zoeken"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=CaseStatus.choices)
    # The querysets are set per user in __init__. Until then a function, not a queryset:
    # django-filter deep-copies every filter on every page, and a queryset costs ~1 ms to copy.
    department = django_filters.ModelChoiceFilter(
        label=_("Afdeling"),
        field_name="employee__department",
        queryset=lambda request: Department.objects.none(),
    )
    casemanager = django_filters.ModelChoiceFilter(
        label=_("Casemanager"), queryset=lambda request: User.objects.none()
    )
    week_min = django_filters.NumberFilter(
        label=_("Ziekteweek vanaf"), field_name="week_of_illness", lookup_expr="gte"
    )
    week_max = django_filters.NumberFilter(
        label=_("Ziekteweek tot en met"), field_name="week_of_illness", lookup_expr="lte"
    )
    overdue = django_filters.BooleanFilter(
        label=_("Heeft verlopen deadlines"),
        method="filter_overdue",
        widget=django_filters.widgets.BooleanWidget(),
    )
    without_physician = django_filters.BooleanFilter(
        label=_("Zonder bedrijfsarts"),
        method="filter_without_physician",
        widget=django_filters.widgets.BooleanWidget(),
    )
    ordering = django_filters.OrderingFilter(
        label=_("Sorteren"),
        fields=(
            ("employee__last_name", "name"),
            ("first_sick_day", "ezd"),
            ("week_of_illness", "week"),
            ("next_deadline", "deadline"),
            ("status", "status"),
        ),
        field_labels={
            "employee__last_name": _("Naam"),
            "first_sick_day": _("Eerste ziektedag"),
            "week_of_illness": _("Ziekteweek"),
            "next_deadline": _("Volgende deadline"),
            "status": _("Status"),
        },
    )

    class Meta:
        form = CaseFilterForm

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The employers whose departments and casemanagers are offered: HR's own employers
        # directly, others' through the bare visible cases (never through the annotated list
        # queryset, which would compute its columns for every visible case).
        if user.role == Role.HR and not user.is_superuser:
            employer_ids = hr_employer_ids(user)
        else:
            employer_ids = Case.objects.visible_to(user).values("employer_id")
        self.filters["department"].queryset = Department.objects.filter(employer__in=employer_ids)
        self.filters["casemanager"].queryset = User.objects.filter(
            role=Role.HR, hr_employers__in=employer_ids
        ).distinct()
        # After the querysets: the form copies them when it is first built.
        for name in ("status", "department", "casemanager"):
            self.form.fields[name].widget.attrs["class"] = "form-select"
        # The options of the two model selects, read once per change of the data they show
        # (`{% select %}` renders these; choosing one is still checked against the queryset).
        for name in ("department", "casemanager"):
            field = self.form.fields[name]
            field.option_rows = cached_for_version(
                f"case_filter_{name}", user.pk, partial(select_option_rows, field)
            )

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        for term in value.split():
            queryset = queryset.filter(
                Q(employee__first_name__icontains=term)
                | Q(employee__name_prefix__icontains=term)
                | Q(employee__last_name__icontains=term)
                | Q(employee__personnel_number__icontains=term)
            )
        return queryset

    def filter_overdue(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value:
            return overdue_deadlines_filter(queryset)
        return queryset

    def filter_without_physician(
        self, queryset: QuerySet, name: str, value: bool | None
    ) -> QuerySet:
        if value:
            return queryset.open().without_physician()
        return queryset


class EmployeeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Zoeken"), method="search")

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        for term in value.split():
            queryset = queryset.filter(
                Q(first_name__icontains=term)
                | Q(name_prefix__icontains=term)
                | Q(last_name__icontains=term)
                | Q(personnel_number__icontains=term)
                | Q(department__name__icontains=term)
            )
        return queryset
