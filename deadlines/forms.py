"""Forms and filters of the deadlines pages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import django_filters
from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from cases.models import Employer
from cases.write_stamps import cached_for_version
from deadlines.models import UWV_KEYS, DeadlineKind, DeadlineStatus

if TYPE_CHECKING:
    from accounts.models import User


def employer_choices(user: User) -> list[tuple[int, str]]:
    """Return the (id, name) of the employers whose deadlines `user` may filter on, by name.

    Read once per change of the employers and who serves them (cases.write_stamps).
    """

    def read() -> list[tuple[int, str]]:
        if not user.is_authenticated:
            return []
        employers = Employer.objects.all() if user.is_superuser else user.hr_employers.all()
        return list(employers.values_list("pk", "name"))

    return cached_for_version("deadline_filter_employers", user.pk, read)


_SELECT = {"class": "form-select"}


class DeadlineFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        choices=DeadlineKind.choices, label=_("Stap"), widget=forms.Select(attrs=_SELECT)
    )
    status = django_filters.ChoiceFilter(
        choices=DeadlineStatus.choices, label=_("Status"), widget=forms.Select(attrs=_SELECT)
    )
    # Plain choices set per user (no queryset to copy on every page); an id outside them is
    # refused by the form.
    employer = django_filters.ChoiceFilter(
        field_name="case__employer", label=_("Werkgever"), widget=forms.Select(attrs=_SELECT)
    )

    def __init__(self, *args: Any, request: HttpRequest, **kwargs: Any) -> None:
        super().__init__(*args, request=request, **kwargs)
        self.filters["employer"].extra["choices"] = employer_choices(request.user)


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
