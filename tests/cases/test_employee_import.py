"""Payroll CSV import: parsing (no database), dry run, bad files change nothing, idempotence."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.employee_import import parse_employee_csv
from cases.employee_import_jobs import employee_import_request, employee_import_run
from cases.models import Department, Employee, EmployeeImport, ImportStatus
from cases.services import employees_import
from cases.tasks import run_employee_import
from tests.factories import UserFactory

HEADER = (
    "personeelsnummer;voornaam;tussenvoegsel;achternaam;bsn;geboortedatum;email;afdeling;"
    "functie;contracturen;personeelsnummer_leidinggevende"
)
GOOD = "\n".join(
    [
        HEADER,
        "9001;Anna;de;Wit;111222333;01-02-1980;anna@example.nl;Magazijn;Teamleider;38;",
        "9002;Bert;;Zwart;123456782;1985-07-15;;Magazijn;Heftruckchauffeur;32,5;9001",
    ]
).encode()


def test_parse_good_file_with_bom_and_comma_delimiter():
    data = ("\ufeff" + GOOD.decode().replace(";", ",").replace("32,5", "32.5")).encode()
    report = parse_employee_csv(data)
    assert report.ok, report.row_errors
    assert [r.personnel_number for r in report.rows] == ["9001", "9002"]
    assert str(report.rows[1].contract_hours) == "32.5"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (GOOD.decode().encode("utf-16"), "UTF-8"),
        (b"personeelsnummer;voornaam\n1;A", "Ontbrekende kolommen"),
        (GOOD.replace(b"123456782", b"123456789"), "Ongeldig BSN"),
        (
            GOOD.replace(b"9002;Bert", b"9001;Bert").replace(b"32,5;9001", b"32,5;"),
            "staat al op regel",
        ),
        (GOOD.replace(b"01-02-1980", b"31-02-1980"), "Geboortedatum"),
    ],
)
def test_bad_files_are_reported(data, message):
    report = parse_employee_csv(data)
    assert not report.ok
    text = " ".join(report.file_errors + [m for ms in report.row_errors.values() for m in ms])
    assert message in text


@pytest.mark.django_db
def test_import_creates_then_is_idempotent(world):
    report = employees_import(employer=world.employer_a, data=GOOD, actor=world.hr_a)
    assert (report.count("create"), report.count("update")) == (2, 0)
    bert = Employee.objects.get(employer=world.employer_a, personnel_number="9002")
    assert bert.manager.personnel_number == "9001"
    assert bert.department.name == "Magazijn"
    assert Department.objects.filter(employer=world.employer_a, name="Magazijn").count() == 1
    report = employees_import(employer=world.employer_a, data=GOOD, actor=world.hr_a)
    assert report.count("unchanged") == 2
    changed = GOOD.replace(b"Heftruckchauffeur", b"Planner")
    report = employees_import(employer=world.employer_a, data=changed, actor=world.hr_a)
    assert report.count("update") == 1
    bert.refresh_from_db()
    assert bert.function_title == "Planner"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        GOOD.decode().encode("latin-1").replace(b"Anna", "Ännä".encode("latin-1")),
        b"personeelsnummer;voornaam\n1;A",
        GOOD.replace(b"123456782", b"123456789"),
        GOOD.replace(b"9002;Bert", b"9001;Bert").replace(b"32,5;9001", b"32,5;"),
        GOOD.replace(b"32,5;9001", b"32,5;7777"),  # unknown manager
    ],
)
def test_bad_file_changes_nothing(world, data):
    before = Employee.objects.count()
    with pytest.raises(ValidationError):
        employees_import(employer=world.employer_a, data=data, actor=world.hr_a)
    assert Employee.objects.count() == before
    assert not Department.objects.filter(name="Magazijn").exists()


@pytest.mark.django_db
def test_existing_bsn_under_another_number_is_refused(world):
    data = GOOD.replace(b"111222333", world.colleague_a.bsn.encode())
    with pytest.raises(ValidationError):
        employees_import(employer=world.employer_a, data=data, actor=world.hr_a)


@pytest.mark.django_db
def test_import_pages_dry_run_then_confirm(world, login, django_capture_on_commit_callbacks):
    client = login(world.hr_a)
    upload = SimpleUploadedFile("loon.csv", GOOD, content_type="text/csv")
    response = client.post(
        reverse("cases:employee_import"), {"employer": world.employer_a.pk, "file": upload}
    )
    assert response.status_code == 200
    assert "Importeren bevestigen" in response.text
    assert "******333" in response.text and "111222333" not in response.text
    assert not Employee.objects.filter(personnel_number="9001").exists()  # dry run
    with (
        mock.patch("cases.tasks.run_employee_import.delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(reverse("cases:employee_import"), {"confirm": "1"})
    job = EmployeeImport.objects.get()
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    delay.assert_called_once_with(job.pk)
    # Queued, not written inside the web request.
    assert not Employee.objects.filter(personnel_number="9001").exists()
    page = client.get(job.get_absolute_url()).content.decode()
    assert 'data-status="queued"' in page and "hx-trigger" in page
    run_employee_import(job.pk)  # the Celery task
    assert Employee.objects.filter(personnel_number__in=["9001", "9002"]).count() == 2
    page = client.get(job.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert "Import klaar: 2 nieuw, 0 bijgewerkt, 0 ongewijzigd." in page
    assert "hx-trigger" not in page
    job.refresh_from_db()
    assert bytes(job.data) == b""  # the file with BSNs is not kept
    assert run_employee_import(job.pk) == "skipped"  # a second delivery does nothing


@pytest.mark.django_db
def test_import_page_shows_row_errors(world, login):
    upload = SimpleUploadedFile("loon.csv", GOOD.replace(b"123456782", b"123456789"))
    response = login(world.hr_a).post(
        reverse("cases:employee_import"), {"employer": world.employer_a.pk, "file": upload}
    )
    assert "Regel 3" in response.text and "Ongeldig BSN" in response.text
    assert "Importeren bevestigen" not in response.text


@pytest.mark.django_db
@pytest.mark.parametrize("user_attr", ["manager_a", "employee_user_a", "physician"])
def test_employee_pages_are_hr_only(world, login, user_attr):
    client = login(getattr(world, user_attr))
    assert client.get(reverse("cases:employee_list")).status_code == 403
    assert client.get(reverse("cases:employee_import")).status_code == 403


@pytest.mark.django_db
def test_hr_cannot_import_for_another_employer(world, login):
    upload = SimpleUploadedFile("loon.csv", GOOD)
    response = login(world.hr_a).post(
        reverse("cases:employee_import"), {"employer": world.employer_b.pk, "file": upload}
    )
    assert response.status_code == 200  # not a valid choice
    assert not Employee.objects.filter(personnel_number="9001").exists()


@pytest.mark.django_db
def test_employee_list_masks_bsn_and_detail_shows_it_to_hr_only(world, login):
    client = login(world.hr_a)
    text = client.get(reverse("cases:employee_list")).text
    assert world.employee_a.masked_bsn in text
    assert world.employee_a.bsn not in text
    assert world.employee_b.last_name not in text
    detail = reverse("cases:employee_detail", args=[world.employee_a.pk])
    assert world.employee_a.bsn in client.get(detail).text
    manager_text = login(world.manager_a).get(detail).text
    assert world.employee_a.bsn not in manager_text
    assert login(world.hr_b).get(detail).status_code == 404


@pytest.mark.django_db
def test_demo_seed_is_idempotent_and_has_the_stages():
    from datetime import date

    from cases.demo import DemoContext, seed
    from cases.models import Case

    seed(DemoContext(today=date(2026, 3, 2)))
    count = Case.objects.count()
    ctx = DemoContext(today=date(2026, 3, 2))
    seed(ctx)
    assert Case.objects.count() == count
    stages = {stage for (_slug, stage) in ctx.cases}
    assert {
        "fresh",
        "summed",
        "partly_recovered",
        "week60",
        "week92",
        "recovered",
        "wazo",
    } <= stages
    assert ctx.cases[("korenschoof", "summed")].sick_periods.count() == 2
    assert ctx.cases[("korenschoof", "partly_recovered")].work_resumptions.exists()
    assert ctx.cases[("korenschoof", "wazo")].leave_periods.exists()


def test_employment_dates_are_imported_and_never_cleared_by_a_file_without_them(world):
    with_dates = "\n".join(
        [
            HEADER + ";datum_in_dienst;datum_uit_dienst",
            "9101;Cor;;Bos;111222333;01-02-1980;;;;38;;01-03-2020;",
            "9102;Dirk;;Berg;123456782;01-02-1981;;;;38;;2021-01-01;30-06-2026",
        ]
    ).encode()
    employees_import(employer=world.employer_a, data=with_dates, actor=world.hr_a)
    dirk = Employee.objects.get(employer=world.employer_a, personnel_number="9102")
    assert (str(dirk.employment_start_date), str(dirk.employment_end_date)) == (
        "2021-01-01",
        "2026-06-30",
    )
    without = "\n".join([HEADER, "9102;Dirk;;Berg;123456782;01-02-1981;;;;38;"]).encode()
    report = employees_import(employer=world.employer_a, data=without, actor=world.hr_a)
    assert report.count("unchanged") == 1
    dirk.refresh_from_db()
    assert str(dirk.employment_start_date) == "2021-01-01"
    bad = with_dates.replace(b"30-06-2026", b"30-06-2019")
    assert "De datum uit dienst ligt vóór de datum in dienst." in str(
        parse_employee_csv(bad).row_errors
    )


# The model's own rules in the dry run --------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (b"Wit;", b"W" * 151 + b";", "achternaam: "),  # max_length 150 of the model
        (b";Teamleider;", b";" + b"T" * 201 + b";", "functie: "),  # max_length 200
        (b"9001;Anna", b"9" * 33 + b";Anna", "personeelsnummer: "),  # max_length 32
        (b"01-02-1980", b"01-02-1880", "niet aannemelijk"),
        (b"01-02-1980", b"01-02-2024", "niet aannemelijk"),
        (b"anna@example.nl", b"anna@", "email: "),
        (b";38;", b";81;", "contracturen: "),
        (b";38;", b";38,25;", "contracturen: "),  # one decimal, like the model
        (b"Magazijn;Teamleider", b"M" * 201 + b";Teamleider", "afdeling: "),
    ],
)
def test_the_dry_run_applies_the_models_rules_with_line_numbers(old, new, message):
    report = parse_employee_csv(GOOD.replace(old, new, 1))
    assert not report.ok
    assert list(report.row_errors) == [2]
    assert any(message in m for m in report.row_errors[2]), report.row_errors


@pytest.mark.django_db
def test_whatever_the_dry_run_accepts_the_model_accepts(world):
    """Every row the dry run accepts passes the model's full_clean (what the import writes)."""
    report = parse_employee_csv(GOOD)
    assert report.ok
    for row in report.rows:
        Employee(
            employer=world.employer_a, personnel_number=row.personnel_number, **row.model_fields()
        ).full_clean(validate_unique=False)


