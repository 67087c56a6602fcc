"""Signing the documents UWV wants signed, and the employee's own view on an evaluation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import ProgrammingError, transaction
from django.urls import reverse
from django.utils import timezone

from dossier import services
from dossier.models import (
    ActionPlanVersion,
    EmployeeViewSource,
    EvaluationKind,
    Signature,
    SignatureMethod,
    StatementKind,
)
from tests.dossier.factories import (
    HTML_BYTES,
    PNG_BYTES,
    evaluation_fields,
    pdf_upload,
    plan,
    statement,
)
from tests.factories import CaseAssignmentFactory

pytestmark = pytest.mark.django_db

DOCX_BYTES = b"PK\x03\x04" + b"\x00" * 26 + b"[Content_Types].xml" + b"\x00" * 64


def _analysis(world, case=None, days_ago: int = 5):
    return statement(
        case or world.case_a,
        world.physician,
        statement_date=timezone.localdate() - timedelta(days=days_ago),
    )


def _evaluation(world, **overrides):
    return services.evaluation_create(
        case=world.case_a,
        actor=world.hr_a,
        kind=EvaluationKind.FIRST_YEAR,
        **evaluation_fields(**overrides),
    )


# Digital signatures ---------------------------------------------------------------------------


def test_each_party_signs_the_problem_analysis_digitally_under_their_own_name(world):
    analysis = _analysis(world)
    employer = services.signature_sign(record=analysis, party="employer", actor=world.hr_a)
    employee = services.signature_sign(
        record=analysis, party="employee", actor=world.employee_user_a
    )
    assert (employer.signer_name, employer.signed_by) == ("HR Alfa", world.hr_a)
    assert employee.signer_name == world.employee_a.full_name
    assert employee.signed_by == world.employee_user_a
    assert employee.signed_on == timezone.localdate()
    assert employee.content_hash == analysis.compute_hash() and len(employee.content_hash) == 64
    assert set(services.signatures_of(analysis)) == {"employer", "employee"}


def test_a_party_signs_once(world):
    analysis = _analysis(world)
    services.signature_sign(record=analysis, party="employer", actor=world.hr_a)
    with pytest.raises(ValidationError, match="al ondertekend door de werkgever"):
        services.signature_sign(record=analysis, party="employer", actor=world.hr_a)


@pytest.mark.parametrize(
    ("actor", "party"),
    [
        ("employee_user_a", "employer"),
        ("hr_a", "employee"),  # HR never signs digitally for the employee
        ("manager_a", "employer"),
        ("physician", "employee"),
        ("hr_b", "employer"),
    ],
)
def test_nobody_signs_digitally_for_another_party(world, actor, party):
    analysis = _analysis(world)
    with pytest.raises(PermissionDenied):
        services.signature_sign(record=analysis, party=party, actor=getattr(world, actor))
    assert not Signature.objects.exists()


def test_a_consultation_note_is_not_signed(world):
    note = statement(world.case_a, world.physician, kind=StatementKind.CONSULTATION_NOTE)
    with pytest.raises(ValidationError, match="Alleen de probleemanalyse"):
        services.signature_sign(record=note, party="employer", actor=world.hr_a)


def test_agreeing_to_a_plan_is_the_employees_signature_and_the_employer_signs_after(world):
    version = plan(world.case_a, world.hr_a)
    with pytest.raises(ValidationError, match="nadat de werknemer akkoord"):
        services.signature_sign(record=version, party="employer", actor=world.hr_a)
    services.action_plan_version_agree(version=version, actor=world.employee_user_a)
    version.refresh_from_db()
    employee = Signature.objects.get(plan_version=version, party="employee")
    assert employee.method == SignatureMethod.DIGITAL
    assert employee.signed_by == world.employee_user_a
    assert employee.content_hash == version.content_hash
    employer = services.signature_sign(record=version, party="employer", actor=world.hr_a)
    assert employer.content_hash == version.compute_hash()


def test_the_employee_agrees_to_a_plan_on_the_agree_page_not_by_a_bare_signature(world):
    version = plan(world.case_a, world.hr_a)
    with pytest.raises(ValidationError, match="Akkoord geven"):
        services.signature_sign(record=version, party="employee", actor=world.employee_user_a)


def test_signatures_cannot_be_changed_or_removed(world):
    analysis = _analysis(world)
    signature = services.signature_sign(record=analysis, party="employer", actor=world.hr_a)
    with pytest.raises(ProgrammingError), transaction.atomic():
        Signature.objects.filter(pk=signature.pk).update(signer_name="Iemand anders")
    with pytest.raises(ProgrammingError), transaction.atomic():
        Signature.objects.filter(pk=signature.pk).delete()


# Paper signatures -----------------------------------------------------------------------------


def test_paper_signature_keeps_the_scan_and_the_date_on_paper(world):
    analysis = _analysis(world, days_ago=10)
    day = timezone.localdate() - timedelta(days=3)
    signature = services.signature_record_paper(
        record=analysis,
        party="employer",
        signed_on=day,
        scan=pdf_upload(),
        actor=world.hr_a,
        signer_name="Directeur Alfa",
    )
    assert signature.method == SignatureMethod.PAPER
    assert (signature.signer_name, signature.signed_on, signature.signed_by) == (
        "Directeur Alfa",
        day,
        None,
    )
    assert signature.recorded_by == world.hr_a
    assert signature.scan.record_kind == "statement" and signature.scan.record_id == analysis.pk
    assert signature.scan.versions.get().content_type == "application/pdf"


def test_the_employees_paper_signature_always_carries_the_employees_name(world):
    analysis = _analysis(world)
    signature = services.signature_record_paper(
        record=analysis,
        party="employee",
        signed_on=timezone.localdate(),
        scan=SimpleUploadedFile("scan.png", PNG_BYTES, content_type="image/png"),
        actor=world.hr_a,
        signer_name="HR Alfa",  # ignored: the employee signed, HR only recorded it
    )
    assert signature.signer_name == world.employee_a.full_name
    assert signature.recorded_by == world.hr_a


def test_an_employee_without_an_account_agrees_to_a_plan_on_paper(world):
    case = world.colleague_case_a
    assert case.employee.user_id is None
    version = plan(case, world.hr_a)
    services.signature_record_paper(
        record=version,
        party="employee",
        signed_on=timezone.localdate(),
        scan=pdf_upload(),
        actor=world.hr_a,
    )
    version = ActionPlanVersion.objects.get(pk=version.pk)
    assert version.is_agreed and version.agreed_on_paper
    assert version.agreed_by is None  # never HR's name on the employee's agreement
    assert version.content_hash == version.compute_hash()
    assert version.agreed_by_label == f"{case.employee.full_name} (op papier)"


def test_paper_signature_dated_before_the_document_is_refused(world):
    analysis = _analysis(world, days_ago=5)
    with pytest.raises(ValidationError) as error:
        services.signature_record_paper(
            record=analysis,
            party="employer",
            signed_on=analysis.statement_date - timedelta(days=1),
            scan=pdf_upload(),
            actor=world.hr_a,
        )
    assert "vóór de datum van het document" in str(error.value.message_dict["signed_on"])
    assert not Signature.objects.exists()


def test_paper_signature_dated_in_the_future_is_refused(world):
    analysis = _analysis(world)
    with pytest.raises(ValidationError, match="in de toekomst"):
        services.signature_record_paper(
            record=analysis,
            party="employer",
            signed_on=timezone.localdate() + timedelta(days=1),
            scan=pdf_upload(),
            actor=world.hr_a,
        )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("scan.docx", DOCX_BYTES, "niet toegestaan|PDF of afbeelding"),
        ("scan.html", HTML_BYTES, "niet toegestaan"),
        ("scan.pdf", b"geen pdf maar tekst", "niet toegestaan"),
    ],
)
def test_a_scan_that_is_not_a_pdf_or_image_is_refused(world, name, content, message):
    analysis = _analysis(world)
    with pytest.raises(ValidationError, match=message):
        services.signature_record_paper(
            record=analysis,
            party="employer",
            signed_on=timezone.localdate(),
            scan=SimpleUploadedFile(name, content),
            actor=world.hr_a,
        )
    assert not Signature.objects.exists()
    assert not world.case_a.documents.exists()


@pytest.mark.parametrize("actor", ["employee_user_a", "manager_a", "physician", "hr_b"])
def test_only_hr_records_a_paper_signature(world, actor):
    analysis = _analysis(world)
    with pytest.raises(PermissionDenied):
        services.signature_record_paper(
            record=analysis,
            party="employee",
            signed_on=timezone.localdate(),
            scan=pdf_upload(),
            actor=getattr(world, actor),
        )


# The employee's view on an evaluation ---------------------------------------------------------


def test_hr_typed_view_is_marked_as_written_on_the_employees_behalf(world):
    evaluation = _evaluation(world, employee_view="Eens, zegt de werknemer.")
    assert evaluation.employee_view_source == EmployeeViewSource.ON_BEHALF
    assert evaluation.employee_view_by == world.hr_a


def test_the_employee_writes_their_own_view_and_replaces_hrs(world):
    evaluation = _evaluation(world, employee_view="Namens.")
    evaluation = services.evaluation_employee_view_save(
        evaluation=evaluation, actor=world.employee_user_a, text="Mijn eigen woorden."
    )
    assert evaluation.employee_view == "Mijn eigen woorden."
    assert evaluation.employee_view_source == EmployeeViewSource.EMPLOYEE
    assert evaluation.employee_view_by == world.employee_user_a
    with pytest.raises(ValidationError, match="zelf gereageerd"):
        services.evaluation_employee_view_save(
            evaluation=evaluation, actor=world.hr_a, text="Toch anders."
        )


def test_the_employee_may_decline_to_give_a_view(world):
    evaluation = _evaluation(world, employee_view="")
    assert evaluation.employee_view_source == EmployeeViewSource.PENDING
    evaluation = services.evaluation_employee_view_save(
        evaluation=evaluation, actor=world.employee_user_a, decline=True
    )
    assert evaluation.employee_view_source == EmployeeViewSource.DECLINED
    assert evaluation.employee_view == ""
    with pytest.raises(ValidationError, match="Alleen de werknemer zelf"):
        services.evaluation_employee_view_save(
            evaluation=evaluation, actor=world.hr_a, decline=True
        )


def test_an_evaluation_is_signed_only_after_the_employee_gave_or_declined_a_view(world):
    evaluation = _evaluation(world, employee_view="")
    with pytest.raises(ValidationError, match="nog geen eigen visie"):
        services.signature_sign(record=evaluation, party="employer", actor=world.hr_a)


def test_no_employee_view_on_an_evaluation_that_is_already_signed(world):
    evaluation = _evaluation(world, employee_view="")
    services.evaluation_employee_view_save(
        evaluation=evaluation, actor=world.employee_user_a, text="Eerste versie."
    )
    services.signature_sign(record=evaluation, party="employee", actor=world.employee_user_a)
    with pytest.raises(ValidationError, match="al ondertekend"):
        services.evaluation_employee_view_save(
            evaluation=evaluation, actor=world.employee_user_a, text="Later anders."
        )
    evaluation.refresh_from_db()
    assert evaluation.employee_view == "Eerste versie."


@pytest.mark.parametrize("actor", ["manager_a", "physician", "hr_b"])
def test_others_cannot_write_the_employees_view(world, actor):
    evaluation = _evaluation(world, employee_view="")
    with pytest.raises(PermissionDenied):
        services.evaluation_employee_view_save(
            evaluation=evaluation, actor=getattr(world, actor), text="Iets."
        )


# Pages ----------------------------------------------------------------------------------------


def test_signing_buttons_only_for_who_may_use_them(world, login):
    analysis = _analysis(world)
    url = reverse("dossier:statement_detail", args=[analysis.pk])
    sign_url = reverse("dossier:signature_sign", args=["statement", analysis.pk])
    paper_url = reverse("dossier:signature_paper", args=["statement", analysis.pk])
    employee_page = login(world.employee_user_a).get(url).text
    assert sign_url in employee_page and paper_url not in employee_page
    hr_page = login(world.hr_a).get(url).text
    assert sign_url in hr_page and paper_url in hr_page
    manager = login(world.manager_a)
    manager_page = manager.get(url).text
    assert sign_url not in manager_page and paper_url not in manager_page
    assert manager.post(sign_url, {"party": "employer"}).status_code == 403
    assert manager.get(paper_url).status_code == 403
    assert not Signature.objects.exists()


def test_employee_signs_in_the_browser(world, login):
    analysis = _analysis(world)
    client = login(world.employee_user_a)
    response = client.post(
        reverse("dossier:signature_sign", args=["statement", analysis.pk]),
        {"party": "employee"},
        follow=True,
    )
    assert "digitaal ondertekend" in response.text
    signature = Signature.objects.get()
    assert signature.signed_by == world.employee_user_a
    page = client.get(reverse("dossier:statement_detail", args=[analysis.pk])).text
    assert "Digitaal ondertekend door" in page


def test_paper_form_answers_bad_input_in_dutch_and_keeps_what_was_typed(world, login):
    analysis = _analysis(world, days_ago=5)
    client = login(world.hr_a)
    url = reverse("dossier:signature_paper", args=["statement", analysis.pk])
    early = analysis.statement_date - timedelta(days=2)
    response = client.post(
        url,
        {
            "party": "employer",
            "signer_name": "Directeur Alfa",
            "signed_on": early.isoformat(),
            "scan": pdf_upload(),
        },
    )
    assert response.status_code == 200
    assert "vóór de datum van het document" in response.text
    assert "Directeur Alfa" in response.text and early.isoformat() in response.text
    response = client.post(
        url,
        {
            "party": "employer",
            "signed_on": timezone.localdate().isoformat(),
            "scan": SimpleUploadedFile("x.html", HTML_BYTES),
        },
    )
    assert "niet toegestaan" in response.text
    assert not Signature.objects.exists()
    response = client.post(
        url,
        {"party": "employee", "signed_on": timezone.localdate().isoformat(), "scan": pdf_upload()},
    )
    assert response.status_code == 302
    assert Signature.objects.get().signer_name == world.employee_a.full_name


def test_employee_writes_their_view_in_the_portal(world, login):
    evaluation = _evaluation(world, employee_view="")
    client = login(world.employee_user_a)
    detail = client.get(reverse("dossier:evaluation_detail", args=[evaluation.pk])).text
    assert reverse("dossier:evaluation_view", args=[evaluation.pk]) in detail
    response = client.post(
        reverse("dossier:evaluation_view", args=[evaluation.pk]),
        {"text": "Ik wil verder in ander werk.", "answer": "write"},
    )
    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.employee_view_source == "employee"
    page = client.get(reverse("dossier:evaluation_detail", args=[evaluation.pk])).text
    assert "Geschreven door de werknemer" in page
    assert (
        login(world.manager_a)
        .get(reverse("dossier:evaluation_view", args=[evaluation.pk]))
        .status_code
        == 403
    )


def test_colleague_case_gets_a_physician_for_paper_flow(world):
    """An employee without an account: HR records both signatures of the analysis on paper."""
    CaseAssignmentFactory(case=world.colleague_case_a, user=world.physician)
    analysis = _analysis(world, case=world.colleague_case_a)
    for party in ("employer", "employee"):
        services.signature_record_paper(
            record=analysis,
            party=party,
            signed_on=timezone.localdate(),
            scan=pdf_upload(),
            actor=world.hr_a,
        )
    names = dict(Signature.objects.values_list("party", "signer_name"))
    assert names == {"employer": "HR Alfa", "employee": world.colleague_a.full_name}
