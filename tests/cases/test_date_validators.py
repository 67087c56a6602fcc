"""Dates checked against reality: the plain rules the forms, services and API share (no DB)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from cases.date_validators import (
    first_sick_day_needs_confirmation,
    not_in_future_errors,
    validate_birth_date,
    validate_dates_not_in_future,
    validate_first_sick_day_recent,
    validate_not_in_future,
)

TODAY = date(2026, 3, 15)


@pytest.mark.parametrize(
    ("day", "needs"),
    [
        (date(2024, 3, 15), False),  # exactly two years back
        (date(2024, 3, 14), True),
        (date(2020, 1, 1), True),
        (date(2026, 3, 20), False),  # a planned operation, ahead
    ],
)
def test_first_sick_day_more_than_two_years_back_needs_confirmation(day, needs):
    assert first_sick_day_needs_confirmation(day, today=TODAY) is needs


def test_first_sick_day_long_ago_is_refused_in_dutch_unless_confirmed():
    with pytest.raises(ValidationError, match="meer dan twee jaar terug") as caught:
        validate_first_sick_day_recent(date(2023, 1, 9), confirmed=False, today=TODAY)
    assert "09-01-2023" in caught.value.messages[0]
    assert caught.value.code == "first_sick_day_long_ago"
    validate_first_sick_day_recent(date(2023, 1, 9), confirmed=True, today=TODAY)
    validate_first_sick_day_recent(date(2025, 1, 9), confirmed=False, today=TODAY)


def test_two_years_back_from_a_leap_day():
    assert not first_sick_day_needs_confirmation(date(2026, 2, 28), today=date(2028, 2, 29))
    assert first_sick_day_needs_confirmation(date(2026, 2, 27), today=date(2028, 2, 29))


def test_happened_dates_cannot_lie_in_the_future_and_the_message_names_the_field():
    validate_not_in_future(TODAY, label="De datum van het gesprek", today=TODAY)
    validate_not_in_future(None, label="De datum van het gesprek", today=TODAY)
    with pytest.raises(ValidationError) as caught:
        validate_not_in_future(date(2026, 3, 16), label="De datum van het gesprek", today=TODAY)
    assert caught.value.messages == ["De datum van het gesprek kan niet in de toekomst liggen."]


def test_every_future_date_is_reported_at_once_per_field():
    dates = {
        "held_on": (date(2026, 4, 1), "De datum van het gesprek"),
        "sent_on": (date(2026, 3, 1), "De verzenddatum"),
        "other": (date(2027, 1, 1), "De andere datum"),
    }
    assert set(not_in_future_errors(dates, today=TODAY)) == {"held_on", "other"}
    with pytest.raises(ValidationError) as caught:
        validate_dates_not_in_future(dates, today=TODAY)
    assert set(caught.value.message_dict) == {"held_on", "other"}


@pytest.mark.parametrize(
    ("birth", "plausible"),
    [
        (date(2013, 3, 15), True),  # 13 today
        (date(2013, 3, 16), False),  # 12, thirteen tomorrow
        (date(1926, 3, 15), True),  # 100 today
        (date(1925, 3, 16), True),  # 100, 101 tomorrow
        (date(1925, 3, 15), False),  # 101 today
        (date(1880, 2, 1), False),
        (date(2030, 1, 1), False),  # not born yet
    ],
)
def test_birth_date_is_plausible_between_13_and_100_years(birth, plausible):
    if plausible:
        validate_birth_date(birth, today=TODAY)
    else:
        with pytest.raises(ValidationError, match="niet aannemelijk"):
            validate_birth_date(birth, today=TODAY)
