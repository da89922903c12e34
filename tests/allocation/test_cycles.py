"""Rotating schedules: a two-week cycle expanded, split and billed to the cent.

Worked example, November 2026. Sunday 1 November (All Saints) is a public holiday on a
Sunday; the GE gives Monday 2 November as its replacement day. Wednesday 11 November
(Armistice) is a public holiday. A worker on a 19 h contract rotates over two weeks,
week 1 being the week of Monday 2 November:

    week 1: member A Monday, Tuesday, Wednesday 09:00-13:00 (12 h)
            member B Thursday 09:00-16:00                  (7 h)
    week 2: member A Monday 09:00-13:00                     (4 h)
            member B Tuesday, Wednesday, Thursday 09:00-14:00 (15 h)

19 h every week, 19 h on average. The weeks of November: 26 Oct-1 Nov is week 2 (only
Sunday 1 is in the month, nothing planned), 2-8 week 1, 9-15 week 2, 16-22 week 1,
23-29 week 2, and Monday 30 is week 1.

- A works Tue 3, Wed 4 (Monday 2 is the replacement day), Mon 9, Mon 16, Tue 17,
  Wed 18, Mon 23 and Mon 30: 8 x 4 = 32 h.
- B works Thu 5, Tue 10, Thu 12 (Wednesday 11 is the holiday), Thu 19, Tue 24, Wed 25,
  Thu 26: 7 + 5 + 5 + 7 + 5 + 5 + 5 = 39 h.
- Paid absence: Monday 2 (A's 4 h, week 1) and Wednesday 11 (B's 5 h, week 2).
- Pro rata the schedule in effect that day, which is that day's cycle week: the 4 h of
  the 2nd by week 1 (A 12, B 7): A 48/19 h, B 28/19 h; the 5 h of the 11th by week 2
  (A 4, B 15): A 20/19 h, B 75/19 h. A 68/19 h, B 103/19 h: 9 h in all.
- Basis A 32 + 68/19 = 676/19 h, B 39 + 103/19 = 844/19 h: 1,520/19 = 80 h, which is
  everything planned in the month (32 + 39 + 4 + 5).
- 2,000.00 EUR x 676/1,520 = 889.4736…, x 844/1,520 = 1,110.5263…: floors 889.47 +
  1,110.52 = 1,999.99; the cent left goes to B (.63 of a cent against A's .37):
  889.47 + 1,110.53 = 2,000.00.
- By the ``slot`` policy, each absence goes to the member whose time it replaces: basis
  A 32 + 4 = 36 h, B 39 + 5 = 44 h; 2,000.00 x 36/80 = 900.00 and x 44/80 = 1,100.00.

Read on one fixed week's schedule (week 1's 12:7 every day), the absences would have
been shared A 108/19 h, B 63/19 h: the cycle week in effect is what DOMAIN.md §5 asks.
"""

from datetime import date, time, timedelta
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from allocation.calendar import days_off
from allocation.costs import belgian_fraction
from allocation.month import AbsencePolicy, Entry, WorkerMonth, member_hours, split_worker
from allocation.schedule import Placement, WeeklySlot, cycle_week, expand, overlaps

A, B = 1, 2
FIRST, LAST = date(2026, 11, 1), date(2026, 11, 30)
ANCHOR = date(2026, 11, 2)
OFF = days_off([2026], {date(2026, 11, 2): date(2026, 11, 1)})


def slot(weekday: int, start: str, end: str, week: int) -> WeeklySlot:
    return WeeklySlot(weekday, time.fromisoformat(start), time.fromisoformat(end), week)


ROTATION = (
    Placement(
        1,
        7,
        A,
        date(2026, 9, 1),
        None,
        (*(slot(d, "09:00", "13:00", 1) for d in (0, 1, 2)), slot(0, "09:00", "13:00", 2)),
        cycle_weeks=2,
        anchor=ANCHOR,
    ),
    Placement(
        2,
        7,
        B,
        date(2026, 9, 1),
        None,
        (slot(3, "09:00", "16:00", 1), *(slot(d, "09:00", "14:00", 2) for d in (1, 2, 3))),
        cycle_weeks=2,
        anchor=ANCHOR,
    ),
)


