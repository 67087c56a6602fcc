"""The demo shows the difference: the korenschoof week-92 dossier comes out with the gaps it
really has, the techniek-noord week-92 dossier is clean and comes out low; HR's start page
lists the high-risk cases and the case page shows the risk."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from cases.models import Case
from reintegration_report.poortwachtertoets import Risk, poortwachter_check_case

pytestmark = pytest.mark.django_db


def _week92(slug: str) -> Case:
    start = timezone.localdate() - timedelta(weeks=92)
    return Case.objects.get(
        employer__name__isnull=False,
        first_sick_day=start,
        employee__user__email__endswith=f"@{slug}.example",
    )


@pytest.fixture
def demo():
    call_command("seed_demo", stdout=io.StringIO())


def test_week92_dossiers_show_what_they_really_have(demo):
    problem, clean = _week92("korenschoof"), _week92("techniek-noord")
    found = poortwachter_check_case(problem)
    assert found.risk == Risk.MEDIUM
    assert {f.code for f in found.findings} == {
        "plan_not_revised",
        "capacity_assessment_outdated",
        "second_track_activity_gap",
        "second_track_contract_ended",
        "medical_information_missing",
    }
    ok = poortwachter_check_case(clean)
    assert ok.risk == Risk.LOW and ok.findings == ()


def test_hr_start_page_lists_high_risk_cases_and_case_page_shows_the_risk(demo, login):
    client = login(User.objects.get(email="hr@korenschoof.example"))
    html = client.get(reverse("cases:list")).content.decode()
    url = reverse("reintegration_report:high_risk")
    assert 'data-start-block="high_risk_cases"' in html and url in html
    listed = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in listed  # the partial the start page loads
    high = [
        c
        for c in Case.objects.open().filter(employer__name__startswith="Bakkerij")
        if poortwachter_check_case(c).risk == Risk.HIGH
    ]
    assert high
    for case in high:
        assert f'data-case="{case.pk}"' in listed
    medium = _week92("korenschoof")
    assert f'data-case="{medium.pk}"' not in listed
    assert f'data-case="{high[0].pk}"' in client.get(url).content.decode()  # full page
    page = client.get(reverse("cases:detail", args=[medium.pk])).content.decode()
    risk_url = reverse("reintegration_report:case_risk", args=[medium.pk])
    assert risk_url in page
    assert 'data-toets-risk="medium"' in client.get(risk_url).content.decode()


@pytest.mark.parametrize("email", ["manager@korenschoof.example", "werknemer@korenschoof.example"])
def test_start_block_and_list_are_for_hr_only(demo, login, email):
    client = login(User.objects.get(email=email))
    response = client.get(reverse("cases:list"))
    assert response.status_code == 200
    assert "high_risk_cases" not in response.content.decode()
    assert client.get(reverse("reintegration_report:high_risk")).status_code == 403
    case = _week92("korenschoof")
    risk = client.get(reverse("reintegration_report:case_risk", args=[case.pk]))
    assert risk.status_code in (403, 404)
