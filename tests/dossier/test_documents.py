"""Uploads: type sniffed from content, size limit, attachment headers, versions, no delete."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dossier import services
from dossier.models import Document, DocumentVersion
from tests.dossier.factories import HTML_BYTES, PDF_BYTES, PNG_BYTES, pdf_upload, plan, statement

pytestmark = pytest.mark.django_db


def test_type_is_sniffed_from_content_not_name(world):
    disguised = SimpleUploadedFile("foto.pdf", PNG_BYTES, content_type="application/pdf")
    document = services.document_upload(
        case=world.case_a, actor=world.hr_a, title="Foto", upload=disguised
    )
    version = document.versions.get()
    assert version.content_type == "image/png" and version.extension == "png"


@pytest.mark.parametrize("content", [HTML_BYTES, b"just text", b"MZ\x90\x00binary"])
def test_unsupported_content_is_refused_whatever_the_name(world, content):
    upload = SimpleUploadedFile("verslag.pdf", content, content_type="application/pdf")
    with pytest.raises(ValidationError):
        services.document_upload(case=world.case_a, actor=world.hr_a, title="X", upload=upload)
    assert not Document.objects.exists()


def test_size_limit(world, settings):
    settings.DOCUMENT_MAX_UPLOAD_BYTES = len(PDF_BYTES) + 10
    services.document_upload(case=world.case_a, actor=world.hr_a, title="Ok", upload=pdf_upload())
    with pytest.raises(ValidationError, match="te groot"):
        services.document_upload(
            case=world.case_a,
            actor=world.hr_a,
            title="Te groot",
            upload=pdf_upload(extra=b"x" * 11),
        )


def test_download_is_an_attachment_with_safe_headers(world, login):
    document = services.document_upload(
        case=world.case_a, actor=world.hr_a, title="Verslag", upload=pdf_upload("<b>x</b>.html")
    )
    client = login(world.hr_a)
    response = client.get(document.versions.get().get_download_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".html" not in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_new_version_keeps_the_old_one(world, login):
    document = services.document_upload(
        case=world.case_a, actor=world.hr_a, title="Verslag", upload=pdf_upload()
    )
    client = login(world.hr_a)
    png = SimpleUploadedFile("v2.png", PNG_BYTES, content_type="image/png")
    client.post(reverse("dossier:document_version_upload", args=[document.pk]), {"upload": png})
    versions = list(document.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert client.get(versions[0].get_download_url()).status_code == 200


def test_withdraw_keeps_the_document_and_there_is_no_delete(world, login):
    document = services.document_upload(
        case=world.case_a, actor=world.hr_a, title="Verslag", upload=pdf_upload()
    )
    client = login(world.hr_a)
    client.post(reverse("dossier:document_withdraw", args=[document.pk]), {"reason": "Fout"})
    document.refresh_from_db()
    assert document.is_withdrawn
    assert DocumentVersion.objects.filter(document=document).exists()
    assert client.get(document.versions.get().get_download_url()).status_code == 200
    assert client.delete(reverse("dossier:document_detail", args=[document.pk])).status_code in (
        200,
        405,
    )
    assert Document.objects.filter(pk=document.pk).exists()


def test_upload_page_for_hr_has_no_medical_option(world, login):
    client = login(world.hr_a)
    page = client.get(reverse("dossier:document_upload", args=[world.case_a.pk]))
    assert 'name="is_medical"' not in page.text
    client = login(world.physician)
    page = client.get(reverse("dossier:document_upload", args=[world.case_a.pk]))
    assert 'name="is_medical"' in page.text


def test_upload_through_the_page(world, login):
    client = login(world.hr_a)
    response = client.post(
        reverse("dossier:document_upload", args=[world.case_a.pk]),
        {"title": "Functieomschrijving", "belongs_to": "", "upload": pdf_upload()},
    )
    assert response.status_code == 302
    assert Document.objects.get().title == "Functieomschrijving"


def test_the_upload_form_offers_records_in_words_not_numbers(world, login):
    analysis = statement(world.case_a, world.physician)
    version = plan(world.case_a, world.hr_a)
    other_case_plan = plan(world.colleague_case_a, world.hr_a)
    client = login(world.hr_a)
    url = reverse("dossier:document_upload", args=[world.case_a.pk])
    page = client.get(url).text
    assert 'name="record_id"' not in page and 'name="record_kind"' not in page
    day = analysis.statement_date.strftime("%d-%m-%Y")
    assert f'<option value="statement:{analysis.pk}">Probleemanalyse van {day}</option>' in page
    assert f'<option value="plan_version:{version.pk}">Plan van aanpak versie 1</option>' in page
    assert '<optgroup label="Oordeel bedrijfsarts">' in page
    # The choice is stored as the record it names.
    response = client.post(
        url,
        {
            "title": "Getekend plan",
            "belongs_to": f"plan_version:{version.pk}",
            "upload": pdf_upload(),
        },
    )
    assert response.status_code == 302
    document = Document.objects.get(title="Getekend plan")
    assert (document.record_kind, document.record_id) == ("plan_version", version.pk)
    # A record of another case (or a made-up value) is refused with a message; nothing is lost.
    for bad in (f"plan_version:{other_case_plan.pk}", "plan_version:abc", "talk:1"):
        response = client.post(
            url, {"title": "Verkeerd", "belongs_to": bad, "upload": pdf_upload()}
        )
        assert response.status_code == 200
        assert "Selecteer een geldige keuze" in response.text
        assert 'value="Verkeerd"' in response.text
    assert not Document.objects.filter(title="Verkeerd").exists()


def test_medical_document_is_hidden_from_hr(world, login):
    document = services.document_upload(
        case=world.case_a,
        actor=world.physician,
        title="Specialistenbrief",
        upload=pdf_upload(),
        is_medical=True,
    )
    client = login(world.hr_a)
    assert client.get(document.get_absolute_url()).status_code == 404
    assert client.get(document.versions.get().get_download_url()).status_code == 404
    client = login(world.employee_user_a)
    assert client.get(document.get_absolute_url()).status_code == 200
