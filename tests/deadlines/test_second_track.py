"""Tweede spoor in the deadline engine: the pure rules, stored deadlines, reminders, timeline."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from deadlines.models import Deadline, DeadlineKind, DeadlineStatus, ResponsibleRole
from deadlines.poortwachter import CaseFacts, SickPeriod, compute_timeline
from deadlines.rules.second_track import (
    SecondTrackFacts,
    decision_window,
    second_track_milestones,
    second_track_warnings,
    wider_suitable_work_applies,
)
from deadlines.services import deadlines_recompute, reminders_send
from deadlines.templatetags.deadline_tags import timeline_markers
from dossier.deadline_dates import dossier_dates, dossier_dates_bulk
from second_track.deadline_dates import second_track_dates, second_track_dates_bulk
from second_track.models import (
    DecisionKind,
    NotStartReason,
    Route,
    SecondTrack,
    SecondTrackDecision,
    SecondTrackReport,
    StatementBy,
    TrackOutcome,
    TrackStatus,
)

K = DeadlineKind
EZD = date(2025, 1, 6)  # a Monday: day n is EZD + n - 1
CASE = CaseFacts(sick_periods=(SickPeriod(start=EZD),))
TIMELINE = compute_timeline(CASE)
LATEST = TIMELINE.due("second_track_latest")  # day 364 + 42


def _codes(track: SecondTrackFacts, today: date) -> list[str]:
    return [w.code for w in second_track_warnings(CASE, TIMELINE, track, today)]


def test_latest_start_is_six_weeks_after_week_52():
    assert EZD + timedelta(days=363 + 42) == LATEST
    assert decision_window(CASE) == (EZD + timedelta(days=49), EZD + timedelta(days=363))


def test_report_due_after_start_and_after_each_report():
    start = date(2026, 1, 5)
    milestone = second_track_milestones(
        SecondTrackFacts(decision="start", started_on=start, active=True, active_since=start)
    )["second_track_report"]
    assert milestone.due == start + timedelta(weeks=4)
    assert milestone.rule == "WVP-8"
    later = second_track_milestones(
        SecondTrackFacts(
            decision="start",
            started_on=start,
            active=True,
            active_since=start,
            reports=(date(2026, 2, 2), date(2026, 3, 2)),
            report_interval_weeks=6,
        )
    )
    assert later["second_track_report"].due == date(2026, 3, 2) + timedelta(weeks=6)


def test_no_report_due_without_a_running_trajectory():
    ended = SecondTrackFacts(decision="start", started_on=date(2026, 1, 5), active=False)
    assert second_track_milestones(ended)["second_track_report"].due is None
    assert second_track_milestones(SecondTrackFacts())["second_track_report"].due is None


def test_no_warning_early_in_the_case():
    assert _codes(SecondTrackFacts(), EZD + timedelta(days=100)) == []


def test_decision_due_then_late_without_a_decision():
    week_48 = EZD + timedelta(days=47 * 7)
    assert _codes(SecondTrackFacts(), week_48) == ["decision_due"]
    after_week_52 = EZD + timedelta(days=370)
    assert "decision_late" in _codes(SecondTrackFacts(), after_week_52)


def test_start_late_after_the_latest_date():
    decided = SecondTrackFacts(decision="start", decided_on=EZD + timedelta(days=340))
    assert _codes(decided, LATEST - timedelta(days=10)) == ["start_due"]
    assert _codes(decided, LATEST + timedelta(days=1)) == ["start_late"]
    assert _codes(SecondTrackFacts(), LATEST + timedelta(days=1)) == [
        "decision_late",
        "start_late",
    ]


def test_started_after_the_latest_date_stays_a_finding():
    late = SecondTrackFacts(
        decision="start",
        decided_on=LATEST,
        started_on=LATEST + timedelta(days=3),
        active=True,
        active_since=LATEST + timedelta(days=3),
    )
    assert _codes(late, LATEST + timedelta(days=60)) == ["decision_after_week_52", "started_late"]


def test_timely_start_and_not_start_with_reason_give_no_warning():
    timely = SecondTrackFacts(
        decision="start",
        decided_on=EZD + timedelta(days=300),
        started_on=EZD + timedelta(days=320),
        active=True,
        active_since=EZD + timedelta(days=320),
    )
    assert _codes(timely, LATEST + timedelta(days=30)) == []
    not_start = SecondTrackFacts(
        decision="not_start",
        decided_on=EZD + timedelta(days=300),
        not_start_reason="return_within_3_months",
    )
    assert _codes(not_start, LATEST + timedelta(days=30)) == []


def test_passend_werk_widens_after_26_weeks():
    assert not wider_suitable_work_applies(CASE, EZD + timedelta(days=181))
    assert wider_suitable_work_applies(CASE, EZD + timedelta(days=182))


# --- stored deadlines -------------------------------------------------------------------


def _decide(case, user, **fields) -> SecondTrackDecision:
    defaults = {
        "kind": DecisionKind.START,
        "decided_on": timezone.localdate() - timedelta(days=30),
        "statement_by": StatementBy.LABOUR_EXPERT,
        "statement_date": timezone.localdate() - timedelta(days=35),
        "statement_summary": "Terugkeer in eigen werk is niet waarschijnlijk.",
    }
    defaults.update(fields)
    return SecondTrackDecision.objects.create(case=case, decided_by=user, **defaults)


def _start(case, user, decision, started: date) -> SecondTrack:
    return SecondTrack.objects.create(
        case=case,
        decision=decision,
        assignment_date=started,
        route=Route.BUREAU,
        bureau_name="Werkfit Re-integratie",
        created_by=user,
    )


def _by_kind(case) -> dict[str, Deadline]:
    return {d.kind: d for d in Deadline.objects.filter(case=case)}


@pytest.mark.django_db
def test_started_trajectory_completes_the_latest_start_and_plans_reports(world):
    started = timezone.localdate() - timedelta(days=10)
    deadlines_recompute(case=world.case_a, reason="start")
    before = _by_kind(world.case_a)
    assert before[K.SECOND_TRACK_REPORT].status == DeadlineStatus.NOT_APPLICABLE
    assert before[K.SECOND_TRACK_LATEST].status != DeadlineStatus.DONE

    track = _start(world.case_a, world.hr_a, _decide(world.case_a, world.hr_a), started)
    deadlines_recompute(case=world.case_a, reason="tweede spoor")
    after = _by_kind(world.case_a)
    assert after[K.SECOND_TRACK_LATEST].status == DeadlineStatus.DONE
    assert after[K.SECOND_TRACK_LATEST].completed_on == started
    report = after[K.SECOND_TRACK_REPORT]
    assert report.due_date == started + timedelta(weeks=4)
    assert report.responsible_role == ResponsibleRole.REINTEGRATION_SPECIALIST

    SecondTrackReport.objects.create(
        track=track,
        report_date=started + timedelta(days=7),
        period_start=started,
        period_end=started + timedelta(days=7),
        progress="Intake gehouden, profielen opgesteld.",
        next_steps="Solliciteren op drie vacatures.",
        author=world.specialist,
    )
    deadlines_recompute(case=world.case_a, reason="rapportage")
    moved = Deadline.objects.get(case=world.case_a, kind=K.SECOND_TRACK_REPORT)
    assert moved.due_date == started + timedelta(days=7, weeks=4)
    assert moved.changes.filter(reason="rapportage").exists()


@pytest.mark.django_db
def test_not_start_decision_makes_the_latest_start_not_applicable(world):
    _decide(
        world.case_a,
        world.hr_a,
        kind=DecisionKind.NOT_START,
        statement_by="",
        statement_date=None,
        not_start_reason=NotStartReason.RETURN_WITHIN_3_MONTHS,
        reason_text="Hervat volgens de bedrijfsarts binnen 3 maanden volledig.",
    )
    deadlines_recompute(case=world.case_a, reason="besluit")
    latest = Deadline.objects.get(case=world.case_a, kind=K.SECOND_TRACK_LATEST)
    assert latest.status == DeadlineStatus.NOT_APPLICABLE
    assert "geen tweede spoor" in latest.status_reason
    # "Return within 3 months" holds for 13 weeks: then decide again (stored, reminded).
    decided = SecondTrackDecision.objects.get(case=world.case_a).decided_on
    redecide = Deadline.objects.get(case=world.case_a, kind=K.SECOND_TRACK_REDECISION)
    assert redecide.due_date == decided + timedelta(days=91)
    assert redecide.responsible_role == ResponsibleRole.HR
    assert redecide.status in (DeadlineStatus.OPEN, DeadlineStatus.OVERDUE)


def test_redecision_only_after_a_return_within_3_months_decision():
    decided = date(2026, 1, 10)

    def due(**kwargs):
        facts = SecondTrackFacts(decided_on=decided, **kwargs)
        return second_track_milestones(facts)["second_track_redecision"].due

    assert due(decision="not_start", not_start_reason="return_within_3_months") == date(2026, 4, 11)
    assert due(decision="not_start", not_start_reason="no_work_capacity") is None
    assert due(decision="start") is None


@pytest.mark.django_db
def test_ended_trajectory_has_no_report_due(world):
    started = timezone.localdate() - timedelta(days=60)
    track = _start(world.case_a, world.hr_a, _decide(world.case_a, world.hr_a), started)
    SecondTrack.objects.filter(pk=track.pk).update(
        status=TrackStatus.ENDED,
        outcome=TrackOutcome.NEW_CONTRACT,
        outcome_on=timezone.localdate(),
    )
    deadlines_recompute(case=world.case_a, reason="einde traject")
    report = Deadline.objects.get(case=world.case_a, kind=K.SECOND_TRACK_REPORT)
    assert report.due_date is None and report.status == DeadlineStatus.NOT_APPLICABLE


@pytest.mark.django_db
def test_report_reminder_goes_to_the_specialist_and_hr(world):
    today = timezone.localdate()
    _start(world.case_a, world.hr_a, _decide(world.case_a, world.hr_a), today)
    deadlines_recompute(case=world.case_a, reason="start")
    Deadline.objects.filter(case=world.case_a, kind=K.SECOND_TRACK_REPORT).update(
        due_date=today + timedelta(days=14)
    )
    reminders_send(today=today)
    report = Deadline.objects.get(case=world.case_a, kind=K.SECOND_TRACK_REPORT)
    recipients = set(report.reminders.values_list("recipient", flat=True))
    assert world.specialist.pk in recipients
    assert world.hr_a.pk in recipients or world.case_a.casemanager_id in recipients
    assert world.physician.pk not in recipients


@pytest.mark.django_db
def test_case_timeline_shows_the_start_of_the_second_track(world):
    started = timezone.localdate() - timedelta(days=3)
    _start(world.case_a, world.hr_a, _decide(world.case_a, world.hr_a), started)
    deadlines = deadlines_recompute(case=world.case_a, reason="start")
    markers = {m.key: m for m in timeline_markers(deadlines)}
    assert markers["second_track_started"].due == started
    assert markers["second_track_started"].status == DeadlineStatus.DONE
    assert markers[K.SECOND_TRACK_REPORT].due == started + timedelta(weeks=4)


@pytest.mark.django_db
def test_bulk_dossier_reads_match_single_reads_at_a_fixed_query_count(
    world, django_assert_max_num_queries
):

    today = timezone.localdate()
    decision = _decide(world.case_a, world.hr_a)
    track = _start(world.case_a, world.hr_a, decision, today - timedelta(days=20))
    SecondTrackReport.objects.create(
        track=track,
        report_date=today - timedelta(days=2),
        period_start=today - timedelta(days=20),
        period_end=today - timedelta(days=2),
        progress="Voortgang",
        next_steps="Vervolg",
        author=world.specialist,
    )
    _decide(
        world.case_b,
        world.hr_b,
        kind=DecisionKind.NOT_START,
        statement_by="",
        statement_date=None,
        not_start_reason=NotStartReason.OTHER,
        reason_text="Volledig hersteld in aangepast eigen werk.",
    )
    cases = [world.case_a, world.case_b, world.colleague_case_a]
    ids = [c.pk for c in cases]
    with django_assert_max_num_queries(7):
        dossier, tracks = dossier_dates_bulk(ids), second_track_dates_bulk(ids)
    for case in cases:
        assert dossier[case.pk] == dossier_dates(case)
        assert tracks[case.pk] == second_track_dates(case)
    assert tracks[world.case_a.pk]["reports"] == (today - timedelta(days=2),)
    assert tracks[world.case_b.pk]["decision"] == "not_start"
