"""Requests to UWV for a deskundigenoordeel (expert opinion), and UWV's answer.

Either party may ask UWV for a deskundigenoordeel: about the plan van aanpak, about the
employee's capacity for work (arbeidsongeschiktheid / passend werk), or about the
re-integration efforts. The dossier keeps who asked, about what, when, when UWV answered and
the outcome, with the documents; the RIV lists them. No medical content belongs here.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .signatures import SignatureParty


class ExpertOpinionSubject(models.TextChoices):
    ACTION_PLAN = "action_plan", _("Het plan van aanpak")
    CAPACITY = "capacity", _("De arbeidsgeschiktheid (het advies van de bedrijfsarts)")
    REINTEGRATION_EFFORTS = "reintegration_efforts", _("De re-integratie-inspanningen")


class ExpertOpinionRequest(models.Model):
    """One request for a deskundigenoordeel and, once given, UWV's answer."""

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="expert_opinions",
        verbose_name=_("verzuimdossier"),
    )
    requested_by = models.CharField(
        _("aangevraagd door"), max_length=16, choices=SignatureParty.choices
    )
    subject = models.CharField(_("over"), max_length=32, choices=ExpertOpinionSubject.choices)
    plan_version = models.ForeignKey(
        "dossier.ActionPlanVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("versie plan van aanpak"),
    )
    question = models.TextField(
        _("vraag aan UWV"), help_text=_("Kort en zonder medische gegevens.")
    )
    requested_on = models.DateField(_("aangevraagd op"))
    answered_on = models.DateField(_("antwoord van UWV op"), null=True, blank=True)
    outcome = models.TextField(_("uitkomst"), blank=True)
    document = models.ForeignKey(
        "dossier.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("document"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("deskundigenoordeel")
        verbose_name_plural = _("deskundigenoordelen")
        ordering = ["requested_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(answered_on__isnull=True) | Q(answered_on__gte=F("requested_on")),
                name="expert_opinion_answer_after_request",
                violation_error_message=_("Het antwoord van UWV kan niet vóór de aanvraag liggen."),
            ),
            models.CheckConstraint(
                condition=Q(answered_on__isnull=True, outcome="")
                | (Q(answered_on__isnull=False) & ~Q(outcome="")),
                name="expert_opinion_answer_has_outcome",
                violation_error_message=_(
                    "Vul bij het antwoord van UWV zowel de datum als de uitkomst in."
                ),
            ),
        ]

    def __str__(self) -> str:
        return _("Deskundigenoordeel %(date)s") % {"date": f"{self.requested_on:%d-%m-%Y}"}

    def get_absolute_url(self) -> str:
        return reverse("dossier:expert_opinion_detail", kwargs={"pk": self.pk})

    @property
    def is_answered(self) -> bool:
        return self.answered_on is not None
