"""The browser flow: probleemanalyse → plan → agreement in the portal → bijstelling with diff."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from dossier import services
from dossier.models import (
    AccessLog,
    ActionPlanVersion,
    EmployeeOpinion,
    EvaluationKind,
    StatementKind,
)
from tests.dossier.factories import evaluation_fields, plan, statement

pytestmark = pytest.mark.django_db


def _statement_post(**overrides):
    return {
        "kind": StatementKind.PROBLEM_ANALYSIS,
        "statement_date": timezone.localdate().isoformat(),
        "functional_limitations": "Niet tillen boven 10 kg.",
        "possibilities": "Kantoorwerk 4 uur per dag.",
        "prognosis": "Herstel binnen 8 weken.",
        "advice": "Start aangepast werk in de winkel.",
        "expected_return": "8 weken",
        "diagnosis": "Lage rugpijn",
        "history": "",
        "treatment": "Fysiotherapie",
        **overrides,
    }


def _plan_post(statement_pk, **overrides):
    data = {
        "based_on": statement_pk,
        "goal": "Terug naar eigen werk.",
        "goal_term": "8 weken",
        "evaluation_frequency_weeks": 6,
        "casemanager": "HR Alfa",
        "employer_view": "Werkgever steunt opbouw.",
        "employee_view": "Werknemer is gemotiveerd.",
        "activities-TOTAL_FORMS": 2,
        "activities-INITIAL_FORMS": 0,
        "activities-MIN_NUM_FORMS": 0,
        "activities-MAX_NUM_FORMS": 1000,
        "activities-0-description": "Aangepast werk in de winkel",
        "activities-0-responsible": "Werknemer en leidinggevende",
        "activities-0-starts_on": timezone.localdate().isoformat(),
        "activities-0-status": "planned",
        "activities-1-status": "planned",  # an untouched extra form, as the browser sends it
    }
    data.update(overrides)
    return data


def test_full_flow_from_problem_analysis_to_revision_with_diff(world, client, login):
    # 1. The bedrijfsarts logs a probleemanalyse.
    login(world.physician)
    response = client.post(
        reverse("dossier:statement_create", args=[world.case_a.pk]), _statement_post()
    )
    assert response.status_code == 302
    statement_pk = world.case_a.physician_statements.get().pk

    # 2. HR drafts a plan from it.
    login(world.hr_a)
    page = client.get(reverse("dossier:plan_create", args=[world.case_a.pk]))
    assert "Start aangepast werk in de winkel." in page.text  # the advice, shown to HR
    assert "Lage rugpijn" not in page.text
    response = client.post(
        reverse("dossier:plan_create", args=[world.case_a.pk]), _plan_post(statement_pk)
    )
    assert response.status_code == 302, (
        response.context["form"].errors,
        response.context["formset"].errors,
        response.context["formset"].non_form_errors(),
    )
    v1 = ActionPlanVersion.objects.get(plan__case=world.case_a)
    assert v1.based_on_id == statement_pk and v1.activities.count() == 1

    # 3. The employee agrees in their portal (the overview offers the button).
    login(world.employee_user_a)
    overview = client.get(reverse("dossier:case", args=[world.case_a.pk]))
    agree_url = reverse("dossier:plan_version_agree", args=[v1.pk])
    assert agree_url in overview.text
    response = client.post(agree_url, {"answer": "agree", "comment": "Prima"})
    assert response.status_code == 302
    v1.refresh_from_db()
    assert v1.is_agreed and v1.agreed_by == world.employee_user_a and v1.content_hash

    # 4. HR records a bijstelling; version 1 stays readable, with a diff.
    login(world.hr_a)
    response = client.post(reverse("dossier:plan_revise", args=[world.case_a.pk]))
    v2 = ActionPlanVersion.objects.get(plan__case=world.case_a, number=2)
    assert response["Location"] == reverse("dossier:plan_version_update", args=[v2.pk])
    response = client.post(
        reverse("dossier:plan_version_update", args=[v2.pk]),
        _plan_post(
            statement_pk,
            goal="Terug naar eigen werk, 6 uur per dag.",
            **{"activities-0-status": "in_progress"},
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    old = client.get(reverse("dossier:plan_version_detail", args=[v1.pk]))
    assert old.status_code == 200 and "Terug naar eigen werk." in old.text
    assert "eerdere versie" in old.text
    diff = client.get(reverse("dossier:plan_version_diff", args=[v2.pk]))
    assert diff.status_code == 200
    assert "<del>Terug naar eigen werk.</del>" in diff.text
    assert "<ins>Terug naar eigen werk, 6 uur per dag.</ins>" in diff.text
    # HR cannot edit the agreed version through the page either.
    response = client.get(reverse("dossier:plan_version_update", args=[v1.pk]))
    assert response.status_code == 302
    v1.refresh_from_db()
    assert v1.content_hash == v1.compute_hash()


def test_employee_disagreement_is_visible_to_hr(world, client, login):
    version = plan(world.case_a, world.hr_a)
    login(world.employee_user_a)
    client.post(
        reverse("dossier:plan_version_agree", args=[version.pk]),
        {"answer": "disagree", "reason": "Ik wil eerst met de bedrijfsarts praten."},
    )
    login(world.hr_a)
    page = client.get(reverse("dossier:plan_version_detail", args=[version.pk]))
    assert "Ik wil eerst met de bedrijfsarts praten." in page.text


def test_talk_page_records_progress_per_activity_and_warns(world, client, login):
    version = plan(world.case_a, world.hr_a)
    services.action_plan_version_agree(version=version, actor=world.employee_user_a)
    login(world.hr_a)
    today = timezone.localdate()
    response = client.post(
        reverse("dossier:talk_create", args=[world.case_a.pk]),
        {
            "held_on": today.isoformat(),
            "participants": "HR, werknemer",
            "progress_0": "Loopt goed",
            "agreements": "Doorgaan",
            "employer_view": "Positief",
            "employee_view": "Positief",
            "next_talk_on": (today + timedelta(days=60)).isoformat(),
        },
        follow=True,
    )
    assert "later dan 42 dagen" in response.text
    talk = world.case_a.progress_talks.get()
    assert talk.activity_progress == [
        {"activity": "Aangepast werk 4 uur per dag", "progress": "Loopt goed"}
    ]


def test_final_evaluation_page_refuses_without_current_assessment(world, client, login):
    login(world.hr_a)
    url = reverse("dossier:evaluation_create", args=[world.case_a.pk, EvaluationKind.FINAL])
    data = {k: str(v) for k, v in evaluation_fields().items()}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "actueel oordeel" in response.text
    statement(world.case_a, world.physician, kind=StatementKind.CURRENT_ASSESSMENT)
    assert client.post(url, data).status_code == 302


def test_opinion_draft_is_hidden_from_hr_until_submitted(world, client, login):
    login(world.employee_user_a)
    url = reverse("dossier:opinion", args=[world.case_a.pk])
    client.post(url, {"text": "Mijn concept-oordeel", "save": "1"})
    login(world.hr_a)
    assert "Mijn concept-oordeel" not in client.get(url).text
    login(world.employee_user_a)
    client.post(url, {"text": "Mijn definitieve oordeel", "submit": "1"})
    assert EmployeeOpinion.objects.get().is_submitted
    login(world.hr_a)
    assert "Mijn definitieve oordeel" in client.get(url).text
    login(world.physician)
    assert "Mijn definitieve oordeel" in client.get(url).text


@pytest.mark.parametrize(
    "user_attr", ["hr_a", "manager_a", "employee_user_a", "physician", "specialist"]
)
def test_case_dossier_tag_renders_for_every_role(world, user_attr):
    statement(world.case_a, world.physician)
    plan(world.case_a, world.hr_a)
    user = getattr(world, user_attr)
    request = RequestFactory().get("/")
    request.user = user
    html = Template("{% load dossier_tags %}{% case_dossier case user %}").render(
        Context({"case": world.case_a, "user": user, "request": request})
    )
    assert "Re-integratiedossier" in html
    assert "Start met aangepast werk" in html
    has_agree = reverse("dossier:plan_version_agree", args=[1]).rsplit("/", 3)[0] in html
    assert has_agree  # the plan section links are shown to every involved role


def test_overview_query_budget(world, client, login, django_assert_max_num_queries):
    for _ in range(3):
        statement(world.case_a, world.physician)
    plan(world.case_a, world.hr_a)
    login(world.hr_a)
    with django_assert_max_num_queries(40):
        assert client.get(reverse("dossier:case", args=[world.case_a.pk])).status_code == 200


def test_the_agree_page_shows_the_whole_plan_it_asks_agreement_for(world, login):
    version = plan(
        world.case_a,
        world.hr_a,
        goal="Volledige terugkeer als magazijnmedewerker.",
        goal_term="Binnen 10 weken",
        evaluation_frequency_weeks=4,
        casemanager="Hanna de Vries",
        employer_view="Aangepast werk in de ochtend is mogelijk.",
        employee_view="Ik wil beginnen met drie ochtenden.",
        activities=[
            {
                "description": "Heftruckcursus volgen",
                "responsible": "Werkgever",
                "starts_on": timezone.localdate(),
                "status": "planned",
            }
        ],
    )
    client = login(world.employee_user_a)
    url = reverse("dossier:plan_version_agree", args=[version.pk])
    before = AccessLog.objects.filter(record_type="plan_version", action="view").count()
    html = client.get(url).content.decode()
    text = html.split('class="card mb-4 plan-to-agree"', 1)[1].split("</section>", 1)[0]
    for shown in (
        "Volledige terugkeer als magazijnmedewerker.",
        "Binnen 10 weken",
        "elke 4 weken",
        "Hanna de Vries",
        "Aangepast werk in de ochtend is mogelijk.",
        "Ik wil beginnen met drie ochtenden.",
        "Heftruckcursus volgen",
        "Werkgever",
        timezone.localdate().strftime("%d-%m-%Y"),
        "Gepland",
    ):
        assert shown in text, shown
    assert "Ik ga akkoord" in html and "Ik ga niet akkoord" in html
    # Reading the plan on this page is logged like reading it on its own page.
    assert AccessLog.objects.filter(record_type="plan_version", action="view").count() == before + 1
    # Nobody but the employee gets the page (and so the log is not written for them).
    assert login(world.hr_a).get(url).status_code == 403
    assert login(world.hr_b).get(url).status_code == 404
    assert AccessLog.objects.filter(record_type="plan_version", action="view").count() == before + 1
