"""The schedule editor of a worker's page: per contract, a cycle of 1 to 8 weeks, each a
table of members by weekdays whose cells hold blocks, a start and an end time each.

The form works without JavaScript: every cell shows its blocks and one empty block, and
the buttons that add or remove a block, apply a cycle length or copy a week post the
form back without saving (``apply``), so the page comes back changed and nothing is
written. ``app/static/schedule.js`` does the same in the browser, without the round
trip, and keeps the totals up to date as the administrator types.

A block's fields are named ``b-<week>-<member>-<weekday>-<n>-start`` and ``…-end``; a
field named otherwise (``b-…`` or the grid's former ``cell-…``) is a forged or stale
form, refused whole. Blocks are checked here the way ``services.schedule`` checks them
(incomplete, not a time, no length, outside the cycle, overlapping: ``allocation.
schedule.overlaps``), so that each refusal is shown beside its block; the service checks
again, with the law, when the week is saved.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal

from allocation.hours import slot_minutes
from allocation.schedule import LONGEST_CYCLE, WeeklySlot, cycle_week, overlaps

from ..i18n import t
from ..models import Assignment
from ..services import schedule

BLOCK_FIELD = re.compile(r"^b-([1-8])-([0-9]{1,9})-([0-6])-([0-9]{1,3})-(start|end)$")
# What a submit button of the grid asks: save, or change the form and show it again.
ACTION = re.compile(
    r"^(?:(?P<save>save)|(?P<cycle>cycle)|add-(?P<add>[1-8]-[0-9]{1,9}-[0-6])"
    r"|remove-(?P<remove>[1-8]-[0-9]{1,9}-[0-6]-[0-9]{1,3})|copy-(?P<copy>[1-8]))$"
)
FORGED_PREFIXES = ("b-", "cell-")
# A time on the 24-hour clock as people type it: 22:00, 22h00, 22u00, 22.00, 2200, 22, 7:30.
TIME = re.compile(r"^([01]?[0-9]|2[0-4])(?:[:hHuU.]?([0-5][0-9]))?(?::00)?$")
CYCLES = range(1, LONGEST_CYCLE + 1)

Key = tuple[int, int, int]  # (week of the cycle, member id, weekday)


@dataclass
class Row:
    """A block as shown or typed: its two times as text, its place, its refusal."""

    start: str = ""
    end: str = ""
    n: int = 0
    error: str = ""

    @property
    def empty(self) -> bool:
        return not self.start and not self.end

    @property
    def minutes(self) -> int:
        """Its length, 0 while it is not a block (the totals skip it)."""
        start, end = parse_time(self.start), parse_time(self.end, end=True)
        if start is None or end is None or start == end:
            return 0
        return slot_minutes(start, end)


@dataclass
class Grid:
    """One contract's schedule version in the editor."""

    since: date | None
    cycle_weeks: int = 1
    anchor: date | None = None
    cells: dict[Key, list[Row]] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)
    # The first day of the version after this one (it stays when this one is saved).
    next_version: date | None = None

    @property
    def weeks_shown(self) -> int:
        """The weeks the form shows: the cycle's, and any week a block was typed in (a
        block beyond a shortened cycle stays on screen with its refusal)."""
        return max([self.cycle_weeks, *(week for week, _m, _d in self.cells)])

    def rows(self, week: int, member: int, weekday: int) -> list[Row]:
        """The cell's blocks, or one empty block to type in."""
        return self.cells.get((week, member, weekday)) or [Row()]

    def minutes(self, week: int, member: int | None = None) -> int:
        return sum(
            row.minutes
            for (w, m, _d), rows in self.cells.items()
            if w == week and member in (None, m)
            for row in rows
        )

    def hours(self, week: int, member: int | None = None) -> Decimal:
        return Decimal(self.minutes(week, member)) / 60

    def average(self) -> Decimal:
        """Planned hours a week, on average over the cycle."""
        total = sum(self.minutes(week) for week in range(1, self.cycle_weeks + 1))
        return Decimal(total) / 60 / self.cycle_weeks

    def week_of(self, day: date) -> int | None:
        """The cycle week ``day`` falls in, for a cycle (None for a weekly schedule)."""
        if self.cycle_weeks == 1:
            return None
        return cycle_week(day, self.anchor or self.since or day, self.cycle_weeks)


