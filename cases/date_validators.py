"""Dates checked against reality: plain rules shared by the forms, the services and the API.

Each `validate_*` function raises a Dutch `ValidationError` (keyed by nothing: the caller puts
it on its own field) and takes `today`, so it is testable without a clock or a database.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

#: A first sick day further back than this needs an explicit confirmation (typing errors such
#: as 2204 for 2024 are common; a case that old is past the 104 weeks of wachttijd).
FIRST_SICK_DAY_CONFIRM_YEARS = 2

#: Youngest and oldest plausible employee. From 13 a child may do light work in the Netherlands
#: (Arbeidstijdenbesluit), the same limit the payroll import applies to the date of employment.
MIN_EMPLOYEE_AGE = 13
MAX_EMPLOYEE_AGE = 100


def add_years(day: date, years: int) -> date:
    """Return `day` plus whole `years` (negative: back); 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _fmt(day: date) -> str:
    return f"{day:%d-%m-%Y}"


def first_sick_day_needs_confirmation(day: date, *, today: date | None = None) -> bool:
    """Return whether `day` lies more than two years before `today`."""
    today = today or timezone.localdate()
    return day < add_years(today, -FIRST_SICK_DAY_CONFIRM_YEARS)


def validate_first_sick_day_recent(
    day: date, *, confirmed: bool, today: date | None = None
) -> None:
    """Raise unless `day` lies within two years before `today` or the user confirmed it."""
    if confirmed or not first_sick_day_needs_confirmation(day, today=today):
        return
    raise ValidationError(first_sick_day_long_ago_message(day), code="first_sick_day_long_ago")


def first_sick_day_long_ago_message(day: date) -> str:
    """Return the Dutch message that asks to check and confirm a first sick day long ago."""
    return _(
        "De eerste ziektedag %(date)s ligt meer dan twee jaar terug. Controleer de datum; "
        "klopt hij, bevestig dat dan."
    ) % {"date": _fmt(day)}


def validate_not_in_future(day: date | None, *, label: str, today: date | None = None) -> None:
    """Raise when `day` (a date on which something happened) lies after `today`.

    `label` names the field in the message, e.g. "De datum van het gesprek".
    """
    today = today or timezone.localdate()
    if day is not None and day > today:
        raise ValidationError(
            _("%(label)s kan niet in de toekomst liggen.") % {"label": label},
            code="date_in_future",
        )


def not_in_future_errors(
    dates: dict[str, tuple[date | None, str]], *, today: date | None = None
) -> dict[str, str]:
    """Return a Dutch error per field whose date lies in the future.

    `dates` maps a field name to its value and its label; the result can be raised at once as
    ``ValidationError(errors)`` so that a form shows every mistake.
    """
    errors = {}
    for field, (day, label) in dates.items():
        try:
            validate_not_in_future(day, label=label, today=today)
        except ValidationError as error:
            errors[field] = error.messages[0]
    return errors


def validate_dates_not_in_future(
    dates: dict[str, tuple[date | None, str]], *, today: date | None = None
) -> None:
    """Raise one ValidationError keyed by field for every date of `dates` in the future."""
    errors = not_in_future_errors(dates, today=today)
    if errors:
        raise ValidationError(errors)


def validate_birth_date(day: date, *, today: date | None = None) -> None:
    """Raise unless someone born on `day` is between 13 and 100 years old on `today`."""
    today = today or timezone.localdate()
    youngest = add_years(today, -MIN_EMPLOYEE_AGE)
    too_old = add_years(today, -(MAX_EMPLOYEE_AGE + 1))
    if not too_old < day <= youngest:
        raise ValidationError(
            _(
                "Geboortedatum %(date)s is niet aannemelijk: een werknemer is tussen "
                "%(min)s en %(max)s jaar oud."
            )
            % {"date": _fmt(day), "min": MIN_EMPLOYEE_AGE, "max": MAX_EMPLOYEE_AGE},
            code="implausible_birth_date",
        )
