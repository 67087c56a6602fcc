"""The append-only access log: reads and writes are logged, shown to HR and the employee."""

from __future__ import annotations

import re

import pytest
from django.db import ProgrammingError, transaction
from django.urls import reverse
from django.utils import timezone

from dossier.access_log_labels import access_log_describe
from dossier.models import AccessLog
from tests.dossier.factories import MARKER, pdf_upload, plan, statement
from tests.second_track.factories import age_case, decide_start, start_track

pytestmark = pytest.mark.django_db


def test_reads_and_writes_are_logged(world, login):
    s = statement(world.case_a, world.physician, diagnosis=MARKER)
    version = plan(world.case_a, world.hr_a)
    client = login(world.manager_a)
    client.get(reverse("dossier:statement_detail", args=[s.pk]))
    client = login(world.physician)
    client.get(reverse("dossier:statement_detail", args=[s.pk]))
    rows = set(AccessLog.objects.values_list("user__full_name", "action", "record_type"))
    assert ("Bedrijfsarts", "create", "statement") in rows
    assert ("HR Alfa", "create", "plan_version") in rows
    assert ("Manager Alfa", "view", "statement") in rows
    assert ("Manager Alfa", "view", "medical_note") not in rows
    assert ("Bedrijfsarts", "view", "medical_note") in rows
    assert version.pk in AccessLog.objects.filter(record_type="plan_version").values_list(
        "record_id", flat=True
    )


def test_download_is_logged(world, login):
    from dossier import services

    document = services.document_upload(
        case=world.case_a, actor=world.hr_a, title="Verslag", upload=pdf_upload()
    )
    client = login(world.specialist)
    client.get(document.versions.get().get_download_url())
    assert AccessLog.objects.filter(user=world.specialist, action="download").count() == 1


def test_access_log_is_append_only(world):
    statement(world.case_a, world.physician)
    entry = AccessLog.objects.first()
    with pytest.raises(ProgrammingError), transaction.atomic():
        AccessLog.objects.filter(pk=entry.pk).update(action="view")
    with pytest.raises(ProgrammingError), transaction.atomic():
        entry.delete()


def test_employee_sees_who_viewed_their_dossier(world, login):
    s = statement(world.case_a, world.physician)
    login(world.manager_a).get(reverse("dossier:statement_detail", args=[s.pk]))
    client = login(world.employee_user_a)
    page = client.get(reverse("dossier:access_log", args=[world.case_a.pk]))
    assert page.status_code == 200
    assert "Wie heeft mijn dossier bekeken" in page.text
    assert "Manager Alfa" in page.text


def test_hr_sees_the_log_but_not_medical_titles(world, login):
    from dossier import services

    services.document_upload(
        case=world.case_a,
        actor=world.physician,
        title=MARKER,
        upload=pdf_upload(),
        is_medical=True,
    )
    page = login(world.hr_a).get(reverse("dossier:access_log", args=[world.case_a.pk]))
    assert page.status_code == 200
    assert "Bedrijfsarts" in page.text
    assert MARKER not in page.text


def _log_rows(page) -> str:
    """Return the access log's rows as text, one line each: "when | who | what | which"."""
    body = page.text.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return "\n".join(
        " | ".join(
            re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row)
        )
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    )


