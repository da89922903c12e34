"""Night shifts in the schedule and the bill: one shift, billed once, on the day it starts.

Worked example, May 2026 (public holidays: Friday 1 May, Thursday 14 May (Ascension),
Monday 25 May (Whit Monday)); a worker planned 20 h a week:

    member A: Monday 22:00-06:00      (8 h, into Tuesday)
    member B: Sunday 22:00-06:00      (8 h, into Monday)
    member C: Friday 14:00-18:00      (4 h)

May 2026 has four Mondays (4, 11, 18, 25), five Sundays (3 … 31) and five Fridays.
- A: the 25th is Whit Monday, so that night is paid absence whole (it starts on the
  holiday): worked 3 x 8 = 24 h.
- B: every Sunday night is worked, 24 May into Whit Monday included (it belongs to
  Sunday), and 31 May into 1 June is May's: worked 5 x 8 = 40 h.
- C: 1 May is a holiday: worked 4 x 4 = 16 h, 4 h of absence.
- paid absence 8 + 4 = 12 h, pro rata the week 8:8:4 -> A 4.8 h, B 4.8 h, C 2.4 h.
- basis A 28.8 h, B 44.8 h, C 18.4 h: 92 h, which is everything planned (32 + 40 + 20).
- 2,000.00 EUR x 28.8/92 = 626.0869…, x 44.8/92 = 973.9130…, x 18.4/92 = 400.00:
  floors 626.08 + 973.91 + 400.00 = 1,999.99; the cent left goes to A (.69 of a cent
  against B's .30): 626.09 + 973.91 + 400.00 = 2,000.00.

April's last Sunday night (26 April) is April's, and June's first Monday night (1 June)
is June's: each night is billed once, in the month of the day it starts.
"""

from datetime import date, time, timedelta
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from allocation.calendar import days_off
from allocation.month import AbsencePolicy, WorkerMonth, member_hours, split_worker
from allocation.schedule import (
    Placement,
    WeeklySlot,
    expand,
    night_minutes,
    overlapping_slots,
)

A, B, C = 1, 2, 3
DAYS_OFF = days_off([2026], {})


def slot(weekday: int, start: str, end: str) -> WeeklySlot:
    return WeeklySlot(weekday, time.fromisoformat(start), time.fromisoformat(end))


NIGHTS = (
    Placement(1, 7, A, date(2026, 1, 1), None, (slot(0, "22:00", "06:00"),)),
    Placement(2, 7, B, date(2026, 1, 1), None, (slot(6, "22:00", "06:00"),)),
    Placement(3, 7, C, date(2026, 1, 1), None, (slot(4, "14:00", "18:00"),)),
)


def month(first: date, last: date, placements: tuple[Placement, ...] = NIGHTS) -> WorkerMonth:
    return WorkerMonth(1, 7, first, last, placements, (), DAYS_OFF)


def test_may_2026_with_night_shifts_to_the_cent() -> None:
    result = split_worker(
        month(date(2026, 5, 1), date(2026, 5, 31)), Decimal("2000.00"), AbsencePolicy.PRO_RATA
    )
    by_member = {m.member_id: m for m in result.members}
    assert [by_member[m].worked / 60 for m in (A, B, C)] == [24, 40, 16]
    assert [by_member[m].paid_absence / 60 for m in (A, B, C)] == [
        Fraction(24, 5),
        Fraction(24, 5),
        Fraction(12, 5),
    ]
    assert sum(m.basis for m in result.members) / 60 == 92
    assert [by_member[m].share for m in (A, B, C)] == [
        Decimal("626.09"),
        Decimal("973.91"),
        Decimal("400.00"),
    ]
    assert sum(m.share for m in result.members) == Decimal("2000.00")
    # 20 working days: the Sunday and Monday nights and the Fridays, holidays left out.
    assert result.days_worked == 3 + 5 + 4


def test_a_night_is_billed_in_the_month_of_the_day_it_starts() -> None:
    shifts = expand(NIGHTS, date(2026, 5, 1), date(2026, 5, 31), skip=DAYS_OFF)
    last = max(shifts, key=lambda s: s.start)
    assert last.day == date(2026, 5, 31) and last.ends.date() == date(2026, 6, 1)
    june, _days = member_hours(month(date(2026, 6, 1), date(2026, 6, 30)), AbsencePolicy.SLOT)
    # June: Mondays 1, 8, 15, 22, 29 (5 nights at A), Sundays 7 … 28 (4 at B).
    assert {h.member_id: h.worked / 60 for h in june}[B] == 32
    assert {h.member_id: h.worked / 60 for h in june}[A] == 40


