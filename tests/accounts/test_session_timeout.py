"""Sessions end after 30 idle minutes (staff roles) and 8 hours after login (everyone)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from accounts.models import Role
from accounts.session_timeout import (
    LAST_ACTIVITY_KEY,
    LOGIN_AT_KEY,
    SessionEnd,
    activity_record,
    idle_timeout_for,
    session_end_reason,
)
from cases.models import EmployeeImport
from tests.factories import UserFactory

START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
HOME = "/"
IDLE_MESSAGE = "U bent na 30 minuten zonder activiteit uitgelogd."


# --- the rule, without the web layer -------------------------------------------------------


def test_the_idle_limit_and_the_maximum_age():
    t0 = START.timestamp()
    session = {LOGIN_AT_KEY: t0, LAST_ACTIVITY_KEY: t0}
    limits = {"idle_timeout": 1800, "max_age": 8 * 3600}
    assert session_end_reason(session, now=t0 + 1800, **limits) is None
    assert session_end_reason(session, now=t0 + 1801, **limits) is SessionEnd.IDLE
    session[LAST_ACTIVITY_KEY] = t0 + 8 * 3600 - 60
    assert session_end_reason(session, now=t0 + 8 * 3600, **limits) is None
    assert session_end_reason(session, now=t0 + 8 * 3600 + 1, **limits) is SessionEnd.MAX_AGE
    # Without an idle limit (the werknemer) only the maximum counts.
    session[LAST_ACTIVITY_KEY] = t0
    no_idle = {"idle_timeout": None, "max_age": 8 * 3600}
    assert session_end_reason(session, now=t0 + 7 * 3600, **no_idle) is None


def test_a_session_without_timestamps_starts_counting_and_a_clock_going_back_ends_nothing():
    t0 = START.timestamp()
    session: dict = {}
    assert session_end_reason(session, now=t0, idle_timeout=1800, max_age=3600) is None
    assert session == {LOGIN_AT_KEY: t0, LAST_ACTIVITY_KEY: t0}
    assert session_end_reason(session, now=t0 - 600, idle_timeout=1800, max_age=3600) is None


def test_activity_is_written_at_most_once_a_minute():
    t0 = START.timestamp()
    session = {LAST_ACTIVITY_KEY: t0}
    activity_record(session, now=t0 + 59)
    assert session[LAST_ACTIVITY_KEY] == t0
    activity_record(session, now=t0 + 60)
    assert session[LAST_ACTIVITY_KEY] == t0 + 60


@pytest.mark.parametrize(
    ("role", "timeout"),
    [
        (Role.HR, 1800),
        (Role.OCCUPATIONAL_PHYSICIAN, 1800),
        (Role.MANAGER, 1800),
        (Role.REINTEGRATION_SPECIALIST, 1800),
        (Role.EMPLOYEE, None),
        ("", 1800),  # an admin without a role
    ],
)
def test_which_roles_have_the_idle_timeout(role, timeout):
    assert idle_timeout_for(UserFactory.build(role=role)) == timeout


def test_the_idle_timeout_is_configurable(settings):
    settings.SESSION_IDLE_TIMEOUT = 10 * 60
    assert idle_timeout_for(UserFactory.build(role=Role.HR)) == 600
    settings.SESSION_IDLE_TIMEOUT = 0  # switched off
    assert idle_timeout_for(UserFactory.build(role=Role.HR)) is None


# --- through the middleware, with a fixed clock ----------------------------------------------


def _is_logged_out_with(response, text: str) -> bool:
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    return (
        response.status_code == 302
        and response["Location"].startswith(reverse("account_login"))
        and text in messages
    )


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.HR, Role.OCCUPATIONAL_PHYSICIAN])
def test_staff_is_logged_out_after_30_idle_minutes(login, time_machine, role):
    time_machine.move_to(START, tick=False)
    client = login(UserFactory(role=role))
    time_machine.shift(timedelta(minutes=29))
    assert client.get(HOME).status_code == 302  # to the start page, still logged in
    assert "_auth_user_id" in client.session
    time_machine.shift(timedelta(minutes=31))
    response = client.get(reverse("cases:list"))
    assert _is_logged_out_with(response, IDLE_MESSAGE)
    assert "next=" in response["Location"]
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"])
    assert page.status_code == 200 and IDLE_MESSAGE in page.text  # shown on the login page


@pytest.mark.django_db
def test_activity_keeps_staff_logged_in_but_not_past_8_hours(login, time_machine):
    time_machine.move_to(START, tick=False)
    client = login(UserFactory(role=Role.HR))
    for _ in range(24):  # a request every 20 minutes: 8 hours
        time_machine.shift(timedelta(minutes=20))
        response = client.get(reverse("cases:list"))
        assert response.status_code == 200
    time_machine.shift(timedelta(minutes=1))
    response = client.get(reverse("cases:list"))
    assert _is_logged_out_with(
        response, "U bent uitgelogd: een sessie duurt ten hoogste 8 uur. Log opnieuw in."
    )


@pytest.mark.django_db
def test_an_employee_keeps_the_8_hour_maximum_without_idle_timeout(login, time_machine):
    time_machine.move_to(START, tick=False)
    client = login(UserFactory(role=Role.EMPLOYEE))
    time_machine.shift(timedelta(hours=7, minutes=59))
    assert client.get(HOME).status_code == 302
    assert "_auth_user_id" in client.session  # idle for hours, still logged in
    time_machine.shift(timedelta(minutes=2))
    response = client.get(HOME)
    assert _is_logged_out_with(
        response, "U bent uitgelogd: een sessie duurt ten hoogste 8 uur. Log opnieuw in."
    )


@pytest.mark.django_db
def test_a_configured_idle_timeout(login, time_machine, settings):
    settings.SESSION_IDLE_TIMEOUT = 10 * 60
    time_machine.move_to(START, tick=False)
    client = login(UserFactory(role=Role.HR))
    time_machine.shift(timedelta(minutes=11))
    response = client.get(HOME)
    assert _is_logged_out_with(response, "U bent na 10 minuten zonder activiteit uitgelogd.")


@pytest.mark.django_db
def test_polling_a_job_is_no_activity(world, login, time_machine):
    """An import that never runs (no worker) is polled forever: the polls must not keep the
    session open. Loading the page itself is activity."""
    time_machine.move_to(START, tick=False)
    client = login(world.hr_a)
    job = EmployeeImport.objects.create(employer=world.employer_a, requested_by=world.hr_a)
    assert client.get(job.get_absolute_url()).status_code == 200
    htmx = {"HX-Request": "true"}
    for _ in range(6):  # polled for 30 minutes
        time_machine.shift(timedelta(minutes=5))
        assert client.get(job.get_absolute_url(), headers=htmx).status_code == 200
    time_machine.shift(timedelta(minutes=1))
    response = client.get(job.get_absolute_url(), headers=htmx)
    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("account_login")
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_typing_in_a_form_is_activity(login, time_machine):
    """static/js/session-activity.js posts while the user types a long form."""
    time_machine.move_to(START, tick=False)
    client = login(UserFactory(role=Role.HR))
    for _ in range(3):
        time_machine.shift(timedelta(minutes=20))
        assert client.post(reverse("session_activity")).status_code == 204
    time_machine.shift(timedelta(minutes=20))
    assert client.get(reverse("cases:list")).status_code == 200
    assert client.get(reverse("session_activity")).status_code == 405


@pytest.mark.django_db
def test_the_page_loads_the_activity_script_for_logged_in_users(login, client):
    assert "session-activity.js" not in client.get(reverse("account_login")).text
    page = login(UserFactory(role=Role.HR)).get(reverse("cases:list"))
    assert "session-activity.js" in page.text and reverse("session_activity") in page.text
