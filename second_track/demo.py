"""Demo tweede spoor: the bureau, its coach, the trajectories of the week-60 and week-92 cases,
and what makes the week-92 dossiers complete (talks every six weeks, the employee's opinion).

Runs after the dossier demo (the app order of INSTALLED_APPS), on the cases it created.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from accounts.models import Role
from cases.demo import demo_user
from dossier import services as dossier_services
from dossier.demo import plan_agree_on, sign_on
from dossier.models import ActionPlanVersion, EmployeeOpinion, ProgressTalk, SignatureParty

from . import services
from .models import SecondTrackDecision
from .selectors import latest_capacity


def seed(ctx: Any) -> None:
    """Add the tweede spoor to the demo cases (idempotent)."""
    _seed_second_tracks(ctx)
    _complete_week92(ctx)


BUREAU = "Werkfit Re-integratie"


def _demo_user(email: str, full_name: str, role: str) -> Any:
    return demo_user(email, full_name, role)


def _employee_login(case: Any) -> Any:
    """Give the case's employee a demo login (their e-mail address), once."""
    employee = case.employee
    if employee.user_id is None:
        employee.user = _demo_user(employee.email, employee.full_name, Role.EMPLOYEE)
        employee.save(update_fields=["user"])
    return employee.user


def _week(case: Any, weeks: int, days: int = 0):
    return case.first_sick_day + timedelta(weeks=weeks, days=days)


def _revise_plan_for_second_track(
    case: Any, hr: Any, employee: Any, day: date
) -> ActionPlanVersion:
    """Bijstelling of the plan van aanpak for the second track, agreed by the employee."""
    draft = dossier_services.action_plan_revise(case=case, actor=hr)
    dossier_services.action_plan_version_update(
        version=draft,
        actor=hr,
        goal="Passend werk bij een andere werkgever (tweede spoor), naast spoor 1.",
        goal_term="Binnen 9 maanden",
        employer_view="Spoor 1 is niet meer haalbaar; wij zetten een re-integratiebureau in.",
        employee_view="Ik sta open voor ander werk, bij voorkeur in de regio.",
        activities=[
            {
                "description": "Tweede-spoortraject via " + BUREAU,
                "responsible": "Werknemer en re-integratiebureau",
                "starts_on": draft.created_at.date(),
                "status": "in_progress",
            },
            {
                "description": "Aangepast werk eigen functie 4 uur per dag (spoor 1)",
                "responsible": "Werknemer en leidinggevende",
                "starts_on": draft.created_at.date(),
                "status": "in_progress",
            },
        ],
    )
    version = plan_agree_on(draft, employee, day, recorder=hr)
    sign_on(version, SignatureParty.EMPLOYER, day, user=hr, recorder=hr)
    return version


#: (weeks after the start of the trajectory, kind, description, extra fields, by employee)
ACTIVITIES: list[tuple[int, str, str, dict[str, Any], bool]] = [
    (0, "coaching", "Intakegesprek: wensen, mogelijkheden en zoekrichting besproken.", {}, False),
    (1, "assessment", "Beroepeninteressetest en capaciteitentest afgenomen.", {}, False),
    (2, "job_search", "Cv herschreven; vacatures gezocht in voeding en logistiek.", {}, False),
    (
        3,
        "application",
        "Sollicitatiebrief en cv verstuurd.",
        {
            "employer_name": "Zuivelfabriek De Weide",
            "vacancy": "Kwaliteitscontroleur",
            "application_outcome": "rejected",
        },
        False,
    ),
    (
        4,
        "application",
        "Zelf gesolliciteerd via de website.",
        {
            "employer_name": "Groothandel Van Dam",
            "vacancy": "Orderpicker (licht werk)",
            "application_outcome": "invited",
        },
        True,
    ),
    (5, "training", "Cursus Hygiënecode en HACCP (4 dagdelen) afgerond.", {}, False),
    (
        6,
        "application",
        "Gesolliciteerd op advies van de coach.",
        {
            "employer_name": "Broodfabriek Noord",
            "vacancy": "Productiemedewerker inpak",
            "application_outcome": "pending",
        },
        False,
    ),
    (
        7,
        "work_trial",
        "Proefplaatsing 3 dagen per week, 4 uur per dag, met behoud van loon.",
        {"employer_name": "Groothandel Van Dam"},
        False,
    ),
    (9, "coaching", "Voortgangsgesprek over de proefplaatsing en de vervolgstappen.", {}, False),
]


