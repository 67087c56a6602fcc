"""Service tests: recompute (history, UWV overrides, done/overdue/not applicable)."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import CaseStatus
from deadlines import recompute as services_module
from deadlines import stored_facts as facts_module
from deadlines.models import (
    DEADLINE_KEYS,
    Deadline,
    DeadlineChange,
    DeadlineKind,
    DeadlineStatus,
    ResponsibleRole,
)
from deadlines.poortwachter import LeavePeriod, SickPeriod
from deadlines.services import (
    deadline_complete,
    deadlines_recompute,
    deadlines_recompute_all,
    uwv_date_record,
)
from deadlines.stored_facts import case_facts
from tests.deadlines.helpers import case_from, move_first_sick_day, on

EZD = date(2025, 1, 6)  # reference example 1: a Monday
K = DeadlineKind


def _by_kind(case) -> dict[str, Deadline]:
    return {d.kind: d for d in Deadline.objects.filter(case=case)}


def _no_dossier(monkeypatch, **dates):
    values = {
        "problem_analysis_date": None,
        "action_plan_date": None,
        "evaluations": (),
        "first_year_evaluation_date": None,
    }
    values.update(dates)
    for module in (facts_module, services_module):
        monkeypatch.setattr(module, "stored_facts_read", lambda case: {"dossier": dict(values)})


class _Rel:
    def __init__(self, items):
        self.items = items

    def all(self):
        return list(self.items)


def test_case_facts_reads_periods_leave_and_overrides_without_db(monkeypatch):
    _no_dossier(monkeypatch, evaluations=(date(2025, 3, 1),))
    stated = SimpleNamespace(
        key="wia_application",
        date=date(2026, 12, 1),
        letter_date=date(2026, 9, 1),
        recorded_at=1,
        pk=1,
    )
    older = SimpleNamespace(
        key="wia_application",
        date=date(2026, 11, 1),
        letter_date=date(2026, 8, 1),
        recorded_at=2,
        pk=2,
    )
    case = SimpleNamespace(
        sick_periods=_Rel([SimpleNamespace(start=EZD, end=date(2025, 2, 1))]),
        leave_periods=_Rel(
            [SimpleNamespace(start=date(2025, 2, 2), end=date(2025, 5, 1), same_cause=True)]
        ),
        uwv_dates=_Rel([stated, older]),
    )
    facts = case_facts(case)
    assert facts.sick_periods == (SickPeriod(EZD, date(2025, 2, 1)),)
    assert facts.leave_periods == (LeavePeriod(date(2025, 2, 2), date(2025, 5, 1), True),)
    assert facts.evaluations == (date(2025, 3, 1),)
    assert dict(facts.overrides) == {"wia_application": date(2026, 12, 1)}


def test_case_facts_without_leave_periods(monkeypatch):
    _no_dossier(monkeypatch)
    case = SimpleNamespace(
        sick_periods=_Rel([SimpleNamespace(start=EZD, end=None)]),
        leave_periods=_Rel([]),
        uwv_dates=_Rel([]),
    )
    assert case_facts(case).leave_periods == ()


@pytest.mark.django_db
def test_recompute_creates_one_deadline_per_milestone_with_rule_and_role(monkeypatch):
    _no_dossier(monkeypatch)
    with on(date(2025, 1, 10)):
        case = case_from(EZD)
        result = deadlines_recompute(case=case, reason="test")
    assert [d.kind for d in result] == list(DEADLINE_KEYS)
    deadlines = _by_kind(case)
    pa = deadlines[K.PROBLEM_ANALYSIS]
    assert pa.due_date == date(2025, 2, 16)
    assert pa.rule == "WVP-3" and "[S6]" in pa.source
    assert pa.responsible_role == ResponsibleRole.OCCUPATIONAL_PHYSICIAN
    assert deadlines[K.ACTION_PLAN].responsible_role == ResponsibleRole.HR
    assert deadlines[K.UWV_SICKNESS_REPORT].responsible_role == ResponsibleRole.HR
    assert deadlines[K.WIA_APPLICATION].responsible_role == ResponsibleRole.EMPLOYEE
    assert pa.status == DeadlineStatus.OPEN
    review = deadlines[K.NEXT_PROGRESS_REVIEW]
    assert review.due_date is None
    assert review.status == DeadlineStatus.NOT_APPLICABLE
    assert "plan van aanpak" in review.status_reason
    assert not DeadlineChange.objects.exists()


@pytest.mark.django_db
def test_due_date_move_is_recorded_with_reason_and_actor(monkeypatch, world):
    _no_dossier(monkeypatch)
    with on(date(2025, 1, 10)):
        case = case_from(EZD)
        deadlines_recompute(case=case, reason="eerste berekening")
        move_first_sick_day(case, EZD + timedelta(days=7))
        deadlines_recompute(case=case, reason="Eerste ziektedag gecorrigeerd", actor=world.hr_a)
        deadlines_recompute(case=case, reason="nogmaals, niets verandert")
    change = DeadlineChange.objects.get(deadline__case=case, deadline__kind=K.PROBLEM_ANALYSIS)
    assert (change.old_due, change.new_due) == (date(2025, 2, 16), date(2025, 2, 23))
    assert change.reason == "Eerste ziektedag gecorrigeerd"
    assert change.actor == world.hr_a
    # Every dated milestone moved once; the idempotent third run recorded nothing.
    assert DeadlineChange.objects.filter(deadline__case=case).count() == 10


@pytest.mark.django_db
def test_dossier_steps_mark_done_and_move_following_deadlines(monkeypatch):
    with on(date(2025, 3, 10)):
        case = case_from(EZD)
        _no_dossier(monkeypatch)
        deadlines_recompute(case=case, reason="start")
        _no_dossier(
            monkeypatch,
            problem_analysis_date=date(2025, 2, 10),
            action_plan_date=date(2025, 2, 20),
        )
        deadlines_recompute(case=case, reason="Probleemanalyse en plan van aanpak vastgelegd")
    deadlines = _by_kind(case)
    pa = deadlines[K.PROBLEM_ANALYSIS]
    assert (pa.status, pa.completed_on) == (DeadlineStatus.DONE, date(2025, 2, 10))
    plan = deadlines[K.ACTION_PLAN]
    assert plan.status == DeadlineStatus.DONE
    assert plan.due_date == date(2025, 2, 24)  # PA + 14 days
    review = deadlines[K.NEXT_PROGRESS_REVIEW]
    assert review.due_date == date(2025, 4, 3)  # PvA + 42 days
    assert review.status == DeadlineStatus.OPEN
    change = DeadlineChange.objects.get(deadline=plan)
    assert change.reason == "Probleemanalyse en plan van aanpak vastgelegd"


@pytest.mark.django_db
def test_overdue_when_past_due(monkeypatch):
    _no_dossier(monkeypatch)
    with on(date(2025, 3, 10)):
        case = case_from(EZD)
        deadlines_recompute(case=case, reason="start")
    deadlines = _by_kind(case)
    assert deadlines[K.PROBLEM_ANALYSIS].status == DeadlineStatus.OVERDUE
    assert deadlines[K.ACTION_PLAN].status == DeadlineStatus.OVERDUE
    assert deadlines[K.UWV_SICKNESS_REPORT].status == DeadlineStatus.OPEN


@pytest.mark.django_db
def test_closed_case_makes_open_deadlines_not_applicable(monkeypatch):
    with on(date(2025, 3, 10)):
        case = case_from(EZD)
        _no_dossier(monkeypatch, problem_analysis_date=date(2025, 2, 10))
        deadlines_recompute(case=case, reason="start")
        case.status = CaseStatus.RECOVERED
        case.save()
        deadlines_recompute(case=case, reason="Hersteld gemeld")
    deadlines = _by_kind(case)
    assert deadlines[K.PROBLEM_ANALYSIS].status == DeadlineStatus.DONE
    for kind in (K.ACTION_PLAN, K.UWV_SICKNESS_REPORT, K.WIA_APPLICATION):
        assert deadlines[kind].status == DeadlineStatus.NOT_APPLICABLE
        assert deadlines[kind].status_reason == "Dossier hersteld/gesloten"


@pytest.mark.django_db
def test_uwv_stated_date_overrides_and_latest_letter_wins(monkeypatch, world):
    _no_dossier(monkeypatch)
    case = world.case_a
    deadlines_recompute(case=case, reason="start")
    computed = _by_kind(case)[K.WIA_APPLICATION].due_date
    stated = computed + timedelta(days=20)
    uwv_date_record(
        case=case,
        key=K.WIA_APPLICATION,
        date=stated,
        letter_date=date.today() - timedelta(days=2),
        note="WIA-brief",
        actor=world.hr_a,
    )
    wia = _by_kind(case)[K.WIA_APPLICATION]
    assert (wia.due_date, wia.overridden, wia.computed_date) == (stated, True, computed)
    change = DeadlineChange.objects.get(deadline=wia)
    assert "UWV" in change.reason and change.actor == world.hr_a
    # An older letter recorded later does not win over the newer one.
    uwv_date_record(
        case=case,
        key=K.WIA_APPLICATION,
        date=computed,
        letter_date=date.today() - timedelta(days=30),
        actor=world.hr_a,
    )
    assert _by_kind(case)[K.WIA_APPLICATION].due_date == stated
    # The end of the wachttijd stated by UWV moves the RIV with it.
    end = _by_kind(case)[K.WAITING_PERIOD_END].due_date + timedelta(weeks=13)
    uwv_date_record(
        case=case, key=K.WAITING_PERIOD_END, date=end, letter_date=date.today(), actor=world.hr_a
    )
    assert _by_kind(case)[K.REINTEGRATION_REPORT].due_date == end - timedelta(days=91)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["hr_b", "manager_a", "employee_user_a", "physician"])
def test_uwv_date_record_denied_for_others(monkeypatch, world, who):
    _no_dossier(monkeypatch)
    with pytest.raises(PermissionDenied):
        uwv_date_record(
            case=world.case_a,
            key=K.WIA_APPLICATION,
            date=date.today(),
            letter_date=date.today(),
            actor=getattr(world, who),
        )


@pytest.mark.django_db
def test_uwv_date_record_rejects_keys_uwv_does_not_state(monkeypatch, world):
    _no_dossier(monkeypatch)
    with pytest.raises(ValidationError):
        uwv_date_record(
            case=world.case_a,
            key=K.PROBLEM_ANALYSIS,
            date=date.today(),
            letter_date=date.today(),
            actor=world.hr_a,
        )


@pytest.mark.django_db
def test_manual_completion_survives_recompute(monkeypatch, world):
    _no_dossier(monkeypatch)
    case = world.case_a
    deadlines_recompute(case=case, reason="start")
    melding = _by_kind(case)[K.UWV_SICKNESS_REPORT]
    deadline_complete(
        deadline=melding,
        completed_on=date.today(),
        note="42-weken-melding gedaan via het portaal",
        actor=world.hr_a,
    )
    deadlines_recompute(case=case, reason="weer")
    melding.refresh_from_db()
    assert melding.status == DeadlineStatus.DONE
    assert melding.completed_note == "42-weken-melding gedaan via het portaal"
    assert melding.completed_by == world.hr_a
    with pytest.raises(ValidationError):
        deadline_complete(
            deadline=_by_kind(case)[K.PROBLEM_ANALYSIS],
            completed_on=date.today(),
            note="x",
            actor=world.hr_a,
        )
    with pytest.raises(PermissionDenied):
        deadline_complete(
            deadline=_by_kind(case)[K.WIA_APPLICATION],
            completed_on=date.today(),
            note="x",
            actor=world.hr_b,
        )


@pytest.mark.django_db
def test_recompute_all_matches_single_recompute(monkeypatch, world, django_assert_max_num_queries):
    _no_dossier(monkeypatch)
    # Per batch, not per case: 7 of these read the dossier dates in bulk.
    with django_assert_max_num_queries(19):
        assert deadlines_recompute_all() == 3
    assert Deadline.objects.count() == 3 * len(DEADLINE_KEYS)
    single = {d.kind: d.due_date for d in deadlines_recompute(case=world.case_b, reason="check")}
    assert single == {k: d.due_date for k, d in _by_kind(world.case_b).items()}
    assert not DeadlineChange.objects.exists()


@pytest.mark.django_db
def test_capped_second_track_rule_moves_stored_deadline_with_its_reason(monkeypatch):
    """A deadline stored under the old rule (late EJE + 42 days) moves back on recompute."""
    late_eje = date(2026, 1, 20)  # end of week 52 is 2026-01-04
    _no_dossier(monkeypatch, first_year_evaluation_date=late_eje)
    with on(date(2026, 1, 25)):
        case = case_from(EZD)
        deadlines_recompute(case=case, reason="eerste berekening")
        stored = _by_kind(case)[K.SECOND_TRACK_LATEST]
        assert stored.due_date == date(2026, 2, 15)
        Deadline.objects.filter(pk=stored.pk).update(
            due_date=late_eje + timedelta(days=42), computed_date=late_eje + timedelta(days=42)
        )
        deadlines_recompute(case=case, reason="Dagelijkse herberekening")
    change = DeadlineChange.objects.get(deadline=stored)
    assert (change.old_due, change.new_due) == (date(2026, 3, 3), date(2026, 2, 15))
    assert "te late eerstejaarsevaluatie" in change.reason


def test_recompute_all_writes_nothing_when_nothing_changed(world):
    deadlines_recompute_all()
    before = {d.pk: d.updated_at for d in Deadline.objects.all()}
    # A second run reads (cases, periods, leave, UWV dates, deadlines, the readers' queries)
    # and writes nothing: no UPDATE, no INSERT.
    with CaptureQueriesContext(connection) as captured:
        assert deadlines_recompute_all() == 3
    writes = [
        q["sql"] for q in captured if q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))
    ]
    assert writes == []
    assert {d.pk: d.updated_at for d in Deadline.objects.all()} == before
    assert not DeadlineChange.objects.exists()


@pytest.mark.django_db
def test_recompute_all_reports_progress_per_batch(world):
    seen = []
    assert deadlines_recompute_all(batch_size=2, progress=seen.append) == 3
    assert seen == [2, 3]