@pytest.mark.django_db
def test_an_import_that_became_invalid_fails_and_writes_nothing(world):
    data = GOOD.replace(b"111222333", world.colleague_a.bsn.encode())
    with mock.patch("cases.tasks.run_employee_import.delay"):
        job = employee_import_request(employer=world.employer_a, data=data, actor=world.hr_a)
    before = Employee.objects.count()
    job = employee_import_run(import_id=job.pk)
    assert job.status == ImportStatus.FAILED
    assert "Regel 2" in job.error and "niets geïmporteerd" in job.error
    assert Employee.objects.count() == before
    assert not Department.objects.filter(name="Magazijn").exists()


@pytest.mark.django_db
def test_a_crash_halfway_leaves_nothing_half_imported(world):
    """The employees are written, then linking the managers fails: all of it is rolled back."""
    with mock.patch("cases.tasks.run_employee_import.delay"):
        job = employee_import_request(employer=world.employer_a, data=GOOD, actor=world.hr_a)
    before = Employee.objects.count()
    with mock.patch(
        "cases.employee_import_jobs._link_managers",
        side_effect=RuntimeError("database connection lost"),
    ):
        job = employee_import_run(import_id=job.pk)
    assert job.status == ImportStatus.FAILED and "niets geïmporteerd" in job.error
    assert Employee.objects.count() == before  # the created rows were rolled back
    assert not Department.objects.filter(name="Magazijn").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("user_attr", "status"), [("hr_b", 404), ("employee_user_a", 403)])
