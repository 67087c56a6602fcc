"""Payroll CSV import: parsing (no database), dry run, bad files change nothing, idempotence."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.employee_import import parse_employee_csv
from cases.models import Department, Employee
from cases.services import employees_import

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
def test_import_pages_dry_run_then_confirm(world, login):
    client = login(world.hr_a)
    upload = SimpleUploadedFile("loon.csv", GOOD, content_type="text/csv")
    response = client.post(
        reverse("cases:employee_import"), {"employer": world.employer_a.pk, "file": upload}
    )
    assert response.status_code == 200
    assert "Importeren bevestigen" in response.text
    assert "******333" in response.text and "111222333" not in response.text
    assert not Employee.objects.filter(personnel_number="9001").exists()  # dry run
    response = client.post(reverse("cases:employee_import"), {"confirm": "1"})
    assert response.status_code == 302
    assert Employee.objects.filter(personnel_number__in=["9001", "9002"]).count() == 2


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
