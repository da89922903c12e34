"""Occurrences read off a snapshot's worked time, for the working-time rules."""

from collections.abc import Callable, Iterator
from datetime import date, timedelta

from ..model import Finding, Minutes, Rule, Snapshot
from ..shifts import Block, blocks

Occurrence = tuple[tuple[tuple[str, int], ...], date, dict[str, object]]


def in_period(snapshot: Snapshot, day: date) -> bool:
    return snapshot.start <= day <= snapshot.end


def worker_blocks(snapshot: Snapshot, max_gap: timedelta) -> Iterator[Block]:
    """Every worker's shifts grouped into blocks (see ``shifts.blocks``), in the period."""
    for shifts in snapshot.worked.by_worker().values():
        for block in blocks(shifts, max_gap):
            if in_period(snapshot, block.starts.date()):
                yield block


def daily_totals(snapshot: Snapshot) -> Iterator[tuple[int, date, int]]:
    """(worker, day, minutes worked that day over every member) in the period."""
    for (worker_id, day), minutes in sorted(snapshot.worked.minutes_by_day.items()):
        if in_period(snapshot, day):
            yield worker_id, day, minutes


def block_findings(
    rule: Rule, snapshot: Snapshot, max_gap: timedelta, breach: Callable[[int], bool]
) -> list[Finding]:
    """One finding per worker whose blocks of work (gaps under ``max_gap``) breach."""
    return rule.per_subject(
        ((("worker", block.worker_id),), block.starts.date(),
         {"worker": snapshot.worker_name(block.worker_id), "length": Minutes(block.minutes),
          "date": block.starts.date()})
        for block in worker_blocks(snapshot, max_gap)
        if breach(block.minutes)
    )  # fmt: skip


def daily_findings(rule: Rule, snapshot: Snapshot, breach: Callable[[int], bool]) -> list[Finding]:
    """One finding per worker whose hours of a day, summed over every member, breach."""
    return rule.per_subject(
        ((("worker", worker_id),), day,
         {"worker": snapshot.worker_name(worker_id), "hours": Minutes(minutes), "date": day})
        for worker_id, day, minutes in daily_totals(snapshot)
        if breach(minutes)
    )  # fmt: skip
