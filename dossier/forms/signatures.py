"""Forms for signing documents and for the employee's view on an evaluation."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import ExpertOpinionSubject, SignatureParty
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


class ExpertOpinionForm(forms.Form):
    """A request to UWV for a deskundigenoordeel (the answer may follow later)."""

    requested_by = forms.ChoiceField(label=_("Aangevraagd door"), choices=SignatureParty.choices)
    subject = forms.ChoiceField(label=_("Over"), choices=ExpertOpinionSubject.choices)
    question = forms.CharField(
        label=_("Vraag aan UWV"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kort en zonder medische gegevens."),
    )
    requested_on = forms.DateField(label=_("Aangevraagd op"), widget=DATE)
    answered_on = forms.DateField(label=_("Antwoord van UWV op"), widget=DATE, required=False)
    outcome = forms.CharField(
        label=_("Uitkomst"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    upload = forms.FileField(
        label=_("Document (aanvraag of oordeel van UWV)"),
        required=False,
        help_text=_("PDF, afbeelding of Office-document."),
    )

    def __init__(self, *args, employee: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if employee:
            del self.fields["requested_by"]  # the employee records their own request


class ExpertOpinionAnswerForm(forms.Form):
    answered_on = forms.DateField(label=_("Antwoord van UWV op"), widget=DATE)
    outcome = forms.CharField(label=_("Uitkomst"), widget=forms.Textarea(attrs={"rows": 3}))
    upload = forms.FileField(label=_("Oordeel van UWV (document)"), required=False)
