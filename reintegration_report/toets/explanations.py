"""What each finding means for the user: Dutch title, what UWV expects, what to do now, source.

A finding whose threshold is the app's own choice (marked *heuristic* in the contract) says so:
its ``source`` is ``None`` and the page shows "eigen vuistregel".
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

__all__ = ["EXPLANATIONS", "HEURISTIC_NOTE", "Explanation"]


@dataclass(frozen=True)
class Explanation:
    title: Promise
    expects: Promise
    repair: Promise
    source: str | None
    heuristic_note: Promise | None = None

    @property
    def is_heuristic(self) -> bool:
        return self.source is None or self.heuristic_note is not None


HEURISTIC_NOTE = _("Eigen vuistregel van deze app: geen bron noemt hier een getal.")

_REGELING = "Regeling procesgang eerste en tweede ziektejaar"

EXPLANATIONS: dict[str, Explanation] = {
    "problem_analysis_missing": Explanation(
        _("Probleemanalyse ontbreekt"),
        _("De bedrijfsarts stelt uiterlijk in week 6 een probleemanalyse op."),
        _("Vraag de bedrijfsarts nu om de probleemanalyse en leg die vast in het dossier."),
        f"{_REGELING} art. 2; UWV 'uiterlijk in de zesde week'",
    ),
    "problem_analysis_late": Explanation(
        _("Probleemanalyse te laat"),
        _(
            "De probleemanalyse hoort uiterlijk in week 6 te zijn; later mag alleen als het "
            "dreigend langdurig verzuim pas later bleek (dan onverwijld)."
        ),
        _("Leg in het dossier vast waarom de probleemanalyse later kwam."),
        f"{_REGELING} art. 2 lid 2 en 3",
    ),
    "action_plan_missing": Explanation(
        _("Plan van aanpak ontbreekt"),
        _(
            "Werkgever en werknemer stellen binnen 2 weken na de probleemanalyse, uiterlijk in "
            "week 8, samen een plan van aanpak op."
        ),
        _("Stel nu met de werknemer het plan van aanpak op en leg het vast."),
        f"WIA art. 25 lid 2; {_REGELING} art. 4",
    ),
    "action_plan_late": Explanation(
        _("Plan van aanpak te laat"),
        _("Het plan van aanpak hoort binnen 2 weken na de probleemanalyse, uiterlijk week 8."),
        _("Leg vast waarom het plan later kwam; zorg dat het nu actueel is."),
        f"WIA art. 25 lid 2; {_REGELING} art. 4",
    ),
    "action_plan_not_agreed": Explanation(
        _("Laatste plan van aanpak niet akkoord"),
        _(
            "Het plan van aanpak (en elke bijstelling) komt in overeenstemming met de werknemer "
            "tot stand; UWV kijkt of beide partijen het hebben ondertekend."
        ),
        _(
            "Vraag de werknemer om akkoord op de laatste versie, of leg vast waarom hij niet "
            "akkoord is (en vraag zo nodig een deskundigenoordeel)."
        ),
        "BW 7:658a lid 3; WIA art. 25 lid 2",
    ),
    "plan_not_revised": Explanation(
        _("Plan van aanpak niet bijgesteld na een gewijzigde prognose"),
        _(
            "Als de bedrijfsarts de prognose wijzigt (bijgestelde probleemanalyse), past u het "
            "plan van aanpak aan, zodat het doel weer klopt."
        ),
        _(
            "Stel het plan van aanpak bij op de nieuwe prognose (bijvoorbeeld: ander werk of het "
            "tweede spoor) en laat de werknemer akkoord geven."
        ),
        "BW 7:658a lid 3",
        _(
            "De termijn van 14 dagen is een eigen vuistregel van deze app (zoals voor het "
            "eerste plan)."
        ),
    ),
    "progress_talk_gap": Explanation(
        _("Te lang geen voortgangsgesprek"),
        _(
            "Het plan van aanpak wordt ten minste elke 6 weken met de werknemer geëvalueerd. "
            "Meer dan 13 weken zonder gesprek weegt zwaar."
        ),
        _(
            "Plan nu een voortgangsgesprek en leg het vast; zijn er wel gesprekken geweest, leg "
            "die dan alsnog vast."
        ),
        "BW 7:658a lid 3; UWV en praktijk: elke 6 weken",
        _("Zwaar bij meer dan 91 dagen is een eigen vuistregel van deze app."),
    ),
    "uwv_sickness_report_missing": Explanation(
        _("42-weken-melding niet vastgelegd"),
        _("De werkgever meldt de ziekte uiterlijk de eerste werkdag na week 42 bij UWV."),
        _(
            "Doe de melding nu bij UWV en markeer de termijn '42-weken-melding UWV' als afgerond "
            "met de datum van de melding. Te laat melden kost een boete, geen loonsanctie."
        ),
        "Ziektewet art. 38; Beleidsregel boete werkgevers ZW",
    ),
    "uwv_sickness_report_late": Explanation(
        _("42-weken-melding te laat"),
        _("De melding hoort uiterlijk de eerste werkdag na week 42."),
        _("Niets meer te herstellen; houd rekening met een boete van UWV."),
        "Ziektewet art. 38; Beleidsregel boete werkgevers ZW",
    ),
    "first_year_evaluation_missing": Explanation(
        _("Eerstejaarsevaluatie ontbreekt"),
        _(
            "Werkgever en werknemer evalueren aan het einde van het eerste ziektejaar (week "
            "46–52) de re-integratie en het doel voor jaar 2."
        ),
        _("Houd de eerstejaarsevaluatie nu en leg die vast, met beider visie."),
        f"{_REGELING} art. 4 lid 2 sub b",
    ),
    "first_year_evaluation_late": Explanation(
        _("Eerstejaarsevaluatie te laat"),
        _(
            "De eerstejaarsevaluatie hoort uiterlijk in week 52. Een late evaluatie schuift de "
            "uiterste start van het tweede spoor niet op."
        ),
        _("Leg vast waarom de evaluatie later was."),
        f"{_REGELING} art. 4 lid 2 sub b",
    ),
    "first_year_evaluation_early": Explanation(
        _("Eerstejaarsevaluatie vroeg"),
        _("De eerstejaarsevaluatie hoort in week 46–52, aan het einde van het eerste ziektejaar."),
        _("Leg vast waarom zo vroeg, of evalueer in week 46–52 opnieuw."),
        f"{_REGELING} art. 4 lid 2 sub b; praktijk week 46–52",
    ),
    "second_track_missing": Explanation(
        _("Tweede spoor niet gestart"),
        _(
            "UWV verwacht een tweede spoor zodra terugkeer in de eigen organisatie niet in zicht "
            "is, uiterlijk 6 weken na de eerstejaarsevaluatie (einde week 52 + 6 weken)."
        ),
        _(
            "Start nu het tweede spoor (herplaatsingsopdracht) of leg een besluit vast met een "
            "grond die UWV aanvaardt."
        ),
        "BW 7:658a lid 1; UWV Werkwijzer Poortwachter",
    ),
    "second_track_late": Explanation(
        _("Tweede spoor te laat gestart"),
        _("Het tweede spoor hoort uiterlijk 6 weken na de eerstejaarsevaluatie te starten."),
        _(
            "Leg vast waarom het later startte en zorg dat het traject nu intensief loopt "
            "(activiteiten, rapportages)."
        ),
        "BW 7:658a lid 1; UWV Werkwijzer Poortwachter",
    ),
    "second_track_no_valid_ground": Explanation(
        _("Geen tweede spoor zonder geldige grond"),
        _(
            "UWV aanvaardt geen tweede spoor alleen bij: concreet uitzicht op structurele "
            "terugkeer in de eigen organisatie binnen ongeveer 3 maanden; blijvend marginale "
            "mogelijkheden; of AOW-leeftijd binnen een jaar na de wachttijd met instemming van "
            "beide partijen. Een toegekende WIA- of IVA-uitkering is geen grond."
        ),
        _("Start alsnog het tweede spoor, of leg een besluit vast met een van de drie gronden."),
        "UWV Werkwijzer Poortwachter",
    ),
    "second_track_prospect_expired": Explanation(
        _("Uitzicht op terugkeer binnen 3 maanden verlopen"),
        _(
            "Geen tweede spoor omdat terugkeer binnen 3 maanden in zicht is, geldt maar zolang "
            "dat uitzicht concreet is."
        ),
        _(
            "Beslis opnieuw: start het tweede spoor, of leg vast dat de terugkeer is gelukt of "
            "waarom het uitzicht nog steeds concreet is."
        ),
        "UWV Werkwijzer Poortwachter",
    ),
    "second_track_activity_gap": Explanation(
        _("Te lang geen activiteit in het tweede spoor"),
        _(
            "UWV kijkt of het tweede spoor daadwerkelijk loopt: sollicitaties, gesprekken met "
            "het bureau, training. Een lijst vacatures alleen is niet genoeg."
        ),
        _(
            "Vraag het bureau om de activiteiten vast te leggen, of spreek nieuwe activiteiten "
            "af en leg die vast."
        ),
        None,
        _("De grens van 8 weken (56 dagen) is een eigen vuistregel van deze app."),
    ),
    "second_track_contract_ended": Explanation(
        _("Contract met het re-integratiebureau verlopen"),
        _("Het contract met het bureau is afgelopen, maar het traject staat nog op 'Lopend'."),
        _(
            "Verleng het contract en leg de nieuwe einddatum vast, of beëindig het traject met "
            "de uitkomst en regel een vervolg."
        ),
        "UWV Werkwijzer Poortwachter (adequaat tweede spoor)",
    ),
    "capacity_assessment_outdated": Explanation(
        _("Belastbaarheid (FML) verlopen"),
        _(
            "Bij de eerstejaarsevaluatie en het actueel oordeel hoort een geldige belastbaarheid "
            "(FML) van de bedrijfsarts."
        ),
        _("Vraag de bedrijfsarts om een actuele belastbaarheid (FML)."),
        "UWV Werkwijzer Poortwachter; CBBS/FML",
    ),
    "current_assessment_missing": Explanation(
        _("Actueel oordeel bedrijfsarts ontbreekt"),
        _("Bij het re-integratieverslag hoort een actueel oordeel van de bedrijfsarts (NVAB)."),
        _("Vraag de bedrijfsarts nu om het actueel oordeel."),
        "WIA art. 65; NVAB",
    ),
    "current_assessment_after_final_evaluation": Explanation(
        _("Actueel oordeel na de eindevaluatie"),
        _("De eindevaluatie bouwt voort op het actueel oordeel; dat hoort dus eerder."),
        _("Houd de eindevaluatie opnieuw op basis van het actuele oordeel."),
        "WIA art. 65; Regeling procesgang (inhoud re-integratieverslag)",
    ),
    "medical_information_missing": Explanation(
        _("Medische informatie niet verzonden"),
        _(
            "De bedrijfsarts stuurt de medische informatie rechtstreeks naar de verzekeringsarts "
            "van UWV (nooit via de werkgever)."
        ),
        _(
            "Vraag de bedrijfsarts de medische informatie te versturen en de verzenddatum vast "
            "te leggen bij het actueel oordeel."
        ),
        "WIA art. 65; NVAB",
    ),
    "final_evaluation_missing": Explanation(
        _("Eindevaluatie ontbreekt"),
        _("De eindevaluatie hoort uiterlijk in week 91, bij het re-integratieverslag."),
        _("Houd de eindevaluatie nu en leg die vast."),
        f"WIA art. 25 lid 3; {_REGELING}",
    ),
    "final_evaluation_late": Explanation(
        _("Eindevaluatie te laat"),
        _("De eindevaluatie hoort uiterlijk in week 91."),
        _("Leg vast waarom de eindevaluatie later was."),
        f"WIA art. 25 lid 3; {_REGELING}",
    ),
    "labour_expert_report_missing": Explanation(
        _("Arbeidsdeskundig rapport ontbreekt"),
        _(
            "UWV verwacht meestal een arbeidsdeskundig onderzoek, zeker als spoor 1 niet lukt "
            "of bij een tweede spoor."
        ),
        _("Laat een arbeidsdeskundig onderzoek doen, of leg vast waarom het niet nodig was."),
        "UWV Werkwijzer Poortwachter (als gerapporteerd)",
    ),
    "employee_opinion_missing": Explanation(
        _("Oordeel van de werknemer ontbreekt"),
        _(
            "De werknemer mag zijn eigen oordeel over de re-integratie meesturen. Dat is zijn "
            "recht, geen plicht van de werkgever."
        ),
        _("Wijs de werknemer op die mogelijkheid; er is niets te herstellen."),
        "Regeling procesgang (re-integratieverslag)",
    ),
    "wia_application_late": Explanation(
        _("WIA-aanvraag te laat"),
        _("De werknemer vraagt de WIA uiterlijk 11 weken vóór het einde van de wachttijd aan."),
        _(
            "Help de werknemer de aanvraag nu in te dienen en markeer de termijn als afgerond. "
            "De loondoorbetaling loopt langer door met de vertraging."
        ),
        "WIA art. 64 lid 3; BW 7:629 lid 11",
    ),
}