def _seed_activities(track: Any, coach: Any, employee: Any, until) -> None:
    for offset, kind, description, extra, by_employee in ACTIVITIES:
        held_on = track.assignment_date + timedelta(weeks=offset, days=1)
        if held_on > until:
            break
        fields = dict(extra)
        if kind == "work_trial":
            fields["placement_start"] = held_on
            fields["placement_end"] = held_on + timedelta(weeks=6)
        services.second_track_activity_create(
            track=track,
            actor=employee if by_employee else coach,
            kind=kind,
            held_on=held_on,
            description=description,
            **fields,
        )
    duplicate = services.second_track_activity_create(
        track=track,
        actor=coach,
        kind="application",
        held_on=track.assignment_date + timedelta(weeks=3, days=1),
        description="Sollicitatiebrief en cv verstuurd.",
        employer_name="Zuivelfabriek De Weide",
        vacancy="Kwaliteitscontroleur",
    )
    services.second_track_activity_withdraw(
        activity=duplicate, actor=coach, reason="Dubbel ingevoerd (zelfde sollicitatie)."
    )


def _seed_monthly_coaching(track: Any, coach: Any, until) -> None:
    """A coaching talk every 4 weeks after the activities of ``ACTIVITIES``, up to ``until``."""
    held_on = track.assignment_date + timedelta(weeks=ACTIVITIES[-1][0] + 4, days=2)
    while held_on <= until:
        services.second_track_activity_create(
            track=track,
            actor=coach,
            kind="coaching",
            held_on=held_on,
            description="Maandelijks coachingsgesprek: sollicitaties en vacatures besproken.",
        )
        held_on += timedelta(weeks=4)


def _seed_reports(track: Any, coach: Any, until) -> None:
    start = track.assignment_date
    n = 1
    while True:
        report_date = start + timedelta(weeks=track.report_interval_weeks * n)
        if report_date > until:
            return
        period_start = start + timedelta(weeks=track.report_interval_weeks * (n - 1))
        services.second_track_report_create(
            track=track,
            actor=coach,
            report_date=report_date,
            period_start=period_start,
            period_end=report_date,
            progress=(
                f"Rapportage {n}: zoekprofiel aangescherpt, sollicitaties verstuurd en "
                "besproken; netwerk in de regio benaderd."
            ),
            next_steps="Doorgaan met gerichte sollicitaties; proefplaatsing voorbereiden.",
            employee_cooperation="Werknemer komt afspraken na en solliciteert actief.",
        )
        n += 1


def _seed_track(
    ctx: Any, slug: str, stage: str, *, study_week: int, decision_week: int, start_week: int
) -> Any:
    """Study, decision, trajectory with coach, profile, activities and monthly reports."""
    case = ctx.cases[(slug, stage)]
    hr = ctx.users[(slug, Role.HR)]
    expert = ctx.users[(slug, Role.REINTEGRATION_SPECIALIST)]
    coach = _demo_user(
        f"coach@{slug}.example", f"Sanne de Wit ({BUREAU})", Role.REINTEGRATION_SPECIALIST
    )
    employee = _employee_login(case)
    study = services.labour_expert_study_create(
        case=case,
        actor=expert,
        held_on=_week(case, study_week),
        expert_name=str(expert),
        organisation="Arbodienst Poortwachter",
        own_work="not_possible",
        other_work_own_employer="not_likely",
        second_track="indicated",
        conclusion=(
            "Terugkeer in de eigen functie is niet te verwachten; passend werk in de eigen "
            "organisatie is onderzocht en niet voorhanden. Advies: tweede spoor starten, "
            "gericht op licht productie- en logistiek werk."
        ),
    )
    decision = services.second_track_decide(
        case=case,
        actor=hr,
        kind="start",
        decided_on=_week(case, decision_week),
        statement_by="labour_expert",
        statement_date=study.held_on,
        statement_summary="Re-integratie in de eigen organisatie is niet waarschijnlijk.",
        study=study,
    )
    version = _revise_plan_for_second_track(case, hr, employee, decision.decided_on)
    track = services.second_track_start(
        case=case,
        actor=hr,
        assignment_date=max(_week(case, start_week), decision.decided_on),
        route="bureau",
        bureau_name=BUREAU,
        bureau_contact="Sanne de Wit, 06-12345678",
        specialist=coach,
        plan_versions=[version],
        budget=3500,
        contract_start=_week(case, start_week),
        contract_end=_week(case, start_week + 39),
        started_on=_week(case, start_week, 3),
        report_interval_weeks=4,
    )
    services.second_track_choose_bureau(track=track, actor=employee, choice="agreed")
    capacity = latest_capacity(case)
    services.second_track_profile_create(
        track=track,
        actor=coach,
        capacity_assessment=capacity,
        education="MBO niveau 2 Bakker; diploma Sociale Hygiëne.",
        work_experience="15 jaar bakker en productiemedewerker; 2 jaar magazijnwerk.",
        skills="Nauwkeurig, zelfstandig, ervaring met hygiëne- en kwaliteitsregels.",
        functional_possibilities=(
            "Licht fysiek werk, afwisselend zitten en staan; niet zwaar tillen (max. 10 kg); "
            "4 tot 6 uur per dag."
        ),
        target_functions="Productiemedewerker licht, kwaliteitscontroleur, orderpicker licht",
        target_sectors="Voedingsmiddelenindustrie, groothandel, logistiek",
        hours_per_week=24,
        max_travel_minutes=45,
        wage_level="Vergelijkbaar met het huidige loon (schaal 4); lager bespreekbaar na 26 weken",
    )
    return case, track, coach, employee


