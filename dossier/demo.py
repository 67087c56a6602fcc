"""Demo dossiers for the demo cases of `cases.demo` (deterministic, idempotent).

Each case is skipped when it already has statements. The medical parts are invented and must
never be visible to the demo HR user (they are only in `MedicalNote`).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import Role

from . import services
from .models import (
    ActionPlanVersion,
    Document,
    Evaluation,
    EvaluationKind,
    PhysicianStatement,
    Signature,
    SignatureMethod,
    SignatureParty,
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
    employee_user = case.employee.user  # None: this employee has no login and signs on paper
    plan_hr = hr
    version = services.action_plan_version_create(
        case=case,
        actor=plan_hr,
        activities=_activities(pa_date + timedelta(days=7)),
        based_on=PhysicianStatement.objects.filter(case=case).first(),
        **_plan_content(str(hr), "Volledige terugkeer in eigen functie."),
    )
    # Agreed on the day it happened (not today), by the employee or, without a login, on paper;
    # the employer signs the same day.
    plan_agree_on(version, employee_user, pa_date + timedelta(days=10), recorder=hr)
    sign_on(version, SignatureParty.EMPLOYER, pa_date + timedelta(days=10), user=hr, recorder=hr)
    analysis = PhysicianStatement.objects.get(case=case, kind=StatementKind.PROBLEM_ANALYSIS)
    sign_on(analysis, SignatureParty.EMPLOYER, pa_date + timedelta(days=2), user=hr, recorder=hr)
    sign_on(
        analysis,
        SignatureParty.EMPLOYEE,
        pa_date + timedelta(days=3),
        user=employee_user,
        recorder=hr,
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
        _seed_long_case(case, hr, physician, start, employee=employee_user, clean=clean)


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(min(day, timezone.localdate()), time(10)))


def plan_agree_on(
    version: ActionPlanVersion, user: Any, day: date, *, recorder: Any = None
) -> ActionPlanVersion:
    """Agree a draft version as on ``day`` (demo history; the service stamps "now").

    `user` is the employee's own account; without one (None) the employee signed on paper and
    `recorder` (HR) uploaded the scan. The agreement is never put under another person's name.
    Allowed by the database because the version is still a draft when it is saved.
    """
    case = version.plan.case
    version.status = VersionStatus.AGREED
    version.agreed_at = _moment(day)
    version.agreed_by = user
    version.agreed_on_paper = user is None
    version.content_hash = version.compute_hash()
    version.full_clean()
    version.save()
    if user is not None:
        assert case.employee.user_id == user.pk, "only the employee agrees for themself"
        _signature(case, version, SignatureParty.EMPLOYEE, day, user=user, recorder=user)
    else:
        _signature(case, version, SignatureParty.EMPLOYEE, day, user=None, recorder=recorder)
    return version


def sign_on(record: Any, party: str, day: date, *, user: Any = None, recorder: Any) -> Signature:
    """Sign `record` as on ``day``: digitally by `user`, or on paper (scan by `recorder`)."""
    case = record.plan.case if isinstance(record, ActionPlanVersion) else record.case
    return _signature(case, record, party, day, user=user, recorder=recorder)


def _signature(case: Any, record: Any, party: str, day: date, *, user: Any, recorder: Any):
    target = {
        ActionPlanVersion: "plan_version",
        PhysicianStatement: "statement",
        Evaluation: "evaluation",
    }[type(record)]
    day = min(day, timezone.localdate())
    if user is not None:
        signer = case.employee.full_name if party == SignatureParty.EMPLOYEE else str(user)
        signature = Signature(
            case=case,
            party=party,
            method=SignatureMethod.DIGITAL,
            signer_name=signer,
            signed_by=user,
            signed_on=day,
            content_hash=record.content_hash if target == "plan_version" else record.compute_hash(),
            recorded_by=user,
            **{target: record},
        )
    else:
        scan = services.document_upload(
            case=case,
            actor=recorder,
            title=f"Ondertekend door {SignatureParty(party).label.lower()}: {record}",
            upload=SimpleUploadedFile("scan.pdf", DEMO_SCAN, content_type="application/pdf"),
            record_kind={
                "plan_version": Document.RecordKind.PLAN_VERSION,
                "statement": Document.RecordKind.STATEMENT,
                "evaluation": Document.RecordKind.EVALUATION,
            }[target],
            record_id=record.pk,
        )
        signer = case.employee.full_name if party == SignatureParty.EMPLOYEE else str(recorder)
        signature = Signature(
            case=case,
            party=party,
            method=SignatureMethod.PAPER,
            signer_name=signer,
            signed_on=day,
            scan=scan,
            recorded_by=recorder,
            **{target: record},
        )
    signature.full_clean()
    signature.save()
    return signature


#: A one-page PDF standing in for a scanned, signed paper copy in the demo.
DEMO_SCAN = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


#: The long demo case whose dossier is in order (Poortwachtertoets: low). The other week-92
#: case (korenschoof) keeps the gaps a real dossier has: a plan not revised after the changed
#: prognosis, an expired FML, no medische informatie, a bureau contract that ran out while the
#: track still runs, and months without tweede-spoor activity.
CLEAN_LONG_CASE = ("techniek-noord", "week92")


def _seed_long_case(
    case: Any, hr: Any, physician: Any, start, *, employee: Any, clean: bool
) -> None:
    revised_on = start + timedelta(weeks=30)
    revision = services.statement_create(
        case=case,
        actor=physician,
        kind=StatementKind.PROBLEM_ANALYSIS_REVISION,
        statement_date=revised_on,
        work_prognosis=WorkPrognosis.NO_RETURN_OWN_EMPLOYER,
        **{**ADVICE, "prognosis": "Herstel in eigen werk is niet meer te verwachten."},
        **MEDICAL,
    )
    _sign_both(revision, hr, revised_on + timedelta(days=3))
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
    first_year = services.evaluation_create(
        case=case,
        actor=hr,
        kind=EvaluationKind.FIRST_YEAR,
        held_on=start + timedelta(weeks=48),
        look_back="Afspraken nagekomen; terugkeer in eigen werk niet gelukt.",
        look_forward="Tweede spoor starten; arbeidsdeskundig onderzoek aangevraagd.",
        employer_view="Spoor 1 is uitgeput; wij zetten het tweede spoor in.",
        employee_view="Ik sta open voor ander werk.",
    )
    _sign_both(first_year, hr, start + timedelta(weeks=48, days=2))
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
    final = services.evaluation_create(
        case=case,
        actor=hr,
        kind=EvaluationKind.FINAL,
        held_on=start + timedelta(weeks=90),
        look_back="Twee sporen doorlopen; geen passend werk gevonden.",
        look_forward="WIA-aanvraag in week 93.",
        employer_view="Alle mogelijkheden zijn benut.",
        employee_view="Ik ben het eens met het verloop.",
    )
    _sign_both(final, hr, start + timedelta(weeks=90, days=2))


def _sign_both(record: Any, hr: Any, day: date) -> None:
    """Employer signs digitally; the employee with their own login, or else on paper."""
    case = record.case
    sign_on(record, SignatureParty.EMPLOYER, day, user=hr, recorder=hr)
    sign_on(record, SignatureParty.EMPLOYEE, day, user=case.employee.user, recorder=hr)


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
    # The employee agrees with their own login, or on paper (scan uploaded by HR).
    plan_agree_on(draft, employee, day, recorder=hr)
    sign_on(draft, SignatureParty.EMPLOYER, day, user=hr, recorder=hr)


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
