"""The medical-leak test: a marker in every medical field never reaches a non-doctor.

Every page and download of the dossier app (every URL pattern), the case pages, the dossier
template tag and all e-mails are fetched as every role; only the assigned bedrijfsarts and the
subject employee may see the marker.
"""

from __future__ import annotations

from importlib import import_module

import pytest
from django.core import mail
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import URLPattern, reverse
from django.utils import timezone

from dossier import services
from dossier.models import EvaluationKind, StatementKind
from reintegration_report.models import ReportExport
from second_track import services as second_track_services
from tests.dossier.factories import (
    MARKER,
    evaluation_fields,
    pdf_upload,
    plan,
    statement,
    talk_fields,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(world):
    """A case_a dossier with every record type and the marker in every medical place."""
    medical = {"diagnosis": MARKER, "history": MARKER, "treatment": MARKER}
    pa = statement(world.case_a, world.physician, **medical)
    for kind in (
        StatementKind.PROBLEM_ANALYSIS_REVISION,
        StatementKind.CURRENT_ASSESSMENT,
        StatementKind.CONSULTATION_NOTE,
    ):
        statement(world.case_a, world.physician, kind=kind, **medical)
    capacity = services.capacity_assessment_create(
        case=world.case_a, actor=world.physician, assessed_on=pa.statement_date
    )
    v1 = plan(world.case_a, world.hr_a)
    services.action_plan_version_agree(version=v1, actor=world.employee_user_a)
    v2 = services.action_plan_revise(case=world.case_a, actor=world.hr_a)
    talk = services.progress_talk_create(case=world.case_a, actor=world.hr_a, **talk_fields())
    evaluation = services.evaluation_create(
        case=world.case_a, actor=world.hr_a, kind=EvaluationKind.FINAL, **evaluation_fields()
    )
    services.employee_opinion_save(
        case=world.case_a, actor=world.employee_user_a, text="Mijn oordeel", submit=True
    )
    medical_doc = services.document_upload(
        case=world.case_a,
        actor=world.physician,
        title=f"Brief {MARKER}",
        upload=pdf_upload(f"{MARKER}.pdf", extra=MARKER.encode()),
        is_medical=True,
    )
    plain_doc = services.document_upload(
        case=world.case_a, actor=world.hr_a, title="Functieomschrijving", upload=pdf_upload()
    )
    second_track = _second_track(world, capacity)
    return {
        **second_track,
        "case_pk": world.case_a.pk,
        "statement_detail": pa.pk,
        "capacity_detail": capacity.pk,
        "plan_version_detail": v1.pk,
        "plan_version_update": v2.pk,
        "plan_version_agree": v2.pk,
        "plan_version_diff": v2.pk,
        "talk_detail": talk.pk,
        "evaluation_detail": evaluation.pk,
        "evaluation_view": evaluation.pk,
        "expert_opinion_detail": services.expert_opinion_request_create(
            case=world.case_a,
            actor=world.hr_a,
            subject="capacity",
            question="Is het advies van de bedrijfsarts juist?",
            requested_on=timezone.localdate(),
            requested_by="employee",
        ).pk,
        "signed": [("statement", pa.pk), ("plan_version", v1.pk), ("evaluation", evaluation.pk)],
        "document_detail": [medical_doc.pk, plain_doc.pk],
        "document_version_upload": [medical_doc.pk, plain_doc.pk],
        "document_withdraw": [medical_doc.pk, plain_doc.pk],
        "document_download": [medical_doc.versions.get().pk, plain_doc.versions.get().pk],
        "statement_ids": list(world.case_a.physician_statements.values_list("pk", flat=True)),
        **dict.fromkeys(
            ("reintegration_report:export_status", "reintegration_report:export_retry"),
            ReportExport.objects.create(case=world.case_a, kind="riv", requested_by=world.hr_a).pk,
        ),
    }


def _second_track(world, capacity) -> dict:
    """A running second track on case_a with every record type (ids for the pk URLs)."""
    from second_track.models import ActivityKind
    from tests.second_track.factories import (
        activity,
        decide_start,
        profile_fields,
        report_fields,
        start_track,
        study_fields,
    )

    second_track_services.labour_expert_study_create(
        case=world.case_a, actor=world.hr_a, **study_fields()
    )
    decide_start(world.case_a, world.hr_a)
    track = start_track(world.case_a, world.hr_a)
    second_track_services.second_track_profile_create(
        track=track, actor=world.specialist, capacity_assessment=capacity, **profile_fields()
    )
    application = activity(track, world.specialist)
    placement = activity(
        track, world.specialist, kind=ActivityKind.WORK_TRIAL, placement_start=track.assignment_date
    )
    second_track_services.second_track_report_create(
        track=track, actor=world.specialist, upload=pdf_upload(), **report_fields(track)
    )
    second_track_services.second_track_comment_add(
        track=track, actor=world.employee_user_a, text="Prima."
    )
    pks = [application.pk, placement.pk]
    return {"second_track:activity_outcome": pks, "second_track:activity_withdraw": pks}


#: The apps whose every page the leak test visits.
URL_MODULES = (
    ("dossier", "dossier.urls"),
    ("second_track", "second_track.urls"),
    ("reintegration_report", "reintegration_report.urls"),
)


def _urls(ids: dict) -> list[str]:
    """Return a URL for every URL pattern of the dossier, the tweede spoor and the RIV (and every
    object of each kind)."""
    urls = []
    patterns = [
        (namespace, pattern)
        for namespace, module in URL_MODULES
        for pattern in import_module(module).urlpatterns
    ]
    for namespace, pattern in patterns:
        assert isinstance(pattern, URLPattern)
        name = f"{namespace}:{pattern.name}"
        params = pattern.pattern.converters.keys()
        if not params:
            urls.append(reverse(name))
        elif "kind" in params and "pk" in params:
            urls += [reverse(name, args=[kind, pk]) for kind, pk in ids["signed"]]
        elif "kind" in params:
            urls += [reverse(name, args=[ids["case_pk"], k]) for k in EvaluationKind.values]
        elif "case_pk" in params:
            urls.append(reverse(name, args=[ids["case_pk"]]))
        elif pattern.name == "statement_detail":
            urls += [reverse(name, args=[pk]) for pk in ids["statement_ids"]]
        else:
            pks = ids.get(name) or ids[pattern.name]
            urls += [reverse(name, args=[pk]) for pk in (pks if isinstance(pks, list) else [pks])]
    urls += [reverse("cases:list"), reverse("cases:detail", args=[ids["case_pk"]])]
    return urls


def _body(response) -> str:
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    headers = " ".join(f"{k}: {v}" for k, v in response.headers.items())
    return content.decode("utf-8", "replace") + headers


def _tag_html(world, user) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return Template("{% load dossier_tags %}{% case_dossier case user %}").render(
        Context({"case": world.case_a, "user": user, "request": request})
    )


@pytest.mark.parametrize(
    "user_attr", ["hr_a", "manager_a", "specialist", "hr_b", "other_physician"]
)
def test_marker_never_reaches_non_doctors(world, login, dossier, user_attr):
    user = getattr(world, user_attr)
    client = login(user)
    for url in _urls(dossier):
        response = client.get(url, follow=True)
        assert MARKER not in _body(response), (user_attr, url)
    assert MARKER not in _tag_html(world, user)
    for message in mail.outbox:
        assert MARKER not in message.body + message.subject
        assert all(MARKER not in str(alt[0]) for alt in getattr(message, "alternatives", []))


def test_another_employee_never_sees_the_marker(world, login, dossier):
    from accounts.models import Role
    from tests.factories import UserFactory

    other = UserFactory(role=Role.EMPLOYEE)
    world.colleague_a.user = other
    world.colleague_a.save()
    client = login(other)
    for url in _urls(dossier):
        assert MARKER not in _body(client.get(url, follow=True)), url


@pytest.mark.parametrize("user_attr", ["physician", "employee_user_a"])
def test_doctor_and_subject_employee_do_see_it(world, login, dossier, user_attr):
    client = login(getattr(world, user_attr))
    page = client.get(reverse("dossier:statement_detail", args=[dossier["statement_detail"]]))
    assert MARKER in page.text
    overview = client.get(reverse("dossier:case", args=[dossier["case_pk"]]))
    assert MARKER in overview.text  # the medical document's title
    download = client.get(
        reverse("dossier:document_download", args=[dossier["document_download"][0]])
    )
    assert MARKER in _body(download)
