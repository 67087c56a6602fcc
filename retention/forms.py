"""Forms of the retention pages (Dutch messages; the services validate again)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.forms import CrispyForm

from .terms import MAX_YEARS, MIN_YEARS, OWN_RISK_BEARER_YEARS

_YEARS_ERRORS = {
    "required": _("Vul een aantal jaren in."),
    "invalid": _("Vul een heel aantal jaren in."),
    "min_value": _("De bewaartermijn is ten minste %(limit_value)s jaar."),
    "max_value": _("De bewaartermijn is hoogstens %(limit_value)s jaar."),
}


class RetentionPolicyForm(CrispyForm):
    """An employer's bewaartermijnen."""

    submit_label = _("Bewaarbeleid opslaan")

    dossier_years = forms.IntegerField(
        label=_("Bewaartermijn re-integratiedossier (jaren)"),
        min_value=MIN_YEARS,
        max_value=MAX_YEARS,
        error_messages=_YEARS_ERRORS,
        help_text=_(
            "Na het einde van het verzuim, of van het dienstverband bij ziek uit dienst. De "
            "Autoriteit Persoonsgegevens vindt 2 jaar redelijk."
        ),
    )
    employee_years = forms.IntegerField(
        label=_("Bewaartermijn persoonsgegevens na uitdiensttreding (jaren)"),
        min_value=MIN_YEARS,
        max_value=MAX_YEARS,
        error_messages=_YEARS_ERRORS,
        help_text=_("Daarna worden naam, BSN en contactgegevens van de werknemer verwijderd."),
    )
    own_risk_bearer_zw = forms.BooleanField(
        label=_("Eigenrisicodrager Ziektewet"),
        required=False,
        help_text=_("Een eigenrisicodrager bewaart het dossier ten minste 5 jaar."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        years = data.get("dossier_years")
        if data.get("own_risk_bearer_zw") and years is not None and years < OWN_RISK_BEARER_YEARS:
            self.add_error(
                "dossier_years",
                _("Een eigenrisicodrager Ziektewet bewaart het dossier ten minste %(n)s jaar.")
                % {"n": OWN_RISK_BEARER_YEARS},
            )
        return data


class LegalHoldForm(CrispyForm):
    """Put a case under a legal hold, with the reason."""

    submit_label = _("Bewaarplicht vastleggen")

    reason = forms.CharField(
        label=_("Reden"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Geef de reden van de bewaarplicht op.")},
        help_text=_(
            "Bijvoorbeeld een lopende procedure of een deskundigenoordeel. Noem geen medische "
            "gegevens."
        ),
    )


class EmployeeEraseForm(CrispyForm):
    """Confirm the erasure (anonymisation) of an employee."""

    submit_label = _("Werknemer verwijderen (anonimiseren)")

    confirm = forms.BooleanField(
        label=_(
            "Ik begrijp dat naam, BSN, contactgegevens en de inhoud van alle verzuimdossiers "
            "van deze werknemer definitief worden verwijderd."
        ),
        error_messages={"required": _("Bevestig dat u de werknemer wilt verwijderen.")},
    )
