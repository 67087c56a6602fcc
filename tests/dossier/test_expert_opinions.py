"""Deskundigenoordeel: recording a request and UWV's answer; proposed on disagreement."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from dossier import services
from dossier.models import ExpertOpinionRequest
from reintegration_report.content import report_content_build
from tests.dossier.factories import pdf_upload, plan

pytestmark = pytest.mark.django_db


def _request(world, actor=None, **overrides):
    data = {
        "subject": "action_plan",
        "question": "Is het plan van aanpak passend?",
        "requested_on": timezone.localdate() - timedelta(days=10),
        "requested_by": "employer",
        **overrides,
    }
    return services.expert_opinion_request_create(
        case=world.case_a, actor=actor or world.hr_a, **data
    )


def test_hr_records_a_request_and_later_the_answer_with_its_document(world):
    version = plan(world.case_a, world.hr_a)
    record = _request(world, plan_version=version, upload=pdf_upload())
    assert (record.requested_by, record.plan_version, record.is_answered) == (
        "employer",
        version,
        False,
    )
    assert record.document.record_kind == "expert_opinion"
    answered = timezone.localdate() - timedelta(days=2)
    record = services.expert_opinion_answer(
        record=record, actor=world.hr_a, answered_on=answered, outcome="Het plan is passend."
    )
    assert (record.answered_on, record.outcome) == (answered, "Het plan is passend.")
    with pytest.raises(ValidationError, match="al vastgelegd"):
        services.expert_opinion_answer(
            record=record, actor=world.hr_a, answered_on=answered, outcome="Anders."
        )


def test_the_employee_records_only_their_own_request(world):
    record = _request(world, actor=world.employee_user_a, requested_by="employer")
    assert record.requested_by == "employee"


def test_an_answer_before_the_request_is_refused(world):
    with pytest.raises(ValidationError) as error:
        _request(
            world,
            answered_on=timezone.localdate() - timedelta(days=20),
            outcome="Passend.",
        )
    assert "answered_on" in error.value.message_dict
    assert not ExpertOpinionRequest.objects.exists()


def test_an_answer_needs_an_outcome_and_no_date_lies_in_the_future(world):
    with pytest.raises(ValidationError, match="uitkomst"):
        _request(world, answered_on=timezone.localdate())
    with pytest.raises(ValidationError, match="toekomst"):
        _request(world, requested_on=timezone.localdate() + timedelta(days=1))


@pytest.mark.parametrize("actor", ["manager_a", "physician", "specialist", "hr_b"])
def test_others_cannot_record_a_request(world, actor):
    with pytest.raises(PermissionDenied):
        _request(world, actor=getattr(world, actor))


def test_the_app_proposes_one_when_the_employee_disagrees_with_a_plan(world, login):
    version = plan(world.case_a, world.hr_a)
    services.action_plan_version_disagree(
        version=version, actor=world.employee_user_a, reason="Te snel opbouwen."
    )
    url = reverse("dossier:plan_version_detail", args=[version.pk])
    link = reverse("dossier:expert_opinion_create", args=[world.case_a.pk])
    for user in (world.hr_a, world.employee_user_a):
        page = login(user).get(url).text
        assert "deskundigenoordeel over het plan van aanpak" in page
        assert f"{link}?subject=action_plan&amp;plan_version={version.pk}" in page
    manager_page = login(world.manager_a).get(url).text
    assert "deskundigenoordeel" in manager_page and link not in manager_page
    assert login(world.manager_a).get(link).status_code == 403


def test_the_app_proposes_one_to_the_employee_on_the_physicians_advice(world, login):
    from tests.dossier.factories import statement

    analysis = statement(world.case_a, world.physician)
    url = reverse("dossier:statement_detail", args=[analysis.pk])
    page = login(world.employee_user_a).get(url).text
    assert "niet eens met het advies van de bedrijfsarts" in page
    assert "?subject=capacity" in page
    assert "?subject=capacity" not in login(world.hr_a).get(url).text


def test_request_form_in_the_browser_keeps_input_on_bad_dates(world, login):
    client = login(world.hr_a)
    url = reverse("dossier:expert_opinion_create", args=[world.case_a.pk])
    today = timezone.localdate()
    response = client.post(
        url,
        {
            "requested_by": "employee",
            "subject": "reintegration_efforts",
            "question": "Doet de werkgever genoeg?",
            "requested_on": today.isoformat(),
            "answered_on": (today - timedelta(days=3)).isoformat(),
            "outcome": "Voldoende.",
        },
    )
    assert response.status_code == 200
    assert "niet vóór de aanvraag" in response.text
    assert "Doet de werkgever genoeg?" in response.text
    response = client.post(
        url,
        {
            "requested_by": "employee",
            "subject": "reintegration_efforts",
            "question": "Doet de werkgever genoeg?",
            "requested_on": today.isoformat(),
        },
    )
    record = ExpertOpinionRequest.objects.get()
    assert response["Location"] == record.get_absolute_url()
    detail = client.get(record.get_absolute_url()).text
    assert "Antwoord van UWV vastleggen" in detail


def test_the_riv_lists_them(world):
    _request(
        world,
        subject="reintegration_efforts",
        answered_on=timezone.localdate(),
        outcome="De inspanningen zijn voldoende.",
    )
    (part,) = report_content_build(world.case_a).expert_opinions
    assert part.subject_label == "De re-integratie-inspanningen"
    assert part.outcome == "De inspanningen zijn voldoende."
    assert part.requested_by_label == "Werkgever"
