"""The Poortwachtertoets as pure functions: one purpose-built dossier per deficiency.

No database: the RIV content is built by hand and the timeline computed by the pure engine from
the same facts, as `reintegration_report.content.report_content_build` does for a stored case.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest

from deadlines.poortwachter import CaseFacts, SickPeriod, compute_timeline
from reintegration_report.content import (
    DecisionPart,
    EvaluationPart,
    OpinionPart,
    PlanVersionPart,
    ReportContent,
    ReportHeader,
    ReportPart,
    SecondTrackPart,
    StatementPart,
    StudyPart,
    TalkPart,
    TrackPart,
)
from reintegration_report.poortwachtertoets import (
    CheckResult,
    ItemStatus,
    Risk,
    Severity,
    evaluation_gaps,
    poortwachter_check,
)

#: A Monday; counted day n is EZD + n - 1.
EZD = date(2025, 1, 6)


def day(n: int) -> date:
    return EZD + timedelta(days=n - 1)


def moment(d: date) -> datetime:
    return datetime.combine(d, time(10), tzinfo=UTC)


def statement(kind: str, on: date) -> StatementPart:
    return StatementPart(
        pk=1,
        kind=kind,
        kind_label=kind,
        statement_date=on,
        author="Dr. Arts",
        functional_limitations="Niet tillen.",
        possibilities="Licht werk.",
        prognosis="Onzeker.",
        advice="Opbouwen.",
        expected_return="",
        recorded_at=moment(on),
    )


def plan_version(
    number: int, on: date, *, agreed: bool = True, disagreed: str = ""
) -> PlanVersionPart:
    return PlanVersionPart(
        number=number,
        status="agreed" if agreed else ("disagreed" if disagreed else "draft"),
        status_label="Akkoord werknemer"
        if agreed
        else ("Niet akkoord" if disagreed else "Concept"),
        goal="Terugkeer.",
        goal_term="3 maanden",
        evaluation_frequency_weeks=6,
        casemanager="HR",
        employer_view="-",
        employee_view="-",
        activities=(),
        based_on="",
        created_by="HR",
        created_at=moment(on),
        agreed_by="Werknemer" if agreed else "",
        agreed_at=moment(on) if agreed else None,
        content_hash="ab" * 32 if agreed else "",
        employee_comment="",
        disagreement_reason=disagreed,
        disagreed_at=moment(on) if disagreed else None,
    )


def talk(on: date) -> TalkPart:
    return TalkPart(
        held_on=on,
        participants="HR, werknemer",
        activity_progress=(),
        agreements="-",
        employer_view="-",
        employee_view="-",
        next_talk_on=on + timedelta(days=35),
        recorded_by="HR",
        recorded_at=moment(on),
    )


def evaluation(kind: str, on: date) -> EvaluationPart:
    return EvaluationPart(
        kind=kind,
        kind_label=kind,
        held_on=on,
        based_on="",
        look_back="-",
        look_forward="-",
        employer_view="-",
        employee_view="-",
        recorded_by="HR",
        recorded_at=moment(on),
    )


def track(start: date, *, reports: int = 1) -> TrackPart:
    return TrackPart(
        assignment_date=start,
        route_label="Re-integratiebureau",
        provider="Bureau",
        bureau_contact="",
        specialist="",
        employee_choice_label="Akkoord",
        employee_proposed_bureau="",
        employee_proposal_reason="",
        proposal_answer_label="",
        proposal_answer_text="",
        started_on=start,
        contract_start=None,
        contract_end=None,
        report_interval_weeks=4,
        status_label="Lopend",
        outcome_label="",
        outcome_on=None,
        outcome_text="",
        profiles=(),
        activities=(),
        activity_summary=(),
        application_outcomes=(),
        reports=tuple(
            ReportPart(
                report_date=start + timedelta(weeks=4 * (n + 1)),
                period_start=start,
                period_end=start + timedelta(weeks=4 * (n + 1)),
                progress="-",
                next_steps="-",
                employee_cooperation="",
                author="Coach",
                attachment="",
            )
            for n in range(reports)
        ),
        withdrawn_activities=0,
    )


def decision(kind: str, on: date) -> DecisionPart:
    return DecisionPart(
        kind=kind,
        kind_label=kind,
        decided_on=on,
        decided_by="HR",
        statement_by="Arbeidsdeskundige" if kind == "start" else "",
        statement_date=on if kind == "start" else None,
        statement_summary="",
        study_date=None,
        not_start_reason="Concreet uitzicht op terugkeer binnen 3 maanden"
        if kind == "not_start"
        else "",
        reason_text="Volledige terugkeer in eigen werk gepland." if kind == "not_start" else "",
    )


STUDY = StudyPart(
    held_on=day(320),
    expert_name="AD",
    organisation="",
    own_work="Niet mogelijk",
    other_work_own_employer="Niet mogelijk",
    second_track="Geïndiceerd",
    conclusion="Tweede spoor.",
)


#: The dates of the complete, timely dossier.
PA_DAY, EJE_DAY, CA_DAY, FINAL_DAY = day(35), day(330), day(625), day(630)


def content(
    *,
    on: date,
    pa: date | None = PA_DAY,
    revisions: tuple[date, ...] = (),
    plans: tuple[PlanVersionPart, ...] | None = None,
    talks: tuple[date, ...] | None = None,
    eje: date | None = EJE_DAY,
    ca: date | None = CA_DAY,
    final: date | None = FINAL_DAY,
    second_track: SecondTrackPart | None = None,
    opinion: bool = True,
) -> ReportContent:
    """Return a complete, timely dossier unless a part is overridden."""
    plans = plans if plans is not None else (plan_version(1, day(45)),)
    if talks is None:
        talks = tuple(day(n) for n in range(80, 630, 35))
    evaluations = []
    if eje:
        evaluations.append(evaluation("first_year", eje))
    if final:
        evaluations.append(evaluation("final", final))
    if second_track is None:
        second_track = SecondTrackPart(
            studies=(STUDY,),
            decisions=(decision("start", day(335)),),
            tracks=(track(day(345)),),
        )
    statements = []
    if pa:
        statements.append(statement("problem_analysis", pa))
    statements += [statement("problem_analysis_revision", d) for d in revisions]
    agreed = [p for p in plans if p.is_agreed]
    facts = CaseFacts(
        sick_periods=(SickPeriod(start=EZD),),
        problem_analysis_date=pa,
        action_plan_date=agreed[0].agreed_on if agreed else None,
        evaluations=tuple(sorted([*talks, *(e.held_on for e in evaluations)])),
        first_year_evaluation_date=eje,
    )
    timeline = compute_timeline(facts)
    header = ReportHeader(
        case_id=1,
        employee_name="Willem Bakker",
        bsn="111222333",
        date_of_birth=date(1980, 1, 1),
        function_title="Bakker",
        employer_name="Bakkerij",
        payroll_tax_number="123456789L01",
        kvk_number="12345678",
        first_sick_day=EZD,
        week_of_illness=None,
        casemanager="HR",
        occupational_physicians=("Dr. Arts",),
        generated_at=moment(on),
    )
    return ReportContent(
        header=header,
        problem_analyses=tuple(statements),
        capacities=(),
        plan_versions=plans,
        talks=tuple(talk(d) for d in talks),
        evaluations=tuple(evaluations),
        current_assessments=(statement("current_assessment", ca),) if ca else (),
        second_track=second_track,
        opinion=OpinionPart(text="-", author="W", submitted_at=moment(day(632)))
        if opinion
        else None,
        attachments=(),
        deadlines=(),
        timeline=timeline,
    )


#: The day of the export: week 92.
RIV_DAY = day(640)


def check(**overrides) -> CheckResult:
    on = overrides.pop("on", RIV_DAY)
    return poortwachter_check(content(on=on, **overrides), on=on)


# The complete dossier --------------------------------------------------------------------------


def test_complete_timely_dossier_has_low_risk_and_no_findings():
    result = check()
    assert result.risk == Risk.LOW
    assert result.risk_reasons == ()
    statuses = {i.key: i.status for i in result.items}
    assert statuses == {
        "problem_analysis": ItemStatus.PRESENT,
        "problem_analysis_revisions": ItemStatus.NOT_APPLICABLE,
        "action_plan": ItemStatus.PRESENT,
        "action_plan_agreement": ItemStatus.PRESENT,
        "evaluation_rhythm": ItemStatus.PRESENT,
        "first_year_evaluation": ItemStatus.PRESENT,
        "current_assessment": ItemStatus.PRESENT,
        "final_evaluation": ItemStatus.PRESENT,
        "labour_expert_study": ItemStatus.PRESENT,
        "second_track": ItemStatus.PRESENT,
        "second_track_reports": ItemStatus.PRESENT,
        "employee_opinion": ItemStatus.PRESENT,
    }
    assert all(i.reason for i in result.items)


def test_every_item_names_the_rivs_part_it_belongs_to():
    assert all(i.part.startswith("part-") for i in check().items)


# Each deficiency the check must find --------------------------------------------------------------


def test_problem_analysis_after_week_6_is_late():
    item = check(pa=day(50)).item("problem_analysis")
    assert item.status == ItemStatus.LATE
    assert item.severity == Severity.MEDIUM
    assert "16-02-2025" in item.reason  # end of week 6
    assert "24-02-2025" in item.reason


def test_problem_analysis_on_the_last_day_of_week_6_is_on_time():
    assert check(pa=day(42)).item("problem_analysis").status == ItemStatus.PRESENT


def test_missing_problem_analysis_is_a_high_risk():
    result = check(pa=None)
    assert result.item("problem_analysis").status == ItemStatus.MISSING
    assert result.risk == Risk.HIGH


def test_missing_action_plan():
    result = check(plans=())
    item = result.item("action_plan")
    assert item.status == ItemStatus.MISSING
    assert item.severity == Severity.HIGH
    assert result.item("action_plan_agreement").status == ItemStatus.NOT_APPLICABLE


def test_action_plan_agreed_after_its_deadline_is_late():
    item = check(plans=(plan_version(1, day(70)),)).item("action_plan")
    assert item.status == ItemStatus.LATE
    assert item.severity == Severity.MEDIUM


def test_action_plan_never_agreed_by_the_employee():
    plans = (plan_version(1, day(45), agreed=False, disagreed="Te snel opbouwen."),)
    result = check(plans=plans)
    item = result.item("action_plan_agreement")
    assert item.status == ItemStatus.MISSING
    assert item.severity == Severity.HIGH
    assert "Te snel opbouwen." in item.reason
    assert result.risk == Risk.HIGH


def test_latest_revision_without_agreement_is_a_medium_finding():
    plans = (plan_version(1, day(45)), plan_version(2, day(200), agreed=False))
    result = check(plans=plans)
    item = result.item("action_plan_agreement")
    assert (item.status, item.severity) == (ItemStatus.MISSING, Severity.MEDIUM)
    assert "versie 2" in item.reason
    assert result.risk == Risk.MEDIUM


def test_gap_of_more_than_six_weeks_between_talks():
    talks = (day(80), day(115), day(170), day(205), *(day(n) for n in range(240, 630, 35)))
    item = check(talks=talks).item("evaluation_rhythm")
    assert item.status == ItemStatus.LATE
    assert item.severity == Severity.MEDIUM
    assert "55 dagen" in item.reason
    assert "1 keer" in item.reason


def test_gap_of_more_than_a_quarter_is_a_high_risk():
    talks = (day(80), day(200), *(day(n) for n in range(235, 630, 35)))
    result = check(talks=talks)
    assert result.item("evaluation_rhythm").severity == Severity.HIGH
    assert result.risk == Risk.HIGH


def test_the_stretch_since_the_last_evaluation_counts_until_the_check():
    """Week 55, the eerstejaarsevaluatie 50 days ago and nothing since: already a gap."""
    talks = (day(80), day(115), day(150), day(185), day(220), day(255), day(290), day(320))
    result = check(on=day(380), talks=talks, ca=None, final=None, opinion=False)
    item = result.item("evaluation_rhythm")
    assert item.status == ItemStatus.LATE
    assert "01-12-2025 – 20-01-2026: 50 dagen" in item.reason
    assert result.item("final_evaluation").status == ItemStatus.NOT_APPLICABLE


def test_no_tail_gap_after_the_eindevaluatie():
    result = check(on=day(700))
    assert result.item("evaluation_rhythm").status == ItemStatus.PRESENT


def test_missing_first_year_evaluation():
    result = check(eje=None)
    item = result.item("first_year_evaluation")
    assert (item.status, item.severity) == (ItemStatus.MISSING, Severity.HIGH)
    assert result.risk == Risk.HIGH


def test_first_year_evaluation_after_week_52_is_late():
    item = check(eje=day(380)).item("first_year_evaluation")
    assert (item.status, item.severity) == (ItemStatus.LATE, Severity.MEDIUM)


def test_second_track_started_after_the_latest_date():
    # EJE on day 330 (1 December 2025): the second track had to start by 12 January 2026.
    late = SecondTrackPart(
        studies=(STUDY,), decisions=(decision("start", day(380)),), tracks=(track(day(390)),)
    )
    result = check(second_track=late)
    item = result.item("second_track")
    assert (item.status, item.severity) == (ItemStatus.LATE, Severity.HIGH)
    assert "12-01-2026" in item.reason
    assert result.risk == Risk.HIGH


def test_second_track_not_started_without_a_recorded_decision():
    result = check(second_track=SecondTrackPart(studies=(STUDY,)))
    item = result.item("second_track")
    assert (item.status, item.severity) == (ItemStatus.MISSING, Severity.HIGH)
    assert result.risk == Risk.HIGH


def test_second_track_not_started_with_a_recorded_reason_is_not_applicable():
    result = check(
        second_track=SecondTrackPart(studies=(STUDY,), decisions=(decision("not_start", day(340)),))
    )
    item = result.item("second_track")
    assert item.status == ItemStatus.NOT_APPLICABLE
    assert item.severity is None
    assert "Volledige terugkeer in eigen werk gepland." in item.reason
    assert result.item("second_track_reports").status == ItemStatus.NOT_APPLICABLE
    assert result.risk == Risk.LOW


def test_missing_current_assessment():
    result = check(ca=None)
    item = result.item("current_assessment")
    assert (item.status, item.severity) == (ItemStatus.MISSING, Severity.HIGH)


def test_current_assessment_older_than_six_weeks_at_the_wia_deadline():
    # WIA-aanvraag due at day 651; an actueel oordeel of day 600 is 51 days old then.
    result = check(ca=day(600))
    item = result.item("current_assessment")
    assert (item.status, item.severity) == (ItemStatus.LATE, Severity.MEDIUM)
    assert "51 dagen" in item.reason
    assert result.risk == Risk.MEDIUM


def test_missing_final_evaluation():
    result = check(final=None)
    item = result.item("final_evaluation")
    assert (item.status, item.severity) == (ItemStatus.MISSING, Severity.HIGH)
    assert result.risk == Risk.HIGH


def test_final_evaluation_after_week_91_is_late():
    item = check(final=day(645), ca=day(640)).item("final_evaluation")
    assert (item.status, item.severity) == (ItemStatus.LATE, Severity.MEDIUM)


def test_opinion_not_submitted_is_only_informational():
    result = check(opinion=False)
    item = result.item("employee_opinion")
    assert (item.status, item.severity) == (ItemStatus.MISSING, Severity.INFO)
    assert result.risk == Risk.LOW
    assert item in result.findings
    assert item not in result.risk_reasons


def test_missing_labour_expert_study_is_a_light_finding():
    no_study = SecondTrackPart(decisions=(decision("start", day(335)),), tracks=(track(day(345)),))
    result = check(second_track=no_study)
    assert result.item("labour_expert_study").severity == Severity.LOW
    assert result.risk == Risk.LOW


def test_second_track_without_reports():
    no_reports = replace(content(on=RIV_DAY).second_track, tracks=(track(day(345), reports=0),))
    item = check(second_track=no_reports).item("second_track_reports")
    assert (item.status, item.severity) == (ItemStatus.MISSING, Severity.LOW)


# Early in the case: nothing is due yet ---------------------------------------------------------


def test_in_week_4_everything_is_not_applicable_yet():
    result = check(
        on=day(25),
        pa=None,
        plans=(),
        talks=(),
        eje=None,
        ca=None,
        final=None,
        second_track=SecondTrackPart(),
        opinion=False,
    )
    assert result.risk == Risk.LOW
    for key in (
        "problem_analysis",
        "action_plan",
        "evaluation_rhythm",
        "first_year_evaluation",
        "current_assessment",
        "final_evaluation",
        "second_track",
        "labour_expert_study",
    ):
        item = result.item(key)
        assert item.status == ItemStatus.NOT_APPLICABLE, key
        assert item.reason, key


def test_findings_are_ordered_heaviest_first_and_all_explain_themselves():
    result = check(pa=day(50), eje=None, opinion=False)
    severities = [i.severity for i in result.findings]
    assert severities == sorted(severities, key=list(Severity).index)
    assert [i.key for i in result.risk_reasons] == ["first_year_evaluation", "problem_analysis"]
    assert result.risk == Risk.HIGH


@pytest.mark.parametrize(
    ("moments", "until", "expected"),
    [
        ([], None, []),
        ([date(2025, 1, 1), date(2025, 2, 12)], None, []),  # exactly 42 days
        ([date(2025, 1, 1), date(2025, 2, 13)], None, [(date(2025, 1, 1), date(2025, 2, 13), 43)]),
        ([date(2025, 1, 1)], date(2025, 3, 1), [(date(2025, 1, 1), date(2025, 3, 1), 59)]),
        ([date(2025, 1, 1), date(2025, 1, 1)], date(2025, 1, 20), []),
    ],
)
def test_evaluation_gaps(moments, until, expected):
    assert evaluation_gaps(moments, until=until) == expected
