"""The planning board: who works where, day by day, over one ISO week.

The week's shifts come from the one expansion of the schedules,
``legal_rules.shifts.planned_shifts`` over ``compliance.load_snapshot``: the board shows
the days and hours billing and the legal rules read (a night shift on the day it starts;
public holidays and replacement days left out, and shown as such). It only groups them:
a ``Block`` is one worker's shifts at one member on one day.

Two views of the same blocks: a row per worker (``by_worker``: where each one works) and
a row per member (``by_member``: who comes to it when). A member user reads the second,
restricted to its own member: nothing of another member, nor of the workers' days
elsewhere, enters its board. The staff's board also shows, on each block, the findings
of the legal rules about it (``Board.findings_on``).
"""

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

import legal_rules
from allocation.calendar import FIRST_DAY, LAST_DAY, public_holidays
from allocation.schedule import MINUTES_PER_HOUR, Shift
from legal_rules import Finding, Snapshot
from legal_rules.shifts import planned_shifts

from ..models import Groupement, Worker
from .compliance import load_snapshot

# How many colours the board gives members (``.m0`` … ``.m11`` in the stylesheet).
PALETTE_SIZE = 12
_ISO_WEEK = re.compile(r"(\d{4})-W(\d{2})")


def monday_of_week(text: str | None) -> date | None:
    """The Monday of an ISO week written ``2026-W20`` (an ``<input type="week">``'s value),
    or None for anything else or a week outside the days a GE's records can concern."""
    found = _ISO_WEEK.fullmatch(text or "")
    if found is None:
        return None
    try:
        monday = date.fromisocalendar(int(found[1]), int(found[2]), 1)
    except ValueError:
        return None
    return monday if in_range(monday) else None


def week_of(day: date) -> str:
    """The ISO week of a day, as ``monday_of_week`` reads it: ``2026-W20``."""
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def in_range(monday: date) -> bool:
    """Whether the week starting ``monday`` lies inside the days records can concern."""
    return monday >= FIRST_DAY and monday + timedelta(days=6) <= LAST_DAY


@dataclass(frozen=True)
class Span:
    """One shift: its start and end (wall time, the end maybe the next day)."""

    starts: datetime
    ends: datetime

    @property
    def next_day(self) -> bool:
        """Whether it ends after midnight (it still belongs to the day it starts)."""
        return self.ends.date() > self.starts.date()


@dataclass(frozen=True)
class Block:
    """One worker's shifts at one member on one day."""

    worker_id: int
    member_id: int
    spans: tuple[Span, ...]
    minutes: int
    assignment_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Entry:
    """A day entry (absence, extra hours, training) as recorded."""

    worker_id: int
    kind: str
    hours: Decimal
    member_id: int | None

    @property
    def minutes(self) -> int:
        return int(self.hours * MINUTES_PER_HOUR)


@dataclass(frozen=True)
class Cell:
    blocks: tuple[Block, ...]
    entries: tuple[Entry, ...] = ()

    def entries_of(self, block: Block) -> list[Entry]:
        """The day entries of the block's worker at the block's member."""
        return [
            e
            for e in self.entries
            if e.worker_id == block.worker_id and e.member_id == block.member_id
        ]

    @property
    def other_entries(self) -> list[Entry]:
        """The day entries no block of the cell is for (no member, or another one)."""
        placed = {(block.worker_id, block.member_id) for block in self.blocks}
        return [e for e in self.entries if (e.worker_id, e.member_id) not in placed]


@dataclass(frozen=True)
class Row:
    """A worker's week (``by_worker``) or a member's (``by_member``)."""

    id: int
    name: str
    cells: tuple[Cell, ...]  # Monday to Sunday

    @property
    def minutes(self) -> int:
        return sum(block.minutes for cell in self.cells for block in cell.blocks)


@dataclass(frozen=True)
class Day:
    day: date
    public_holiday: bool
    # The public holiday a replacement day stands for (the GE grants it off instead).
    replaces: date | None

    @property
    def off(self) -> bool:
        return self.public_holiday or self.replaces is not None


@dataclass(frozen=True)
class Board:
    monday: date
    days: tuple[Day, ...]
    rows: tuple[Row, ...]
    # The members the board shows, by name, with their colour (0 … PALETTE_SIZE - 1).
    members: dict[int, str]
    colours: dict[int, int]
    workers: dict[int, str]
    # The week's findings of the legal rules (the staff's board only; a member's: none).
    findings: tuple[Finding, ...] = ()

    def findings_on(self, block: Block, day: date) -> list[Finding]:
        """The findings about one block: they name its worker, its member and its
        assignment when they name members or assignments (two shifts too close: the two
        it is about), and are dated its day. A breach repeated over days is one finding
        dated from its first to its last occurrence: the days between are not known to
        be breaches, so only those two carry it; every finding is listed under the
        board."""
        found = []
        for finding in self.findings:
            if day not in (finding.first_date, finding.last_date):
                continue
            workers = {ident for kind, ident in finding.subjects if kind == "worker"}
            members = {ident for kind, ident in finding.subjects if kind == "member"}
            assignments = {ident for kind, ident in finding.subjects if kind == "assignment"}
            if (
                block.worker_id in workers
                and (not members or block.member_id in members)
                and (not assignments or block.assignment_ids & assignments)
            ):
                found.append(finding)
        return found

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    @property
    def minutes(self) -> int:
        return sum(row.minutes for row in self.rows)

    @property
    def day_minutes(self) -> tuple[int, ...]:
        """Each day's planned minutes, all rows together."""
        return tuple(
            sum(block.minutes for row in self.rows for block in row.cells[index].blocks)
            for index in range(7)
        )