def parse_time(text: str, end: bool = False) -> time | None:
    """A block's time as typed on the 24-hour clock ("09:00", "9h", "0900", "21u30"), or
    "24:00" as an end (midnight, stored 00:00); None for anything else."""
    found = TIME.match(text.strip())
    if found is None:
        return None
    hour, minute = int(found[1]), int(found[2] or 0)
    if hour == 24:
        return time(0) if end and minute == 0 else None
    return time(hour, minute)


def saved(assignments: Iterable[Assignment], today: date) -> Grid:
    """The contract's schedule version the editor shows: the one in effect today (the
    assignments running today), else the next one to start (those starting on the first
    day to come); with the first day of the version after it, if any (``Grid.until``)."""
    live = [a for a in assignments if a.ends_on is None or a.ends_on >= today]
    running = [a for a in live if a.starts_on <= today]
    if not running and live:
        first = min(a.starts_on for a in live)
        running = [a for a in live if a.starts_on == first]
    grid = Grid(since=None)
    later = [a.starts_on for a in live if a not in running]
    grid.next_version = min(later, default=None)
    for assignment in sorted(running, key=lambda a: a.starts_on):
        if grid.since is None or assignment.starts_on < grid.since:
            grid.since = assignment.starts_on
        if (assignment.cycle_weeks or 1) > grid.cycle_weeks:
            grid.cycle_weeks = assignment.cycle_weeks
            grid.anchor = assignment.cycle_anchor or assignment.starts_on
        for slot in assignment.slots:
            rows = grid.cells.setdefault((slot.week or 1, assignment.member_id, slot.weekday), [])
            rows.append(Row(f"{slot.starts_at:%H:%M}", f"{slot.ends_at:%H:%M}", n=len(rows)))
    return grid


def typed(form: Mapping[str, str]) -> Grid | None:
    """The grid as the form sent it, blocks in the order of their numbers; None when a
    block's field is named otherwise than the page names them (a forged or stale form)."""
    found: dict[tuple[int, int, int, int], dict[str, str]] = {}
    for key, value in form.items():
        if not key.startswith(FORGED_PREFIXES):
            continue
        match = BLOCK_FIELD.match(key)
        if match is None:
            return None
        week, member, weekday, n = (int(match[i]) for i in range(1, 5))
        found.setdefault((week, member, weekday, n), {})[match[5]] = value.strip()
    cycle = form.get("cycle_weeks") or "1"
    grid = Grid(
        since=_day(form.get("starts_on")),
        cycle_weeks=int(cycle) if cycle in {str(c) for c in CYCLES} else 1,
        anchor=_day(form.get("cycle_anchor")),
    )
    if cycle not in {str(c) for c in CYCLES}:
        grid.errors["cycle_weeks"] = [t("cycle_weeks_range", longest=LONGEST_CYCLE)]
    for (week, member, weekday, n), times in sorted(found.items()):
        grid.cells.setdefault((week, member, weekday), []).append(
            Row(times.get("start", ""), times.get("end", ""), n=n)
        )
    return grid


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text or "")
    except ValueError:
        return None


