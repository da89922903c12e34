"""Belgian public holidays (from the ``holidays`` package) and a GE's replacement days.

A public holiday, and the replacement day a GE grants for one that falls on a Sunday or
usual day off, is not worked: planned slots on those days are paid absence, not work.
"""

from calendar import monthrange
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

# The clock of a Belgian GE: its jobs run and its pages show times in Brussels.
BRUSSELS = ZoneInfo("Europe/Brussels")


# The days a GE's records can concern. Python's date ends at 9999-12-31, but a month's end,
# a due date or a rule's horizon is computed from a record's days: bounded well inside it,
# every such sum stays a date.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2199, 12, 31)


def now() -> datetime:
    """Now in Brussels, aware: the one clock of the application, whatever the server's
    zone. (Instants stored in the database are UTC: ``app.models.base.utcnow``.)"""
    return datetime.now(BRUSSELS)


def today() -> date:
    """Today in Brussels: the day of an issue date, a default period or an "as of"."""
    return now().date()


# The package also lists Easter Sunday and Whit Sunday, which are Sundays anyway and not
# among the ten legal holidays: a Sunday slot on them stays a Sunday slot.
NOT_LEGAL_HOLIDAYS = frozenset({"Easter Sunday", "Pentecost"})


@lru_cache(maxsize=64)
def public_holidays(year: int) -> Mapping[date, str]:
    """The ten Belgian public holidays of ``year`` with their French names."""
    english = holidays.country_holidays("BE", years=year, language="en_US")
    french = holidays.country_holidays("BE", years=year, language="fr")
    return {day: french[day] for day, name in english.items() if name not in NOT_LEGAL_HOLIDAYS}


def is_public_holiday(day: date) -> bool:
    return day in public_holidays(day.year)


def days_off(years: Iterable[int], replacement_days: Mapping[date, date]) -> frozenset[date]:
    """Public holidays of ``years`` plus the GE's replacement days."""
    off = {day for year in years for day in public_holidays(year)}
    return frozenset(off | set(replacement_days))


def first_on_or_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


# The lengths a reference period may have (months): those that divide a year, so that the
# periods are calendar-aligned (a quarter starts in January, April, July or October).
REFERENCE_PERIOD_MONTHS = (1, 2, 3, 4, 6, 12)


def reference_period(day: date, months: int) -> tuple[date, date]:
    """The first and last day of the calendar-aligned reference period of ``months``
    months that ``day`` falls in (3: the calendar quarter)."""
    if months not in REFERENCE_PERIOD_MONTHS:
        raise ValueError(f"a reference period of {months} months is not calendar-aligned")
    first_month = (day.month - 1) // months * months + 1
    first = date(day.year, first_month, 1)
    last_month = first_month + months - 1
    last = date(day.year, last_month, monthrange(day.year, last_month)[1])
    return first, last


def reference_weeks(day: date, months: int) -> tuple[date, date]:
    """The whole ISO weeks of the reference period ``day``'s week belongs to: a week belongs
    to the period that holds its Thursday (as ISO gives a week to the year of its Thursday).
    Returns the first week's Monday and the last week's Sunday."""
    first, last = reference_period(day + timedelta(days=3 - day.weekday()), months)
    first_thursday = first_on_or_after(first, 3)
    last_thursday = last - timedelta(days=(last.weekday() - 3) % 7)
    return first_thursday - timedelta(days=3), last_thursday + timedelta(days=3)
