"""A worker's week, summed over every member: slots expanded into dated shifts.

The GE is the only employer, so every working-time limit applies to the sum of a
worker's shifts at all members. ``planned_shifts`` has ``allocation.schedule`` turn the
weekly slots of every assignment into the shifts of each day of a period (inside both
the assignment and its contract, holidays and replacement days left out); the helpers
below group them the way the rules read them.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from typing import NamedTuple

from allocation.calendar import days_off
from allocation.schedule import (
    MINUTES_PER_DAY,
    MINUTES_PER_HOUR,
    Placement,
    Shift,
    expand,
)

from .model import AssignmentFacts, ContractFacts, Snapshot


def placement(assignment: AssignmentFacts, contract: ContractFacts) -> Placement:
    """An assignment as the days its slots may fall on: inside it and its contract."""
    ends = [day for day in (assignment.ends_on, contract.ends_on) if day is not None]
    return Placement(
        id=assignment.id,
        worker_id=contract.worker_id,
        member_id=assignment.member_id,
        first=max(assignment.starts_on, contract.starts_on),
        last=min(ends) if ends else None,
        slots=assignment.slots,
        cycle_weeks=assignment.cycle_weeks,
        anchor=assignment.cycle_anchor or assignment.starts_on,
    )


def placements(snapshot: Snapshot) -> list[Placement]:
    """Every assignment of the snapshot as a placement."""
    contracts = {contract.id: contract for contract in snapshot.contracts}
    return [placement(a, contracts[a.contract_id]) for a in snapshot.assignments]


def planned_shifts(snapshot: Snapshot, start: date, end: date) -> list[Shift]:
    """Every shift worked from ``start`` to ``end`` (public holidays and replacement days
    left out), sorted by worker then time."""
    off = days_off(range(start.year, end.year + 1), snapshot.replacement_days)
    return expand(placements(snapshot), start, end, skip=off)


def by_worker(shifts: Iterable[Shift]) -> dict[int, list[Shift]]:
    grouped: dict[int, list[Shift]] = defaultdict(list)
    for shift in shifts:
        grouped[shift.worker_id].append(shift)
    return grouped


# Day entries that take time off a planned day (training is work, in the planned time).
ABSENCES = frozenset({"paid_leave", "sickness", "small_leave", "unpaid_absence"})


def absent_minutes(snapshot: Snapshot, start: date, end: date) -> dict[tuple[int, int], int]:
    """Minutes of absence recorded per (worker, day ordinal)."""
    absent: dict[tuple[int, int], int] = defaultdict(int)
    for entry in snapshot.day_entries:
        if entry.kind in ABSENCES and start <= entry.day <= end:
            absent[(entry.worker_id, entry.day.toordinal())] += int(entry.hours * 60)
    return absent


def _worked_days(planned: list[Shift], absent: dict[tuple[int, int], int]) -> list[Shift]:
    """The shifts of the days a worker is not absent for all the planned time."""
    planned_by_day: dict[tuple[int, int], int] = defaultdict(int)
    for shift in planned:
        planned_by_day[(shift.worker_id, shift.start // MINUTES_PER_DAY)] += shift.minutes
    return [
        shift
        for shift in planned
        if absent.get(key := (shift.worker_id, shift.start // MINUTES_PER_DAY), 0)
        < planned_by_day[key]
    ]


def worked_minutes_by_day(
    snapshot: Snapshot, shifts: Iterable[Shift], start: date, end: date
) -> dict[tuple[int, int], int]:
    """Minutes worked per (worker, day ordinal): planned shifts less recorded absences,
    plus recorded extra hours."""
    totals: dict[tuple[int, int], int] = defaultdict(int)
    for shift in shifts:
        totals[(shift.worker_id, shift.start // MINUTES_PER_DAY)] += shift.end - shift.start
    for key, minutes in absent_minutes(snapshot, start, end).items():
        if key in totals:
            totals[key] = max(0, totals[key] - minutes)
    for entry in snapshot.day_entries:
        if entry.kind == "extra_hours" and start <= entry.day <= end:
            totals[(entry.worker_id, entry.day.toordinal())] += int(entry.hours * MINUTES_PER_HOUR)
    return totals


def monday_of(ordinal: int) -> int:
    """The ordinal of the Monday of a day's ISO week (ordinal 1, 1 January of year 1, was a
    Monday)."""
    return ordinal - (ordinal - 1) % 7


class Block(NamedTuple):
    """Shifts of one worker that follow each other with gaps shorter than the limit
    (absolute minutes, like ``Shift``)."""

    worker_id: int
    start: int
    end: int
    # Minutes of work in it: its length less the short pauses between its shifts.
    worked: int

    @property
    def day(self) -> date:
        return date.fromordinal(self.start // MINUTES_PER_DAY)


def blocks_where(
    worker_shifts: list[Shift], max_gap: int, breach: Callable[[int], bool]
) -> Iterator[Block]:
    """The blocks of one worker's sorted shifts, joining those separated by fewer than
    ``max_gap`` minutes (or, with a zero gap, those that touch), whose minutes of work
    ``breach``. Only those are built: a year holds tens of thousands of blocks."""
    if not worker_shifts:
        return
    worker_id = worker_shifts[0].worker_id
    start, end = worker_shifts[0].start, worker_shifts[0].end
    worked = end - start
    for shift in worker_shifts[1:]:
        gap = shift.start - end
        if gap < max_gap or (max_gap == 0 and gap == 0):
            worked += max(0, shift.end - max(end, shift.start))
            end = max(end, shift.end)
            continue
        if breach(worked):
            yield Block(worker_id, start, end, worked)
        start, end = shift.start, shift.end
        worked = end - start
    if breach(worked):
        yield Block(worker_id, start, end, worked)


@dataclass(frozen=True)
class WorkingTime:
    """A snapshot's shifts over its period widened to whole ISO weeks, plus a day on each
    side (so weekly totals and the rest before the first day are complete)."""

    start: date
    end: date
    shifts: tuple[Shift, ...]
    minutes_by_day: dict[tuple[int, int], int]

    @classmethod
    def of(cls, snapshot: Snapshot) -> "WorkingTime":
        start = snapshot.start - timedelta(days=snapshot.start.weekday() + 1)
        end = snapshot.end + timedelta(days=7 - snapshot.end.weekday())
        planned = planned_shifts(snapshot, start, end)
        # A day the worker is absent for all its planned time is not worked at all: no
        # rest, overlap or night to check on it.
        absent = absent_minutes(snapshot, start, end)
        shifts = _worked_days(planned, absent) if absent else planned
        return cls(start, end, tuple(shifts), worked_minutes_by_day(snapshot, planned, start, end))

    @cached_property
    def per_worker(self) -> dict[int, list[Shift]]:
        """Each worker's shifts in time order (computed once, shared by the rules)."""
        return by_worker(self.shifts)

    def by_worker(self) -> dict[int, list[Shift]]:
        return self.per_worker

    @cached_property
    def minutes_by_week(self) -> dict[tuple[int, int], int]:
        """Minutes worked per (worker, ordinal of the ISO week's Monday), over every member."""
        weeks: dict[tuple[int, int], int] = defaultdict(int)
        for (worker_id, ordinal), minutes in self.minutes_by_day.items():
            weeks[(worker_id, monday_of(ordinal))] += minutes
        return weeks

    def blocks_where(self, max_gap: int, breach: Callable[[int], bool]) -> Iterator[Block]:
        """Every worker's blocks (see ``blocks_where``) whose length breaches."""
        for shifts in self.per_worker.values():
            yield from blocks_where(shifts, max_gap, breach)
