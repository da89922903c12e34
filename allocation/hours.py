"""Hours are ``Decimal`` hours (37.5 is 37 h 30), stored as whole minutes.

An amount of hours typed as a decimal is exact only when it is a whole number of
minutes, which makes it a multiple of 3 minutes (0.05 h): those are the only values
``to_minutes`` accepts and ``from_minutes`` gives back, always with two decimals at
most. Times of day in a schedule are to the minute, so a slot's length is kept as
whole minutes (``slot_minutes``) and only shown as hours.
"""

from datetime import time
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction

from .money import too_large

MINUTES_PER_HOUR = 60
_TWO_PLACES = Decimal("0.01")
# More hours than a lifetime of work: the bound keeps minutes within a 32-bit column.
LARGEST = Decimal(1_000_000)


class HoursError(ValueError):
    """A value that cannot be a number of hours."""


def to_hours(value: Decimal | int | str) -> Decimal:
    """Exact hours; refuses floats and anything that is not a whole number of minutes."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
        raise HoursError(f"refusing {type(value).__name__} {value!r}: use Decimal, int or str")
    try:
        number = Decimal(value)
    except InvalidOperation as error:
        raise HoursError(f"not a number: {value!r}") from error
    if not number.is_finite() or too_large(number, LARGEST):
        raise HoursError(f"out of range: {value!r}")
    # A whole number of minutes has at most two decimals (it is a multiple of 0.05 h);
    # checking that first keeps the multiplication below exact.
    two_places = number.quantize(_TWO_PLACES)
    if number != two_places or (two_places * MINUTES_PER_HOUR) % 1:
        raise HoursError(f"{value!r} hours is not a whole number of minutes")
    return two_places + 0


def to_minutes(value: Decimal | int | str) -> int:
    """Whole minutes of an exact number of hours (storage form)."""
    return int(to_hours(value) * MINUTES_PER_HOUR)


def from_minutes(minutes: int) -> Decimal:
    """The exact hours a stored number of minutes stands for (1125 -> 18.75)."""
    if minutes % 3:
        raise HoursError(f"{minutes} minutes is not an exact decimal number of hours")
    return (Decimal(minutes) / MINUTES_PER_HOUR).quantize(_TWO_PLACES)


def minutes_to_display_hours(minutes: int | Fraction) -> Decimal:
    """Hours to two decimals for showing a length in minutes (20 min -> 0.33), or an
    average of minutes (a cycle's week)."""
    exact = Fraction(minutes)
    hours = Decimal(exact.numerator) / Decimal(exact.denominator) / MINUTES_PER_HOUR
    return hours.quantize(_TWO_PLACES, rounding=ROUND_HALF_UP)


MINUTES_PER_DAY = 24 * MINUTES_PER_HOUR


def slot_minutes(start: time, end: time) -> int:
    """Length in minutes of a slot from ``start`` to ``end``: an end not after the start is
    on the next day (22:00-06:00 is 480 minutes, 09:00-09:00 would be a whole day; the
    schedule refuses that one, see ``allocation.schedule``)."""
    length = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    return length if length > 0 else length + MINUTES_PER_DAY
