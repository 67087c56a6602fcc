"""The demo's deadlines: computed for every case, manual steps of long cases done once."""

import io

import pytest
from django.core.management import call_command

from deadlines.models import Deadline, DeadlineKind, DeadlineStatus

pytestmark = pytest.mark.django_db

K = DeadlineKind


def test_long_demo_cases_have_their_manual_steps_done_on_time_and_once():
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    week92 = {
        d.kind: d
        for d in Deadline.objects.filter(
            case__employee__user__email="milan.bos@korenschoof.example"
        )
    }
    for kind in (K.UWV_SICKNESS_REPORT, K.REINTEGRATION_REPORT):
        deadline = week92[kind]
        assert deadline.status == DeadlineStatus.DONE, kind
        assert deadline.completed_manually and deadline.completed_on <= deadline.due_date
    assert week92[K.SECOND_TRACK_LATEST].status == DeadlineStatus.DONE
    assert not Deadline.objects.filter(
        case__employee__user__email="milan.bos@korenschoof.example",
        status=DeadlineStatus.OVERDUE,
    ).exists()
