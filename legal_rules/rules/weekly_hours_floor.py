"""GE-HOURS-19 — every GE contract agrees at least 19 hours a week.

« La durée du travail hebdomadaire du travailleur engagé par le groupement
d'employeurs ne peut être inférieure à 19 heures » (loi du 12 août 2000, art. 188,
al. 3). Applies to the weekly hours agreed in each contract, whatever is planned.

A schedule rotating over a cycle of weeks is a variable regime whose weekly duration is
its average over the cycle: weeks of 15 h and 23 h make 19 h and are allowed, weeks of
15 h and 22 h 30 make 18 h 45 and are refused even under a 19 h contract: in a
variable regime the cycle is the working time the worker actually has, and it is
read on its average. A stretch shorter than one cycle between two changes (a member's
part starting a week after another's) is a transition, not a regime, and is not read.
A plain weekly schedule below the contract is only SCHED-UNDER's warning: its contract
states a fixed regime, paid whatever is planned, and the gap is a planning one.
"""

from dataclasses import replace
from datetime import timedelta
from decimal import ROUND_FLOOR
from fractions import Fraction

from allocation.hours import MINUTES_PER_HOUR
from allocation.translations import N_

from ..model import ContractFacts, Finding, Rule, Severity, Snapshot
from ..periods import Planned
from ._contracts import running, subjects
from ._planning import hours_shown, planned_against_agreed

CYCLE_MESSAGE = N_("GE-HOURS-19.cycle")


def check(snapshot: Snapshot) -> list[Finding]:
    floor = snapshot.groupement.weekly_hours_floor
    found = [
        RULE.finding(first, last, subjects(contract), hours=contract.weekly_hours, floor=floor)
        for contract, first, last in running(snapshot)
        if contract.weekly_hours < floor
    ]
    found += [
        replace(RULE, message=CYCLE_MESSAGE).finding(
            segment.first,
            segment.last,
            subjects(contract),
            worker=contract.worker_name,
            hours=hours_shown(segment.weekly_minutes, ROUND_FLOOR),
            weeks=segment.cycle_weeks,
            floor=floor,
            date=segment.first,
        )
        for contract, segment, _agreed in planned_against_agreed(snapshot)
        if segment.cycle_weeks > 1
        and contract.weekly_hours >= floor
        and 0 < segment.weekly_minutes < Fraction(floor) * MINUTES_PER_HOUR
        and not _transition(snapshot, contract, segment)
    ]
    return found


def _transition(snapshot: Snapshot, contract: ContractFacts, segment: Planned) -> bool:
    """A stretch shorter than its cycle between two changes of the contract's schedule
    (one member's part starting a week after another's): it is no regime, only a step
    between two; what runs a whole cycle or more is one."""
    if (segment.last - segment.first).days + 1 >= 7 * segment.cycle_weeks:
        return False
    changes = {contract.starts_on}
    for assignment in snapshot.assignments:
        if assignment.contract_id == contract.id:
            changes.add(assignment.starts_on)
            if assignment.ends_on is not None:
                changes.add(assignment.ends_on + timedelta(days=1))
    return segment.first in changes and segment.last + timedelta(days=1) in changes


RULE = Rule(
    id="GE-HOURS-19",
    severity=Severity.BLOCKING,
    reference=N_("GE-HOURS-19.reference"),
    check=check,
    message=N_("GE-HOURS-19"),
)