def test_others_cannot_see_an_import(world, login, user_attr, status):
    with mock.patch("cases.tasks.run_employee_import.delay"):
        job = employee_import_request(employer=world.employer_a, data=GOOD, actor=world.hr_a)
    assert login(getattr(world, user_attr)).get(job.get_absolute_url()).status_code == status


INVITE_FILE = "\n".join(
    [
        HEADER,
        "9001;Anna;de;Wit;111222333;01-02-1980;anna@example.nl;Magazijn;Teamleider;38;",
        "9002;Bert;;Zwart;123456782;1985-07-15;;Magazijn;Heftruckchauffeur;32,5;9001",
        "9003;Cas;;Groen;100000009;1990-03-03;cas@example.nl;Magazijn;Orderpicker;24;9001",
    ]
).encode()


@pytest.mark.django_db
def test_the_confirmed_import_can_invite_the_imported_employees(
    world, login, mailoutbox, django_capture_on_commit_callbacks
):
    from cases.models import Invitation

    client = login(world.hr_a)
    upload = SimpleUploadedFile("loon.csv", INVITE_FILE, content_type="text/csv")
    page = client.post(
        reverse("cases:employee_import"), {"employer": world.employer_a.pk, "file": upload}
    ).text
    assert 'name="invite"' in page and "zonder account een uitnodiging" in page
    with (
        mock.patch("cases.tasks.run_employee_import.delay"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        client.post(reverse("cases:employee_import"), {"confirm": "1", "invite": "1"})
    job = EmployeeImport.objects.get()
    assert job.invite
    assert mailoutbox == []  # nothing is sent from the web request
    with django_capture_on_commit_callbacks(execute=True):
        assert run_employee_import(job.pk) == ImportStatus.DONE
    # Anna and Cas have an address and no account; Bert has no address.
    assert sorted(m.to[0] for m in mailoutbox) == ["anna@example.nl", "cas@example.nl"]
    assert set(Invitation.objects.values_list("employee__personnel_number", flat=True)) == {
        "9001",
        "9003",
    }
    job.refresh_from_db()
    assert job.invited == 2
    status = client.get(job.get_absolute_url()).content.decode()
    assert "2 werknemers zijn uitgenodigd voor Poortwachter." in status


@pytest.mark.django_db
def test_without_the_checkbox_nobody_is_invited_and_nobody_twice(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    from cases.models import Invitation

    with mock.patch("cases.tasks.run_employee_import.delay"):
        quiet = employee_import_request(
            employer=world.employer_a, data=INVITE_FILE, actor=world.hr_a
        )
    with django_capture_on_commit_callbacks(execute=True):
        employee_import_run(import_id=quiet.pk)
    assert mailoutbox == [] and not Invitation.objects.exists()
    # Anna got an account meanwhile: a later import with invitations skips her (and Bert).
    Employee.objects.filter(personnel_number="9001").update(user=UserFactory(role="employee"))
    with mock.patch("cases.tasks.run_employee_import.delay"):
        job = employee_import_request(
            employer=world.employer_a, data=INVITE_FILE, actor=world.hr_a, invite=True
        )
    with django_capture_on_commit_callbacks(execute=True):
        job = employee_import_run(import_id=job.pk)
    assert job.invited == 1 and [m.to for m in mailoutbox] == [["cas@example.nl"]]
    # The same file again: Cas's invitation is still open, so no second one.
    with mock.patch("cases.tasks.run_employee_import.delay"):
        again = employee_import_request(
            employer=world.employer_a, data=INVITE_FILE, actor=world.hr_a, invite=True
        )
    with django_capture_on_commit_callbacks(execute=True):
        again = employee_import_run(import_id=again.pk)
    assert again.status == ImportStatus.DONE and again.invited == 0
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_a_failure_while_inviting_keeps_the_import_and_says_so(world, login):
    with mock.patch("cases.tasks.run_employee_import.delay"):
        job = employee_import_request(
            employer=world.employer_a, data=INVITE_FILE, actor=world.hr_a, invite=True
        )
    with mock.patch(
        "cases.employee_import_jobs.employees_invite", side_effect=RuntimeError("smtp down")
    ):
        job = employee_import_run(import_id=job.pk)
    assert job.status == ImportStatus.DONE and job.invited == 0
    assert Employee.objects.filter(personnel_number__in=["9001", "9002", "9003"]).count() == 3
    page = login(world.hr_a).get(job.get_absolute_url()).content.decode()
    assert "het versturen van de uitnodigingen is mislukt" in page
