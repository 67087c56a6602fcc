"""Services: versioning, immutability, agreement hash, disagreement, evaluations, talks."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import ProgrammingError, transaction
from django.utils import timezone

from dossier import services
from dossier.deadline_dates import dossier_dates
from dossier.models import (
    ActionPlanActivity,
    ActionPlanVersion,
    EvaluationKind,
    MedicalNote,
    StatementKind,
)
from dossier.models.action_plans import AgreedVersionError
from dossier.selectors import dossier_warnings
from tests.dossier.factories import (
    activities,
    evaluation_fields,
    plan,
    statement,
    talk_fields,
)

pytestmark = pytest.mark.django_db


def test_statement_stores_medical_part_separately(world):
    s = statement(world.case_a, world.physician, diagnosis="Hernia", treatment="Fysiotherapie")
    note = MedicalNote.objects.get(statement=s)
    assert note.diagnosis == "Hernia"
    assert not hasattr(s, "medical_note")  # no reverse accessor by design


def test_statement_requires_assigned_physician(world):
    with pytest.raises(PermissionDenied):
        statement(world.case_a, world.other_physician)
    with pytest.raises(PermissionDenied):
        statement(world.case_a, world.hr_a)


def test_first_version_is_a_draft_with_activities(world):
    version = plan(world.case_a, world.hr_a, activities=activities("A", "B"))
    assert version.number == 1
    assert version.status == "draft"
    assert [a.description for a in version.activities.all()] == ["A", "B"]


def test_views_of_both_parties_are_required(world):
    with pytest.raises(ValidationError) as error:
        plan(world.case_a, world.hr_a, employee_view="")
    assert "employee_view" in error.value.message_dict


def test_evaluation_frequency_at_most_six_weeks(world):
    with pytest.raises(ValidationError):
        plan(world.case_a, world.hr_a, evaluation_frequency_weeks=8)


def test_agreement_is_stamped_with_hash_of_canonical_content(world):
    version = plan(world.case_a, world.hr_a)
    agreed = services.action_plan_version_agree(version=version, actor=world.employee_user_a)
    assert agreed.status == "agreed"
    assert agreed.agreed_by == world.employee_user_a
    assert agreed.agreed_at is not None
    payload = {"case": world.case_a.pk, "version": 1, **agreed.canonical_content()}
    expected = hashlib.sha256(
        json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    ).hexdigest()
    assert agreed.content_hash == expected
    assert len(agreed.content_hash) == 64


def test_only_the_employee_can_agree(world):
    version = plan(world.case_a, world.hr_a)
    for user in (world.hr_a, world.manager_a, world.physician):
        with pytest.raises(PermissionDenied):
            services.action_plan_version_agree(version=version, actor=user)


def test_agreed_version_is_immutable_in_service_model_and_database(world):
    version = plan(world.case_a, world.hr_a)
    services.action_plan_version_agree(version=version, actor=world.employee_user_a)
    with pytest.raises(AgreedVersionError):
        services.action_plan_version_update(version=version, actor=world.hr_a, goal="Anders")
    version.refresh_from_db()
    version.goal = "Anders"
    with pytest.raises(AgreedVersionError):
        version.save()
    activity = version.activities.first()
    with pytest.raises(AgreedVersionError):
        activity.save()
    with pytest.raises(AgreedVersionError):
        activity.delete()
    with pytest.raises(ProgrammingError, match="pgtrigger"), transaction.atomic():
        ActionPlanVersion.objects.filter(pk=version.pk).update(goal="Via update()")


def test_disagreement_is_recorded_with_reason_and_reset_by_an_edit(world):
    version = plan(world.case_a, world.hr_a)
    with pytest.raises(ValidationError):
        services.action_plan_version_disagree(
            version=version, actor=world.employee_user_a, reason=" "
        )
    services.action_plan_version_disagree(
        version=version, actor=world.employee_user_a, reason="Te snelle opbouw"
    )
    version.refresh_from_db()
    assert version.status == "disagreed"
    assert version.disagreement_reason == "Te snelle opbouw"
    assert "niet akkoord" in " ".join(
        dossier_warnings(case=world.case_a, today=timezone.localdate())
    )
    services.action_plan_version_update(version=version, actor=world.hr_a, goal_term="4 maanden")
    version.refresh_from_db()
    assert version.status == "draft"


def test_revision_copies_previous_version_and_keeps_it(world):
    v1 = plan(world.case_a, world.hr_a, activities=activities("A", "B"))
    services.action_plan_version_agree(version=v1, actor=world.employee_user_a)
    v2 = services.action_plan_revise(case=world.case_a, actor=world.hr_a)
    assert v2.number == 2 and v2.status == "draft"
    assert v2.goal == v1.goal
    assert [a.description for a in v2.activities.all()] == ["A", "B"]
    services.action_plan_version_update(
        version=v2, actor=world.hr_a, goal="Nieuw doel", activities=activities("C")
    )
    v1.refresh_from_db()
    assert v1.goal != "Nieuw doel"
    assert v1.content_hash == v1.compute_hash()
    assert ActionPlanActivity.objects.filter(version=v1).count() == 2
    # A second revise while a draft is open returns the same draft.
    assert services.action_plan_revise(case=world.case_a, actor=world.hr_a) == v2


def test_older_version_cannot_be_agreed(world):
    v1 = plan(world.case_a, world.hr_a)
    services.action_plan_version_agree(version=v1, actor=world.employee_user_a)
    services.action_plan_revise(case=world.case_a, actor=world.hr_a)
    with pytest.raises(ValidationError):
        services.action_plan_version_agree(version=v1, actor=world.employee_user_a)


def test_second_first_version_is_refused(world):
    plan(world.case_a, world.hr_a)
    with pytest.raises(ValidationError):
        plan(world.case_a, world.hr_a)


def test_final_evaluation_requires_a_current_assessment(world):
    with pytest.raises(ValidationError):
        services.evaluation_create(
            case=world.case_a, actor=world.hr_a, kind=EvaluationKind.FINAL, **evaluation_fields()
        )
    assessment = statement(world.case_a, world.physician, kind=StatementKind.CURRENT_ASSESSMENT)
    evaluation = services.evaluation_create(
        case=world.case_a, actor=world.hr_a, kind=EvaluationKind.FINAL, **evaluation_fields()
    )
    assert evaluation.based_on == assessment


def test_talk_warns_when_next_talk_is_more_than_42_days_later(world):
    ok = services.progress_talk_create(case=world.case_a, actor=world.hr_a, **talk_fields())
    assert not ok.next_talk_too_late
    held = timezone.localdate()
    late = services.progress_talk_create(
        case=world.case_a, actor=world.hr_a, **talk_fields(next_talk_on=held + timedelta(days=43))
    )
    assert late.next_talk_too_late
    warnings = dossier_warnings(case=world.case_a, today=held)
    assert any("42 dagen" in w for w in warnings)


def test_held_talk_recomputes_deadlines_on_commit(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    import deadlines.services

    calls = []
    monkeypatch.setattr(
        deadlines.services, "deadlines_recompute", lambda **kwargs: calls.append(kwargs)
    )
    with django_capture_on_commit_callbacks(execute=True):
        talk = services.progress_talk_create(case=world.case_a, actor=world.hr_a, **talk_fields())
        assert calls == []  # not before commit
    assert calls == [
        {
            "case": world.case_a,
            "reason": f"Voortgangsgesprek gehouden op {talk.held_on:%d-%m-%Y}",
            "actor": world.hr_a,
        }
    ]


def test_warning_for_outdated_capacity_and_revised_problem_analysis(world, time_machine):
    today = timezone.localdate()
    services.capacity_assessment_create(
        case=world.case_a, actor=world.physician, assessed_on=today - timedelta(days=200)
    )
    version = plan(world.case_a, world.hr_a)
    services.action_plan_version_agree(version=version, actor=world.employee_user_a)
    assert len(dossier_warnings(case=world.case_a, today=today)) == 1
    time_machine.move_to(timezone.now() + timedelta(days=1))  # a statement cannot be dated ahead
    statement(
        world.case_a,
        world.physician,
        kind=StatementKind.PROBLEM_ANALYSIS_REVISION,
        statement_date=today + timedelta(days=1),
    )
    warnings = dossier_warnings(case=world.case_a, today=today + timedelta(days=1))
    assert any("6 maanden" in w for w in warnings)
    assert any("bijstelling van de probleemanalyse" in w for w in warnings)


def test_employee_opinion_draft_then_submit_then_frozen(world):
    opinion = services.employee_opinion_save(
        case=world.case_a, actor=world.employee_user_a, text="Concept"
    )
    assert not opinion.is_submitted
    opinion = services.employee_opinion_save(
        case=world.case_a, actor=world.employee_user_a, text="Definitief", submit=True
    )
    assert opinion.is_submitted
    with pytest.raises(ValidationError):
        services.employee_opinion_save(case=world.case_a, actor=world.employee_user_a, text="x")
    with pytest.raises(PermissionDenied):
        services.employee_opinion_save(case=world.case_a, actor=world.hr_a, text="x")


def test_dossier_dates_for_the_deadlines_app(world):
    assert dossier_dates(world.case_a) == {
        "problem_analysis_date": None,
        "action_plan_date": None,
        "evaluations": [],
        "first_year_evaluation_date": None,
    }
    today = timezone.localdate()
    statement(world.case_a, world.physician, statement_date=today - timedelta(days=10))
    statement(world.case_a, world.physician, statement_date=today - timedelta(days=5))
    version = plan(world.case_a, world.hr_a)
    services.action_plan_version_agree(version=version, actor=world.employee_user_a)
    services.progress_talk_create(
        case=world.case_a, actor=world.hr_a, **talk_fields(held_on=today - timedelta(days=1))
    )
    services.evaluation_create(
        case=world.case_a, actor=world.hr_a, kind=EvaluationKind.FIRST_YEAR, **evaluation_fields()
    )
    dates = dossier_dates(world.case_a)
    assert dates["problem_analysis_date"] == today - timedelta(days=10)
    assert dates["action_plan_date"] == today
    assert dates["evaluations"] == [today - timedelta(days=1), today]
    assert dates["first_year_evaluation_date"] == today
