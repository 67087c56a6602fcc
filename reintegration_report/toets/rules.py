"""The Poortwachtertoets rules: :class:`ToetsFacts` -> findings and risk. Pure: no ORM.

Each rule is a row of the findings table of ``docs/domain/poortwachtertoets.md``; thresholds
marked *heuristic* there are the app's own choice (see :mod:`.explanations`).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from deadlines.poortwachter import Timeline, compute_timeline

from .facts import NotStartGround, SecondTrackDecision, SecondTrackStatus, ToetsFacts

__all__ = [
    "ACTIVITY_GAP",
    "PLAN_REVISION_DAYS",
    "PROSPECT_DAYS",
    "SEVERE_TALK_GAP",
    "TALK_GAP",
    "Finding",
    "Risk",
    "Severity",
    "ToetsResult",
    "toets",
]

#: At most 6 weeks between evaluations of the plan van aanpak (reference §1 row 5).
TALK_GAP = timedelta(days=42)
#: A talk gap this long weighs heavily (heuristic: a quarter).
SEVERE_TALK_GAP = timedelta(days=91)
#: A changed prognosis needs a bijgesteld plan within this (heuristic: as for the first plan).
PLAN_REVISION_DAYS = timedelta(days=14)
#: The employee should agree the plan within this (as for drawing it up).
AGREEMENT_DAYS = timedelta(days=14)
#: The Werkwijzer's "concrete prospect of return within about 3 months".
PROSPECT_DAYS = timedelta(days=91)
#: At most 8 weeks without tweede-spoor activity (heuristic).
ACTIVITY_GAP = timedelta(days=56)


class Severity(StrEnum):
    """How much a finding weighs: high and medium raise the risk, low and info do not."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"


class Risk(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


@dataclass(frozen=True, order=True)
class Finding:
    """One finding: what (``code``), how heavy, and the deadline missed or the day it began."""

    code: str
    date: date
    severity: Severity

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "severity": self.severity.value, "date": self.date.isoformat()}


@dataclass(frozen=True)
class ToetsResult:
    on: date
    risk: Risk
    findings: tuple[Finding, ...]
    timeline: Timeline

    def as_dict(self) -> dict[str, object]:
        """Return the command's output: ``{"on", "risk", "findings"}``."""
        return {
            "on": self.on.isoformat(),
            "risk": self.risk.value,
            "findings": [f.as_dict() for f in self.findings],
        }


class _Context:
    """The derived values of the contract: the timeline ``T`` and the ``horizon``."""

    def __init__(self, facts: ToetsFacts) -> None:
        self.facts = facts
        self.on = facts.on
        self.timeline = compute_timeline(facts.timeline_facts())
        candidates = [facts.on, self.t("waiting_period_end")]
        last_end = facts.case.sick_periods[-1].end
        if last_end is not None:
            candidates.append(last_end)
        self.horizon = min(candidates)

    def t(self, key: str) -> date:
        due = self.timeline.due(key)
        assert due is not None, key
        return due

    def is_due(self, key: str) -> bool:
        """A step is due when the horizon is strictly after its deadline."""
        return self.horizon > self.t(key)


def _gaps(points: Sequence[date], limit: timedelta) -> Iterator[tuple[date, date]]:
    """Yield each consecutive step of more than ``limit`` as (from, to)."""
    for before, after in itertools.pairwise(points):
        if after - before > limit:
            yield before, after


def _steps(c: _Context) -> Iterator[Finding]:
    f, h, m, low = c.facts, Severity.HIGH, Severity.MEDIUM, Severity.LOW
    # Probleemanalyse and plan van aanpak (reference §1 rows 3-4).
    for key, held in (
        ("problem_analysis", f.problem_analyses[0].date if f.problem_analyses else None),
        ("action_plan", f.action_plans[0].date if f.action_plans else None),
    ):
        if held is None and c.is_due(key):
            yield Finding(f"{key}_missing", c.t(key), h)
        elif held is not None and held > c.t(key):
            yield Finding(f"{key}_late", c.t(key), m)
    if f.action_plans:
        latest = f.action_plans[-1]
        agree_by = latest.date + AGREEMENT_DAYS
        if latest.employee_agreed_on is None and agree_by < c.on:
            yield Finding("action_plan_not_agreed", agree_by, low)
    # 42-weken-melding (row 6) and eerstejaarsevaluatie (row 7).
    report = f.uwv_sickness_report_date
    if report is None and c.is_due("uwv_sickness_report"):
        yield Finding("uwv_sickness_report_missing", c.t("uwv_sickness_report"), m)
    elif report is not None and report > c.t("uwv_sickness_report"):
        yield Finding("uwv_sickness_report_late", c.t("uwv_sickness_report"), m)
    eje = f.first_year_evaluation_date
    if eje is None and c.is_due("first_year_evaluation"):
        yield Finding("first_year_evaluation_missing", c.t("first_year_evaluation"), h)
    elif eje is not None and eje > c.t("first_year_evaluation"):
        yield Finding("first_year_evaluation_late", c.t("first_year_evaluation"), m)
    elif eje is not None and eje < c.t("first_year_evaluation_window_start"):
        yield Finding("first_year_evaluation_early", c.t("first_year_evaluation_window_start"), low)