def hours(minutes: Fraction) -> Fraction:
    return minutes / 60


def test_the_weeks_of_a_cycle_count_from_the_anchor_week_before_it_as_after() -> None:
    assert [cycle_week(ANCHOR + timedelta(days=n), ANCHOR, 2) for n in (0, 6, 7, 13, 14)] == [
        1,
        1,
        2,
        2,
        1,
    ]
    # Sunday 1 November belongs to the week before the anchor's: week 2.
    assert cycle_week(date(2026, 11, 1), ANCHOR, 2) == 2
    # The anchor may be any day of week 1: Thursday 5 November says the same.
    assert cycle_week(date(2026, 11, 30), date(2026, 11, 5), 2) == 1
    assert [cycle_week(ANCHOR + timedelta(weeks=n), ANCHOR, 3) for n in range(-3, 4)] == [
        1,
        2,
        3,
        1,
        2,
        3,
        1,
    ]


def test_the_worked_example_expands_week_one_and_week_two_on_their_days() -> None:
    shifts = expand(ROTATION, FIRST, LAST, skip=OFF)
    days = {member: sorted(s.day.day for s in shifts if s.member_id == member) for member in (A, B)}
    assert days[A] == [3, 4, 9, 16, 17, 18, 23, 30]
    assert days[B] == [5, 10, 12, 19, 24, 25, 26]
    assert sum(s.minutes for s in shifts if s.member_id == A) == 32 * 60
    assert sum(s.minutes for s in shifts if s.member_id == B) == 39 * 60


def test_the_worked_example_splits_to_the_cent_by_the_cycle_week_in_effect() -> None:
    month = WorkerMonth(1, 7, FIRST, LAST, ROTATION, (), OFF)
    by_member, days_worked = member_hours(month, AbsencePolicy.PRO_RATA)
    found = {h.member_id: (hours(h.worked), hours(h.paid_absence)) for h in by_member}
    assert found == {A: (32, Fraction(68, 19)), B: (39, Fraction(103, 19))}
    assert days_worked == 15  # A on 8 days, B on 7, never both on one day
    split = split_worker(month, Decimal("2000.00"), AbsencePolicy.PRO_RATA)
    assert [(m.member_id, m.share) for m in split.members] == [
        (A, Decimal("889.47")),
        (B, Decimal("1110.53")),
    ]
    assert sum(m.basis for m in split.members) == 80 * 60


def test_the_worked_example_by_the_slot_policy() -> None:
    month = WorkerMonth(1, 7, FIRST, LAST, ROTATION, (), OFF)
    split = split_worker(month, Decimal("2000.00"), AbsencePolicy.SLOT)
    assert [(m.member_id, m.basis_hours, m.share) for m in split.members] == [
        (A, 36, Decimal("900.00")),
        (B, 44, Decimal("1100.00")),
    ]


def test_a_contract_starting_mid_month_is_paid_on_the_cycle_it_follows() -> None:
    """From Monday 16 November: the 15 days before read on the cycle continued (week 1
    and week 2 as they fall), the holiday and replacement day planned like any day."""
    fraction = belgian_fraction(ROTATION, FIRST, LAST, date(2026, 11, 16), LAST)
    # Planned 16-30: weeks of 19 h and 19 h, and Monday 30 (week 1) A's 4 h: 42 h; the
    # whole month plans 80 h (1-15: 19 + 19).
    assert fraction == Fraction(42, 80)


def test_the_cycle_of_one_week_is_the_weekly_schedule() -> None:
    weekly = Placement(1, 7, A, FIRST, None, (slot(0, "09:00", "13:00", 1),))
    shifts = expand([weekly], FIRST, LAST)
    assert [s.day.day for s in shifts] == [2, 9, 16, 23, 30]