def _seed_second_tracks(ctx: Any) -> None:
    today = ctx.today
    case = ctx.cases.get(("korenschoof", "week60"))
    if case is not None and not SecondTrackDecision.objects.filter(case=case).exists():
        case, track, coach, employee = _seed_track(
            ctx, "korenschoof", "week60", study_week=44, decision_week=46, start_week=50
        )
        _seed_activities(track, coach, employee, today)
        _seed_reports(track, coach, today)
        services.second_track_comment_add(
            track=track,
            actor=employee,
            text="De proefplaatsing bevalt goed. Ik wil graag kijken of er daarna een contract in "
            "zit, liefst voor 24 uur per week.",
        )
    for slug in ("korenschoof", "techniek-noord"):
        case = ctx.cases.get((slug, "week92"))
        if case is None or SecondTrackDecision.objects.filter(case=case).exists():
            continue
        case, track, coach, employee = _seed_track(
            ctx, slug, "week92", study_week=40, decision_week=43, start_week=46
        )
        end = _week(case, 86) if slug == "techniek-noord" else today
        _seed_activities(track, coach, employee, min(end, today))
        _seed_reports(track, coach, min(end, today))
        if slug == "techniek-noord":
            # The clean dossier: coaching keeps going until the contract ends (week 85).
            _seed_monthly_coaching(track, coach, min(track.contract_end, today))
        if slug == "techniek-noord" and end <= today:
            services.second_track_end(
                track=track,
                actor=ctx.users[(slug, Role.HR)],
                outcome="ended_no_result",
                outcome_on=end,
                outcome_text=(
                    "Na 40 weken intensieve begeleiding, 14 sollicitaties en een proefplaatsing "
                    "geen passend werk gevonden; de belastbaarheid is verder afgenomen."
                ),
            )


def _complete_week92(ctx: Any) -> None:
    """Make the week-92 dossiers complete: talks ≤ 6 weeks apart and the employee's opinion."""
    for slug in ctx.employers:
        case = ctx.cases.get((slug, "week92"))
        if case is None:
            continue
        hr = ctx.users[(slug, Role.HR)]
        held = set(ProgressTalk.objects.filter(case=case).values_list("held_on", flat=True))
        week = 35
        while _week(case, week) < ctx.today:
            day = _week(case, week)
            if day not in held:
                dossier_services.progress_talk_create(
                    case=case,
                    actor=hr,
                    held_on=day,
                    participants="Casemanager, werknemer, re-integratiebureau",
                    activity_progress=[
                        {
                            "activity": "Tweede-spoortraject via " + BUREAU,
                            "progress": "Sollicitaties en begeleiding volgens plan.",
                        }
                    ],
                    agreements="Doorgaan met tweede spoor en aangepast werk in spoor 1.",
                    employer_view="Werknemer zet zich goed in.",
                    employee_view="Ik doe wat ik kan; het zoeken kost energie.",
                    next_talk_on=day + timedelta(weeks=6),
                )
            week += 6
        employee = _employee_login(case)
        if not EmployeeOpinion.objects.filter(case=case).exists():
            dossier_services.employee_opinion_save(
                case=case,
                actor=employee,
                text=(
                    "Ik vind dat mijn werkgever en ik ons best hebben gedaan. Het tweede spoor "
                    "kwam op tijd op gang en de coach was behulpzaam, maar passend werk vinden "
                    "lukte niet met mijn beperkingen."
                ),
                submit=True,
            )
