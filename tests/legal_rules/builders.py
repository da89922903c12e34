"""Small snapshots for the rule tests: a GE with three members and helpers to add to it."""

import itertools
from dataclasses import replace
from datetime import date, time
from decimal import Decimal

from legal_rules import (
    AssignmentFacts,
    ContractFacts,
    DayEntryFacts,
    GroupementFacts,
    MemberFacts,
    SlotFacts,
    Snapshot,
)

GE = GroupementFacts(
    authorisation_reference="GE/2019/017",
    authorisation_date=date(2019, 6, 14),
    joint_committee="329.02",
)
MEMBERS = (
    MemberFacts(1, "ASBL Alpha", date(2020, 1, 1)),
    MemberFacts(2, "ASBL Bêta", date(2020, 1, 1)),
    MemberFacts(3, "ASBL Gamma", date(2020, 1, 1)),
)
_ids = itertools.count(100)


def contract(worker_id: int = 1, hours: str = "38", starts: date = date(2026, 1, 1),
             ends: date | None = None, kind: str = "open_ended", cp: str = "329.02",
             ) -> ContractFacts:  # fmt: skip
    return ContractFacts(next(_ids), worker_id, f"Travailleur {worker_id}", starts, ends,
                         Decimal(hours), kind, cp)  # fmt: skip


def slot(weekday: int, start: str, end: str) -> SlotFacts:
    return SlotFacts(weekday, time.fromisoformat(start), time.fromisoformat(end))


def assignment(
    of: ContractFacts,
    member_id: int,
    *slots: SlotFacts,
    starts: date | None = None,
    ends: date | None = None,
) -> AssignmentFacts:
    return AssignmentFacts(next(_ids), of.id, member_id, starts or of.starts_on, ends, slots)


def extra_hours(worker_id: int, day: date, hours: str, member_id: int | None = 1) -> DayEntryFacts:
    return DayEntryFacts(next(_ids), worker_id, day, member_id, Decimal(hours), "extra_hours")


def snapshot(*contracts: ContractFacts, assignments: tuple[AssignmentFacts, ...] = (),
             start: date = date(2026, 3, 1), end: date = date(2026, 3, 31), **more: object,
             ) -> Snapshot:  # fmt: skip
    base = Snapshot(start=start, end=end, groupement=GE, members=MEMBERS,
                    contracts=contracts, assignments=assignments)  # fmt: skip
    return replace(base, **more)  # type: ignore[arg-type]


def full_week(of: ContractFacts, member_id: int = 1) -> AssignmentFacts:
    """38 h: Monday to Friday, 08:30-12:30 and 13:00-16:36."""
    return assignment(of, member_id, *[
        s for day in range(5) for s in (slot(day, "08:30", "12:30"), slot(day, "13:00", "16:36"))
    ])  # fmt: skip