def colours(member_ids: Iterable[int]) -> dict[int, int]:
    """A colour per member of a GE, stable from week to week: its rank among the GE's
    members in the order they were created, round the palette."""
    return {member: rank % PALETTE_SIZE for rank, member in enumerate(sorted(member_ids))}


def _blocks(shifts: Iterable[Shift]) -> dict[tuple[int, date, int], Block]:
    """The shifts grouped by worker, day and member, in time order."""
    grouped: dict[tuple[int, date, int], list[Shift]] = defaultdict(list)
    for shift in shifts:
        grouped[(shift.worker_id, shift.day, shift.member_id)].append(shift)
    return {
        key: Block(
            key[0],
            key[2],
            tuple(Span(s.starts, s.ends) for s in sorted(found)),
            sum(s.minutes for s in found),
            frozenset(s.assignment_id for s in found),
        )
        for key, found in grouped.items()
    }


def _first_start(block: Block) -> datetime:
    return block.spans[0].starts


def _days(snapshot: Snapshot, monday: date) -> tuple[Day, ...]:
    days = [monday + timedelta(days=offset) for offset in range(7)]
    holidays = {day for year in {d.year for d in days} for day in public_holidays(year)}
    return tuple(Day(d, d in holidays, snapshot.replacement_days.get(d)) for d in days)


def _worker_names(session: Session, groupement_id: int, ids: set[int]) -> dict[int, str]:
    """The workers' names, in the order a list of people is read: by last name."""
    rows = session.execute(
        select(Worker.id, Worker.first_name, Worker.last_name)
        .where(Worker.groupement_id == groupement_id, Worker.id.in_(ids))
        .order_by(Worker.last_name, Worker.first_name, Worker.id)
    ).all()
    return {ident: f"{first} {last}" for ident, first, last in rows}


def week(
    session: Session,
    groupement: Groupement,
    monday: date,
    *,
    by_member: bool = False,
    member_id: int | None = None,
    with_findings: bool = False,
) -> Board:
    """The board of the ISO week starting ``monday``: a row per worker under contract that
    week (or with a shift in it), or with ``by_member`` a row per member of the GE that
    week. ``member_id`` keeps one member's blocks and day entries only (a member user's
    board, which is always by member). ``with_findings`` adds the week's findings of the
    legal rules (the staff's board)."""
    sunday = monday + timedelta(days=6)
    snapshot = load_snapshot(session, groupement, monday, sunday)
    shifts = [
        shift
        for shift in planned_shifts(snapshot, monday, sunday)
        if member_id is None or shift.member_id == member_id
    ]
    blocks = _blocks(shifts)
    entries: dict[tuple[int, date], list[Entry]] = defaultdict(list)
    for entry in sorted(snapshot.day_entries, key=lambda e: e.id):
        if monday <= entry.day <= sunday and (member_id is None or entry.member_id == member_id):
            entries[(entry.worker_id, entry.day)].append(
                Entry(entry.worker_id, entry.kind, entry.hours, entry.member_id)
            )
    days = _days(snapshot, monday)
    all_members = {m.id: m.name for m in snapshot.members}
    shown_members = {block.member_id for block in blocks.values()} | {
        e.member_id for found in entries.values() for e in found if e.member_id is not None
    }
    if by_member or member_id is not None:
        by_member = True
        shown_members |= {
            m.id
            for m in snapshot.members
            if m.joined_on <= sunday and (m.left_on is None or m.left_on >= monday)
        }
        if member_id is not None:
            shown_members &= {member_id}
    worker_ids = {block.worker_id for block in blocks.values()} | {w for w, _day in entries}
    if not by_member:
        worker_ids |= {
            c.worker_id
            for c in snapshot.contracts
            if c.starts_on <= sunday and (c.ends_on is None or c.ends_on >= monday)
        }
    workers = _worker_names(session, groupement.id, worker_ids)
    members = {
        ident: name
        for ident, name in sorted(all_members.items(), key=lambda item: (item[1], item[0]))
        if ident in shown_members
    }
    cells: dict[tuple[int, date], list[Block]] = defaultdict(list)
    cell_entries: dict[tuple[int, date], list[Entry]] = defaultdict(list)
    if by_member:
        names = members
        for (_worker, day, member), block in blocks.items():
            cells[(member, day)].append(block)
        for (_worker, day), found in entries.items():
            for entry in found:
                if entry.member_id is not None:
                    cell_entries[(entry.member_id, day)].append(entry)
    else:
        names = workers
        for (worker, day, _member), block in blocks.items():
            cells[(worker, day)].append(block)
        cell_entries = entries
    rows = tuple(
        Row(
            ident,
            name,
            tuple(
                Cell(
                    tuple(sorted(cells[(ident, d.day)], key=_first_start)),
                    tuple(cell_entries[(ident, d.day)]),
                )
                for d in days
            ),
        )
        for ident, name in names.items()
    )
    return Board(
        monday=monday,
        days=days,
        rows=rows,
        members=members,
        colours={m: c for m, c in colours(all_members).items() if m in members},
        workers=workers,
        findings=tuple(legal_rules.check(snapshot)) if with_findings else (),
    )
