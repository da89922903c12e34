"""Planned weekly hours of each contract against the hours it agrees.

For a schedule that rotates over a cycle of weeks, the planned hours are the cycle's
average: a variable part-time regime agrees its weekly hours on average over the cycle
(loi-programme du 22 décembre 1989, art. 157 s.).
"""

from collections.abc import Callable, Iterator
from dataclasses import replace
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from fractions import Fraction

from allocation.hours import MINUTES_PER_HOUR

from ..model import ContractFacts, Finding, Rule, Snapshot
from ..periods import Planned, planned_minutes
from ._contracts import running, subjects

_HUNDREDTH = Decimal("0.01")


def planned_against_agreed(snapshot: Snapshot) -> Iterator[tuple[ContractFacts, Planned, int]]:
    """(contract, segment of constant planning, agreed weekly minutes) for each contract."""
    for contract, _first, _last in running(snapshot):
        agreed = int(contract.weekly_hours * MINUTES_PER_HOUR)
        for segment in planned_minutes(snapshot, contract):
            yield contract, segment, agreed


def hours_shown(minutes: Fraction, rounding: str) -> Decimal:
    """Minutes as hours to the hundredth, rounded the way that keeps a breach visible:
    up for an excess, down for a shortfall (18.999 h never reads as 19.00 h)."""
    exact = Decimal(minutes.numerator) / Decimal(minutes.denominator) / MINUTES_PER_HOUR
    return exact.quantize(_HUNDREDTH, rounding=rounding)


def findings(
    rule: Rule,
    snapshot: Snapshot,
    breach: Callable[[Fraction, int], bool],
    cycle_message: str,
) -> list[Finding]:
    """A finding for each stretch where ``breach(planned, agreed)`` (in weekly minutes);
    a rotating schedule's is ``cycle_message``, which says its hours are an average."""
    found = []
    for contract, segment, agreed in planned_against_agreed(snapshot):
        if not breach(segment.weekly_minutes, agreed):
            continue
        over = segment.weekly_minutes > agreed
        planned = hours_shown(segment.weekly_minutes, ROUND_CEILING if over else ROUND_FLOOR)
        values: dict[str, object] = {
            "worker": contract.worker_name,
            "planned": planned,
            "agreed": contract.weekly_hours,
            "date": segment.first,
        }
        said_by = rule
        if segment.cycle_weeks > 1:
            values["weeks"] = segment.cycle_weeks
            said_by = replace(rule, message=cycle_message)
        found.append(said_by.finding(segment.first, segment.last, subjects(contract), **values))
    return found