MINUTES = st.integers(min_value=0, max_value=24 * 60 - 1)


@st.composite
def slots(draw: st.DrawFn) -> WeeklySlot:
    start = draw(MINUTES)
    length = draw(st.integers(min_value=1, max_value=24 * 60 - 1))
    end = (start + length) % (24 * 60)
    return WeeklySlot(
        draw(st.integers(min_value=0, max_value=6)),
        time(start // 60, start % 60),
        time(end // 60, end % 60),
    )


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from([A, B, C]), slots()), min_size=1, max_size=6),
    st.integers(min_value=0, max_value=60),
    st.sampled_from(list(AbsencePolicy)),
    st.integers(min_value=1, max_value=10**7).map(lambda n: Decimal(n) / 100),
)
def test_over_three_months_every_planned_minute_is_billed_once(
    drawn: list[tuple[int, WeeklySlot]], offset: int, policy: AbsencePolicy, cost: Decimal
) -> None:
    """Whatever the slots (across midnight or not), the months' bases add up to every
    minute the schedule plans from April to June (holidays as paid absence), once; and
    each month's shares add up to its cost to the cent."""
    first = date(2026, 4, 1) + timedelta(days=offset)
    placements = tuple(
        Placement(index, 7, member, first, None, (weekly,))
        for index, (member, weekly) in enumerate(drawn)
    )
    months = [
        (date(2026, 4, 1), date(2026, 4, 30)),
        (date(2026, 5, 1), date(2026, 5, 31)),
        (date(2026, 6, 1), date(2026, 6, 30)),
    ]
    billed = Fraction(0)
    for start, end in months:
        hours, _days = member_hours(month(start, end, placements), policy)
        worked = sum((h.worked for h in hours), Fraction(0))
        absent = sum((h.paid_absence for h in hours), Fraction(0))
        billed += worked + (absent if policy is not AbsencePolicy.LOADED_RATE else 0)
        if policy is AbsencePolicy.LOADED_RATE:
            billed += sum(s.minutes for s in expand(placements, start, end) if s.day in DAYS_OFF)
        result = split_worker(month(start, end, placements), cost, policy)
        if result.members:
            assert sum(m.share for m in result.members) == cost
    planned = sum(s.minutes for s in expand(placements, date(2026, 4, 1), date(2026, 6, 30)))
    assert billed == planned


def test_night_minutes_are_those_from_20_00_to_06_00() -> None:
    day = date(2026, 3, 2).toordinal() * 24 * 60
    assert night_minutes(day + 22 * 60, day + 30 * 60) == 8 * 60  # 22:00-06:00
    assert night_minutes(day + 18 * 60, day + 31 * 60) == 10 * 60  # 18:00-07:00
    assert night_minutes(day + 6 * 60, day + 20 * 60) == 0  # 06:00-20:00
    assert night_minutes(day + 5 * 60, day + 7 * 60) == 60  # 05:00-07:00
    assert night_minutes(day + 19 * 60, day + 19 * 60 + 23 * 60 + 59) == 10 * 60


def test_overlapping_slots_wrap_around_midnight_and_the_week() -> None:
    assert overlapping_slots([slot(0, "22:00", "06:00"), slot(1, "05:59", "09:00")])
    assert not overlapping_slots([slot(0, "22:00", "06:00"), slot(1, "06:00", "09:00")])
    assert overlapping_slots([slot(6, "22:00", "06:00"), slot(0, "05:00", "09:00")])
    assert not overlapping_slots([slot(6, "22:00", "06:00"), slot(0, "06:00", "09:00")])
    # A long night covering two shorter slots is caught on the second one too.
    assert overlapping_slots(
        [slot(0, "20:00", "07:00"), slot(0, "21:00", "21:30"), slot(1, "02:00", "03:00")]
    )
    assert not overlapping_slots([slot(0, "09:00", "12:00"), slot(0, "13:00", "16:00")])
