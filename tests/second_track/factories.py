"""Builders for second-track records in tests (they go through the services)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from cases.models import Case, SickPeriod
from second_track import services as second_track_services
from second_track.models import (
    ActivityKind,
    DecisionKind,
    NotStartReason,
    SecondTrackAdvice,
    StatementBy,
    TrackConclusion,
)


def today() -> date:
    return timezone.localdate()


def age_case(case: Case, weeks: int) -> Case:
    """Move the case's (single, running) sick period so that it started `weeks` ago."""
    start = today() - timedelta(weeks=weeks)
    Case.objects.filter(pk=case.pk).update(first_sick_day=start, reported_on=start)
    SickPeriod.objects.filter(case=case).update(start=start)
    case.refresh_from_db()
    return case


def study_fields(**overrides: Any) -> dict[str, Any]:
    return {
        "held_on": today() - timedelta(days=20),
        "expert_name": "A. Deskundige",
        "organisation": "Arbo Noord",
        "own_work": TrackConclusion.NOT_POSSIBLE,
        "other_work_own_employer": TrackConclusion.NOT_LIKELY,
        "second_track": SecondTrackAdvice.INDICATED,
        "conclusion": "Spoor 1 is uitgeput; tweede spoor starten.",
        **overrides,
    }


def decide_start(case: Case, hr: Any, **overrides: Any):
    data = {
        "kind": DecisionKind.START,
        "decided_on": today() - timedelta(days=14),
        "statement_by": StatementBy.LABOUR_EXPERT,
        "statement_date": today() - timedelta(days=15),
        "statement_summary": "Terugkeer in eigen werk niet waarschijnlijk.",
        **overrides,
    }
    return second_track_services.second_track_decide(case=case, actor=hr, **data)


def decide_not_start(case: Case, hr: Any, **overrides: Any):
    data = {
        "kind": DecisionKind.NOT_START,
        "decided_on": today() - timedelta(days=3),
        "not_start_reason": NotStartReason.RETURN_WITHIN_3_MONTHS,
        "reason_text": "Bedrijfsarts verwacht volledige terugkeer binnen 2 maanden.",
        **overrides,
    }
    return second_track_services.second_track_decide(case=case, actor=hr, **data)


def start_track(case: Case, hr: Any, **overrides: Any):
    data = {
        "assignment_date": today() - timedelta(days=10),
        "route": "bureau",
        "bureau_name": "Werkfit Re-integratie",
        "report_interval_weeks": 4,
        **overrides,
    }
    return second_track_services.second_track_start(case=case, actor=hr, **data)


def activity(track: Any, actor: Any, **overrides: Any):
    data = {
        "kind": ActivityKind.APPLICATION,
        "held_on": today() - timedelta(days=2),
        "description": "Open sollicitatie verstuurd.",
        "employer_name": "Bakkerij Het Zuiden",
        "vacancy": "Medewerker inpak",
        **overrides,
    }
    return second_track_services.second_track_activity_create(track=track, actor=actor, **data)


def report_fields(track: Any, **overrides: Any) -> dict[str, Any]:
    return {
        "report_date": today(),
        "period_start": track.assignment_date,
        "period_end": today(),
        "progress": "Intake gehad, zoekprofiel opgesteld, drie sollicitaties.",
        "next_steps": "Sollicitatietraining en netwerkgesprekken.",
        "employee_cooperation": "Actief en gemotiveerd.",
        **overrides,
    }


def profile_fields(**overrides: Any) -> dict[str, Any]:
    return {
        "education": "MBO 2 Bakker",
        "work_experience": "15 jaar bakker",
        "skills": "Nauwkeurig, teamspeler",
        "functional_possibilities": "Geen zwaar tillen; zittend werk mogelijk.",
        "target_functions": "Productiemedewerker licht, kwaliteitscontrole",
        "target_sectors": "Voedingsmiddelenindustrie, logistiek",
        "hours_per_week": 24,
        "max_travel_minutes": 45,
        "wage_level": "Vergelijkbaar met huidig (schaal 4)",
        **overrides,
    }
