"""A month's prestations are the split's own hours, taken apart by day, kind and member.

The worker of test_month.py: A Monday and Tuesday 09:00-13:00, B Wednesday 09:00-13:00
and Thursday 09:00-12:00, C Friday 09:00-13:00; in May 2026 (1, 14 and 25 May are public
holidays) with a replacement day on Tuesday 12 May.
"""

from datetime import date, time
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from allocation.calendar import days_off
from allocation.month import AbsencePolicy, Entry, WorkerMonth, member_hours
from allocation.prestations import Kind, Prestation, prestations, totals
from allocation.schedule import Placement, WeeklySlot

A, B, C = 1, 2, 3
FIRST, LAST = date(2026, 5, 1), date(2026, 5, 31)
REPLACEMENT = date(2026, 5, 12)
OFF = days_off([2026], {REPLACEMENT: date(2026, 8, 15)})


def slot(weekday: int, start: str, end: str) -> WeeklySlot:
    return WeeklySlot(weekday, time.fromisoformat(start), time.fromisoformat(end))


PLACEMENTS = (
    Placement(1, 7, A, FIRST, None, (slot(0, "09:00", "13:00"), slot(1, "09:00", "13:00"))),
    Placement(2, 7, B, FIRST, None, (slot(2, "09:00", "13:00"), slot(3, "09:00", "12:00"))),
    Placement(3, 7, C, FIRST, None, (slot(4, "09:00", "13:00"),)),
)
ENTRIES = (
    Entry(date(2026, 5, 4), "paid_leave", 240, A),
    Entry(date(2026, 5, 6), "sickness", 120, None),
    Entry(date(2026, 5, 6), "extra_hours", 60, B),
    Entry(date(2026, 5, 7), "small_leave", 60, B),
    Entry(date(2026, 5, 8), "training", 180, C),
    Entry(date(2026, 5, 11), "unpaid_absence", 90, A),
    Entry(date(2026, 5, 13), "extra_hours", 30, None),
    Entry(date(2026, 5, 14), "extra_hours", 120, B),  # worked on a public holiday
)


def month(entries: tuple[Entry, ...] = ENTRIES) -> WorkerMonth:
    return WorkerMonth(10, 7, FIRST, LAST, PLACEMENTS, entries, OFF)


def _rows(rows: list[Prestation], day: date) -> dict[tuple[Kind, int], Fraction]:
    return {(r.kind, r.member_id): r.minutes for r in rows if r.day == day}


def test_each_day_says_what_its_hours_were() -> None:
    rows = prestations([month()], {REPLACEMENT})
    assert _rows(rows, date(2026, 5, 1)) == {(Kind.PUBLIC_HOLIDAY, C): 240}
    assert _rows(rows, date(2026, 5, 4)) == {(Kind.PAID_LEAVE, A): 240}
    # Two hours of sickness off B's four, one extra hour there.
    assert _rows(rows, date(2026, 5, 6)) == {
        (Kind.SICKNESS, B): 120,
        (Kind.EXTRA_HOURS, B): 60,
        (Kind.WORKED, B): 120,
    }
    assert _rows(rows, date(2026, 5, 7)) == {(Kind.SMALL_LEAVE, B): 60, (Kind.WORKED, B): 120}
    assert _rows(rows, date(2026, 5, 8)) == {(Kind.TRAINING, C): 180, (Kind.WORKED, C): 60}
    assert _rows(rows, date(2026, 5, 11)) == {(Kind.UNPAID_ABSENCE, A): 90, (Kind.WORKED, A): 150}
    assert _rows(rows, date(2026, 5, 12)) == {(Kind.REPLACEMENT_DAY, A): 240}
    assert _rows(rows, date(2026, 5, 13)) == {(Kind.WORKED, B): 240, (Kind.EXTRA_HOURS, B): 30}
    assert _rows(rows, date(2026, 5, 14)) == {
        (Kind.PUBLIC_HOLIDAY, B): 180,
        (Kind.EXTRA_HOURS, B): 120,
    }
    assert [r.day for r in rows] == sorted(r.day for r in rows)


@pytest.mark.parametrize("policy", [AbsencePolicy.PRO_RATA, AbsencePolicy.SLOT])
def test_a_workers_month_adds_up_to_what_the_split_bills(policy: AbsencePolicy) -> None:
    hours, _days = member_hours(month(), policy)
    (found,) = totals(prestations([month()], {REPLACEMENT})).values()
    assert found.worked == sum(h.worked for h in hours)
    assert found.paid_absence == sum(h.paid_absence for h in hours)
    assert found.unpaid_absence == 90


KINDS = ["paid_leave", "sickness", "small_leave", "training", "unpaid_absence", "extra_hours"]


@given(
    st.lists(
        st.tuples(
            st.integers(1, 31),
            st.sampled_from(KINDS),
            st.integers(1, 16).map(lambda quarters: quarters * 15),
            st.sampled_from([None, A, B, C]),
        ),
        max_size=12,
    )
)
def test_any_entries_add_up_to_the_split(drawn: list[tuple[int, str, int, int | None]]) -> None:
    entries = tuple(Entry(date(2026, 5, d), kind, m, member) for d, kind, m, member in drawn)
    hours, _days = member_hours(month(entries), AbsencePolicy.PRO_RATA)
    rows = prestations([month(entries)], {REPLACEMENT})
    assert all(r.minutes > 0 for r in rows)
    (found,) = totals(rows).values() or [None]
    assert found is not None
    assert found.worked == sum(h.worked for h in hours)
    assert found.paid_absence == sum(h.paid_absence for h in hours)
