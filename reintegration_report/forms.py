"""The form on the Poortwachtertoets page: what to export."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ExportKind


class ReportExportForm(forms.Form):
    """Choose the report (for UWV, or the employee's copy) and whether to add the findings."""

    kind = forms.ChoiceField(
        label=_("Wat wilt u maken?"),
        choices=ExportKind.choices,
        initial=ExportKind.RIV,
        widget=forms.RadioSelect,
    )
    include_findings = forms.BooleanField(
        label=_("Samenvatting van de Poortwachtertoets achter het voorblad opnemen"),
        required=False,
        help_text=_(
            "Handig voor uw eigen controle; laat het weg als het verslag naar UWV gaat en u de "
            "bevindingen niet wilt meesturen."
        ),
    )
