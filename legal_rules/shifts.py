"""A worker's week, summed over every member: slots expanded into dated shifts.

The GE is the only employer, so every working-time limit applies to the sum of a
worker's shifts at all members. ``planned_shifts`` turns the weekly slots of every
assignment into the shifts of each day of a period (inside both the assignment and
its contract, holidays and replacement days left out); the helpers below group them
the way the rules read them.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from .calendar import days_off, first_on_or_after
from .model import Snapshot

MINUTES_PER_HOUR = 60


@dataclass(frozen=True, order=True)
class Shift:
    worker_id: int
    starts: datetime
    ends: datetime
    member_id: int
    assignment_id: int

    @property
    def day(self) -> date:
        return self.starts.date()

    @property
    def minutes(self) -> int:
        return int((self.ends - self.starts).total_seconds()) // 60


def planned_shifts(snapshot: Snapshot, start: date, end: date) -> list[Shift]:
    """Every planned shift from ``start`` to ``end``, sorted by worker then time."""
    off = days_off(range(start.year, end.year + 1), snapshot.replacement_days)
    contracts = {contract.id: contract for contract in snapshot.contracts}
    shifts = []
    for assignment in snapshot.assignments:
        contract = contracts[assignment.contract_id]
        first = max(start, assignment.starts_on, contract.starts_on)
        last = min(
            end,
            assignment.ends_on or end,
            contract.ends_on or end,
        )
        if first > last:
            continue
        for slot in assignment.slots:
            day = first_on_or_after(first, slot.weekday)
            while day <= last:
                if day not in off:
                    shifts.append(
                        Shift(
                            worker_id=contract.worker_id,
                            starts=datetime.combine(day, slot.starts_at),
                            ends=datetime.combine(day, slot.ends_at),
                            member_id=assignment.member_id,
                            assignment_id=assignment.id,
                        )
                    )
                day += timedelta(days=7)
    shifts.sort()
    return shifts


def by_worker(shifts: Iterable[Shift]) -> dict[int, list[Shift]]:
    grouped: dict[int, list[Shift]] = defaultdict(list)
    for shift in shifts:
        grouped[shift.worker_id].append(shift)
    return grouped


def worked_minutes_by_day(
    snapshot: Snapshot, shifts: Iterable[Shift], start: date, end: date
) -> dict[tuple[int, date], int]:
    """Minutes worked per (worker, day): planned shifts plus recorded extra hours."""
    totals: dict[tuple[int, date], int] = defaultdict(int)
    for shift in shifts:
        totals[(shift.worker_id, shift.day)] += shift.minutes
    for entry in snapshot.day_entries:
        if entry.kind == "extra_hours" and start <= entry.day <= end:
            totals[(entry.worker_id, entry.day)] += int(entry.hours * MINUTES_PER_HOUR)
    return totals


@dataclass(frozen=True)
class Block:
    """Shifts of one worker that follow each other with gaps shorter than the limit."""

    worker_id: int
    starts: datetime
    ends: datetime
    shifts: tuple[Shift, ...]

    @property
    def minutes(self) -> int:
        return int((self.ends - self.starts).total_seconds()) // 60


def blocks(worker_shifts: list[Shift], max_gap: timedelta) -> list[Block]:
    """Group one worker's sorted shifts, joining those separated by less than ``max_gap``
    (or, with a zero gap, those that touch)."""
    grouped: list[list[Shift]] = []
    for shift in worker_shifts:
        if grouped:
            gap = shift.starts - max(s.ends for s in grouped[-1])
            if gap < max_gap or (max_gap == timedelta(0) and gap == timedelta(0)):
                grouped[-1].append(shift)
                continue
        grouped.append([shift])
    return [
        Block(group[0].worker_id, group[0].starts, max(s.ends for s in group), tuple(group))
        for group in grouped
    ]


def hours(minutes: int) -> Decimal:
    return Decimal(minutes) / MINUTES_PER_HOUR


@dataclass(frozen=True)
class WorkingTime:
    """A snapshot's shifts over its period widened to whole ISO weeks, plus a day on each
    side (so weekly totals and the rest before the first day are complete)."""

    start: date
    end: date
    shifts: tuple[Shift, ...]
    minutes_by_day: dict[tuple[int, date], int]

    @classmethod
    def of(cls, snapshot: Snapshot) -> "WorkingTime":
        start = snapshot.start - timedelta(days=snapshot.start.weekday() + 1)
        end = snapshot.end + timedelta(days=7 - snapshot.end.weekday())
        shifts = planned_shifts(snapshot, start, end)
        return cls(start, end, tuple(shifts), worked_minutes_by_day(snapshot, shifts, start, end))

    def by_worker(self) -> dict[int, list[Shift]]:
        return by_worker(self.shifts)


def slot_days(slot_weekdays: Iterable[int], first: date, last: date) -> tuple[date, date] | None:
    """The first and last days from ``first`` to ``last`` that fall on one of the weekdays."""
    weekdays = set(slot_weekdays)
    if not weekdays or first > last:
        return None
    earliest = min(first_on_or_after(first, weekday) for weekday in weekdays)
    latest = max(last - timedelta(days=(last.weekday() - weekday) % 7) for weekday in weekdays)
    return (earliest, latest) if earliest <= latest else None
