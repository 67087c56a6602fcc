"""Demo dossiers for the demo cases of `cases.demo` (deterministic, idempotent).

Each case is skipped when it already has statements. The medical parts are invented and must
never be visible to the demo HR user (they are only in `MedicalNote`).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from accounts.models import Role

from . import services
from .models import (
    ActionPlanVersion,
    EvaluationKind,
    PhysicianStatement,
    StatementKind,
    WorkPrognosis,
)
from .models.action_plans import VersionStatus

ADVICE = {
    "functional_limitations": (
        "Beperkt in zwaar tillen (max. 10 kg) en langdurig staan (max. 1 uur aaneen). "
        "Kan 4 uur per dag werken, verdeeld over de dag."
    ),
    "possibilities": "Lichte taken in de winkel of op kantoor; kassawerk met zitmogelijkheid.",
    "prognosis": "Goede prognose: volledige terugkeer in eigen werk binnen 3 tot 4 maanden.",
    "advice": (
        "Start met aangepast werk 4 uur per dag; elke 2 weken met 2 uur uitbreiden. "
        "Werkplek laten beoordelen op een zit-sta-mogelijkheid."
    ),
    "expected_return": "Binnen 3 tot 4 maanden",
}
MEDICAL = {
    "diagnosis": "Lumbale hernia L4-L5 met uitstraling naar het linkerbeen (demo, verzonnen).",
    "history": "Eerder rugklachten in 2019, toen hersteld na fysiotherapie.",
    "treatment": "Fysiotherapie 2x per week; pijnstilling via de huisarts.",
}


def _plan_content(hr_name: str, goal: str) -> dict[str, Any]:
    return {
        "goal": goal,
        "goal_term": "Binnen 4 maanden",
        "evaluation_frequency_weeks": 6,
        "casemanager": hr_name,
        "employer_view": "Wij zien mogelijkheden in aangepast werk en bouwen samen op.",
        "employee_view": "Ik wil graag terug naar mijn eigen werk, rustig opbouwend.",
    }


def _activities(start) -> list[dict[str, Any]]:
    return [
        {
            "description": "Aangepast werk 4 uur per dag",
            "responsible": "Werknemer en leidinggevende",
            "starts_on": start,
            "status": "in_progress",
        },
        {
            "description": "Werkplekonderzoek (zit-sta-werkplek)",
            "responsible": "HR",
            "starts_on": start + timedelta(days=7),
            "status": "planned",
        },
    ]


def _seed_case(ctx: Any, slug: str, stage: str) -> None:
    case = ctx.cases.get((slug, stage))
    if case is None or PhysicianStatement.objects.filter(case=case).exists():
        return
    hr = ctx.users[(slug, Role.HR)]
    physician = ctx.users[(slug, Role.OCCUPATIONAL_PHYSICIAN)]
    employee = ctx.users[(slug, Role.EMPLOYEE)]
    start = case.first_sick_day
    pa_date = start + timedelta(weeks=5)
    services.statement_create(
        case=case,
        actor=physician,
        kind=StatementKind.PROBLEM_ANALYSIS,
        statement_date=pa_date,
        work_prognosis=WorkPrognosis.RETURN_OWN_WORK,
        **ADVICE,
        **MEDICAL,
    )
    services.capacity_assessment_create(
        case=case,
        actor=physician,
        assessed_on=pa_date,
        valid_until=pa_date + timedelta(days=180),
        static_limited=True,
        static_notes="Staan max. 1 uur aaneen.",
        dynamic_limited=True,
        dynamic_notes="Tillen max. 10 kg.",
        hours_limited=True,
        hours_notes="4 uur per dag, opbouwend.",
    )
    if stage == "week7_no_action_plan":
        return  # the demo's missing plan van aanpak
    employee_user = case.employee.user or employee
    plan_hr = hr
    version = services.action_plan_version_create(
        case=case,
        actor=plan_hr,
        activities=_activities(pa_date + timedelta(days=7)),
        based_on=PhysicianStatement.objects.filter(case=case).first(),
        **_plan_content(str(hr), "Volledige terugkeer in eigen functie."),
    )
    # Agreed on the day it happened (not today), by the employee or, without a login, on paper.
    plan_agree_on(
        version, employee_user if case.employee.user_id else hr, pa_date + timedelta(days=10)
    )
    talk_day = pa_date + timedelta(weeks=6)
    today = ctx.today
    n = 0
    while talk_day < today and n < 4:
        services.progress_talk_create(
            case=case,
            actor=hr,
            held_on=talk_day,
            participants="Casemanager, werknemer, leidinggevende",
            activity_progress=[
                {"activity": "Aangepast werk 4 uur per dag", "progress": "Verloopt volgens plan."}
            ],
            agreements="Uren met 2 uur per dag uitbreiden.",
            employer_view="Positief over de inzet.",
            employee_view="Het gaat stap voor stap beter.",
            next_talk_on=talk_day + timedelta(weeks=6),
        )
        talk_day += timedelta(weeks=6)
        n += 1
    if stage in ("week60", "week92"):
        clean = (slug, stage) == CLEAN_LONG_CASE
        agreeing = employee_user if case.employee.user_id else hr
        _seed_long_case(case, hr, physician, start, employee=agreeing, clean=clean)


def plan_agree_on(version: ActionPlanVersion, user: Any, day: date) -> ActionPlanVersion:
    """Agree a draft version as on ``day`` (demo history; the service stamps "now").

    Allowed by the database because the version is still a draft when it is saved.
    """
    version.status = VersionStatus.AGREED
    version.agreed_by = user
    version.agreed_at = timezone.make_aware(
        datetime.combine(min(day, timezone.localdate()), time(10))
    )
    version.content_hash = version.compute_hash()
    version.full_clean()
    version.save()
    return version


#: The long demo case whose dossier is in order (Poortwachtertoets: low). The other week-92
#: case (korenschoof) keeps the gaps a real dossier has: a plan not revised after the changed
#: prognosis, an expired FML, no medische informatie, a bureau contract that ran out while the
#: track still runs, and months without tweede-spoor activity.
CLEAN_LONG_CASE = ("techniek-noord", "week92")


def _seed_long_case(
    case: Any, hr: Any, physician: Any, start, *, employee: Any, clean: bool
) -> None:
    revised_on = start + timedelta(weeks=30)
    services.statement_create(
        case=case,
        actor=physician,
        kind=StatementKind.PROBLEM_ANALYSIS_REVISION,
        statement_date=revised_on,
        work_prognosis=WorkPrognosis.NO_RETURN_OWN_EMPLOYER,
        **{**ADVICE, "prognosis": "Herstel in eigen werk is niet meer te verwachten."},
        **MEDICAL,
    )
    if clean:
        _revise_plan(case, hr, employee, revised_on + timedelta(days=7))
        services.capacity_assessment_create(
            case=case,
            actor=physician,
            assessed_on=start + timedelta(weeks=46),
            valid_until=start + timedelta(weeks=100),
            static_limited=True,
            static_notes="Staan max. 1 uur aaneen.",
            dynamic_limited=True,
            dynamic_notes="Tillen max. 5 kg.",
            hours_limited=True,
            hours_notes="4 uur per dag.",
        )
    services.evaluation_create(
        case=case,
        actor=hr,
        kind=EvaluationKind.FIRST_YEAR,
        held_on=start + timedelta(weeks=48),
        look_back="Afspraken nagekomen; terugkeer in eigen werk niet gelukt.",
        look_forward="Tweede spoor starten; arbeidsdeskundig onderzoek aangevraagd.",
        employer_view="Spoor 1 is uitgeput; wij zetten het tweede spoor in.",
        employee_view="Ik sta open voor ander werk.",
    )
    if case.first_sick_day > timezone.localdate() - timedelta(weeks=88):
        return
    services.statement_create(
        case=case,
        actor=physician,
        kind=StatementKind.CURRENT_ASSESSMENT,
        statement_date=start + timedelta(weeks=89),
        medical_information_sent_on=start + timedelta(weeks=89, days=2) if clean else None,
        **{**ADVICE, "expected_return": "Geen terugkeer in eigen werk verwacht"},
        **MEDICAL,
    )
    services.evaluation_create(
        case=case,
        actor=hr,
        kind=EvaluationKind.FINAL,
        held_on=start + timedelta(weeks=90),
        look_back="Twee sporen doorlopen; geen passend werk gevonden.",
        look_forward="WIA-aanvraag in week 93.",
        employer_view="Alle mogelijkheden zijn benut.",
        employee_view="Ik ben het eens met het verloop.",
    )


def _revise_plan(case: Any, hr: Any, employee: Any, day: date) -> None:
    """Bijstelling of the plan van aanpak after the changed prognosis, agreed on ``day``."""
    draft = services.action_plan_revise(case=case, actor=hr)
    services.action_plan_version_update(
        version=draft,
        actor=hr,
        goal="Passend werk in een andere functie; het eigen werk lukt niet meer.",
        goal_term="Binnen 6 maanden",
        employer_view="Wij zoeken passend werk in de eigen organisatie en bereiden spoor 2 voor.",
        employee_view="Ik wil graag ander werk proberen dat past bij mijn beperkingen.",
        activities=_activities(day),
    )
    plan_agree_on(draft, employee, day)


def seed(ctx: Any) -> None:
    """Add dossiers to the demo cases of every demo employer."""
    for slug in ctx.employers:
        for stage in (
            "week7_no_action_plan",
            "summed",
            "partly_recovered",
            "week60",
            "week92",
            "recovered",
        ):
            _seed_case(ctx, slug, stage)
