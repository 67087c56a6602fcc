"""Every database constraint answers in Dutch, never by its raw name ("Beperking … geschonden").

All model constraints of the project's apps carry their own Dutch `violation_error_message`
(with an English translation); forms show it when validation hits the constraint, and a write that
races past the checks (an IntegrityError) reaches the user as that same message.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import BaseConstraint
from django.urls import reverse
from django.utils import timezone, translation

from cases.constraint_errors import constraint_message, integrity_error_message
from cases.forms import WorkResumptionForm
from cases.models import WorkResumption
from cases.service_calls import call_service
from tests.dossier.factories import statement

# Every app that lives in this repository (a new app is checked without being listed here).
ROOT = Path(settings.BASE_DIR).resolve()
PROJECT_APPS = {
    config.label for config in apps.get_app_configs() if Path(config.path).resolve().parent == ROOT
}
RAW = ("Beperking", "Constraint", "geschonden", "is violated")


def _project_constraints():
    return [
        (model, constraint)
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS
        for constraint in model._meta.constraints
    ]


def test_the_project_has_constraints_to_check():
    assert len(_project_constraints()) >= 40


@pytest.mark.parametrize(
    ("model", "constraint"),
    _project_constraints(),
    ids=[f"{m._meta.label}.{c.name}" for m, c in _project_constraints()],
)
def test_every_constraint_has_its_own_dutch_message(model, constraint):
    message = constraint.violation_error_message
    assert message != BaseConstraint.default_violation_error_message, constraint.name
    with translation.override("nl"):
        dutch = str(message)
    with translation.override("en"):
        english = str(message)
    assert constraint.name not in dutch
    assert not any(word in dutch for word in RAW)
    # A Dutch source string with an English translation in the catalogue.
    assert english != dutch, f"{constraint.name}: no English translation for {dutch!r}"


def test_constraint_message_is_looked_up_by_name_and_skips_default_messages():
    assert constraint_message("work_resumption_unique_start").startswith(
        "Op deze datum is al een werkhervatting"
    )
    assert constraint_message("no_such_constraint") is None
    assert constraint_message(None) is None
    # allauth's own constraints keep Django's default (it names the constraint): not used.
    assert constraint_message("unique_verified_email") is None


def _duplicate_resumption(case, actor):
    """Write a second work resumption on the same start, past every check (as a race would)."""
    start = case.first_sick_day + timedelta(days=1)
    for _ in range(2):
        WorkResumption.objects.create(case=case, start=start, percentage_sick=50, created_by=actor)


@pytest.mark.django_db
def test_an_integrity_error_becomes_its_constraints_dutch_message(world):
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        _duplicate_resumption(world.case_a, world.hr_a)
    assert integrity_error_message(caught.value).startswith("Op deze datum is al een")


@pytest.mark.django_db
def test_a_race_past_the_checks_reaches_the_form_in_dutch(world):
    form = WorkResumptionForm({})
    call = call_service(form, _duplicate_resumption, case=world.case_a, actor=world.hr_a)
    assert not call
    errors = form.non_field_errors()
    assert errors and errors[0].startswith("Op deze datum is al een werkhervatting vastgelegd")
    assert not any(word in str(form.errors) for word in RAW)
    # The savepoint was rolled back: the connection is usable and nothing was saved.
    assert not WorkResumption.objects.filter(case=world.case_a).exists()


# Hitting the most likely constraints through the forms in the browser ---------------------------


def _assert_dutch_refusal(response, expected: str) -> None:
    assert response.status_code == 200  # the form is shown again, with what was typed
    text = response.content.decode()
    assert expected in text
    assert not any(word in text for word in RAW)


@pytest.mark.django_db
def test_capacity_valid_until_before_assessed_on(world, login):
    client = login(world.physician)
    today = timezone.localdate()
    response = client.post(
        reverse("dossier:capacity_create", args=[world.case_a.pk]),
        {
            "assessed_on": today.isoformat(),
            "valid_until": (today - timedelta(days=3)).isoformat(),
            "personal_notes": "Kan 4 uur per dag werken",
        },
    )
    _assert_dutch_refusal(response, "ligt vóór de datum van de belastbaarheid")
    assert "Kan 4 uur per dag werken" in response.content.decode()
    assert not world.case_a.capacity_assessments.exists()


@pytest.mark.django_db
def test_plan_evaluated_less_often_than_every_six_weeks(world, login):
    statement(world.case_a, world.physician)
    client = login(world.hr_a)
    response = client.post(
        reverse("dossier:plan_create", args=[world.case_a.pk]),
        {
            "goal": "Terugkeer in eigen werk",
            "goal_term": "3 maanden",
            "evaluation_frequency_weeks": "8",
            "casemanager": "HR Alfa",
            "employer_view": "Eens",
            "employee_view": "Eens",
            "activities-TOTAL_FORMS": "0",
            "activities-INITIAL_FORMS": "0",
        },
    )
    # The field's own validator answers before the check constraint; either way in Dutch.
    _assert_dutch_refusal(response, "hoogstens 6")
    assert "Terugkeer in eigen werk" in response.content.decode()


@pytest.mark.django_db
def test_leave_ending_before_it_starts(world, login):
    client = login(world.hr_a)
    start = world.case_a.first_sick_day + timedelta(days=10)
    response = client.post(
        reverse("cases:leave_period_add", args=[world.case_a.pk]),
        {"start": start.isoformat(), "end": (start - timedelta(days=1)).isoformat()},
    )
    _assert_dutch_refusal(response, "De laatste verlofdag ligt vóór de eerste verlofdag.")
    assert not world.case_a.leave_periods.exists()