def apply(grid: Grid, action: str, targets: Iterable[str]) -> bool:
    """Do what a button other than "save" asks (add or remove a block, show another cycle
    length, copy a week onto ``targets``) on the typed grid; False for an unknown one."""
    found = ACTION.match(action)
    if found is None:
        return False
    if found["add"]:
        week, member, weekday = (int(part) for part in found["add"].split("-"))
        rows = grid.cells.setdefault((week, member, weekday), [])
        rows.append(Row(n=max((r.n for r in rows), default=-1) + 1))
    elif found["remove"]:
        week, member, weekday, n = (int(part) for part in found["remove"].split("-"))
        key = (week, member, weekday)
        grid.cells[key] = [r for r in grid.cells.get(key, []) if r.n != n]
    elif found["copy"]:
        source = int(found["copy"])
        weeks = {int(w) for w in targets if w.isdigit()} & set(range(1, grid.cycle_weeks + 1))
        for target in weeks - {source}:
            grid.cells = {k: v for k, v in grid.cells.items() if k[0] != target}
            for (week, member, weekday), rows in list(grid.cells.items()):
                if week == source:
                    kept = [r for r in rows if not r.empty]
                    grid.cells[(target, member, weekday)] = [
                        Row(r.start, r.end, n=i) for i, r in enumerate(kept)
                    ]
    return True


def blocks(grid: Grid) -> schedule.Week | None:
    """The week to save, member by member; None when a block is refused, each refusal
    then written on its block (``Row.error``)."""
    week: schedule.Week = {}
    shown: dict[int, list[Row]] = {}
    refused = False
    for (number, member, weekday), rows in sorted(grid.cells.items()):
        for row in rows:
            if row.empty:
                continue
            start, end = parse_time(row.start), parse_time(row.end, end=True)
            if not row.start or not row.end:
                row.error = t("web.block_incomplete")
            elif start is None or end is None:
                row.error = t("Not a valid time.")
            elif start == end:
                row.error = t("slot_without_length", start=f"{start:%H:%M}")
            elif number > grid.cycle_weeks:
                row.error = t("slot_week_outside_cycle", weeks=grid.cycle_weeks)
            else:
                week.setdefault(member, []).append(schedule.Block(weekday, start, end, number))
                shown.setdefault(member, []).append(row)
                continue
            refused = True
    for member, own in week.items():
        for first, second in overlaps([WeeklySlot(*b) for b in own], grid.cycle_weeks):
            message = t("slots_overlap", first=_span(own[first]), second=_span(own[second]))
            for index in (first, second):
                shown[member][index].error = shown[member][index].error or message
            refused = True
    return None if refused else week


# The rules whose finding is dated the day of the work it refuses (the day a shift starts
# too soon after the last one, a day too long, two shifts at once...): their refusal is
# also shown beside that day's blocks. The others (a week, a period, a contract) are not.
DAY_RULES = frozenset(
    {
        "WT-REST-11H",
        "WT-DAY-8H",
        "WT-DAY-MAX",
        "WT-OVERLAP",
        "WT-PERIOD-3H",
        "WT-BREAK-6H",
        "WT-NIGHT",
        "WT-SUNDAY",
        "WT-HOLIDAY",
    }
)


def mark(grid: Grid, findings: Iterable[Mapping[str, object]]) -> None:
    """Beside each block of the day a blocking finding of ``DAY_RULES`` is dated (that
    weekday, in that day's cycle week), the rule that refused it; the finding itself is
    listed above the grid. Its first day: a repeated breach is dated first to last."""
    for finding in findings:
        if finding.get("rule_id") not in DAY_RULES or finding.get("severity") != "blocking":
            continue
        day = _day(str(finding.get("first_date")))
        if day is None:
            continue
        week = 1 if grid.cycle_weeks == 1 else grid.week_of(day)
        for (number, _member, weekday), rows in grid.cells.items():
            if number == week and weekday == day.weekday():
                for row in rows:
                    if not row.empty and not row.error:
                        row.error = t("web.block_refused_by", rule=finding["rule_id"])


def _span(block: schedule.Block) -> str:
    return f"{block.starts_at:%H:%M}–{block.ends_at:%H:%M}"


def pattern(grid: Grid) -> schedule.Week:
    """A saved grid's blocks, to copy onto another contract."""
    week: schedule.Week = {}
    for (number, member, weekday), rows in sorted(grid.cells.items()):
        for row in rows:
            start, end = parse_time(row.start), parse_time(row.end, end=True)
            if start is not None and end is not None:
                week.setdefault(member, []).append(schedule.Block(weekday, start, end, number))
    return week
