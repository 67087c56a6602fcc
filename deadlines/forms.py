"""Forms and filters of the deadlines pages."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from cases.models import Employer
from deadlines.models import UWV_KEYS, DeadlineKind, DeadlineStatus


def _employers(request) -> object:
    if request is None or not request.user.is_authenticated:
        return Employer.objects.none()
    if request.user.is_superuser:
        return Employer.objects.all()
    return request.user.hr_employers.all()


_SELECT = {"class": "form-select"}


class DeadlineFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        choices=DeadlineKind.choices, label=_("Stap"), widget=forms.Select(attrs=_SELECT)
    )
    status = django_filters.ChoiceFilter(
        choices=DeadlineStatus.choices, label=_("Status"), widget=forms.Select(attrs=_SELECT)
    )
    employer = django_filters.ModelChoiceFilter(
        field_name="case__employer",
        queryset=_employers,
        label=_("Werkgever"),
        widget=forms.Select(attrs=_SELECT),
    )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: object) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class UwvDateForm(forms.Form):
    key = forms.ChoiceField(
        label=_("Stap"), choices=[(key, DeadlineKind(key).label) for key in UWV_KEYS]
    )
    date = forms.DateField(label=_("Datum volgens UWV"), widget=DateInput())
    letter_date = forms.DateField(label=_("Datum van de brief"), widget=DateInput())
    note = forms.CharField(
        label=_("Toelichting"), required=False, max_length=1000, widget=forms.Textarea({"rows": 2})
    )


class DeadlineCompleteForm(forms.Form):
    completed_on = forms.DateField(label=_("Gedaan op"), widget=DateInput())
    note = forms.CharField(
        label=_("Toelichting"),
        max_length=1000,
        help_text=_("Bijvoorbeeld: 42-weken-melding gedaan via het werkgeversportaal."),
    )
