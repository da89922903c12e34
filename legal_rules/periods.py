"""Quantities that change only on given dates: headcount, and hours planned per contract.

A contract or an assignment starts on a day and ends on a day (or never), so the
headcount of the GE and the weekly hours planned for a contract are constant between
those dates. Checking each such segment once is exact, and far cheaper than each day.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from .model import ContractFacts, Snapshot


@dataclass(frozen=True)
class Segment:
    first: date
    last: date
    value: int


def _segments(
    bounds: Iterable[tuple[date, date | None]], start: date, end: date
) -> list[tuple[date, date]]:
    points = {start}
    for starts_on, ends_on in bounds:
        if start < starts_on <= end:
            points.add(starts_on)
        if ends_on is not None and start < ends_on + timedelta(days=1) <= end:
            points.add(ends_on + timedelta(days=1))
    ordered = sorted(points)
    return [
        (first, (ordered[i + 1] - timedelta(days=1)) if i + 1 < len(ordered) else end)
        for i, first in enumerate(ordered)
    ]


def _active(starts_on: date, ends_on: date | None, day: date) -> bool:
    return starts_on <= day and (ends_on is None or day <= ends_on)


def headcount(snapshot: Snapshot) -> list[Segment]:
    """Distinct workers holding an active contract, per segment of the snapshot's period."""
    bounds = [(c.starts_on, c.ends_on) for c in snapshot.contracts]
    return [
        Segment(
            first,
            last,
            len({c.worker_id for c in snapshot.contracts if c.active_on(first)}),
        )
        for first, last in _segments(bounds, snapshot.start, snapshot.end)
    ]


@dataclass(frozen=True)
class Planned:
    """A stretch of days during which a contract's schedule does not change."""

    first: date
    last: date
    weekly_minutes: Fraction  # planned a week over every member, on average over the cycle
    cycle_weeks: int  # the longest cycle of its assignments (1: the same every week)


def planned_minutes(snapshot: Snapshot, contract: ContractFacts) -> list[Planned]:
    """Weekly minutes planned for ``contract`` (all members), per segment of its period."""
    start = max(snapshot.start, contract.starts_on)
    end = min(snapshot.end, contract.ends_on or snapshot.end)
    if start > end:
        return []
    assignments = [a for a in snapshot.assignments if a.contract_id == contract.id]
    bounds = [(a.starts_on, a.ends_on) for a in assignments]
    found = []
    for first, last in _segments(bounds, start, end):
        active = [a for a in assignments if _active(a.starts_on, a.ends_on, first)]
        found.append(
            Planned(
                first,
                last,
                sum((a.weekly_minutes for a in active), Fraction(0)),
                max((a.cycle_weeks for a in active), default=1),
            )
        )
    return found
