"""The retention run on the demo data: the dry run lists what the real run then anonymises."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from absence_figures.aggregates import Scope, totals_by_period
from absence_figures.facts_db import facts_from_db
from absence_figures.figures import Period
from api.models import WebhookEvent
from cases.models import Case, CaseStatus, Employee, Employer, SickPeriod
from dossier.models import AccessLog, DocumentVersion
from retention.selectors import _with_end, case_facts, case_facts_of
from retention.services import cases_anonymise
from retention.terms import add_years

from .helpers import personal_texts_left

pytestmark = pytest.mark.django_db


def _run(*args: str) -> list[list[str]]:
    out = io.StringIO()
    call_command("retention", *args, stdout=out)
    lines = out.getvalue().splitlines()
    return [line.split("\t") for line in lines[:-1]] + [[lines[-1]]]


def _demo_case(employer: str, number: str) -> Case:
    return Case.objects.get(employer__name__startswith=employer, employee__personnel_number=number)


def test_the_dry_run_lists_the_demo_cases_past_their_term_and_the_run_anonymises_exactly_those(
    django_capture_on_commit_callbacks,
):
    call_command("seed_demo", stdout=io.StringIO())
    due = _demo_case("Bakkerij", "00012")
    left = _demo_case("Bakkerij", "00013")
    held = _demo_case("Bakkerij", "00014")
    soon = _demo_case("Techniek", "00112")
    open_ids = set(Case.objects.filter(status=CaseStatus.OPEN).values_list("pk", flat=True))
    files = list(
        DocumentVersion.objects.filter(document__case__in=[due, left]).values_list(
            "file", flat=True
        )
    )
    assert files and all(default_storage.exists(name) for name in files)
    log_count = AccessLog.objects.filter(case__in=[due, left]).count()
    assert log_count

    *lines, summary = _run("--dry-run")
    assert [(kind, int(pk)) for kind, pk, *_ in lines] == [
        ("case", left.pk),
        ("case", due.pk),
        ("employee", left.employee_id),
    ]
    by_case = {int(pk): rest for kind, pk, *rest in lines if kind == "case"}
    name, since, why = by_case[due.pk]
    assert name == due.employee.full_name
    assert since == f"{add_years(due.sick_periods.get().end, 2):%Y-%m-%d}"
    assert why.startswith("Verzuim beëindigd op") and "2 jaar verstreken" in why
    assert by_case[left.pk][2].startswith("Uit dienst op")
    assert summary == ["Dry run: 2 case(s) and 1 employee(s) would be anonymised; nothing changed."]
    assert not Case.objects.filter(anonymised_at__isnull=False).exists()

    with django_capture_on_commit_callbacks(execute=True):
        *done, summary = _run()
    assert done == lines
    assert summary == ["Anonymised 2 case(s) and 1 employee(s)."]
    assert set(Case.objects.filter(anonymised_at__isnull=False).values_list("pk", flat=True)) == {
        due.pk,
        left.pk,
    }
    # Open cases, the held one and the one not yet due are untouched.
    held.refresh_from_db()
    soon.refresh_from_db()
    assert held.anonymised_at is None and held.contact_address and held.legal_hold
    assert soon.anonymised_at is None and soon.appointments_note
    assert not Case.objects.filter(pk__in=open_ids, anonymised_at__isnull=False).exists()
    assert Case.objects.get(pk=held.pk).employee.last_name
    # Contents, files and identity are gone; the access log is kept but anonymised.
    assert personal_texts_left([due.pk, left.pk]) == []
    assert not any(default_storage.exists(name) for name in files)
    assert AccessLog.objects.filter(case__in=[due, left]).count() == log_count
    assert set(
        AccessLog.objects.filter(case__in=[due, left]).values_list("record_label", "record_id")
    ) == {("—", None)}
    former = Employee.objects.get(pk=left.employee_id)
    assert (former.first_name, former.last_name, former.bsn, former.email) == ("", "", "", "")
    assert former.personnel_number == f"anon-{former.pk}"
    assert former.date_of_birth.month == former.date_of_birth.day == 1
    assert Employee.objects.get(pk=due.employee_id).last_name  # still employed: kept

    # Idempotent: a second run finds nothing.
    *again, summary = _run()
    assert again == [] and summary == ["Anonymised 0 case(s) and 0 employee(s)."]


def test_a_full_demo_dossier_keeps_nothing_personal_and_the_figures_do_not_change(
    django_capture_on_commit_callbacks,
):
    """The week-92 demo case has every kind of record (plan, talks, statements, signatures,
    tweede spoor, documents, deadlines, notifications): once closed and anonymised, no free text
    is left, and the verzuimcijfers come out the same."""
    call_command("seed_demo", stdout=io.StringIO())
    case = _demo_case("Bakkerij", "00007")
    assert personal_texts_left([case.pk]) != []  # positive control: there was something
    today = timezone.localdate()
    SickPeriod.objects.filter(case=case, end__isnull=True).update(end=today - timedelta(days=1))
    Case.objects.filter(pk=case.pk).update(
        status=CaseStatus.CLOSED, close_reason="waiting_period_ended"
    )
    WebhookEvent.objects.create(
        employer=case.employer,
        type="case.updated",
        key=f"case.updated:{case.pk}",
        payload={"case": {"id": case.pk, "personnel_number": "00007"}},
    )
    employer = Employer.objects.get(pk=case.employer_id)
    period = Period(today - timedelta(days=800), today)
    before = (
        totals_by_period(Scope((employer.pk,)), [period]),
        facts_from_db(period, employer=employer),
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert cases_anonymise(case_ids=[case.pk]) == [case.pk]

    assert personal_texts_left([case.pk]) == []
    event = WebhookEvent.objects.get(key=f"case.updated:{case.pk}")
    assert event.payload == {"case": {"id": case.pk, "personnel_number": None}}
    after = (
        totals_by_period(Scope((employer.pk,)), [period]),
        facts_from_db(period, employer=employer),
    )
    assert after == before
    # Running it again changes nothing and refuses nothing.
    assert cases_anonymise(case_ids=[case.pk]) == []


def test_one_case_facts_agree_with_the_bulk_annotation():
    """The case page's verdict (Python, from the loaded periods) equals the overview's (SQL)."""
    call_command("seed_demo", stdout=io.StringIO())
    ended = Case.objects.exclude(status=CaseStatus.OPEN)
    bulk = {case.pk: case_facts(case) for case in _with_end(ended)}
    cases = ended.prefetch_related("sick_periods")
    assert any(facts.ended_on for facts in bulk.values())
    assert {case.pk: case_facts_of(case) for case in cases} == bulk
    running = Case.objects.filter(status=CaseStatus.OPEN).first()
    assert case_facts_of(running).ended_on is None
