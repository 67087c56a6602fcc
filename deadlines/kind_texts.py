"""What each deadline asks, in plain Dutch with its legal basis, for readers outside the app
(the calendar feed). The rule ids and source citations on `Deadline` are for the app's own pages.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .models import DeadlineKind as K

KIND_TEXTS = {
    K.PROBLEM_ANALYSIS: _(
        "De bedrijfsarts stelt de probleemanalyse op, uiterlijk in de zesde ziekteweek "
        "(Regeling procesgang eerste en tweede ziektejaar, art. 2)."
    ),
    K.ACTION_PLAN: _(
        "Werkgever en werknemer stellen samen het plan van aanpak op: binnen twee weken na de "
        "probleemanalyse, uiterlijk in week 8 (Regeling procesgang, art. 4)."
    ),
    K.NEXT_PROGRESS_REVIEW: _(
        "Bespreek de voortgang van de re-integratie met de werknemer; evalueer minstens elke "
        "zes weken (BW 7:658a lid 3)."
    ),
    K.UWV_SICKNESS_REPORT: _(
        "Meld de werknemer ziek bij UWV (42-weken-melding), uiterlijk de eerste werkdag na de "
        "42e ziekteweek (Ziektewet art. 38)."
    ),
    K.FIRST_YEAR_EVALUATION_WINDOW_START: _(
        "Vanaf nu (week 46) kan de eerstejaarsevaluatie worden gehouden (Regeling procesgang, "
        "art. 4)."
    ),
    K.FIRST_YEAR_EVALUATION: _(
        "Houd de eerstejaarsevaluatie aan het einde van het eerste ziektejaar (Regeling "
        "procesgang, art. 4)."
    ),
    K.SECOND_TRACK_LATEST: _(
        "Start het tweede spoor (werk bij een andere werkgever) als terugkeer in het eigen "
        "bedrijf niet lukt: uiterlijk zes weken na de eerstejaarsevaluatie (BW 7:658a lid 1)."
    ),
    K.REINTEGRATION_REPORT: _(
        "Stel het re-integratieverslag op; de werknemer stuurt het mee met de WIA-aanvraag "
        "(WIA art. 25 lid 3)."
    ),
    K.WIA_APPLICATION: _(
        "De werknemer vraagt de WIA-uitkering aan bij UWV, uiterlijk 11 weken vóór het einde "
        "van de wachttijd (WIA art. 64 lid 3)."
    ),
    K.WAITING_PERIOD_END: _("Einde van de wachttijd van 104 weken (WIA art. 23 en 24)."),
    K.WAGE_PAYMENT_END: _(
        "Einde van de loondoorbetaling bij ziekte, tenzij UWV een loonsanctie oplegt "
        "(BW 7:629; WIA art. 25 lid 9)."
    ),
    K.SECOND_TRACK_REPORT: _(
        "Het re-integratiebureau rapporteert over de voortgang van het tweede spoor."
    ),
    K.SECOND_TRACK_REDECISION: _(
        "Het verwachte uitzicht op terugkeer in het eigen bedrijf is verlopen: beslis opnieuw "
        "over het tweede spoor."
    ),
    K.UWV_SAFETY_NET_REPORT: _(
        "Meld de werknemer ziek bij UWV voor de Ziektewet (vangnetregeling)."
    ),
    K.UWV_SAFETY_NET_REPORT_LATEST: _(
        "Uiterste datum om de werknemer bij UWV ziek te melden voor de Ziektewet (vangnetregeling)."
    ),
    K.UWV_END_OF_EMPLOYMENT_REPORT: _(
        "Het dienstverband eindigt tijdens de ziekte: meld de werknemer uiterlijk op de laatste "
        "werkdag ziek bij UWV."
    ),
}