def test_overlaps_are_within_a_cycle_week_and_across_its_end() -> None:
    # The same hours on Monday of week 1 and of week 2 do not overlap.
    assert list(overlaps([slot(0, "09:00", "13:00", 1), slot(0, "09:00", "13:00", 2)], 2)) == []
    assert list(overlaps([slot(0, "09:00", "13:00", 2), slot(0, "12:00", "14:00", 2)], 2)) == [
        (0, 1)
    ]
    # Week 2's Sunday night runs into week 1's Monday morning (the cycle repeats).
    night = [slot(0, "05:00", "09:00", 1), slot(6, "22:00", "06:00", 2)]
    assert list(overlaps(night, 2)) == [(1, 0)]
    # Week 1's Sunday night meets week 2's Monday, not week 1's.
    assert list(overlaps([slot(0, "05:00", "09:00", 1), slot(6, "22:00", "06:00", 1)], 2)) == []


@settings(max_examples=60, deadline=None)
@given(
    cycle=st.integers(1, 8),
    weekdays=st.lists(st.tuples(st.integers(0, 6), st.integers(1, 8)), min_size=1, max_size=6),
)
def test_a_cycle_expands_every_cycle_weeks_whatever_the_anchor(
    cycle: int, weekdays: list[tuple[int, int]]
) -> None:
    """Each slot of week k falls on its weekday every ``cycle`` weeks, only in weeks whose
    cycle week is k; an anchor moved by whole cycles changes nothing."""
    slots = tuple(
        {(d, min(k, cycle)): slot(d, "09:00", "10:00", min(k, cycle)) for d, k in weekdays}.values()
    )
    anchor = date(2026, 3, 4)
    first, last = date(2026, 1, 1), date(2026, 12, 31)
    placement = Placement(1, 7, A, first, None, slots, cycle_weeks=cycle, anchor=anchor)
    moved = Placement(
        1, 7, A, first, None, slots, cycle_weeks=cycle, anchor=anchor + timedelta(weeks=7 * cycle)
    )
    shifts = expand([placement], first, last)
    assert shifts == expand([moved], first, last)
    for s in shifts:
        week = cycle_week(s.day, anchor, cycle)
        assert any(x.week == week and x.weekday == s.day.weekday() for x in slots)
    expected = sum(
        1
        for n in range((last - first).days + 1)
        for x in slots
        if (day := first + timedelta(days=n)).weekday() == x.weekday
        and cycle_week(day, anchor, cycle) == x.week
    )
    assert len(shifts) == expected


def test_extra_hours_in_a_week_off_go_by_the_whole_cycle() -> None:
    """One week on (A Monday 4 h, B Tuesday 4 h), one week off: 3 h of extra hours named
    at no member on a Saturday of the week off go 1.5 h to each, by the cycle's hours,
    instead of being lost for want of a plan that week."""
    on_off = (
        Placement(1, 7, A, FIRST, None, (slot(0, "09:00", "13:00", 1),), 2, ANCHOR),
        Placement(2, 7, B, FIRST, None, (slot(1, "09:00", "13:00", 1),), 2, ANCHOR),
    )
    saturday_off = date(2026, 11, 14)  # week 2
    assert cycle_week(saturday_off, ANCHOR, 2) == 2
    extra = (Entry(saturday_off, "extra_hours", 180),)
    month = WorkerMonth(1, 7, FIRST, LAST, on_off, extra, frozenset())
    by_member, days_worked = member_hours(month, AbsencePolicy.PRO_RATA)
    # Weeks 1 of November: 2, 16 and 30 (Mondays), 3 and 17 (Tuesdays).
    assert {h.member_id: hours(h.worked) for h in by_member} == {
        A: 3 * 4 + Fraction(3, 2),
        B: 2 * 4 + Fraction(3, 2),
    }
    assert days_worked == 6
