"""`Case.second_track_due`: the open tweede-spoor latest start, kept on the case by recompute."""

from __future__ import annotations

import pytest
from django.apps import apps

from cases.models import Case
from deadlines.models import Deadline, DeadlineKind, DeadlineStatus
from deadlines.services import deadlines_recompute, deadlines_recompute_all
from tests.second_track.factories import age_case, decide_start, start_track

pytestmark = pytest.mark.django_db

_OPEN = (DeadlineStatus.OPEN, DeadlineStatus.OVERDUE)
CaseEvent = apps.get_model("cases", "CaseEvent")


def _stored_latest_start(case: Case):
    deadline = Deadline.objects.filter(case=case, kind=DeadlineKind.SECOND_TRACK_LATEST).first()
    return deadline.due_date if deadline and deadline.status in _OPEN else None


def test_the_batch_and_the_single_recompute_keep_it_with_the_deadline(world):
    age_case(world.case_a, weeks=50)
    deadlines_recompute_all()
    for case in Case.objects.all():
        assert case.second_track_due == _stored_latest_start(case)
    world.case_a.refresh_from_db()
    assert world.case_a.second_track_due is not None
    Case.objects.filter(pk=world.case_a.pk).update(second_track_due=None)
    deadlines_recompute(case=world.case_a, reason="test")
    world.case_a.refresh_from_db()
    assert world.case_a.second_track_due == _stored_latest_start(world.case_a)


def test_it_is_cleared_when_the_step_is_done_and_is_no_case_history(
    world, django_capture_on_commit_callbacks
):
    age_case(world.case_a, weeks=50)
    deadlines_recompute_all()
    events = CaseEvent.objects.filter(pgh_obj_id=world.case_a.pk).count()
    with django_capture_on_commit_callbacks(execute=True):
        decide_start(world.case_a, world.hr_a)
        start_track(world.case_a, world.hr_a)
    world.case_a.refresh_from_db()
    assert _stored_latest_start(world.case_a) is None
    assert world.case_a.second_track_due is None
    assert CaseEvent.objects.filter(pgh_obj_id=world.case_a.pk).count() == events
