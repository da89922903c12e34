"""Planned weekly hours of each contract against the hours it agrees."""

from collections.abc import Callable, Iterator
from decimal import Decimal

from ..model import ContractFacts, Finding, Rule, Snapshot
from ..periods import Segment, planned_minutes
from ._contracts import running, subjects


def planned_against_agreed(snapshot: Snapshot) -> Iterator[tuple[ContractFacts, Segment, int]]:
    """(contract, segment of constant planning, agreed weekly minutes) for each contract."""
    for contract, _first, _last in running(snapshot):
        agreed = int(contract.weekly_hours * 60)
        for segment in planned_minutes(snapshot, contract):
            yield contract, segment, agreed


def findings(rule: Rule, snapshot: Snapshot, breach: Callable[[int, int], bool]) -> list[Finding]:
    """A finding for each stretch where ``breach(planned, agreed)`` (in weekly minutes)."""
    return [
        rule.finding(
            segment.first,
            segment.last,
            subjects(contract),
            worker=contract.worker_name,
            planned=Decimal(segment.value) / 60,
            agreed=contract.weekly_hours,
            date=segment.first,
        )
        for contract, segment, agreed in planned_against_agreed(snapshot)
        if breach(segment.value, agreed)
    ]
