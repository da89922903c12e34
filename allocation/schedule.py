"""Weekly schedules expanded into the dated shifts of a period.

A worker is placed with a member in weekly slots (Monday 09:00-12:30…) from a first day
to a last one. ``expand`` turns those into the shifts of each day of a period. Start and
end are absolute minutes (the day's ordinal times 1,440 plus the minute of the day):
plain integers make a year of shifts cheap to build, sort, subtract and compare.
Billing and the legal rules read the same expansion.

A schedule may rotate over a cycle of 1 to 8 weeks (week 1 at one member, week 2 at
another; a variable part-time regime averages its hours over the cycle). Each slot then
belongs to one week of the cycle, counted from the Monday of the cycle's anchor date:
the week of a day is ``(weeks since that Monday) mod length + 1``, before the anchor as
after it. A plain weekly schedule is a cycle of one week.

A slot whose end is not after its start ends the next day: Monday 22:00-06:00 is one
shift from Monday 22:00 to Tuesday 06:00, 8 hours long. A start equal to the end is
refused (it would be a slot of no length or of a whole day: a typing slip either way),
so a slot lasts from one minute to 23 h 59. Such a shift belongs, whole, to the day it
starts (DOMAIN.md §5): it is expanded on that day (and left out when that day is a
public holiday: it is then paid absence), its hours count in that day's total, that
day's ISO week and that day's month; it is billed once, with that day. Only the rules
that are about the hours themselves (night, Sunday, a public holiday reached after
midnight, rest, overlaps) read where its minutes fall.
"""

from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from .calendar import first_on_or_after
from .hours import MINUTES_PER_DAY as MINUTES_PER_DAY
from .hours import MINUTES_PER_HOUR as MINUTES_PER_HOUR
from .hours import slot_minutes

MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY
LONGEST_CYCLE = 8  # weeks
# Night work is work from 20:00 to 06:00 (loi du 16 mars 1971, art. 35): 06:00 is day.
NIGHT_ENDS = 6 * MINUTES_PER_HOUR
NIGHT_STARTS = 20 * MINUTES_PER_HOUR


