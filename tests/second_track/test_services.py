"""Tweede spoor services: every step, its Dutch validation errors, denials and deadlines."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import Role
from cases.models import AssignmentKind, CaseAssignment
from deadlines.models import Deadline, DeadlineKind, DeadlineStatus
from dossier import services
from dossier.models import AccessLog, Document
from second_track import services as second_track_services
from second_track.models import (
    ActivityKind,
    ApplicationOutcome,
    EmployeeChoice,
    ProposalAnswer,
    Route,
    SecondTrackActivity,
    TrackOutcome,
    TrackStatus,
)
from tests.dossier.factories import pdf_upload, plan
from tests.factories import CaseFactory, UserFactory
from tests.second_track.factories import (
    activity,
    age_case,
    decide_not_start,
    decide_start,
    profile_fields,
    report_fields,
    start_track,
    study_fields,
    today,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(world):
    return age_case(world.case_a, 50)


@pytest.fixture
def track(world, case):
    decide_start(case, world.hr_a)
    return start_track(case, world.hr_a)


def _errors(exc: pytest.ExceptionInfo) -> str:
    return " ".join(exc.value.messages)


# Arbeidsdeskundig onderzoek -------------------------------------------------------------------


@pytest.mark.parametrize("user_attr", ["hr_a", "specialist"])
def test_study_by_hr_or_assigned_specialist(world, case, user_attr):
    study = second_track_services.labour_expert_study_create(
        case=case, actor=getattr(world, user_attr), **study_fields()
    )
    assert study.pk
    assert AccessLog.objects.filter(record_type="labour_expert_study", record_id=study.pk).exists()


@pytest.mark.parametrize("user_attr", ["manager_a", "employee_user_a", "physician", "hr_b"])
def test_study_denied_to_others(world, case, user_attr):
    with pytest.raises(PermissionDenied):
        second_track_services.labour_expert_study_create(
            case=case, actor=getattr(world, user_attr), **study_fields()
        )


def test_study_date_not_in_future(world, case):
    with pytest.raises(ValidationError) as exc:
        second_track_services.labour_expert_study_create(
            case=case, actor=world.hr_a, **study_fields(held_on=today() + timedelta(days=1))
        )
    assert "kan niet in de toekomst liggen" in _errors(exc)


# Decision ---------------------------------------------------------------------------------------


def test_start_decision_requires_the_statement(world, case):
    with pytest.raises(ValidationError) as exc:
        decide_start(case, world.hr_a, statement_by="", statement_date=None)
    errors = exc.value.message_dict
    assert "niet (waarschijnlijk) mogelijk" in errors["statement_by"][0]
    assert errors["statement_date"] == ["Vul de datum van die verklaring in."]


def test_statement_must_precede_the_decision(world, case):
    with pytest.raises(ValidationError) as exc:
        decide_start(case, world.hr_a, statement_date=today() - timedelta(days=1))
    assert "vóór of op de dag van het besluit" in _errors(exc)


def test_not_start_requires_reason_and_explanation(world, case):
    with pytest.raises(ValidationError) as exc:
        decide_not_start(case, world.hr_a, not_start_reason="", reason_text=" ")
    errors = exc.value.message_dict
    assert errors["not_start_reason"] == ["Kies de reden om geen tweede spoor te starten."]
    assert "re-integratieverslag" in errors["reason_text"][0]


def test_decision_not_in_the_future(world, case):
    with pytest.raises(ValidationError) as exc:
        decide_start(case, world.hr_a, decided_on=today() + timedelta(days=2))
    assert exc.value.message_dict["decided_on"]


def test_decision_study_must_belong_to_the_case(world, case):
    other = CaseFactory(employee=world.colleague_a, reported_by=world.hr_a)
    study = second_track_services.labour_expert_study_create(
        case=other, actor=world.hr_a, **study_fields()
    )
    with pytest.raises(ValidationError) as exc:
        decide_start(case, world.hr_a, study=study)
    assert "hoort niet bij dit dossier" in _errors(exc)


@pytest.mark.parametrize("user_attr", ["specialist", "employee_user_a", "manager_a", "physician"])
def test_only_hr_decides(world, case, user_attr):
    with pytest.raises(PermissionDenied):
        decide_start(case, getattr(world, user_attr))


def test_not_start_decision_makes_the_latest_start_not_applicable(
    world, case, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        decide_not_start(case, world.hr_a)
    deadline = Deadline.objects.get(case=case, kind=DeadlineKind.SECOND_TRACK_LATEST)
    assert deadline.status == DeadlineStatus.NOT_APPLICABLE


def test_not_start_refused_while_a_trajectory_runs(world, track):
    with pytest.raises(ValidationError) as exc:
        decide_not_start(track.case, world.hr_a)
    assert "beëindig dat eerst" in _errors(exc)


# Trajectory -------------------------------------------------------------------------------------


def test_start_requires_a_start_decision(world, case):
    with pytest.raises(ValidationError) as exc:
        start_track(case, world.hr_a)
    assert "Leg eerst het besluit vast" in _errors(exc)
    decide_not_start(case, world.hr_a)
    with pytest.raises(ValidationError):
        start_track(case, world.hr_a)


def test_start_recomputes_deadlines(world, case, django_capture_on_commit_callbacks):
    decide_start(case, world.hr_a)
    with django_capture_on_commit_callbacks(execute=True):
        track = start_track(case, world.hr_a, report_interval_weeks=4)
    latest = Deadline.objects.get(case=case, kind=DeadlineKind.SECOND_TRACK_LATEST)
    assert latest.status == DeadlineStatus.DONE
    assert latest.completed_on == track.assignment_date
    report = Deadline.objects.get(case=case, kind=DeadlineKind.SECOND_TRACK_REPORT)
    assert report.due_date == track.assignment_date + timedelta(weeks=4)
    assert report.status in (DeadlineStatus.OPEN, DeadlineStatus.OVERDUE)


def test_report_moves_the_next_report_deadline(world, track, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        second_track_services.second_track_report_create(
            track=track, actor=world.specialist, **report_fields(track)
        )
    report = Deadline.objects.get(case=track.case, kind=DeadlineKind.SECOND_TRACK_REPORT)
    assert report.due_date == today() + timedelta(weeks=4)


def test_bureau_route_requires_a_bureau_name(world, case):
    decide_start(case, world.hr_a)
    with pytest.raises(ValidationError) as exc:
        start_track(case, world.hr_a, bureau_name=" ")
    assert exc.value.message_dict["bureau_name"] == ["Vul de naam van het re-integratiebureau in."]
    track = start_track(case, world.hr_a, route=Route.IN_HOUSE, bureau_name="")
    assert track.provider == str(Route.IN_HOUSE.label)


def test_start_not_before_the_decision_nor_in_the_future(world, case):
    decision = decide_start(case, world.hr_a)
    with pytest.raises(ValidationError) as exc:
        start_track(case, world.hr_a, assignment_date=decision.decided_on - timedelta(days=1))
    assert "niet vóór het besluit" in _errors(exc)
    with pytest.raises(ValidationError) as exc:
        start_track(case, world.hr_a, assignment_date=today() + timedelta(days=1))
    assert "toekomst" in _errors(exc)


def test_contract_end_after_start(world, case):
    decide_start(case, world.hr_a)
    with pytest.raises(ValidationError) as exc:
        start_track(
            case, world.hr_a, contract_start=today(), contract_end=today() - timedelta(days=1)
        )
    assert exc.value.message_dict["contract_end"]


def test_specialist_gets_an_assignment_and_must_have_the_role(world, case):
    decide_start(case, world.hr_a)
    with pytest.raises(ValidationError) as exc:
        start_track(case, world.hr_a, specialist=world.physician)
    assert "arbeidsdeskundige / re-integratiebureau" in exc.value.message_dict["specialist"][0]
    coach = UserFactory(role=Role.REINTEGRATION_SPECIALIST, full_name="Coach")
    assert not coach.has_perm("second_track.view", case)
    start_track(case, world.hr_a, specialist=coach)
    assert (
        CaseAssignment.objects.get(case=case, user=coach, active=True).kind
        == AssignmentKind.REINTEGRATION_SPECIALIST
    )
    coach = type(coach).objects.get(pk=coach.pk)  # drop cached permissions
    assert coach.has_perm("second_track.add_activity", case)
    assert not coach.has_perm("dossier.view_medical", case)


def test_plan_versions_limited_to_the_case(world, case):
    decide_start(case, world.hr_a)
    own = plan(case, world.hr_a)
    other = plan(world.colleague_case_a, world.hr_a)
    with pytest.raises(ValidationError) as exc:
        start_track(case, world.hr_a, plan_versions=[own, other])
    assert exc.value.message_dict["plan_versions"]
    track = start_track(case, world.hr_a, plan_versions=[own])
    assert list(track.plan_versions.all()) == [own]


def test_only_one_active_trajectory(world, track):
    with pytest.raises(ValidationError) as exc:
        start_track(track.case, world.hr_a)
    assert "loopt al" in _errors(exc)


def test_update_referral(world, track, django_capture_on_commit_callbacks):
    version = plan(track.case, world.hr_a)
    with django_capture_on_commit_callbacks(execute=True):
        second_track_services.second_track_update(
            track=track,
            actor=world.hr_a,
            budget=2500,
            contract_start=today(),
            contract_end=today() + timedelta(days=180),
            report_interval_weeks=6,
            plan_versions=[version],
        )
    track.refresh_from_db()
    assert track.report_interval_weeks == 6 and track.budget == 2500
    assert list(track.plan_versions.all()) == [version]
    report = Deadline.objects.get(case=track.case, kind=DeadlineKind.SECOND_TRACK_REPORT)
    assert report.due_date == track.assignment_date + timedelta(weeks=6)
    with pytest.raises(PermissionDenied):
        second_track_services.second_track_update(track=track, actor=world.specialist, budget=1)
    with pytest.raises(ValidationError):
        second_track_services.second_track_update(
            track=track, actor=world.hr_a, report_interval_weeks=0
        )


def test_replacing_the_coach_moves_the_access(world, track):
    old, new = world.specialist, UserFactory(role=Role.REINTEGRATION_SPECIALIST)
    second_track_services.second_track_update(track=track, actor=world.hr_a, specialist=old)
    second_track_services.second_track_update(track=track, actor=world.hr_a, specialist=new)
    active = set(
        CaseAssignment.objects.filter(case=track.case, active=True).values_list("user", flat=True)
    )
    assert new.pk in active and old.pk not in active
    assert not old.has_perm("second_track.view", track.case)


def test_referral_form_takes_a_coach_address_and_lists_no_coaches(world):
    from second_track.forms import SecondTrackReferralForm

    coach = UserFactory(role=Role.REINTEGRATION_SPECIALIST, email="coach@bureau.example")
    UserFactory(role=Role.REINTEGRATION_SPECIALIST, full_name="Coach Andere Klant")
    base = {"assignment_date": today().isoformat(), "route": "bureau", "bureau_name": "B"}
    form = SecondTrackReferralForm(
        {**base, "report_interval_weeks": 4, "specialist": "Coach@Bureau.example"},
        case=world.case_a,
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["specialist"] == coach
    unknown = SecondTrackReferralForm(
        {**base, "report_interval_weeks": 4, "specialist": world.hr_a.email}, case=world.case_a
    )
    assert not unknown.is_valid()
    assert "geen actieve loopbaancoach" in str(unknown.errors["specialist"])
    assert "Coach Andere Klant" not in str(SecondTrackReferralForm(case=world.case_a))


# Employee's choice and the employer's answer ---------------------------------------------------


def test_employee_agrees(world, track):
    second_track_services.second_track_choose_bureau(
        track=track, actor=world.employee_user_a, choice=EmployeeChoice.AGREED
    )
    track.refresh_from_db()
    assert track.employee_choice == EmployeeChoice.AGREED and track.employee_choice_at


def test_own_proposal_needs_bureau_and_reason(world, track):
    with pytest.raises(ValidationError) as exc:
        second_track_services.second_track_choose_bureau(
            track=track, actor=world.employee_user_a, choice=EmployeeChoice.OWN_PROPOSAL
        )
    assert set(exc.value.message_dict) == {"proposed_bureau", "proposal_reason"}


@pytest.mark.parametrize("user_attr", ["hr_a", "specialist", "manager_a"])
def test_only_the_employee_chooses(world, track, user_attr):
    with pytest.raises(PermissionDenied):
        second_track_services.second_track_choose_bureau(
            track=track, actor=getattr(world, user_attr), choice=EmployeeChoice.AGREED
        )


def _propose(world, track):
    return second_track_services.second_track_choose_bureau(
        track=track,
        actor=world.employee_user_a,
        choice=EmployeeChoice.OWN_PROPOSAL,
        proposed_bureau="Loopbaan & Co",
        proposal_reason="Zij kennen de regio en hebben ervaring met mijn branche.",
    )


def test_accepting_the_proposal_changes_the_bureau(world, track):
    _propose(world, track)
    second_track_services.second_track_answer_proposal(
        track=track, actor=world.hr_a, answer=ProposalAnswer.ACCEPTED, text="Redelijk voorstel."
    )
    track.refresh_from_db()
    assert track.bureau_name == "Loopbaan & Co"
    assert track.proposal_answered_at is not None
    with pytest.raises(ValidationError) as exc:
        second_track_services.second_track_answer_proposal(
            track=track, actor=world.hr_a, answer=ProposalAnswer.DECLINED, text="Toch niet."
        )
    assert "al beantwoord" in _errors(exc)


def test_declining_needs_a_motivation(world, track):
    with pytest.raises(ValidationError) as exc:
        second_track_services.second_track_answer_proposal(
            track=track, actor=world.hr_a, answer=ProposalAnswer.DECLINED, text="x"
        )
    assert "geen eigen bureau voorgesteld" in _errors(exc)
    _propose(world, track)
    with pytest.raises(ValidationError) as exc:
        second_track_services.second_track_answer_proposal(
            track=track, actor=world.hr_a, answer=ProposalAnswer.DECLINED, text=" "
        )
    assert exc.value.message_dict["text"] == ["Motiveer uw antwoord; de werknemer leest het."]
    second_track_services.second_track_answer_proposal(
        track=track, actor=world.hr_a, answer=ProposalAnswer.DECLINED, text="Geen erkenning."
    )
    track.refresh_from_db()
    assert track.bureau_name == "Werkfit Re-integratie"


# Profiles ---------------------------------------------------------------------------------------


def test_profile_versions_are_numbered(world, track):
    first = second_track_services.second_track_profile_create(
        track=track, actor=world.specialist, **profile_fields()
    )
    second = second_track_services.second_track_profile_create(
        track=track, actor=world.hr_a, **profile_fields(hours_per_week=32)
    )
    assert (first.number, second.number) == (1, 2)
    with pytest.raises(PermissionDenied):
        second_track_services.second_track_profile_create(
            track=track, actor=world.employee_user_a, **profile_fields()
        )


def test_profile_prefill_from_the_belastbaarheid(world, track):
    from second_track import selectors as second_track_selectors

    capacity = services.capacity_assessment_create(
        case=track.case,
        actor=world.physician,
        assessed_on=today() - timedelta(days=30),
        dynamic_limited=True,
        dynamic_notes="Tillen max. 10 kg.",
    )
    initial = second_track_selectors.second_track_profile_initial(case=track.case, track=track)
    assert initial["capacity_assessment"] == capacity.pk
    assert "Dynamische handelingen: Tillen max. 10 kg." in initial["functional_possibilities"]
    assert "Niet beperkt: persoonlijk functioneren" in initial["functional_possibilities"]


def test_profile_capacity_must_belong_to_the_case(world, track):
    other = services.capacity_assessment_create(
        case=world.case_b, actor=_physician_of(world.case_b), assessed_on=today()
    )
    with pytest.raises(ValidationError) as exc:
        second_track_services.second_track_profile_create(
            track=track, actor=world.hr_a, capacity_assessment=other, **profile_fields()
        )
    assert "hoort niet bij dit dossier" in _errors(exc)


def _physician_of(case):
    doctor = UserFactory(role=Role.OCCUPATIONAL_PHYSICIAN)
    CaseAssignment.objects.create(
        case=case, user=doctor, kind=AssignmentKind.OCCUPATIONAL_PHYSICIAN
    )
    return doctor


def test_profile_field_errors_in_dutch(world, track):
    with pytest.raises(ValidationError) as exc:
        second_track_services.second_track_profile_create(
            track=track, actor=world.hr_a, **profile_fields(hours_per_week=80)
        )
    assert "hours_per_week" in exc.value.message_dict


# Activities -------------------------------------------------------------------------------------


def test_application_needs_employer_and_vacancy(world, track):
    with pytest.raises(ValidationError) as exc:
        activity(track, world.specialist, employer_name="", vacancy="")
    assert exc.value.message_dict["employer_name"] == [
        "Vul de werkgever in waar is gesolliciteerd."
    ]
    created = activity(track, world.specialist)
    assert created.application_outcome == ApplicationOutcome.PENDING
    assert not created.by_employee


def test_placement_needs_receiving_employer_and_period(world, track):
    with pytest.raises(ValidationError) as exc:
        activity(
            track,
            world.hr_a,
            kind=ActivityKind.WORK_TRIAL,
            employer_name="",
            vacancy="",
            placement_start=None,
        )
    assert set(exc.value.message_dict) >= {"employer_name", "placement_start"}
    with pytest.raises(ValidationError) as exc:
        activity(
            track,
            world.hr_a,
            kind=ActivityKind.WORK_TRIAL,
            placement_start=today(),
            placement_end=today() - timedelta(days=1),
        )
    assert exc.value.message_dict["placement_end"]


def test_activity_date_within_the_trajectory(world, track):
    with pytest.raises(ValidationError) as exc:
        activity(track, world.hr_a, held_on=track.assignment_date - timedelta(days=1))
    assert "vóór de start van het traject" in _errors(exc)
    with pytest.raises(ValidationError) as exc:
        activity(track, world.hr_a, held_on=today() + timedelta(days=1))
    assert "toekomst" in _errors(exc)


def test_employee_logs_own_applications_only(world, track):
    own = activity(track, world.employee_user_a)
    assert own.by_employee
    with pytest.raises(ValidationError) as exc:
        activity(track, world.employee_user_a, kind=ActivityKind.COACHING)
    assert "sollicitaties en overige activiteiten" in _errors(exc)
    bureau = activity(track, world.specialist)
    with pytest.raises(PermissionDenied):
        second_track_services.second_track_activity_withdraw(
            activity=bureau, actor=world.employee_user_a, reason="niet van mij"
        )
    second_track_services.second_track_activity_update_outcome(
        activity=own, actor=world.employee_user_a, application_outcome=ApplicationOutcome.INVITED
    )
    own.refresh_from_db()
    assert own.application_outcome == ApplicationOutcome.INVITED


@pytest.mark.parametrize("user_attr", ["manager_a", "physician", "hr_b"])
def test_activity_denied(world, track, user_attr):
    with pytest.raises(PermissionDenied):
        activity(track, getattr(world, user_attr))


def test_withdraw_keeps_the_row_with_its_reason(world, track):
    created = activity(track, world.specialist)
    with pytest.raises(ValidationError) as exc:
        second_track_services.second_track_activity_withdraw(
            activity=created, actor=world.specialist, reason=""
        )
    assert exc.value.message_dict["reason"] == ["Geef aan waarom u deze activiteit intrekt."]
    second_track_services.second_track_activity_withdraw(
        activity=created, actor=world.specialist, reason="Dubbel ingevoerd"
    )
    created.refresh_from_db()
    assert created.is_withdrawn and created.withdrawal_reason == "Dubbel ingevoerd"
    assert SecondTrackActivity.objects.filter(pk=created.pk).exists()
    with pytest.raises(ValidationError):
        second_track_services.second_track_activity_update_outcome(
            activity=created, actor=world.specialist, application_outcome="rejected"
        )


def test_placement_outcome(world, track):
    placement = activity(
        track,
        world.specialist,
        kind=ActivityKind.WORK_TRIAL,
        employer_name="Logistiek BV",
        vacancy="",
        placement_start=today() - timedelta(days=1),
    )
    with pytest.raises(ValidationError):
        second_track_services.second_track_activity_update_outcome(
            activity=placement, actor=world.specialist
        )
    second_track_services.second_track_activity_update_outcome(
        activity=placement,
        actor=world.specialist,
        placement_end=today(),
        placement_evaluation="Goed verlopen; contract aangeboden.",
    )
    placement.refresh_from_db()
    assert placement.placement_end == today()


# Reports, comments, ending ---------------------------------------------------------------------


def test_report_needs_text_or_a_file(world, track):
    with pytest.raises(ValidationError) as exc:
        second_track_services.second_track_report_create(
            track=track, actor=world.specialist, **report_fields(track, progress="", next_steps="")
        )
    assert exc.value.message_dict["progress"] == ["Beschrijf de voortgang of upload de rapportage."]
    with pytest.raises(ValidationError) as exc:
        second_track_services.second_track_report_create(
            track=track,
            actor=world.specialist,
            **report_fields(track, period_end=track.assignment_date - timedelta(days=1)),
        )
    assert "vóór het begin" in _errors(exc)


def test_report_upload_becomes_a_second_track_document(world, track):
    report = second_track_services.second_track_report_create(
        track=track,
        actor=world.specialist,
        upload=pdf_upload("rapportage.pdf"),
        **report_fields(track, progress="", next_steps=""),
    )
    document = report.document
    assert document.record_kind == Document.RecordKind.SECOND_TRACK
    assert document.record_id == track.pk
    assert not document.is_medical
    assert report.progress == "Zie de geüploade rapportage."
    assert world.employee_user_a.has_perm("dossier.view_documents", track.case)


def test_report_upload_rejects_bad_files(world, track):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ValidationError) as exc:
        second_track_services.second_track_report_create(
            track=track,
            actor=world.specialist,
            upload=SimpleUploadedFile("x.pdf", b"<html></html>"),
            **report_fields(track),
        )
    assert "bestandstype is niet toegestaan" in exc.value.message_dict["upload"][0]


@pytest.mark.parametrize("user_attr", ["employee_user_a", "manager_a", "physician"])
def test_report_denied(world, track, user_attr):
    with pytest.raises(PermissionDenied):
        second_track_services.second_track_report_create(
            track=track, actor=getattr(world, user_attr), **report_fields(track)
        )


def test_comments(world, track):
    comment = second_track_services.second_track_comment_add(
        track=track, actor=world.employee_user_a, text="Ik wil graag in de logistiek werken."
    )
    assert comment.author == world.employee_user_a
    with pytest.raises(ValidationError):
        second_track_services.second_track_comment_add(track=track, actor=world.hr_a, text=" ")
    with pytest.raises(PermissionDenied):
        second_track_services.second_track_comment_add(
            track=track, actor=world.manager_a, text="Hallo"
        )


def test_end_trajectory(world, track, django_capture_on_commit_callbacks):
    with pytest.raises(ValidationError) as exc:
        second_track_services.second_track_end(
            track=track, actor=world.hr_a, outcome="", outcome_on=today(), outcome_text=""
        )
    assert set(exc.value.message_dict) == {"outcome", "outcome_text"}
    with pytest.raises(PermissionDenied):
        second_track_services.second_track_end(
            track=track,
            actor=world.specialist,
            outcome=TrackOutcome.NEW_CONTRACT,
            outcome_on=today(),
            outcome_text="Contract",
        )
    with django_capture_on_commit_callbacks(execute=True):
        second_track_services.second_track_end(
            track=track,
            actor=world.hr_a,
            outcome=TrackOutcome.NEW_CONTRACT,
            outcome_on=today(),
            outcome_text="Vast contract bij Logistiek BV per volgende maand.",
        )
    track.refresh_from_db()
    assert track.status == TrackStatus.ENDED
    report = Deadline.objects.get(case=track.case, kind=DeadlineKind.SECOND_TRACK_REPORT)
    assert report.status == DeadlineStatus.NOT_APPLICABLE
    with pytest.raises(ValidationError) as exc:
        activity(track, world.specialist)
    assert "beëindigd" in _errors(exc)


def test_decision_reports_every_mistake_at_once(world):
    with pytest.raises(ValidationError) as exc:
        second_track_services.second_track_decide(
            case=world.case_a,
            actor=world.hr_a,
            kind="not_start",
            decided_on=today() + timedelta(days=3),
            not_start_reason="",
            reason_text="",
        )
    fields = exc.value.message_dict
    assert {"decided_on", "not_start_reason", "reason_text"} <= set(fields)
    assert "toekomst" in fields["decided_on"][0]
