"""Occurrences read off a snapshot's worked time, for the working-time rules."""

from collections.abc import Callable
from datetime import date

from allocation.schedule import MINUTES_PER_DAY, Shift

from ..model import Finding, Minutes, Rule, Snapshot

Occurrence = tuple[tuple[tuple[str, int], ...], date, dict[str, object]]


def in_period(snapshot: Snapshot, day: date) -> bool:
    return snapshot.start <= day <= snapshot.end


def ordinals(snapshot: Snapshot) -> tuple[int, int]:
    return snapshot.start.toordinal(), snapshot.end.toordinal()


def block_findings(
    rule: Rule, snapshot: Snapshot, max_gap: int, breach: Callable[[int], bool]
) -> list[Finding]:
    """One finding per worker whose blocks of work (gaps under ``max_gap`` minutes) breach."""
    first, last = ordinals(snapshot)
    return rule.per_subject(
        snapshot,
        [
            (
                (("worker", block.worker_id),),
                block.day,
                {
                    "worker": snapshot.worker_name(block.worker_id),
                    "length": Minutes(block.worked),
                    "date": block.day,
                },
            )
            for block in snapshot.worked.blocks_where(max_gap, breach)
            if first <= block.start // MINUTES_PER_DAY <= last
        ],
    )


def daily_findings(rule: Rule, snapshot: Snapshot, breach: Callable[[int], bool]) -> list[Finding]:
    """One finding per worker whose hours of a day, summed over every member, breach."""
    first, last = ordinals(snapshot)
    return rule.per_subject(
        snapshot,
        [
            (
                (("worker", worker_id),),
                date.fromordinal(ordinal),
                {
                    "worker": snapshot.worker_name(worker_id),
                    "hours": Minutes(minutes),
                    "date": date.fromordinal(ordinal),
                },
            )
            for (worker_id, ordinal), minutes in snapshot.worked.minutes_by_day.items()
            if breach(minutes) and first <= ordinal <= last
        ],
    )


def pair_subjects(worker_id: int, earlier: Shift, later: Shift) -> tuple[tuple[str, int], ...]:
    """A breach between two shifts is about the worker and both assignments."""
    return (
        ("worker", worker_id),
        ("assignment", earlier.assignment_id),
        ("assignment", later.assignment_id),
    )
