"""Downloads carry readable names: "<title> <employee> <yyyy-mm-dd>.<ext>", safe in any browser."""

from __future__ import annotations

from datetime import date
from urllib.parse import unquote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dossier import services
from dossier.download_names import ascii_filename, content_disposition, download_filename
from tests.dossier.factories import PNG_BYTES, pdf_upload

DAY = date(2026, 11, 30)


def test_the_name_is_title_employee_and_iso_date():
    name = download_filename("Re-integratieverslag", "Milan Bos", day=DAY, extension="pdf")
    assert name == "Re-integratieverslag Milan Bos 2026-11-30.pdf"


def test_characters_a_file_name_refuses_are_dropped():
    name = download_filename('Brief: "UWV" 1/2 <a>\n', "Eva de Wit", day=DAY, extension="pdf")
    assert name == "Brief UWV 1 2 a Eva de Wit 2026-11-30.pdf"
    assert download_filename("../../etc/passwd", "", day=DAY, extension="/x") == (
        ".. .. etc passwd 2026-11-30.x"
    )


def test_a_long_title_is_shortened_but_keeps_the_date():
    name = download_filename("x" * 400, "Milan Bos", day=DAY, extension="pdf")
    assert name.endswith(" 2026-11-30.pdf") and len(name) <= 160


def test_the_header_has_an_ascii_fallback_and_the_exact_utf8_name():
    name = "Re-integratieverslag — exemplaar werknemer Zoë ‘t Hoen 2026-11-30.pdf"
    header = content_disposition(name)
    fallback = 'filename="Re-integratieverslag - exemplaar werknemer Zoe \'t Hoen 2026-11-30.pdf"'
    assert header.startswith(f"attachment; {fallback}; filename*=UTF-8''")
    assert unquote(header.split("filename*=UTF-8''", 1)[1]) == name
    header.encode("ascii")  # a header value must be plain ASCII
    assert ascii_filename("日本語") == "download"


@pytest.mark.django_db
def test_a_document_downloads_as_title_employee_and_date(world, login):
    employee = world.employee_a
    employee.first_name, employee.name_prefix, employee.last_name = "Zoë", "van", "Dijk"
    employee.save()
    document = services.document_upload(
        case=world.case_a, actor=world.hr_a, title="Functieomschrijving", upload=pdf_upload()
    )
    version = document.versions.get()
    day = version.uploaded_at.astimezone().date().isoformat()
    response = login(world.hr_a).get(reverse("dossier:document_download", args=[version.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="Functieomschrijving Zoe van Dijk {day}.pdf"; '
        f"filename*=UTF-8''Functieomschrijving%20Zo%C3%AB%20van%20Dijk%20{day}.pdf"
    )
    image = services.document_upload(
        case=world.case_a,
        actor=world.hr_a,
        title="Foto werkplek",
        upload=SimpleUploadedFile("werkplek.png", PNG_BYTES, content_type="image/png"),
    )
    response = login(world.hr_a).get(image.versions.get().get_download_url())
    assert f"Foto werkplek Zoë van Dijk {day}.png" in unquote(response["Content-Disposition"])
