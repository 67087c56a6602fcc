"""Demo second tracks: deterministic and idempotent, and the week-92 dossiers complete."""

from __future__ import annotations

from datetime import timedelta
from itertools import pairwise

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from cases import demo as cases_demo
from dossier import demo as dossier_demo
from dossier.models import (
    EmployeeOpinion,
    Evaluation,
    PhysicianStatement,
    ProgressTalk,
    StatementKind,
)
from second_track import demo
from second_track.models import (
    LabourExpertStudy,
    SecondTrack,
    SecondTrackActivity,
    SecondTrackComment,
    SecondTrackDecision,
    SecondTrackProfile,
    SecondTrackReport,
)

pytestmark = pytest.mark.django_db

MODELS = (
    LabourExpertStudy,
    SecondTrackDecision,
    SecondTrack,
    SecondTrackProfile,
    SecondTrackActivity,
    SecondTrackReport,
    SecondTrackComment,
    ProgressTalk,
    EmployeeOpinion,
    User,
)


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture
def ctx(django_capture_on_commit_callbacks):
    ctx = cases_demo.DemoContext(today=timezone.localdate())
    with django_capture_on_commit_callbacks(execute=True):
        cases_demo.seed(ctx)
        dossier_demo.seed(ctx)
        demo.seed(ctx)
    return ctx


def test_seed_twice_adds_nothing(ctx):
    before = _counts()
    assert before["SecondTrack"] == 3
    demo.seed(ctx)
    assert _counts() == before


def test_korenschoof_week60_runs_with_the_bureau_coach(ctx, login, client):
    case = ctx.cases[("korenschoof", "week60")]
    track = SecondTrack.objects.get(case=case)
    coach = User.objects.get(email="coach@korenschoof.example")
    assert coach.role == Role.REINTEGRATION_SPECIALIST and coach.is_demo
    assert track.specialist == coach and track.bureau_name == "Werkfit Re-integratie"
    assert track.is_active
    assert track.activities.filter(withdrawn_at__isnull=True).count() >= 8
    assert track.reports.count() == 2
    assert track.comments.filter(author=case.employee.user).exists()
    assert track.profiles.exists() and track.plan_versions.exists()
    login(coach)
    page = client.get(reverse("second_track:detail", args=[case.pk]))
    assert page.status_code == 200
    assert "Proefplaatsing" in page.text
    assert "Dubbel ingevoerd" in page.text
    assert page.context["page"].rules.warnings == ()


def test_techniek_noord_week60_is_late(ctx, login, client):
    case = ctx.cases[("techniek-noord", "week60")]
    assert not SecondTrack.objects.filter(case=case).exists()
    login(ctx.users[("techniek-noord", Role.HR)])
    page = client.get(reverse("second_track:detail", args=[case.pk]))
    codes = {w.code for w in page.context["page"].rules.warnings}
    assert "start_late" in codes


@pytest.mark.parametrize("slug", ["korenschoof", "techniek-noord"])
def test_week92_dossier_is_complete(ctx, slug):
    case = ctx.cases[(slug, "week92")]
    today = ctx.today
    assert SecondTrackReport.objects.filter(track__case=case).count() >= 8
    kinds = set(Evaluation.objects.filter(case=case).values_list("kind", flat=True))
    assert kinds == {"first_year", "final"}
    current = PhysicianStatement.objects.filter(
        case=case, kind=StatementKind.CURRENT_ASSESSMENT
    ).latest("statement_date")
    assert today - current.statement_date <= timedelta(weeks=4)
    assert EmployeeOpinion.objects.get(case=case).is_submitted
    dates = sorted(
        [
            *ProgressTalk.objects.filter(case=case).values_list("held_on", flat=True),
            *Evaluation.objects.filter(case=case).values_list("held_on", flat=True),
        ]
    )
    gaps = [(b - a).days for a, b in pairwise(dates)]
    assert max(gaps) <= 42, dates


def test_demo_overview_for_hr(ctx, login, client):
    login(ctx.users[("korenschoof", Role.HR)])
    response = client.get(reverse("second_track:overview"))
    states = {row.case_id: row.state for row in response.context["rows"]}
    assert states[ctx.cases[("korenschoof", "week60")].pk] == "active"
    assert states[ctx.cases[("korenschoof", "week92")].pk] == "active"
