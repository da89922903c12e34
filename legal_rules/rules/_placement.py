"""Where a worker is placed with a member on days the member may not receive them.

Shared by GE-MEMBER-01 (before joining) and GE-MEMBER-02 (after leaving): the days an
assignment's slots fall on, and the day entries recorded at a member, outside a window.
"""

from collections.abc import Iterator
from datetime import date

from allocation.schedule import expand

from ..model import Snapshot
from ..shifts import placement


def placements_between(
    snapshot: Snapshot, member_id: int, first: date, last: date
) -> Iterator[tuple[tuple[tuple[str, int], ...], date, date]]:
    """(subjects, first day, last day) of work placed at the member from ``first`` to ``last``."""
    first, last = max(first, snapshot.start), min(last, snapshot.end)
    if first > last:
        return
    for assignment in snapshot.assignments:
        if assignment.member_id != member_id:
            continue
        contract = snapshot.contract(assignment.contract_id)
        shifts = expand([placement(assignment, contract)], first, last)
        if shifts:
            span = shifts[0].day, shifts[-1].day
            subjects = (
                ("assignment", assignment.id),
                ("member", member_id),
                ("worker", contract.worker_id),
            )
            yield subjects, span[0], span[1]
    for entry in snapshot.day_entries:
        if entry.member_id == member_id and first <= entry.day <= last:
            subjects = (("day_entry", entry.id), ("member", member_id), ("worker", entry.worker_id))
            yield subjects, entry.day, entry.day