def _plan_revisions(c: _Context) -> Iterator[Finding]:
    """A changed prognosis needs a plan van aanpak within 14 days (heuristic)."""
    analyses, plans = c.facts.problem_analyses, c.facts.action_plans
    for before, after in itertools.pairwise(analyses):
        if after.prognosis == before.prognosis:
            continue
        d, by = after.date, after.date + PLAN_REVISION_DAYS
        revised = any(d <= plan.date <= by for plan in plans)
        if not revised and by < c.on:
            yield Finding("plan_not_revised", by, Severity.MEDIUM)


def _talk_gaps(c: _Context) -> Iterator[Finding]:
    """At most 42 days between the plan, the progress talks and the horizon."""
    if not c.facts.action_plans:
        return
    start = c.facts.action_plans[0].date
    talks = [t for t in c.facts.progress_talks if start <= t <= c.horizon]
    for before, after in _gaps([start, *talks, c.horizon], TALK_GAP):
        severe = after - before > SEVERE_TALK_GAP
        yield Finding(
            "progress_talk_gap", before + TALK_GAP, Severity.HIGH if severe else Severity.MEDIUM
        )


def _second_track(c: _Context) -> Iterator[Finding]:
    track, latest = c.facts.second_track, c.t("second_track_latest")
    due = c.is_due("second_track_latest")
    h = Severity.HIGH
    started = track is not None and track.start_date is not None
    if due and (track is None or (track.decision == SecondTrackDecision.START and not started)):
        yield Finding("second_track_missing", latest, h)
    if track is None:
        return
    if track.start_date is not None and track.start_date > latest:
        yield Finding("second_track_late", latest, h)
    if track.decision == SecondTrackDecision.NOT_START and due:
        if track.ground in (None, NotStartGround.OTHER):
            yield Finding("second_track_no_valid_ground", latest, h)
        elif track.ground == NotStartGround.RETURN_WITHIN_3_MONTHS and track.decision_date:
            expires = track.decision_date + PROSPECT_DAYS
            if expires < c.horizon:
                yield Finding("second_track_prospect_expired", expires, h)
    if track.decision == SecondTrackDecision.START and track.start_date is not None:
        last_day = c.horizon if track.end_date is None else min(c.horizon, track.end_date)
        points = [a for a in track.activities if track.start_date <= a <= last_day]
        for before, _after in _gaps([track.start_date, *points, last_day], ACTIVITY_GAP):
            yield Finding("second_track_activity_gap", before + ACTIVITY_GAP, Severity.MEDIUM)
    if (
        track.status == SecondTrackStatus.RUNNING
        and track.end_date is not None
        and track.end_date < c.on
    ):
        yield Finding("second_track_contract_ended", track.end_date, Severity.MEDIUM)


def _assessments(c: _Context) -> Iterator[Finding]:
    f = c.facts
    for checked in sorted(
        {d for d in (f.first_year_evaluation_date, f.current_assessment_date) if d}
    ):
        before = [a for a in f.capacity_assessments if a.date <= checked]
        if not before:
            continue
        newest = max(a.date for a in before)
        # Of several records on that day, the one valid longest counts (None: no end).
        valid = [a.valid_until for a in before if a.date == newest]
        if None not in valid and max(v for v in valid if v) < checked:
            yield Finding("capacity_assessment_outdated", checked, Severity.MEDIUM)


def _report(c: _Context) -> Iterator[Finding]:
    """What goes with the re-integratieverslag (reference §3.5-§3.9, rows 10-13)."""
    f, riv = c.facts, c.t("reintegration_report")
    due = c.is_due("reintegration_report")
    for code, held, severity in (
        ("current_assessment_missing", f.current_assessment_date, Severity.HIGH),
        ("medical_information_missing", f.medical_information_date, Severity.MEDIUM),
        ("final_evaluation_missing", f.final_evaluation_date, Severity.HIGH),
        ("labour_expert_report_missing", f.labour_expert_report_date, Severity.LOW),
        ("employee_opinion_missing", f.employee_opinion_date, Severity.INFO),
    ):
        if held is None and due:
            yield Finding(code, riv, severity)
    final, current = f.final_evaluation_date, f.current_assessment_date
    if final is not None and final > riv:
        yield Finding("final_evaluation_late", riv, Severity.MEDIUM)
    if final is not None and current is not None and current > final:
        yield Finding("current_assessment_after_final_evaluation", final, Severity.MEDIUM)
    wia, wia_due = f.case.wia_application_date, c.t("wia_application")
    if (wia is not None and wia > wia_due) or (wia is None and c.is_due("wia_application")):
        yield Finding("wia_application_late", wia_due, Severity.MEDIUM)


_RULES = (_steps, _plan_revisions, _talk_gaps, _second_track, _assessments, _report)


def toets(facts: ToetsFacts) -> ToetsResult:
    """Return the findings of the Poortwachtertoets on ``facts.on``, sorted by code and date."""
    context = _Context(facts)
    findings = sorted({finding for rule in _RULES for finding in rule(context)})
    severities = {finding.severity for finding in findings}
    if Severity.HIGH in severities:
        risk = Risk.HIGH
    elif Severity.MEDIUM in severities:
        risk = Risk.MEDIUM
    else:
        risk = Risk.LOW
    return ToetsResult(on=facts.on, risk=risk, findings=tuple(findings), timeline=context.timeline)
