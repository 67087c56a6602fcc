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
from .querysets import hr_employer_subquery
from .selectors import overdue_deadlines_filter
from .write_stamps import cached_for_version

_SELECT = {"class": "form-select"}


def _filter_options(user: User) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """Return the (id, name) options of the department and casemanager filters of `user`.

    The employers whose departments and casemanagers are offered: HR's own employers directly,
    others' through the bare visible cases (never through the annotated list queryset, which
    would compute its columns for every visible case).
    """
    if user.role == Role.HR and not user.is_superuser:
        employer_ids = hr_employer_subquery(user)
    else:
        employer_ids = Case.objects.visible_to(user).values("employer_id")
    departments = Department.objects.filter(employer__in=employer_ids)
    casemanagers = User.objects.filter(role=Role.HR, hr_employers__in=employer_ids).distinct()
    return (
        [(d.pk, str(d)) for d in departments],
        [(u.pk, str(u)) for u in casemanagers],
    )


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
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=CaseStatus.choices, widget=forms.Select(attrs=_SELECT)
    )
    # Plain choices (the user's departments and casemanagers, set in __init__), not model
    # choices: the options are read once per change of their data instead of on every page,
    # and a queryset in a filter costs ~1 ms to copy (django-filter copies every filter and
    # form field on every page). A chosen id outside the choices is refused by the form.
    department = django_filters.ChoiceFilter(
        label=_("Afdeling"), method="filter_department", widget=forms.Select(attrs=_SELECT)
    )
    casemanager = django_filters.ChoiceFilter(
        label=_("Casemanager"), method="filter_casemanager", widget=forms.Select(attrs=_SELECT)
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
        departments, casemanagers = cached_for_version(
            "case_filter_options", user.pk, partial(_filter_options, user)
        )
        self.filters["department"].extra["choices"] = departments
        self.filters["casemanager"].extra["choices"] = casemanagers

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        for term in value.split():
            queryset = queryset.filter(
                Q(employee__first_name__icontains=term)
                | Q(employee__name_prefix__icontains=term)
                | Q(employee__last_name__icontains=term)
                | Q(employee__personnel_number__icontains=term)
            )
        return queryset

    def filter_department(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(employee__department_id=value) if value else queryset

    def filter_casemanager(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(casemanager_id=value) if value else queryset

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
