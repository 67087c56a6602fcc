"""Forms for signing documents and for the employee's view on an evaluation."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import SignatureParty
from .records import DATE


class PaperSignatureForm(forms.Form):
    """HR records a signature given on paper: who (party), the date on the paper, the scan."""

    party = forms.ChoiceField(label=_("Ondertekend door"), choices=SignatureParty.choices)
    signer_name = forms.CharField(
        label=_("Naam ondertekenaar (werkgever)"),
        max_length=200,
        required=False,
        help_text=_(
            "Alleen voor de werkgever; leeg laten is uw eigen naam. Bij de werknemer staat "
            "altijd de naam van de werknemer."
        ),
    )
    signed_on = forms.DateField(label=_("Datum op het ondertekende document"), widget=DATE)
    scan = forms.FileField(
        label=_("Scan van het ondertekende document"),
        help_text=_("PDF of afbeelding (JPG, PNG, TIFF)."),
    )


class EvaluationViewForm(forms.Form):
    """The employee's view on an evaluation (by the employee, or by HR on their behalf)."""

    text = forms.CharField(
        label=_("Visie werknemer"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
