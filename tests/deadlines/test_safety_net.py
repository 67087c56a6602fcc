"""Vangnet and ziek-uit-dienst UWV reports as stored deadlines: case page, reminders, iCal."""

from __future__ import annotations

from datetime import timedelta

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cases.services import case_update_details
from deadlines.models import CalendarFeedToken, Deadline, DeadlineKind, DeadlineStatus
from deadlines.services import deadlines_recompute, reminders_send
from reintegration_report.content import report_content_build

pytestmark = pytest.mark.django_db

K = DeadlineKind


def _deadline(case, kind):
    return Deadline.objects.get(case=case, kind=kind)


def test_hr_records_the_situation_and_the_report_deadline_follows(
    world, django_capture_on_commit_callbacks
):
    case = world.case_a
    deadlines_recompute(case=case, reason="start")
    assert _deadline(case, K.UWV_SAFETY_NET_REPORT).status == DeadlineStatus.NOT_APPLICABLE
    with django_capture_on_commit_callbacks(execute=True):
        case_update_details(case=case, actor=world.hr_a, safety_net_situation="organ_donation")
    case.refresh_from_db()
    assert case.safety_net_applies is True
    report = _deadline(case, K.UWV_SAFETY_NET_REPORT)
    latest = _deadline(case, K.UWV_SAFETY_NET_REPORT_LATEST)
    assert report.due_date == case.first_sick_day + timedelta(days=3)
    assert latest.due_date == case.first_sick_day + timedelta(days=41)
    assert "4th sick day" in report.source and "6 weeks" in latest.source
    assert report.responsible_role == "hr"


def test_employment_end_during_illness_adds_the_report_on_the_last_workday(
    world, django_capture_on_commit_callbacks
):
    case = world.case_a
    last_day = timezone.localdate() + timedelta(days=10)
    with django_capture_on_commit_callbacks(execute=True):
        case_update_details(case=case, actor=world.hr_a, employment_end_date=last_day)
    deadline = _deadline(case, K.UWV_END_OF_EMPLOYMENT_REPORT)
    assert (deadline.due_date, deadline.status) == (last_day, DeadlineStatus.OPEN)
    assert "last workday" in deadline.source


def test_a_last_workday_before_the_first_sick_day_is_refused(world):
    with pytest.raises(ValidationError, match="vóór de eerste ziektedag"):
        case_update_details(
            case=world.case_a,
            actor=world.hr_a,
            employment_end_date=world.case_a.first_sick_day - timedelta(days=1),
        )


def test_reminder_and_ical_include_the_vangnet_report(world, client, login):
    case = world.case_a
    case.first_sick_day = timezone.localdate() - timedelta(days=1)
    case.save()
    case.sick_periods.update(start=case.first_sick_day)
    case_update_details(case=case, actor=world.hr_a, safety_net_situation="pregnancy_flex_period")
    deadlines_recompute(case=case, reason="test")
    report = _deadline(case, K.UWV_SAFETY_NET_REPORT)
    assert report.due_date == case.first_sick_day + timedelta(days=3)
    reminders_send(today=timezone.localdate())
    assert report.reminders.filter(recipient=world.hr_a).exists()
    hr = login(world.hr_a)
    hr.post(reverse("deadlines:calendar"), {"action": "create"})
    token = CalendarFeedToken.objects.get(user=world.hr_a)
    hr.logout()
    feed = client.get(reverse("deadlines:ical", kwargs={"token": token.token}))
    events = icalendar.Calendar.from_ical(feed.content).walk("VEVENT")
    [event] = [e for e in events if str(e["UID"]) == f"deadline-{report.pk}@poortwachter"]
    assert "Vangnetmelding UWV" in str(event["SUMMARY"])
    assert event.decoded("DTSTART") == report.due_date


def test_case_page_shows_the_situation_to_hr_only_and_the_deadline(world, login):
    case = world.case_a
    case_update_details(case=case, actor=world.hr_a, safety_net_situation="no_risk_policy")
    deadlines_recompute(case=case, reason="test")
    url = reverse("cases:detail", args=[case.pk])
    hr_page = login(world.hr_a).get(url).text
    assert "No-riskpolis" in hr_page and "Vangnetmelding UWV" in hr_page
    manager_page = login(world.manager_a).get(url).text
    assert "No-riskpolis" not in manager_page


def test_details_form_sets_the_situation_in_the_browser(world, login):
    client = login(world.hr_a)
    url = reverse("cases:update_details", args=[world.case_a.pk])
    response = client.post(
        url,
        {
            "casemanager": world.hr_a.pk,
            "safety_net_situation": "pregnancy_before_leave",
            "employment_end_date": (world.case_a.first_sick_day - timedelta(days=2)).isoformat(),
            "work_accident": "no",
            "liable_third_party": "no",
        },
    )
    assert response.status_code == 200
    assert "vóór de eerste ziektedag" in response.text
    response = client.post(
        url,
        {
            "casemanager": world.hr_a.pk,
            "safety_net_situation": "pregnancy_before_leave",
            "work_accident": "no",
            "liable_third_party": "no",
        },
    )
    assert response.status_code == 302
    world.case_a.refresh_from_db()
    assert world.case_a.safety_net_situation == "pregnancy_before_leave"


def test_riv_lists_only_the_reports_that_apply(world):
    deadlines_recompute(case=world.case_a, reason="test")
    keys = [d.key for d in report_content_build(world.case_a).deadlines]
    assert K.UWV_SAFETY_NET_REPORT not in keys and K.UWV_END_OF_EMPLOYMENT_REPORT not in keys
