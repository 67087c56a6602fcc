"""Pure rules of the UWV reports of vangnet and ziek-uit-dienst cases: no database.

EZD Monday 2025-01-06 is day 1: the 4th sick day is Thursday 2025-01-09, the end of week 6
(day 42) Sunday 2025-02-16.
"""

from datetime import date, timedelta

import pytest

from cases.periods import InvalidFacts
from deadlines.rules.safety_net import (
    SAFETY_NET_KEYS,
    SITUATIONS,
    SafetyNetFacts,
    safety_net_milestones,
)

D = date.fromisoformat
EZD = D("2025-01-06")
DAY_4 = D("2025-01-09")
END_OF_WEEK_6 = D("2025-02-16")


def _due(situation: str = "", **kwargs) -> dict[str, date | None]:
    facts = SafetyNetFacts(first_sick_day=EZD, situation=situation, **kwargs)
    return {key: m.due for key, m in safety_net_milestones(facts).items()}


def test_the_boundaries_are_day_4_and_day_42_counting_the_ezd_as_day_1():
    assert (DAY_4 - EZD).days + 1 == 4
    assert (END_OF_WEEK_6 - EZD).days + 1 == 42


@pytest.mark.parametrize(
    ("situation", "report", "latest"),
    [
        ("pregnancy_before_leave", END_OF_WEEK_6, None),
        ("pregnancy_flex_period", DAY_4, None),
        ("pregnancy_after_leave", DAY_4, None),
        ("organ_donation", DAY_4, END_OF_WEEK_6),
        ("no_risk_policy", END_OF_WEEK_6, None),
    ],
)
def test_each_situation_has_its_report_day(situation, report, latest):
    due = _due(situation)
    assert due["uwv_safety_net_report"] == report
    assert due["uwv_safety_net_report_latest"] == latest
    assert due["uwv_end_of_employment_report"] is None


def test_each_report_cites_its_source():
    for situation in SITUATIONS:
        facts = SafetyNetFacts(first_sick_day=EZD, situation=situation)
        milestone = safety_net_milestones(facts)["uwv_safety_net_report"]
        assert milestone.rule and milestone.source
        assert "ZW art." in milestone.source
    organ = safety_net_milestones(SafetyNetFacts(first_sick_day=EZD, situation="organ_donation"))
    assert "disagree" in organ["uwv_safety_net_report"].source
    no_risk = safety_net_milestones(SafetyNetFacts(first_sick_day=EZD, situation="no_risk_policy"))
    assert "docs/vangnet-meldingen.md" in no_risk["uwv_safety_net_report"].source


def test_no_situation_no_report():
    assert _due() == dict.fromkeys(SAFETY_NET_KEYS)


@pytest.mark.parametrize(
    ("end", "last_sick_day", "expected"),
    [
        (EZD, None, EZD),  # ends on the first sick day itself
        (D("2025-06-30"), None, D("2025-06-30")),  # still sick
        (D("2025-03-31"), D("2025-03-31"), D("2025-03-31")),  # last workday = last sick day
        (D("2025-04-01"), D("2025-03-31"), None),  # ends the day after recovery: not ill
    ],
)
def test_employment_ending_during_illness_is_reported_on_the_last_workday(
    end, last_sick_day, expected
):
    due = _due(employment_end_date=end, last_sick_day=last_sick_day)
    assert due["uwv_end_of_employment_report"] == expected


def test_invalid_facts_are_refused():
    with pytest.raises(InvalidFacts, match="before the first sick day"):
        SafetyNetFacts(first_sick_day=EZD, employment_end_date=EZD - timedelta(days=1))
    with pytest.raises(InvalidFacts, match="unknown vangnet situation"):
        SafetyNetFacts(first_sick_day=EZD, situation="pregnant")
