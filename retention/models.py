"""An employer's retention policy (bewaartermijnen); the defaults live in :mod:`.terms`."""

from __future__ import annotations

import pghistory
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cases.models import Employer

from .terms import (
    DEFAULT_DOSSIER_YEARS,
    DEFAULT_EMPLOYEE_YEARS,
    MAX_YEARS,
    MIN_YEARS,
    OWN_RISK_BEARER_YEARS,
    Policy,
)

_YEARS = [MinValueValidator(MIN_YEARS), MaxValueValidator(MAX_YEARS)]


@pghistory.track()
class RetentionPolicy(models.Model):
    """How long one employer keeps closed dossiers and the data of employees who left."""

    employer = models.OneToOneField(
        Employer,
        on_delete=models.PROTECT,
        related_name="retention_policy",
        verbose_name=_("werkgever"),
    )
    dossier_years = models.PositiveSmallIntegerField(
        _("bewaartermijn re-integratiedossier (jaren)"),
        default=DEFAULT_DOSSIER_YEARS,
        validators=_YEARS,
        help_text=_(
            "Na het einde van het verzuim (of van het dienstverband bij ziek uit dienst). "
            "De Autoriteit Persoonsgegevens vindt 2 jaar redelijk."
        ),
    )
    employee_years = models.PositiveSmallIntegerField(
        _("bewaartermijn persoonsgegevens na uitdiensttreding (jaren)"),
        default=DEFAULT_EMPLOYEE_YEARS,
        validators=_YEARS,
        help_text=_("Daarna worden naam, BSN en contactgegevens van de werknemer verwijderd."),
    )
    own_risk_bearer_zw = models.BooleanField(
        _("eigenrisicodrager Ziektewet"),
        default=False,
        help_text=_("Een eigenrisicodrager bewaart het dossier ten minste 5 jaar."),
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("bewaarbeleid")
        verbose_name_plural = _("bewaarbeleid")
        constraints = [
            models.CheckConstraint(
                condition=Q(dossier_years__gte=MIN_YEARS, dossier_years__lte=MAX_YEARS)
                & Q(employee_years__gte=MIN_YEARS, employee_years__lte=MAX_YEARS),
                name="retention_policy_years_range",
                violation_error_message=_("Een bewaartermijn ligt tussen 1 en 10 jaar."),
            ),
            models.CheckConstraint(
                condition=Q(own_risk_bearer_zw=False) | Q(dossier_years__gte=OWN_RISK_BEARER_YEARS),
                name="retention_policy_own_risk_bearer_minimum",
                violation_error_message=_(
                    "Een eigenrisicodrager Ziektewet bewaart het dossier ten minste 5 jaar."
                ),
            ),
        ]

    def __str__(self) -> str:
        return str(_("Bewaarbeleid %(employer)s") % {"employer": self.employer})

    def clean(self) -> None:
        if self.own_risk_bearer_zw and (self.dossier_years or 0) < OWN_RISK_BEARER_YEARS:
            raise ValidationError(
                {
                    "dossier_years": _(
                        "Een eigenrisicodrager Ziektewet bewaart het dossier ten minste %(n)s jaar."
                    )
                    % {"n": OWN_RISK_BEARER_YEARS}
                }
            )

    def as_policy(self) -> Policy:
        """Return the policy as the pure rules take it."""
        return Policy(self.dossier_years, self.employee_years, self.own_risk_bearer_zw)
