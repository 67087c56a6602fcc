"""Pure tests of the poortwachter deadline rules: no database, no Django.

``EXAMPLES`` holds the worked examples of reference §5 with every date the reference gives
for a milestone; ``test_timeline_command`` runs the same examples through the CLI.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

import holidays
import pytest

from deadlines.poortwachter import (
    MILESTONE_KEYS,
    RULES,
    SAMENTELLING_FIT_DAYS,
    CaseFacts,
    InvalidFacts,
    LeavePeriod,
    SickPeriod,
    atw_holidays,
    compute_timeline,
    counted_sick_days,
    current_case_periods,
    date_of_counted_day,
    easter_sunday,
    first_sick_day,
    fit_days_between,
    is_summed,
    is_workday,
    next_workday,
    previous_workday,
    week_of_illness,
)

D = date.fromisoformat


def running(start: str) -> SickPeriod:
    """Return a running sick period from ``start``."""
    return SickPeriod(start=D(start))


def closed(start: str, end: str) -> SickPeriod:
    """Return a sick period from ``start`` to ``end``."""
    return SickPeriod(start=D(start), end=D(end))


@dataclass(frozen=True)
class Example:
    """A worked example of reference §5: facts and the dates the reference states."""

    name: str
    facts: CaseFacts
    first_sick_day: str
    expected: dict[str, str | None] = field(default_factory=dict)


EXAMPLE_1 = CaseFacts(
    sick_periods=(running("2025-01-06"),),
    problem_analysis_date=D("2025-02-13"),
    action_plan_date=D("2025-02-27"),
    first_year_evaluation_date=D("2025-12-18"),
)
PERIOD_1 = closed("2025-03-03", "2025-03-30")  # Examples 5 and 6: 28 sick days
WAZO_LEAVE = ("2025-03-17", "2025-07-06")  # Example 8: 16 weeks of leave
EXAMPLE_8 = CaseFacts(
    sick_periods=(closed("2025-01-06", "2025-03-16"), running("2025-07-07")),
    leave_periods=(LeavePeriod(D(WAZO_LEAVE[0]), D(WAZO_LEAVE[1]), same_cause=True),),
)

EXAMPLES: tuple[Example, ...] = (
    Example(
        "1 baseline, EZD on a Monday",
        EXAMPLE_1,
        "2025-01-06",
        {
            "problem_analysis": "2025-02-16",
            "action_plan": "2025-02-27",
            "next_progress_review": "2025-04-10",
            "uwv_sickness_report": "2025-10-27",
            "first_year_evaluation_window_start": "2025-11-17",
            "first_year_evaluation": "2026-01-04",
            "second_track_latest": "2026-01-29",
            "reintegration_report": "2026-10-04",
            "wia_application": "2026-10-18",
            "waiting_period_end": "2027-01-03",
            "wage_payment_end": "2027-01-03",
        },
    ),
    Example(
        "1 EJE not held: tweede spoor from the last day of the EJE window",
        CaseFacts(sick_periods=(running("2025-01-06"),)),
        "2025-01-06",
        {"second_track_latest": "2026-02-15", "next_progress_review": None},
    ),
    Example(
        "1 EJE on the last day of week 52: still 42 days after it",
        CaseFacts(
            sick_periods=(running("2025-01-06"),), first_year_evaluation_date=D("2026-01-04")
        ),
        "2025-01-06",
        {"first_year_evaluation": "2026-01-04", "second_track_latest": "2026-02-15"},
    ),
    Example(
        "1 late EJE (toets worked example): capped at end of week 52 + 42 days (§7.6)",
        CaseFacts(
            sick_periods=(running("2025-01-06"),), first_year_evaluation_date=D("2026-01-20")
        ),
        "2025-01-06",
        {"first_year_evaluation": "2026-01-04", "second_track_latest": "2026-02-15"},
    ),
    Example(
        "1 EJE one day late: no extra day",
        CaseFacts(
            sick_periods=(running("2025-01-06"),), first_year_evaluation_date=D("2026-01-05")
        ),
        "2025-01-06",
        {"second_track_latest": "2026-02-15"},
    ),
    Example(
        "2 EZD mid-week, no PA yet",
        CaseFacts(sick_periods=(running("2025-03-12"),)),
        "2025-03-12",
        {
            "problem_analysis": "2025-04-22",
            "action_plan": "2025-05-06",
            "uwv_sickness_report": "2025-12-31",
            "first_year_evaluation": "2026-03-10",
            "wia_application": "2026-12-22",
            "waiting_period_end": "2027-03-09",
        },
    ),
    Example(
        "2A early PA",
        CaseFacts(sick_periods=(running("2025-03-12"),), problem_analysis_date=D("2025-03-27")),
        "2025-03-12",
        {"problem_analysis": "2025-04-22", "action_plan": "2025-04-10"},
    ),
    Example(
        "2B late PA (onverwijld)",
        CaseFacts(sick_periods=(running("2025-03-12"),), problem_analysis_date=D("2025-04-30")),
        "2025-03-12",
        {"problem_analysis": "2025-04-22", "action_plan": "2025-05-14"},
    ),
    Example(
        "3 EZD = first workday not worked (Monday)",
        CaseFacts(sick_periods=(running("2025-02-03"),)),
        "2025-02-03",
        {
            "problem_analysis": "2025-03-16",
            "action_plan": "2025-03-30",
            "uwv_sickness_report": "2025-11-24",
            "first_year_evaluation": "2026-02-01",
            "reintegration_report": "2026-11-01",
            "wia_application": "2026-11-15",
            "waiting_period_end": "2027-01-31",
        },
    ),
    Example(
        "3 calendar reading: EZD on the Saturday",
        CaseFacts(sick_periods=(running("2025-02-01"),)),
        "2025-02-01",
        {
            "problem_analysis": "2025-03-14",
            "uwv_sickness_report": "2025-11-24",
            "wia_application": "2026-11-13",
            "waiting_period_end": "2027-01-29",
        },
    ),
    Example(
        "4 42-weken-melding on Christmas",
        CaseFacts(sick_periods=(running("2025-03-06"),)),
        "2025-03-06",
        {
            "problem_analysis": "2025-04-16",
            "action_plan": "2025-04-30",
            "uwv_sickness_report": "2025-12-29",
            "first_year_evaluation": "2026-03-04",
            "wia_application": "2026-12-16",
            "waiting_period_end": "2027-03-03",
        },
    ),
    Example(
        "5 samentelling after 22 fit days",
        CaseFacts(sick_periods=(PERIOD_1, running("2025-04-22"))),
        "2025-03-03",
        {
            "problem_analysis": "2025-05-05",
            "action_plan": "2025-05-19",
            "uwv_sickness_report": "2026-01-13",
            "first_year_evaluation": "2026-03-23",
            "second_track_latest": "2026-05-04",
            "reintegration_report": "2026-12-21",
            "wia_application": "2027-01-04",
            "waiting_period_end": "2027-03-22",
        },
    ),
    Example(
        "6 exactly 28 fit days: new period",
        CaseFacts(sick_periods=(PERIOD_1, running("2025-04-28"))),
        "2025-04-28",
        {
            "problem_analysis": "2025-06-08",
            "action_plan": "2025-06-22",
            "uwv_sickness_report": "2026-02-16",
            "first_year_evaluation": "2026-04-26",
            "wia_application": "2027-02-07",
            "waiting_period_end": "2027-04-25",
        },
    ),
    Example(
        "7 full recovery and relapse after 14 fit days",
        CaseFacts(sick_periods=(closed("2025-06-02", "2025-11-30"), running("2025-12-15"))),
        "2025-06-02",
        {
            "problem_analysis": "2025-07-13",
            "action_plan": "2025-07-27",
            "uwv_sickness_report": "2026-04-07",
            "first_year_evaluation": "2026-06-14",
            "second_track_latest": "2026-07-26",
            "reintegration_report": "2027-03-14",
            "wia_application": "2027-03-28",
            "waiting_period_end": "2027-06-13",
        },
    ),
    Example(
        "8 WAZO leave, same cause: one period",
        EXAMPLE_8,
        "2025-01-06",
        {
            "problem_analysis": "2025-02-16",
            "action_plan": "2025-03-02",
            "uwv_sickness_report": "2026-02-16",
            "first_year_evaluation": "2026-04-26",
            "wia_application": "2027-02-07",
            "waiting_period_end": "2027-04-25",
        },
    ),
    Example(
        "8 WAZO leave, different cause: new period",
        CaseFacts(
            sick_periods=(closed("2025-01-06", "2025-03-16"), running("2025-07-07")),
            leave_periods=(LeavePeriod(D(WAZO_LEAVE[0]), D(WAZO_LEAVE[1]), same_cause=False),),
        ),
        "2025-07-07",
        {
            "problem_analysis": "2025-08-17",
            "action_plan": "2025-08-31",
            "uwv_sickness_report": "2026-04-28",
            "first_year_evaluation": "2026-07-05",
            "wia_application": "2027-04-18",
            "waiting_period_end": "2027-07-04",
        },
    ),
    Example(
        "9 organ donation: WvP as usual",
        CaseFacts(sick_periods=(running("2025-04-01"),)),
        "2025-04-01",
        {
            "problem_analysis": "2025-05-12",
            "action_plan": "2025-05-26",
            "uwv_sickness_report": "2026-01-20",
            "first_year_evaluation": "2026-03-30",
            "wia_application": "2027-01-11",
            "waiting_period_end": "2027-03-29",
        },
    ),
    Example(
        "10a loonsanctie of 52 weeks",
        CaseFacts(sick_periods=(running("2025-01-06"),), wage_sanction_weeks=52),
        "2025-01-06",
        {"waiting_period_end": "2027-01-03", "wage_payment_end": "2028-01-02"},
    ),
    Example(
        "10b regular end without verlenging",
        CaseFacts(sick_periods=(running("2025-10-01"),)),
        "2025-10-01",
        {
            "reintegration_report": "2027-06-29",
            "wia_application": "2027-07-13",
            "waiting_period_end": "2027-09-28",
        },
    ),
    Example(
        "10b vrijwillige verlenging of 26 weeks and a WIA-aanvraag 21 days late",
        CaseFacts(
            sick_periods=(running("2025-10-01"),),
            voluntary_extension_weeks=26,
            wia_application_date=D("2028-02-01"),
        ),
        "2025-10-01",
        {
            "waiting_period_end": "2028-03-28",
            "reintegration_report": "2027-12-28",
            "wia_application": "2028-01-11",
            "wage_payment_end": "2028-04-18",
        },
    ),
)


def iso(value: date | None) -> str | None:
    """Return ``value`` as an ISO string, ``None`` stays ``None``."""
    return None if value is None else value.isoformat()


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: example.name)
def test_worked_example_dates(example: Example) -> None:
    timeline = compute_timeline(example.facts)

    assert timeline.first_sick_day == D(example.first_sick_day)
    actual = {key: iso(timeline.due(key)) for key in example.expected}
    assert actual == example.expected


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: example.name)
def test_timeline_has_exactly_the_eleven_keys_in_order(example: Example) -> None:
    timeline = compute_timeline(example.facts)

    assert tuple(timeline.milestones) == MILESTONE_KEYS
    assert tuple(timeline.as_dict()["milestones"]) == MILESTONE_KEYS
    for key, milestone in timeline.milestones.items():
        assert milestone.key == key
        assert (milestone.rule, milestone.source) == RULES[key]
        assert milestone.rule.startswith("WVP-")
        assert not milestone.overridden
        assert milestone.computed == milestone.due


def test_example_1_counts_weeks_from_the_ezd() -> None:
    # Week 1 = 6-12 Jan 2025; the UWV WIA letter comes after about 88 weeks (day 617).
    assert week_of_illness(EXAMPLE_1, D("2025-01-05")) == 0
    assert week_of_illness(EXAMPLE_1, D("2025-01-06")) == 1
    assert week_of_illness(EXAMPLE_1, D("2025-01-12")) == 1
    assert week_of_illness(EXAMPLE_1, D("2025-01-13")) == 2
    assert date_of_counted_day(EXAMPLE_1, 617) == D("2026-09-14")
    assert date_of_counted_day(EXAMPLE_1, 43) == D("2025-02-17")  # PA outer legal bound


def test_example_5_virtual_ezd_and_counted_days() -> None:
    facts = CaseFacts(sick_periods=(PERIOD_1, running("2025-04-22")))

    assert fit_days_between(D("2025-03-30"), D("2025-04-22")) == 22
    assert counted_sick_days(facts, D("2025-03-30")) == 28
    assert counted_sick_days(facts, D("2025-04-21")) == 28  # fit days are not counted
    assert date_of_counted_day(facts, 29) == D("2025-04-22")  # the relapse is day 29
    # After the relapse, day n falls on virtual EZD + n - 1 (virtual EZD = 3 Mar + 22 days).
    virtual_ezd = D("2025-03-25")
    assert date_of_counted_day(facts, 300) == virtual_ezd + timedelta(days=299)
    # Practical target for the PA that is due on Bevrijdingsdag 2025-05-05 (a Monday).
    assert previous_workday(D("2025-05-05")) == D("2025-05-02")


def test_example_7_relapse_day_and_partial_work() -> None:
    facts = CaseFacts(sick_periods=(closed("2025-06-02", "2025-11-30"), running("2025-12-15")))

    assert counted_sick_days(facts, D("2025-11-30")) == 182
    assert date_of_counted_day(facts, 183) == D("2025-12-15")
    assert date_of_counted_day(facts, 295) == D("2026-04-06")  # 2e Paasdag, moved to the 7th


def test_example_8_leave_days_are_not_counted() -> None:
    facts = EXAMPLE_8

    assert counted_sick_days(facts, D("2025-03-16")) == 70
    assert counted_sick_days(facts, D("2025-07-06")) == 70
    assert date_of_counted_day(facts, 71) == D("2025-07-07")
    assert current_case_periods(facts) == facts.sick_periods
    virtual_ezd = D("2025-01-06") + timedelta(days=112)
    assert virtual_ezd == D("2025-04-28")
    assert date_of_counted_day(facts, 100) == virtual_ezd + timedelta(days=99)


def test_example_8_during_the_leave_projects_counting_after_it() -> None:
    # Before she is back: the last period has an end and a same-cause leave follows it.
    during_leave = CaseFacts(
        sick_periods=(closed("2025-01-06", "2025-03-16"),),
        leave_periods=(LeavePeriod(D(WAZO_LEAVE[0]), D(WAZO_LEAVE[1])),),
    )

    assert compute_timeline(during_leave) == compute_timeline(EXAMPLE_8)


def test_example_9_melding_dates() -> None:
    facts = CaseFacts(sick_periods=(running("2025-04-01"),))

    assert date_of_counted_day(facts, 4) == D("2025-04-04")  # 4th sick day
    assert date_of_counted_day(facts, 42) == D("2025-05-12")  # within 6 weeks


def test_example_10a_override_keeps_the_computed_date() -> None:
    # Bekorting: UWV decides on 2027-05-21, the loonsanctie ends 6 weeks later.
    facts = CaseFacts(
        sick_periods=(running("2025-01-06"),),
        wage_sanction_weeks=52,
        overrides={"wage_payment_end": D("2027-07-02")},
    )

    milestone = compute_timeline(facts).milestones["wage_payment_end"]

    assert milestone.due == D("2027-07-02")
    assert milestone.overridden
    assert milestone.computed == D("2028-01-02")


def test_override_of_waiting_period_end_moves_riv_and_wia() -> None:
    # A UWV verlenging decision states the new end; RIV and WIA-aanvraag follow (WIA art. 25
    # lid 4, art. 64): 10b's dates.
    facts = CaseFacts(
        sick_periods=(running("2025-10-01"),),
        wia_application_date=D("2028-02-01"),
        overrides={"waiting_period_end": D("2028-03-28")},
    )

    timeline = compute_timeline(facts)

    assert timeline.milestones["waiting_period_end"].computed == D("2027-09-28")
    assert timeline.due("reintegration_report") == D("2027-12-28")
    assert timeline.due("wia_application") == D("2028-01-11")
    assert timeline.due("wage_payment_end") == D("2028-04-18")
    assert not timeline.milestones["wia_application"].overridden


def test_override_of_the_wia_deadline_from_the_uwv_letter() -> None:
    facts = CaseFacts(
        sick_periods=(running("2025-01-06"),),
        wia_application_date=D("2026-10-25"),
        overrides={"wia_application": D("2026-10-22")},
    )

    timeline = compute_timeline(facts)

    assert timeline.due("wia_application") == D("2026-10-22")
    assert timeline.milestones["wia_application"].computed == D("2026-10-18")
    assert timeline.due("wage_payment_end") == D("2027-01-06")  # 3 days late


# --- Samentelling: the 27 vs 28 fit days boundary (reference §2.1, Example 6) -------------


def test_samentelling_boundary_27_fit_days_sums_and_28_starts_a_new_case() -> None:
    end = D("2025-03-30")  # first fit day 2025-03-31
    assert SAMENTELLING_FIT_DAYS == 28
    assert fit_days_between(end, D("2025-04-27")) == 27
    assert is_summed(end, D("2025-04-27"))
    assert fit_days_between(end, D("2025-04-28")) == 28
    assert not is_summed(end, D("2025-04-28"))

    summed = CaseFacts(sick_periods=(PERIOD_1, running("2025-04-27")))
    new_case = CaseFacts(sick_periods=(PERIOD_1, running("2025-04-28")))

    assert first_sick_day(summed) == D("2025-03-03")
    assert current_case_periods(summed) == (PERIOD_1, running("2025-04-27"))
    assert date_of_counted_day(summed, 29) == D("2025-04-27")
    # Virtual EZD = 3 Mar + 27 fit days = 30 Mar: day 42 = 10 May, day 728 = 27 Mar 2027.
    assert compute_timeline(summed).due("problem_analysis") == D("2025-05-10")
    assert compute_timeline(summed).due("waiting_period_end") == D("2027-03-27")

    assert first_sick_day(new_case) == D("2025-04-28")
    assert current_case_periods(new_case) == (running("2025-04-28"),)
    assert compute_timeline(new_case).due("problem_analysis") == D("2025-06-08")
    assert compute_timeline(new_case).due("waiting_period_end") == D("2027-04-25")


def test_adjacent_periods_are_summed_with_zero_fit_days() -> None:
    facts = CaseFacts(sick_periods=(closed("2025-01-06", "2025-01-31"), running("2025-02-01")))

    assert fit_days_between(D("2025-01-31"), D("2025-02-01")) == 0
    assert compute_timeline(facts).due("problem_analysis") == D("2025-02-16")


def test_summing_chains_over_several_relapses_and_stops_at_a_long_gap() -> None:
    facts = CaseFacts(
        sick_periods=(
            closed("2024-01-01", "2024-01-10"),  # new case later: 40 fit days follow
            closed("2024-02-20", "2024-02-29"),  # 10 days
            closed("2024-03-10", "2024-03-19"),  # 9 fit days before: 10 days
            running("2024-04-01"),  # 12 fit days before
        )
    )

    assert first_sick_day(facts) == D("2024-02-20")
    assert len(current_case_periods(facts)) == 3
    assert date_of_counted_day(facts, 21) == D("2024-04-01")


def test_the_last_period_continues_even_with_an_end() -> None:
    with_end = CaseFacts(sick_periods=(closed("2025-01-06", "2025-01-20"),))
    without_end = CaseFacts(sick_periods=(running("2025-01-06"),))

    assert compute_timeline(with_end) == compute_timeline(without_end)


def test_periods_are_sorted() -> None:
    facts = CaseFacts(sick_periods=[running("2025-04-22"), PERIOD_1])  # type: ignore[arg-type]

    assert facts.sick_periods == (PERIOD_1, running("2025-04-22"))


# --- WAZO leave (reference §2.3) -----------------------------------------------------------


def test_leave_that_does_not_adjoin_both_periods_is_an_interruption() -> None:
    facts = CaseFacts(
        sick_periods=(closed("2025-01-06", "2025-03-16"), running("2025-07-10")),
        leave_periods=(LeavePeriod(D(WAZO_LEAVE[0]), D(WAZO_LEAVE[1])),),  # 3 fit days after
    )

    assert first_sick_day(facts) == D("2025-07-10")


def test_leave_in_a_short_gap_with_a_different_cause_is_an_interruption() -> None:
    # Without the leave, 10 fit days would be summed; a different-cause leave interrupts.
    sick = (closed("2025-01-06", "2025-01-31"), running("2025-02-11"))
    assert first_sick_day(CaseFacts(sick_periods=sick)) == D("2025-01-06")
    leave = LeavePeriod(D("2025-02-01"), D("2025-02-10"), same_cause=False)

    assert first_sick_day(CaseFacts(sick_periods=sick, leave_periods=(leave,))) == D("2025-02-11")


def test_leave_before_the_first_period_is_ignored() -> None:
    facts = CaseFacts(
        sick_periods=(running("2025-07-07"),),
        leave_periods=(LeavePeriod(D(WAZO_LEAVE[0]), D(WAZO_LEAVE[1])),),
    )

    assert compute_timeline(facts).due("problem_analysis") == D("2025-08-17")


# --- Invalid facts --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: CaseFacts(sick_periods=()), "at least one sick period"),
        (lambda: closed("2025-02-01", "2025-01-31"), "before it starts"),
        (lambda: LeavePeriod(D("2025-02-01"), D("2025-01-31")), "before it starts"),
        (
            lambda: CaseFacts(
                sick_periods=(closed("2025-01-01", "2025-01-10"), running("2025-01-10"))
            ),
            "overlap",
        ),
        (
            lambda: CaseFacts(sick_periods=(running("2025-01-01"), running("2025-02-01"))),
            "has no end",
        ),
        (
            lambda: CaseFacts(
                sick_periods=(running("2025-01-01"),),
                leave_periods=(LeavePeriod(D("2025-02-01"), D("2025-05-01")),),
            ),
            "overlaps sick period",
        ),
        (
            lambda: CaseFacts(
                sick_periods=(running("2025-06-01"),),
                leave_periods=(
                    LeavePeriod(D("2025-01-01"), D("2025-02-01")),
                    LeavePeriod(D("2025-02-01"), D("2025-03-01")),
                ),
            ),
            "leave periods",
        ),
        (
            lambda: CaseFacts(sick_periods=(running("2025-01-01"),), wage_sanction_weeks=-1),
            "non-negative integer",
        ),
        (
            lambda: CaseFacts(
                sick_periods=(running("2025-01-01"),), voluntary_extension_weeks=True
            ),
            "non-negative integer",
        ),
        (
            lambda: CaseFacts(
                sick_periods=(running("2025-01-01"),), overrides={"x": D("2025-01-01")}
            ),
            "unknown milestone",
        ),
        (lambda: SickPeriod(start="2025-01-01"), "must be a date"),  # type: ignore[arg-type]
        (
            lambda: CaseFacts(sick_periods=(running("2025-01-01"),), evaluations=("2025-02-01",)),  # type: ignore[arg-type]
            "must be a date",
        ),
        (lambda: fit_days_between(D("2025-01-10"), D("2025-01-10")), "is not after"),
    ],
)
def test_invalid_facts_raise_one_line_errors(build: Callable[[], object], message: str) -> None:
    with pytest.raises(InvalidFacts, match=message) as excinfo:
        build()

    assert "\n" not in str(excinfo.value)
    assert isinstance(excinfo.value, ValueError)


def test_dates_beyond_the_calendar_raise_invalid_facts() -> None:
    facts = CaseFacts(sick_periods=(running("9999-06-01"),))

    with pytest.raises(InvalidFacts, match="outside the supported calendar"):
        compute_timeline(facts)


def test_counted_day_numbers_start_at_one() -> None:
    with pytest.raises(ValueError, match="start at 1"):
        date_of_counted_day(EXAMPLE_1, 0)


# --- Progress reviews ---------------------------------------------------------------------


def test_next_progress_review_rolls_from_the_latest_talk() -> None:
    facts = CaseFacts(
        sick_periods=(running("2025-01-06"),),
        action_plan_date=D("2025-02-27"),
        evaluations=(D("2025-05-01"), D("2025-04-03")),
    )

    assert compute_timeline(facts).due("next_progress_review") == D("2025-06-12")


def test_next_progress_review_from_evaluations_without_an_action_plan_date() -> None:
    facts = CaseFacts(sick_periods=(running("2025-01-06"),), evaluations=(D("2025-04-03"),))

    assert compute_timeline(facts).due("next_progress_review") == D("2025-05-15")


def test_as_dict_renders_iso_dates_and_null() -> None:
    data = compute_timeline(CaseFacts(sick_periods=(running("2025-01-06"),))).as_dict()

    assert data["first_sick_day"] == "2025-01-06"
    assert data["milestones"]["next_progress_review"] is None
    assert data["milestones"]["problem_analysis"] == "2025-02-16"


# --- Workdays and Algemene termijnenwet holidays ------------------------------------------


@pytest.mark.parametrize(
    ("day", "name"),
    [
        ("2025-01-01", "Nieuwjaarsdag"),
        ("2025-04-18", "Goede Vrijdag"),
        ("2025-04-21", "Tweede Paasdag"),
        ("2025-04-26", "Koningsdag"),  # 27 April 2025 is a Sunday
        ("2025-05-05", "Bevrijdingsdag"),
        ("2025-05-29", "Hemelvaartsdag"),
        ("2025-06-09", "Tweede Pinksterdag"),
        ("2025-12-25", "Eerste Kerstdag"),
        ("2025-12-26", "Tweede Kerstdag"),
        ("2026-04-03", "Goede Vrijdag"),
        ("2026-04-06", "Tweede Paasdag"),
        ("2026-04-27", "Koningsdag"),
        ("2026-05-05", "Bevrijdingsdag"),  # every year under the Atw, not only every 5 years
        ("2027-03-29", "Tweede Paasdag"),
    ],
)
def test_atw_holidays(day: str, name: str) -> None:
    assert atw_holidays(D(day).year)[D(day)] == name
    assert not is_workday(D(day))


def test_each_year_has_the_nine_atw_holidays() -> None:
    for year in range(2000, 2100):
        names = " / ".join(atw_holidays(year).values()).split(" / ")
        assert len(names) == 9, year


def test_hemelvaartsdag_on_bevrijdingsdag_keeps_both_names() -> None:
    assert atw_holidays(2016)[D("2016-05-05")] == "Bevrijdingsdag / Hemelvaartsdag"


def test_koningsdag_2025_is_saturday_26_april_and_27_april_is_not_a_holiday() -> None:
    assert D("2025-04-27").weekday() == 6
    assert D("2025-04-26") in atw_holidays(2025)
    assert D("2025-04-27") not in atw_holidays(2025)
    assert D("2026-04-26") not in atw_holidays(2026)


def test_easter_sunday() -> None:
    assert easter_sunday(2025) == D("2025-04-20")
    assert easter_sunday(2026) == D("2026-04-05")
    assert easter_sunday(2027) == D("2027-03-28")
    assert easter_sunday(2038) == D("2038-04-25")  # latest possible
    assert easter_sunday(2285) == D("2285-03-22")  # earliest possible


def test_holidays_agree_with_the_holidays_package() -> None:
    # The package lists Bevrijdingsdag only in lustrum years and adds the Sundays of Easter
    # and Pentecost; otherwise the two lists must agree.
    for year in range(1990, 2080):
        ours = set(atw_holidays(year)) - {date(year, 5, 5)}
        theirs = {day for day in holidays.NL(years=year) if day.weekday() != 6 or day in ours}
        assert ours == theirs - {date(year, 5, 5)}, year


def test_workdays_around_christmas_2025() -> None:
    assert is_workday(D("2025-12-24"))
    assert not is_workday(D("2025-12-25"))
    assert not is_workday(D("2025-12-26"))
    assert not is_workday(D("2025-12-27"))  # Saturday
    assert next_workday(D("2025-12-25")) == D("2025-12-29")
    assert previous_workday(D("2025-12-28")) == D("2025-12-24")
    assert next_workday(D("2025-12-24")) == D("2025-12-24")
    assert previous_workday(D("2025-12-24")) == D("2025-12-24")


def test_workdays_around_easter_and_kings_day_2026() -> None:
    assert next_workday(D("2026-04-03")) == D("2026-04-07")  # Goede Vrijdag to Tuesday
    assert previous_workday(D("2026-04-06")) == D("2026-04-02")
    assert next_workday(D("2026-04-27")) == D("2026-04-28")
    assert previous_workday(D("2025-04-27")) == D("2025-04-25")  # Sunday, Koningsdag Saturday