def test_the_log_describes_each_record_in_words_not_ids(world, login):
    from dossier import services

    s = statement(world.case_a, world.physician, diagnosis=MARKER)
    plan(world.case_a, world.hr_a)
    document = services.document_upload(
        case=world.case_a, actor=world.hr_a, title="Verslag gesprek", upload=pdf_upload()
    )
    services.document_upload(
        case=world.case_a, actor=world.physician, title=MARKER, upload=pdf_upload(), is_medical=True
    )
    login(world.manager_a).get(reverse("dossier:statement_detail", args=[s.pk]))
    login(world.specialist).get(document.versions.get().get_download_url())
    day = s.statement_date.strftime("%d-%m-%Y")
    now = timezone.localtime().strftime("%d-%m-%Y")
    for reader in (world.employee_user_a, world.hr_a):
        page = login(reader).get(reverse("dossier:access_log", args=[world.case_a.pk]))
        rows = _log_rows(page)
        assert f"| Manager Alfa (Leidinggevende) | bekeken | Probleemanalyse van {day}" in rows
        assert f"| Bedrijfsarts (Bedrijfsarts) | aangemaakt | Probleemanalyse van {day}" in rows
        assert "| HR Alfa (HR / casemanager) | aangemaakt | Plan van aanpak versie 1" in rows
        assert "| gedownload | Document ‘Verslag gesprek’, versie 1" in rows
        assert f"| aangemaakt | Medisch document van {now}" in rows
        assert all(re.match(r"\d\d-\d\d-\d{4} \d\d:\d\d \|", row) for row in rows.splitlines())
        # No internal ids or codes, and nothing of what the medical records say.
        assert "#" not in rows
        assert not re.search(r"plan_version|medical_note|statement|document_version", rows)
        assert MARKER not in page.text


def test_second_track_records_are_described_without_their_text(world, login):
    from second_track.services import second_track_comment_add

    case = age_case(world.case_a, 50)
    decide_start(case, world.hr_a)
    track = start_track(case, world.hr_a)
    second_track_comment_add(track=track, actor=world.employee_user_a, text=MARKER)
    rows = _log_rows(login(world.hr_a).get(reverse("dossier:access_log", args=[case.pk])))
    day = timezone.localdate().strftime("%d-%m-%Y")
    assert (
        f"| Werknemer Alfa (Werknemer) | aangemaakt | Opmerking bij het tweede spoor van {day}"
        in rows
    )
    assert "Tweede spoor (herplaatsingsopdracht) van " in rows
    assert MARKER not in rows


def test_a_record_that_cannot_be_loaded_shows_its_kind():
    entries = [
        AccessLog(record_type="second_track_comment", record_id=999999, record_label="x #999999"),
        AccessLog(record_type="no_such_type", record_id=5, record_label="Iets #5"),
    ]
    assert [e.description for e in access_log_describe(entries)] == [
        "Opmerking tweede spoor",
        "Iets",
    ]


def test_the_log_page_queries_do_not_grow_with_its_entries(
    world, login, django_assert_max_num_queries
):
    from dossier import services

    def add_records() -> None:
        statement(world.case_a, world.physician)
        services.document_upload(
            case=world.case_a, actor=world.hr_a, title="Verslag", upload=pdf_upload()
        )

    add_records()
    plan(world.case_a, world.hr_a)
    client = login(world.employee_user_a)
    url = reverse("dossier:access_log", args=[world.case_a.pk])
    client.get(url)
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    for _ in range(5):
        add_records()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_long_access_log_is_paged_and_leaves_nothing_out(world, login):
    """Every entry is reachable: 50 a page, newest first, the oldest on the last page."""
    from dossier.views.overview import ACCESS_LOG_PAGE_SIZE

    AccessLog.objects.bulk_create(
        AccessLog(case=world.case_a, user=world.hr_a, action="view", record_type="case")
        for _ in range(ACCESS_LOG_PAGE_SIZE + 3)
    )
    oldest = AccessLog.objects.filter(case=world.case_a).order_by("at", "pk").first()
    newest = AccessLog.objects.filter(case=world.case_a).order_by("-at", "-pk").first()
    client = login(world.hr_a)
    url = reverse("dossier:access_log", args=[world.case_a.pk])
    first = client.get(url)
    assert len(first.context["entries"]) == ACCESS_LOG_PAGE_SIZE
    assert first.context["entries"][0].pk == newest.pk
    assert "?page=2" in first.content.decode()
    second = client.get(url + "?page=2")
    assert oldest.pk in [entry.pk for entry in second.context["entries"]]
    assert "?page=1" in second.content.decode()
    assert client.get(url + "?page=x").status_code == 200  # a bad page number shows page 1
