"""Weekly schedules expanded into the dated shifts of a period.

A worker is placed with a member in weekly slots (Monday 09:00-12:30…) from a first day
to a last one. ``expand`` turns those into the shifts of each day of a period. Start and
end are absolute minutes (the day's ordinal times 1,440 plus the minute of the day):
plain integers make a year of shifts cheap to build, sort, subtract and compare.
Billing and the legal rules read the same expansion.
"""

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import NamedTuple

from .calendar import first_on_or_after

MINUTES_PER_HOUR = 60
MINUTES_PER_DAY = 24 * MINUTES_PER_HOUR


def moment(minute: int) -> datetime:
    days, rest = divmod(minute, MINUTES_PER_DAY)
    return datetime.combine(date.fromordinal(days), time(rest // 60, rest % 60))


@dataclass(frozen=True)
class WeeklySlot:
    weekday: int  # 0 = Monday … 6 = Sunday
    starts_at: time
    ends_at: time

    @property
    def minutes(self) -> int:
        return (self.ends_at.hour * 60 + self.ends_at.minute) - (
            self.starts_at.hour * 60 + self.starts_at.minute
        )


@dataclass(frozen=True)
class Placement:
    """A worker's weekly slots at one member, from ``first`` to ``last`` (None: open)."""

    id: int
    worker_id: int
    member_id: int
    first: date
    last: date | None
    slots: tuple[WeeklySlot, ...]

    def active_on(self, day: date) -> bool:
        return self.first <= day and (self.last is None or day <= self.last)

    @property
    def weekly_minutes(self) -> int:
        return sum(slot.minutes for slot in self.slots)


class Shift(NamedTuple):
    """One planned stretch of work; start and end in absolute minutes."""

    worker_id: int
    start: int
    end: int
    member_id: int
    assignment_id: int

    @property
    def day(self) -> date:
        return date.fromordinal(self.start // MINUTES_PER_DAY)

    @property
    def minutes(self) -> int:
        return self.end - self.start

    @property
    def starts(self) -> datetime:
        return moment(self.start)

    @property
    def ends(self) -> datetime:
        return moment(self.end)


def expand(
    placements: Iterable[Placement], start: date, end: date, skip: Collection[date] = ()
) -> list[Shift]:
    """Every shift of the placements from ``start`` to ``end``, but on the ``skip`` days
    (public holidays, replacement days), sorted by worker then time."""
    skipped = {day.toordinal() for day in skip}
    shifts = []
    for placement in placements:
        first = max(start, placement.first)
        last = min(end, placement.last or end)
        if first > last:
            continue
        worker_id, member_id, ident = placement.worker_id, placement.member_id, placement.id
        for slot in placement.slots:
            begins = slot.starts_at.hour * 60 + slot.starts_at.minute
            length = slot.minutes
            for ordinal in range(
                first_on_or_after(first, slot.weekday).toordinal(), last.toordinal() + 1, 7
            ):
                if ordinal not in skipped:
                    at = ordinal * MINUTES_PER_DAY + begins
                    shifts.append(Shift(worker_id, at, at + length, member_id, ident))
    shifts.sort()
    return shifts
