"""Forms of the Koppelingen pages: a new API token, a new webhook."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.forms import CrispyForm, DateInput

from .models import EventType, Scope


class _EmployerForm(CrispyForm):
    employer = forms.ModelChoiceField(label=_("Werkgever"), queryset=None)

    def __init__(self, *args: Any, employers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = employers
        if len(employers) == 1:
            self.fields["employer"].initial = employers[0]
            self.fields["employer"].widget = forms.HiddenInput()


class ApiTokenForm(_EmployerForm):
    submit_label = _("Sleutel aanmaken")

    name = forms.CharField(
        label=_("Naam"),
        max_length=100,
        help_text=_("Bijvoorbeeld het systeem dat de sleutel gebruikt: 'AFAS salaris'."),
    )
    scopes = forms.MultipleChoiceField(
        label=_("Rechten"), choices=Scope.choices, widget=forms.CheckboxSelectMultiple
    )
    expires_at = forms.DateField(
        label=_("Geldig tot en met"),
        required=False,
        widget=DateInput(),
        help_text=_("Leeg: geldig tot u de sleutel intrekt."),
    )


class WebhookForm(_EmployerForm):
    submit_label = _("Webhook opslaan")

    url = forms.URLField(
        label=_("URL"),
        max_length=500,
        assume_scheme="https",
        help_text=_("Het https-adres van uw systeem dat de berichten ontvangt."),
    )
    events = forms.MultipleChoiceField(
        label=_("Gebeurtenissen"), choices=EventType.choices, widget=forms.CheckboxSelectMultiple
    )
