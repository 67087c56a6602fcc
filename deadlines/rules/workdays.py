"""Workdays under the Algemene termijnenwet (Atw).

The reference (§0.2, §6) rolls only the 42-weken-melding forward to a workday, and moves
reminders back to the last workday before a due date. A workday is a day that is not a
Saturday, a Sunday or one of the Atw holidays (Atw art. 3 [S61]): Nieuwjaarsdag, Goede Vrijdag,
2e Paasdag, Koningsdag, 5 mei (every year, unlike the general Bevrijdingsdag), Hemelvaartsdag,
2e Pinksterdag, 1e and 2e Kerstdag. Sundays (1e Paasdag, 1e Pinksterdag) are never workdays.
"""

from datetime import date, timedelta
from functools import cache

__all__ = ["atw_holidays", "easter_sunday", "is_workday", "next_workday", "previous_workday"]

_ONE_DAY = timedelta(days=1)
_SATURDAY = 5


def easter_sunday(year: int) -> date:
    """Return Western (Gregorian) Easter Sunday of ``year`` (anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_offset = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday_offset) // 451
    month, day = divmod(h + weekday_offset - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _kings_day(year: int) -> tuple[date, str]:
    """Return the day the monarch's birthday is celebrated (Koningsdag / Koninginnedag)."""
    if year >= 2014:
        # Koningsdag: 27 April, or Saturday 26 April when 27 April is a Sunday.
        day = date(year, 4, 27)
        name = "Koningsdag"
    else:
        # Koninginnedag (valid from 1980): 30 April, or Saturday 29 April when it is a Sunday.
        day = date(year, 4, 30)
        name = "Koninginnedag"
    if day.weekday() == 6:
        day -= _ONE_DAY
    return day, name


@cache
def _holidays(year: int) -> tuple[tuple[date, str], ...]:
    easter = easter_sunday(year)
    kings_day, kings_day_name = _kings_day(year)
    days = [
        (date(year, 1, 1), "Nieuwjaarsdag"),
        (easter - timedelta(days=2), "Goede Vrijdag"),
        (easter + timedelta(days=1), "Tweede Paasdag"),
        (kings_day, kings_day_name),
        (date(year, 5, 5), "Bevrijdingsdag"),
        (easter + timedelta(days=39), "Hemelvaartsdag"),
        (easter + timedelta(days=50), "Tweede Pinksterdag"),
        (date(year, 12, 25), "Eerste Kerstdag"),
        (date(year, 12, 26), "Tweede Kerstdag"),
    ]
    # Hemelvaartsdag can fall on 5 May (e.g. 2016): keep one entry with both names.
    merged: dict[date, str] = {}
    for day, name in days:
        merged[day] = f"{merged[day]} / {name}" if day in merged else name
    return tuple(sorted(merged.items()))


@cache
def _holiday_dates(year: int) -> frozenset[date]:
    return frozenset(day for day, _name in _holidays(year))


def atw_holidays(year: int) -> dict[date, str]:
    """Return the Algemene termijnenwet holidays of ``year``, by date, with their Dutch names."""
    return dict(_holidays(year))


def is_workday(d: date) -> bool:
    """Return whether ``d`` is a workday: not a weekend day and not an Atw holiday."""
    return d.weekday() < _SATURDAY and d not in _holiday_dates(d.year)


def next_workday(d: date) -> date:
    """Return the first workday on or after ``d``."""
    while not is_workday(d):
        d += _ONE_DAY
    return d


def previous_workday(d: date) -> date:
    """Return the last workday on or before ``d``."""
    while not is_workday(d):
        d -= _ONE_DAY
    return d
