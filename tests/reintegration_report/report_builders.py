"""Build re-integration dossiers for the RIV tests and the PDF benchmark.

`two_year_dossier` fills a case with every part of the re-integratieverslag, dated as it would
have happened (time-machine moves "now" for the stamps the services set themselves), with a
marker string in every medical field and a medical document, so tests can prove it never
reaches the employer's export.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import time_machine
from django.utils import timezone

from accounts.models import User
from cases.models import Case, SickPeriod
from dossier import services
from dossier.models import EvaluationKind, StatementKind
from second_track.models import (
    ActivityKind,
    ApplicationOutcome,
    LabourExpertStudy,
    SecondTrack,
    SecondTrackActivity,
    SecondTrackDecision,
    SecondTrackProfile,
    SecondTrackReport,
)
from tests.dossier.factories import MARKER, activities, pdf_upload

MEDICAL = {"diagnosis": MARKER, "history": MARKER, "treatment": MARKER}

ADVICE = {
    "functional_limitations": "Niet tillen boven 10 kg; niet langer dan 1 uur aaneen staan.",
    "possibilities": "Licht administratief werk, 4 uur per dag, opbouwend.",
    "prognosis": "Terugkeer in eigen werk onzeker; passend werk is mogelijk.",
    "advice": "Start met aangepast werk en bouw de uren op per 2 weken.",
    "expected_return": "Binnen 6 maanden in aangepast werk",
}


@dataclass
class Actors:
    hr: User
    physician: User
    employee: User
    specialist: User | None = None


def monday_before(day: date) -> date:
    return day - timedelta(days=day.weekday())


def move_first_sick_day(case: Case, first_sick_day: date) -> Case:
    """Let `case` (one sick period) start on `first_sick_day`."""
    Case.objects.filter(pk=case.pk).update(
        first_sick_day=first_sick_day, reported_on=first_sick_day
    )
    SickPeriod.objects.filter(case=case).update(start=first_sick_day)
    case.refresh_from_db()
    return case


def at(day: date, hour: int = 10):
    """Travel to `day` (local office hours) so services stamp that moment."""
    moment = timezone.make_aware(datetime.combine(day, time(hour, 0)))
    return time_machine.travel(moment.astimezone(UTC), tick=False)


def two_year_dossier(
    case: Case,
    actors: Actors,
    *,
    weeks_ago: int = 92,
    talks: int = 17,
    plan_versions: int = 3,
    track_activities: int = 40,
    reports: int = 6,
    text: str = "",
    opinion: bool = True,
) -> Case:
    """Fill `case` with a complete two-year dossier ending around week `weeks_ago`.

    `text` is appended to a free-text field of every record (e.g. hostile markup in tests).
    """
    ezd = monday_before(timezone.localdate() - timedelta(weeks=weeks_ago))
    case = move_first_sick_day(case, ezd)
    hr, physician, employee = actors.hr, actors.physician, actors.employee
    suffix = f" {text}" if text else ""

    with at(ezd + timedelta(weeks=5)):
        pa = services.statement_create(
            case=case,
            actor=physician,
            kind=StatementKind.PROBLEM_ANALYSIS,
            statement_date=ezd + timedelta(weeks=5),
            **{**ADVICE, "advice": ADVICE["advice"] + suffix},
            **MEDICAL,
        )
        services.capacity_assessment_create(
            case=case,
            actor=physician,
            assessed_on=ezd + timedelta(weeks=5),
            static_limited=True,
            static_notes="Staan maximaal 1 uur aaneen." + suffix,
            dynamic_limited=True,
            dynamic_notes="Tillen maximaal 10 kg.",
            hours_limited=True,
            hours_notes="4 uur per dag, opbouwend.",
        )
    with at(ezd + timedelta(weeks=6)):
        version = services.action_plan_version_create(
            case=case,
            actor=hr,
            activities=activities(
                "Aangepast werk 4 uur per dag", "Werkplekonderzoek", "Gesprek met leidinggevende"
            ),
            goal="Terugkeer in eigen functie, eerst in aangepast werk." + suffix,
            goal_term="Binnen 6 maanden",
            evaluation_frequency_weeks=6,
            casemanager=str(hr),
            employer_view="Wij zien mogelijkheden in aangepast werk.",
            employee_view="Ik wil rustig opbouwen.",
            based_on=pa,
        )
        services.action_plan_version_agree(version=version, actor=employee, comment="Akkoord.")

    # Talks every 5 weeks from week 11; plan revisions spread over the first year.
    talk_days = [ezd + timedelta(weeks=11 + 5 * i) for i in range(talks)]
    revision_days = [ezd + timedelta(weeks=20 + 14 * i) for i in range(plan_versions - 1)]
    for n, day in enumerate(talk_days, start=1):
        with at(day):
            services.progress_talk_create(
                case=case,
                actor=hr,
                held_on=day,
                participants="Casemanager, werknemer, leidinggevende",
                activity_progress=[
                    {
                        "activity": "Aangepast werk 4 uur per dag",
                        "progress": f"Gesprek {n}: stabiel.",
                    }
                ],
                agreements=f"Afspraken gesprek {n}: uren gelijk houden, over 5 weken verder."
                + suffix,
                employer_view="Positief over de inzet.",
                employee_view="Het gaat stap voor stap.",
                next_talk_on=day + timedelta(weeks=5),
            )
    for number, day in enumerate(revision_days, start=2):
        with at(day):
            draft = services.action_plan_revise(case=case, actor=hr)
            services.action_plan_version_update(
                version=draft,
                actor=hr,
                goal=f"Bijstelling {number}: passend werk binnen of buiten de organisatie.",
            )
            services.action_plan_version_agree(version=draft, actor=employee)

    with at(ezd + timedelta(weeks=30)):
        services.statement_create(
            case=case,
            actor=physician,
            kind=StatementKind.PROBLEM_ANALYSIS_REVISION,
            statement_date=ezd + timedelta(weeks=30),
            **{**ADVICE, "prognosis": "Terugkeer in eigen werk is niet meer te verwachten."},
            **MEDICAL,
        )
    eje_day = ezd + timedelta(weeks=48)
    with at(eje_day):
        services.evaluation_create(
            case=case,
            actor=hr,
            kind=EvaluationKind.FIRST_YEAR,
            held_on=eje_day,
            look_back="Afspraken nagekomen; terugkeer in eigen werk niet gelukt." + suffix,
            look_forward="Tweede spoor starten; arbeidsdeskundig onderzoek aangevraagd.",
            employer_view="Spoor 1 is uitgeput.",
            employee_view="Ik sta open voor ander werk.",
        )
    _second_track(case, actors, ezd, activities=track_activities, reports=reports, suffix=suffix)
    if weeks_ago >= 90:
        with at(ezd + timedelta(weeks=89)):
            services.statement_create(
                case=case,
                actor=physician,
                kind=StatementKind.CURRENT_ASSESSMENT,
                statement_date=ezd + timedelta(weeks=89),
                **{**ADVICE, "expected_return": "Geen terugkeer in eigen werk verwacht"},
                **MEDICAL,
            )
        with at(ezd + timedelta(weeks=90)):
            services.evaluation_create(
                case=case,
                actor=hr,
                kind=EvaluationKind.FINAL,
                held_on=ezd + timedelta(weeks=90),
                look_back="Twee sporen doorlopen; geen passend werk gevonden." + suffix,
                look_forward="WIA-aanvraag in week 93.",
                employer_view="Alle mogelijkheden zijn benut.",
                employee_view="Ik ben het eens met het verloop.",
            )
    if opinion:
        services.employee_opinion_save(
            case=case,
            actor=employee,
            text="De begeleiding was goed; het tweede spoor kwam op tijd." + suffix,
            submit=True,
        )
    services.document_upload(
        case=case, actor=hr, title="Functieomschrijving verkoopmedewerker", upload=pdf_upload()
    )
    services.document_upload(
        case=case,
        actor=physician,
        title=f"Specialistenbrief {MARKER}",
        upload=pdf_upload(f"{MARKER}.pdf", extra=MARKER.encode()),
        is_medical=True,
    )
    case.refresh_from_db()
    return case


def _second_track(
    case: Case, actors: Actors, ezd: date, *, activities: int, reports: int, suffix: str
) -> None:
    hr = actors.hr
    study = LabourExpertStudy.objects.create(
        case=case,
        held_on=ezd + timedelta(weeks=47),
        expert_name="J. de Arbeidsdeskundige",
        organisation="AD Noord",
        own_work="not_possible",
        other_work_own_employer="not_likely",
        second_track="indicated",
        conclusion="Spoor 1 is niet mogelijk; tweede spoor geïndiceerd." + suffix,
        created_by=hr,
    )
    decision = SecondTrackDecision.objects.create(
        case=case,
        kind="start",
        decided_on=ezd + timedelta(weeks=49),
        statement_by="labour_expert",
        statement_date=study.held_on,
        statement_summary="Terugkeer in de eigen organisatie is niet te verwachten.",
        study=study,
        decided_by=hr,
    )
    start = ezd + timedelta(weeks=50)
    track = SecondTrack.objects.create(
        case=case,
        decision=decision,
        assignment_date=start,
        route="bureau",
        bureau_name="Re-integratie Werkt B.V.",
        bureau_contact="M. Coach",
        specialist=actors.specialist,
        employee_choice="agreed",
        started_on=start + timedelta(days=7),
        contract_start=start,
        contract_end=start + timedelta(weeks=52),
        report_interval_weeks=6,
        created_by=hr,
    )
    SecondTrackProfile.objects.create(
        track=track,
        number=1,
        education="MBO-4 Detailhandel",
        work_experience="12 jaar verkoopmedewerker bakkerij." + suffix,
        skills="Klantgericht, kassa, planning.",
        functional_possibilities="Licht werk, afwisselend zitten en staan, 24 uur per week.",
        target_functions="Receptionist, klantenservice, administratief medewerker",
        target_sectors="Zorg, zakelijke dienstverlening",
        hours_per_week=24,
        max_travel_minutes=45,
        wage_level="MBO-niveau, ± € 2.600 bruto",
        created_by=hr,
    )
    kinds = list(ActivityKind)
    SecondTrackActivity.objects.bulk_create(
        SecondTrackActivity(
            track=track,
            kind=kinds[i % len(kinds)],
            held_on=start + timedelta(days=7 + 7 * i),
            description=f"Activiteit {i + 1}: {kinds[i % len(kinds)].label}." + suffix,
            employer_name=f"Werkgever {i + 1}" if kinds[i % len(kinds)] == "application" else "",
            vacancy="Klantenservicemedewerker" if kinds[i % len(kinds)] == "application" else "",
            application_outcome=(
                ApplicationOutcome.REJECTED if kinds[i % len(kinds)] == "application" else ""
            ),
            created_by=hr,
        )
        for i in range(activities)
    )
    SecondTrackReport.objects.bulk_create(
        SecondTrackReport(
            track=track,
            report_date=start + timedelta(weeks=6 * (n + 1)),
            period_start=start + timedelta(weeks=6 * n),
            period_end=start + timedelta(weeks=6 * (n + 1), days=-1),
            progress=f"Rapportage {n + 1}: sollicitaties verstuurd, gesprekken gevoerd." + suffix,
            next_steps="Doorgaan met solliciteren; netwerkgesprekken.",
            employee_cooperation="Goede inzet.",
            author=actors.specialist or hr,
        )
        for n in range(reports)
    )
