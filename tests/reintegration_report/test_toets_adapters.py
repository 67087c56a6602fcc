"""The database adapter gives the same facts, and so the same findings, as the JSON adapter;
the command follows the contract (stdin JSON -> stdout JSON, bad input exit 2, --case)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from accounts.models import Role
from cases.models import SickPeriod
from deadlines.models import Deadline, DeadlineKind
from deadlines.services import deadlines_recompute
from dossier.models import (
    ActionPlan,
    ActionPlanVersion,
    EmployeeViewSource,
    Evaluation,
    EvaluationKind,
    PhysicianStatement,
    ProgressTalk,
    StatementKind,
    WorkCapacityAssessment,
)
from dossier.models.action_plans import VersionStatus
from reintegration_report.toets.json_facts import dumps_facts, loads_facts
from reintegration_report.toets.rules import toets
from reintegration_report.toets.stored_facts import toets_facts_for_case
from second_track.models import (
    LabourExpertStudy,
    SecondTrack,
    SecondTrackActivity,
    SecondTrackDecision,
)
from tests.factories import CaseFactory, UserFactory
from tests.reintegration_report.test_toets_rules import WORKED_EXAMPLE, WORKED_EXAMPLE_OUTPUT

REPO_ROOT = Path(__file__).resolve().parents[2]
EZD = date(2025, 1, 6)


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 12, 0))


def _statement(case, doctor, kind, day, prognosis="unknown", **extra):
    return PhysicianStatement.objects.create(
        case=case,
        kind=kind,
        statement_date=day,
        author=doctor,
        functional_limitations="-",
        possibilities="-",
        prognosis="-",
        advice="-",
        work_prognosis=prognosis,
        **extra,
    )


def _plan_version(plan, hr, number, day, agreed):
    """A version drawn up on `day`; agreed on `agreed` (stamped after the date, as the
    agreed-version trigger forbids later updates), else not agreed."""
    version = ActionPlanVersion.objects.create(
        plan=plan,
        number=number,
        status=VersionStatus.DRAFT,
        goal="-",
        goal_term="-",
        casemanager="HR",
        employer_view="-",
        employee_view="-",
        created_by=hr,
    )
    ActionPlanVersion.objects.filter(pk=version.pk).update(created_at=_at(day))
    if agreed:
        ActionPlanVersion.objects.filter(pk=version.pk).update(
            status=VersionStatus.AGREED,
            agreed_at=_at(agreed),
            agreed_by=plan.case_employee_user,
            content_hash="x" * 64,
        )
    else:
        ActionPlanVersion.objects.filter(pk=version.pk).update(
            status=VersionStatus.DISAGREED, disagreed_at=_at(day)
        )


def _text(**kwargs):
    return {
        "look_back": "-",
        "look_forward": "-",
        "employer_view": "-",
        "employee_view": "-",
        **kwargs,
    }


def build_case():
    """A week-93 case with a bit of everything the toets reads."""
    hr = UserFactory(role=Role.HR)
    doctor = UserFactory(role=Role.OCCUPATIONAL_PHYSICIAN)
    case = CaseFactory(first_sick_day=EZD, reported_on=EZD, sick_period=False)
    SickPeriod.objects.create(case=case, start=EZD, end=None)
    _statement(case, doctor, StatementKind.PROBLEM_ANALYSIS, date(2025, 2, 13), "return_own_work")
    _statement(
        case,
        doctor,
        StatementKind.PROBLEM_ANALYSIS_REVISION,
        date(2025, 9, 1),
        "no_return_own_employer",
    )
    _statement(
        case,
        doctor,
        StatementKind.CURRENT_ASSESSMENT,
        date(2026, 9, 28),
        medical_information_sent_on=date(2026, 9, 29),
    )
    plan = ActionPlan.objects.create(case=case)
    plan.case_employee_user = UserFactory(role=Role.EMPLOYEE)
    _plan_version(plan, hr, 1, date(2025, 2, 27), date(2025, 2, 28))
    _plan_version(plan, hr, 2, date(2025, 12, 1), None)
    for day in (date(2025, 4, 7), date(2025, 5, 12), date(2025, 8, 18)):
        ProgressTalk.objects.create(
            case=case,
            held_on=day,
            participants="HR",
            agreements="-",
            employer_view="-",
            employee_view="-",
            created_by=hr,
        )
    Evaluation.objects.create(
        case=case,
        kind=EvaluationKind.FIRST_YEAR,
        held_on=date(2026, 1, 20),
        created_by=hr,
        employee_view_source=EmployeeViewSource.ON_BEHALF,
        employee_view_by=hr,
        **_text(),
    )
    WorkCapacityAssessment.objects.create(
        case=case, author=doctor, assessed_on=date(2025, 6, 1), valid_until=date(2025, 12, 1)
    )
    LabourExpertStudy.objects.create(
        case=case,
        held_on=date(2026, 1, 10),
        expert_name="A.D.",
        own_work="not_possible",
        other_work_own_employer="not_likely",
        second_track="indicated",
        conclusion="-",
        created_by=hr,
    )
    decision = SecondTrackDecision.objects.create(
        case=case,
        kind="start",
        decided_on=date(2026, 2, 20),
        statement_by="labour_expert",
        statement_date=date(2026, 1, 10),
        decided_by=hr,
    )
    track = SecondTrack.objects.create(
        case=case,
        decision=decision,
        assignment_date=date(2026, 3, 1),
        route="bureau",
        bureau_name="Werkfit",
        contract_end=date(2026, 8, 31),
        created_by=hr,
    )
    for day in (date(2026, 3, 15), date(2026, 4, 1)):
        SecondTrackActivity.objects.create(
            track=track, kind="application", held_on=day, description="-", created_by=hr
        )
    SecondTrackActivity.objects.create(
        track=track,
        kind="application",
        held_on=date(2026, 7, 1),
        description="-",
        created_by=hr,
        withdrawn_at=_at(date(2026, 7, 2)),
    )
    deadlines_recompute(case=case, reason="test")
    Deadline.objects.filter(case=case, kind=DeadlineKind.UWV_SICKNESS_REPORT).update(
        status="done", completed_on=date(2025, 11, 3), completed_manually=True
    )
    return case


@pytest.mark.django_db
def test_database_and_json_adapters_give_the_same_findings():
    case = build_case()
    on = date(2026, 10, 20)
    stored = toets_facts_for_case(case, on=on)
    exported = loads_facts(dumps_facts(stored))
    assert exported == stored
    from_db, from_json = toets(stored).as_dict(), toets(exported).as_dict()
    assert from_db == from_json
    codes = {(f["code"], f["date"]) for f in from_db["findings"]}
    # What the stored case really holds shows up:
    assert ("plan_not_revised", "2025-09-15") in codes  # version 2 is after the window
    assert ("uwv_sickness_report_late", "2025-10-27") in codes  # marked done 2025-11-03
    assert ("capacity_assessment_outdated", "2026-01-20") in codes
    assert ("second_track_late", "2026-02-15") in codes
    assert ("second_track_contract_ended", "2026-08-31") in codes  # still "Lopend"
    assert ("second_track_activity_gap", "2026-05-27") in codes  # withdrawn activity ignored
    assert ("action_plan_not_agreed", "2025-12-15") in codes
    assert ("final_evaluation_missing", "2026-10-04") in codes
    assert not {c for c, _d in codes} & {
        "medical_information_missing",
        "current_assessment_missing",
        "labour_expert_report_missing",
    }


@pytest.mark.django_db
def test_command_prints_the_same_json_for_a_stored_case():
    case = build_case()
    out = io.StringIO()
    call_command("poortwachtertoets", case_id=str(case.pk), stdout=out)
    expected = toets(toets_facts_for_case(case, on=timezone.localdate())).as_dict()
    assert json.loads(out.getvalue()) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["999999", "abc"])
def test_command_unknown_case_exits_2(value):
    with pytest.raises(CommandError) as error:
        call_command("poortwachtertoets", case_id=value, stdout=io.StringIO())
    assert error.value.returncode == 2


def test_command_worked_example_in_process():
    out = io.StringIO()
    call_command("poortwachtertoets", stdin=io.StringIO(json.dumps(WORKED_EXAMPLE)), stdout=out)
    assert json.loads(out.getvalue()) == WORKED_EXAMPLE_OUTPUT


def _manage_py(text: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", "poortwachtertoets"],
        input=text,
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "reintegratie.settings.test"},
        timeout=120,
        check=False,
    )


def test_command_worked_example_through_manage_py():
    done = _manage_py(json.dumps(WORKED_EXAMPLE))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == WORKED_EXAMPLE_OUTPUT


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        json.dumps({"sick_periods": [{"start": "2025-01-06"}]}),  # no "on"
        json.dumps({**WORKED_EXAMPLE, "on": "2026-13-01"}),
        json.dumps({**WORKED_EXAMPLE, "second_track": {"decision": "maybe"}}),
        json.dumps(
            {**WORKED_EXAMPLE, "sick_periods": [{"start": "2025-01-06", "end": "2024-01-01"}]}
        ),
    ],
)
def test_bad_input_exits_2_with_one_stderr_line(text):
    done = _manage_py(text)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("CommandError: ")
    assert "Traceback" not in done.stderr
