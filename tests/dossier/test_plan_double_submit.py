"""A double submit of the first plan van aanpak: two real concurrent transactions."""

from __future__ import annotations

import contextlib
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connections
from django.urls import reverse

from dossier import services
from dossier.models import ActionPlan, ActionPlanVersion
from tests.dossier.factories import activities, plan_content, statement
from tests.dossier.test_views import _plan_post

#: How long the first request waits at the check for the second one to catch up. With the lock
#: the second request waits for the first's commit instead, so the wait times out.
MEET_TIMEOUT = 3


def _submit_twice(world, monkeypatch) -> tuple[list[ActionPlanVersion], list[Exception]]:
    """Run two `action_plan_version_create` calls that both pass the check before either writes.

    Each call pauses just before it saves the version (in `full_clean`) until the other one has
    got that far too; only a lock makes the second call wait before the check instead.
    """
    meet = threading.Barrier(2)
    original_full_clean = ActionPlanVersion.full_clean

    def full_clean_after_meeting(self, *args, **kwargs):
        # A broken barrier means the other request is held by the lock: go on alone.
        with contextlib.suppress(threading.BrokenBarrierError):
            meet.wait(timeout=MEET_TIMEOUT)
        return original_full_clean(self, *args, **kwargs)

    monkeypatch.setattr(ActionPlanVersion, "full_clean", full_clean_after_meeting)
    created: list[ActionPlanVersion] = []
    errors: list[Exception] = []
    start = threading.Barrier(2)

    def submit() -> None:
        try:
            start.wait(timeout=10)
            created.append(
                services.action_plan_version_create(
                    case=world.case_a, actor=world.hr_a, activities=activities(), **plan_content()
                )
            )
        except Exception as exc:  # noqa: BLE001 - the test inspects what each request got
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return created, errors


@pytest.mark.django_db(transaction=True)
def test_double_submit_of_the_first_plan_answers_with_a_message(world, monkeypatch):
    created, errors = _submit_twice(world, monkeypatch)
    assert len(created) == 1
    assert len(errors) == 1
    assert isinstance(errors[0], ValidationError), repr(errors[0])
    assert "Er is al een plan van aanpak" in errors[0].messages[0]
    assert ActionPlanVersion.objects.filter(plan__case=world.case_a).count() == 1


@pytest.mark.django_db(transaction=True)
def test_double_submit_when_the_plan_row_already_exists(world, monkeypatch):
    ActionPlan.objects.create(case=world.case_a)  # e.g. left by an import, without versions
    created, errors = _submit_twice(world, monkeypatch)
    assert len(created) == 1
    assert len(errors) == 1
    assert isinstance(errors[0], ValidationError), repr(errors[0])
    assert ActionPlanVersion.objects.filter(plan__case=world.case_a).count() == 1


@pytest.mark.django_db
def test_a_second_submit_after_the_first_shows_the_plan_with_a_message(world, login):
    analysis = statement(world.case_a, world.physician)
    client = login(world.hr_a)
    url = reverse("dossier:plan_create", args=[world.case_a.pk])
    assert client.post(url, _plan_post(analysis.pk)).status_code == 302
    second = client.post(url, _plan_post(analysis.pk), follow=True)
    version = ActionPlanVersion.objects.get(plan__case=world.case_a)
    assert second.status_code == 200
    assert second.redirect_chain[-1][0] == version.get_absolute_url()
    assert "Er is al een plan van aanpak" in second.text
