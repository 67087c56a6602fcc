"""The form on the Poortwachtertoets page: what to export."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ExportKind


class ReportExportForm(forms.Form):
    """Choose the report: for UWV, the employee's copy, or the internal toets summary."""

    kind = forms.ChoiceField(
        label=_("Wat wilt u maken?"),
        choices=ExportKind.choices,
        initial=ExportKind.RIV,
        widget=forms.RadioSelect,
        help_text=_(
            "De samenvatting van de Poortwachtertoets is een aparte, interne PDF voor uw eigen "
            "controle; zij is nooit een onderdeel van het verslag voor UWV."
        ),
    )
