"""What happened cannot be dated in the future (statements, capacity, talks, evaluations);
a planned date (the next talk) may be. Dutch messages name the field; nothing typed is lost."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from dossier import services
from dossier.models import EvaluationKind, ProgressTalk, StatementKind
from tests.dossier.factories import evaluation_fields, statement, talk_fields

pytestmark = pytest.mark.django_db


def _tomorrow():
    return timezone.localdate() + timedelta(days=1)


def _refused(call, field: str, label: str) -> None:
    with pytest.raises(ValidationError) as caught:
        call()
    assert caught.value.message_dict[field] == [f"{label} kan niet in de toekomst liggen."]


def test_statement_dates(world):
    _refused(
        lambda: statement(world.case_a, world.physician, statement_date=_tomorrow()),
        "statement_date",
        "De datum van het oordeel",
    )
    _refused(
        lambda: statement(
            world.case_a,
            world.physician,
            kind=StatementKind.CURRENT_ASSESSMENT,
            medical_information_sent_on=_tomorrow(),
        ),
        "medical_information_sent_on",
        "De datum van verzending van de medische informatie",
    )
    assert not world.case_a.physician_statements.exists()


def test_capacity_assessed_on(world):
    _refused(
        lambda: services.capacity_assessment_create(
            case=world.case_a, actor=world.physician, assessed_on=_tomorrow()
        ),
        "assessed_on",
        "De datum van de belastbaarheid",
    )
    # Valid until is a planned date: it may lie ahead.
    services.capacity_assessment_create(
        case=world.case_a,
        actor=world.physician,
        assessed_on=timezone.localdate(),
        valid_until=timezone.localdate() + timedelta(days=180),
    )


def test_progress_talk_held_on_but_the_next_talk_may_be_planned(world):
    _refused(
        lambda: services.progress_talk_create(
            case=world.case_a, actor=world.hr_a, **talk_fields(held_on=_tomorrow())
        ),
        "held_on",
        "De datum van het voortgangsgesprek",
    )
    talk = services.progress_talk_create(case=world.case_a, actor=world.hr_a, **talk_fields())
    assert talk.next_talk_on > timezone.localdate()


@pytest.mark.parametrize("kind", [EvaluationKind.FIRST_YEAR, EvaluationKind.FINAL])
def test_evaluation_held_on(world, kind):
    statement(world.case_a, world.physician, kind=StatementKind.CURRENT_ASSESSMENT)
    _refused(
        lambda: services.evaluation_create(
            case=world.case_a,
            actor=world.hr_a,
            kind=kind,
            **evaluation_fields(held_on=_tomorrow()),
        ),
        "held_on",
        "De datum van de evaluatie",
    )
    assert not world.case_a.evaluations.exists()


def test_talk_form_answers_in_dutch_on_the_field_and_keeps_the_input(world, login):
    fields = talk_fields(held_on=_tomorrow(), agreements="Start met 4 uur per dag op maandag.")
    response = login(world.hr_a).post(
        reverse("dossier:talk_create", args=[world.case_a.pk]),
        {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in fields.items()},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["held_on"] == [
        "De datum van het voortgangsgesprek kan niet in de toekomst liggen."
    ]
    assert "Start met 4 uur per dag op maandag." in response.content.decode()
    assert not ProgressTalk.objects.filter(case=world.case_a).exists()