def moment(minute: int) -> datetime:
    days, rest = divmod(minute, MINUTES_PER_DAY)
    return datetime.combine(date.fromordinal(days), time(rest // 60, rest % 60))


@dataclass(frozen=True)
class WeeklySlot:
    weekday: int  # 0 = Monday … 6 = Sunday
    starts_at: time
    ends_at: time
    week: int = 1  # its week in the schedule's cycle: 1 … the cycle's length

    @property
    def minutes(self) -> int:
        """Its length: up to the next day's end when the end is not after the start."""
        return slot_minutes(self.starts_at, self.ends_at)

    @property
    def begins(self) -> int:
        """Its start in minutes from midnight of its weekday."""
        return self.starts_at.hour * MINUTES_PER_HOUR + self.starts_at.minute

    @property
    def crosses_midnight(self) -> bool:
        return self.begins + self.minutes > MINUTES_PER_DAY

    @property
    def in_cycle(self) -> tuple[int, int]:
        """Start and end in minutes from the cycle's first Monday 00:00 (the end may pass
        the next week's Monday)."""
        start = ((self.week - 1) * 7 + self.weekday) * MINUTES_PER_DAY + self.begins
        return start, start + self.minutes


def overlaps(slots: Sequence[WeeklySlot], cycle_weeks: int = 1) -> Iterator[tuple[int, int]]:
    """The overlaps of one schedule repeating every ``cycle_weeks`` weeks, as (earlier,
    later) indexes into ``slots``: each slot that starts before an earlier-starting one
    has ended, paired with the one of those that ends last (so each slot is named once),
    slots running past midnight included, and what runs past the cycle's last Sunday
    midnight against its first slot (the cycle repeats). Slots starting together keep
    the order of ``slots``."""
    spans = sorted((slot.in_cycle, index) for index, slot in enumerate(slots))
    if not spans:
        return
    (first_start, latest_end), first = spans[0]
    latest = first
    for (start, end), index in spans[1:]:
        if start < latest_end:
            yield latest, index
        if end > latest_end:
            latest_end, latest = end, index
    if latest != first and first_start + cycle_weeks * MINUTES_PER_WEEK < latest_end:
        yield latest, first


def overlapping_slots(
    slots: Iterable[WeeklySlot], cycle_weeks: int = 1
) -> tuple[WeeklySlot, WeeklySlot] | None:
    """Two slots of one schedule that overlap (``overlaps``' first), if any."""
    listed = list(slots)
    pair = next(overlaps(listed, cycle_weeks), None)
    return None if pair is None else (listed[pair[0]], listed[pair[1]])


def cycle_week(day: date, anchor: date, cycle_weeks: int) -> int:
    """The week of a cycle of ``cycle_weeks`` weeks, counted from the Monday of
    ``anchor``, that ``day`` falls in: 1 … ``cycle_weeks``."""
    # Ordinal 1 (1 January of year 1) was a Monday: (ordinal - 1) // 7 numbers the weeks.
    weeks = (day.toordinal() - 1) // 7 - (anchor.toordinal() - 1) // 7
    return weeks % cycle_weeks + 1


def night_minutes(start: int, end: int) -> int:
    """Minutes from ``start`` to ``end`` (absolute minutes) between 20:00 and 06:00."""
    total = 0
    for day in range(start // MINUTES_PER_DAY - 1, (end - 1) // MINUTES_PER_DAY + 1):
        night_start = day * MINUTES_PER_DAY + NIGHT_STARTS
        night_end = (day + 1) * MINUTES_PER_DAY + NIGHT_ENDS
        total += max(0, min(end, night_end) - max(start, night_start))
    return total


def same_cycle(weeks: int, anchor: date, other_weeks: int, other_anchor: date) -> bool:
    """Whether two cycles are one: the same length, and week 1 on the same weeks."""
    return weeks == other_weeks and (weeks == 1 or cycle_week(anchor, other_anchor, weeks) == 1)


@dataclass(frozen=True)
class Placement:
    """A worker's slots at one member, from ``first`` to ``last`` (None: open), repeating
    every ``cycle_weeks`` weeks from the Monday of ``anchor`` (None: of ``first``)."""

    id: int
    worker_id: int
    member_id: int
    first: date
    last: date | None
    slots: tuple[WeeklySlot, ...]
    cycle_weeks: int = 1
    anchor: date | None = None

    def active_on(self, day: date) -> bool:
        return self.first <= day and (self.last is None or day <= self.last)

    def week_on(self, day: date) -> int:
        """The week of the cycle in effect on ``day`` (1 for a plain weekly schedule)."""
        return cycle_week(day, self.anchor or self.first, self.cycle_weeks)

    def minutes_in_week(self, week: int) -> int:
        """Planned minutes in one week of the cycle."""
        return sum(slot.minutes for slot in self.slots if slot.week == week)

    def minutes_on(self, day: date) -> int:
        """Planned minutes of the slots that fall on ``day``'s weekday in its cycle week
        (whether or not the placement runs that day)."""
        week, weekday = self.week_on(day), day.weekday()
        return sum(s.minutes for s in self.slots if s.week == week and s.weekday == weekday)

    def days_of(self, week: int, weekday: int, first: date, last: date) -> range:
        """The ordinals of the days from ``first`` to ``last`` that are ``weekday`` of the
        cycle's ``week`` (whether or not the placement runs on them)."""
        day = first_on_or_after(first, weekday)
        # Forward to the first such weekday that falls in the week of the cycle.
        day += timedelta(weeks=(week - self.week_on(day)) % self.cycle_weeks)
        return range(day.toordinal(), last.toordinal() + 1, 7 * self.cycle_weeks)

    @property
    def cycle_minutes(self) -> int:
        """Planned minutes over the whole cycle: ``cycle_weeks`` times the weekly average."""
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
        """The day it starts, which it belongs to (also when it ends the next day)."""
        return date.fromordinal(self.start // MINUTES_PER_DAY)

    @property
    def days(self) -> range:
        """The ordinals of the calendar days it has minutes on (two for a night shift)."""
        return range(self.start // MINUTES_PER_DAY, (self.end - 1) // MINUTES_PER_DAY + 1)

    def minutes_on(self, ordinal: int) -> int:
        """Its minutes on one calendar day."""
        day_start = ordinal * MINUTES_PER_DAY
        return max(0, min(self.end, day_start + MINUTES_PER_DAY) - max(self.start, day_start))

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
    """Every shift that starts from ``start`` to ``end``, but on the ``skip`` days (public
    holidays, replacement days), sorted by worker then time. A shift that starts on
    ``end`` and runs past midnight is whole: it ends after the period. A slot of week k
    of a cycle of n weeks falls on its weekday every n weeks."""
    skipped = {day.toordinal() for day in skip}
    shifts = []
    for placement in placements:
        first = max(start, placement.first)
        last = min(end, placement.last or end)
        if first > last:
            continue
        worker_id, member_id, ident = placement.worker_id, placement.member_id, placement.id
        for slot in placement.slots:
            begins = slot.begins
            length = slot.minutes
            for ordinal in placement.days_of(slot.week, slot.weekday, first, last):
                if ordinal not in skipped:
                    at = ordinal * MINUTES_PER_DAY + begins
                    shifts.append(Shift(worker_id, at, at + length, member_id, ident))
    shifts.sort()
    return shifts
