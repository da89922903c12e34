"""Time the legal rules over a full year of a 50-worker GE, against a floor measured in
the same run: a plain loop that only expands the same weekly slots into the year's days.

    .venv/bin/python bench/legal_rules_year.py [--repeat N]

Prints both times and their ratio (target: at most 5). Nothing is asserted: timings are
read by people, never by tests.
"""

import argparse
import statistics
import time
import tracemalloc
from collections.abc import Callable
from datetime import date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal

import legal_rules
from legal_rules import (
    AssignmentFacts,
    ContractFacts,
    GroupementFacts,
    MemberFacts,
    SlotFacts,
    Snapshot,
)

YEAR_START, YEAR_END = date(2026, 1, 1), date(2026, 12, 31)
MEMBERS = 5


def fifty_worker_year() -> Snapshot:
    """50 workers of 19 to 38 h, each over two or three members, Monday to Friday."""
    contracts, assignments = [], []
    for worker in range(1, 51):
        days = 5
        hours_a_day = [Decimal("3.8"), Decimal("5.7"), Decimal("7.6")][worker % 3]
        contract = ContractFacts(worker, worker, f"Travailleur {worker}", YEAR_START, None,
                                 hours_a_day * days, "open_ended", "329.02")  # fmt: skip
        contracts.append(contract)
        # Mornings of 3 h 30 from 09:00, the rest after a half-hour lunch.
        afternoon = int(hours_a_day * 60) - 210
        end = (datetime.combine(YEAR_START, clock(13)) + timedelta(minutes=afternoon)).time()
        members = [worker % MEMBERS, (worker + 1) % MEMBERS, (worker + 2) % MEMBERS]
        for index, member in enumerate(members[: 2 + worker % 2]):
            weekdays = [d for d in range(days) if d % len(members[: 2 + worker % 2]) == index]
            slots = tuple(
                slot
                for d in weekdays
                for slot in (
                    (SlotFacts(d, clock(9), clock(12, 30)), SlotFacts(d, clock(13), end))
                    if hours_a_day > 6
                    else (
                        SlotFacts(
                            d,
                            clock(9),
                            (
                                datetime.combine(YEAR_START, clock(9))
                                + timedelta(minutes=int(hours_a_day * 60))
                            ).time(),
                        ),
                    )
                )
            )
            assignments.append(AssignmentFacts(worker * 10 + index, worker, member + 1,
                                               YEAR_START, None, slots))  # fmt: skip
    return Snapshot(
        start=YEAR_START, end=YEAR_END,
        groupement=GroupementFacts("GE/2020/1", date(2020, 1, 1), "329.02"),
        members=tuple(MemberFacts(m + 1, f"Membre {m + 1}", date(2020, 1, 1))
                      for m in range(MEMBERS)),
        contracts=tuple(contracts), assignments=tuple(assignments),
    )  # fmt: skip


def expand_only(snapshot: Snapshot) -> int:
    """The floor: each day of the year, each assignment's slots on that weekday."""
    shifts = []
    day = snapshot.start
    while day <= snapshot.end:
        for assignment in snapshot.assignments:
            for slot in assignment.slots:
                if slot.weekday == day.weekday():
                    shifts.append((assignment.contract_id, datetime.combine(day, slot.starts_at),
                                   datetime.combine(day, slot.ends_at)))  # fmt: skip
        day += timedelta(days=1)
    return len(shifts)


def check_all(snapshot: Snapshot) -> int:
    # A fresh snapshot each time: the rules' shared expansion is part of what is timed.
    fresh = Snapshot(**{name: getattr(snapshot, name) for name in snapshot.__dataclass_fields__})
    return len(legal_rules.check(fresh))


def best_of(repeat: int, work: Callable[[Snapshot], int], snapshot: Snapshot) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work(snapshot)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


QUICK_HELP = "a tiny size, to check the script still runs (CI); its figures mean little"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help=QUICK_HELP + " (one run)")
    arguments = parser.parse_args()
    repeat = 1 if arguments.quick else arguments.repeat
    snapshot = fifty_worker_year()
    shifts = expand_only(snapshot)
    floor = best_of(repeat, expand_only, snapshot)
    rules = best_of(repeat, check_all, snapshot)
    tracemalloc.start()
    findings = check_all(snapshot)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"50 workers, {len(snapshot.assignments)} assignments, {shifts} shifts in 2026")
    print(f"floor (expand slots to days): {floor * 1000:8.1f} ms")
    print(f"legal_rules.check ({len(legal_rules.RULES)} rules): {rules * 1000:8.1f} ms "
          f"-> {findings} findings, peak {peak / 2**20:.1f} MiB")  # fmt: skip
    print(f"ratio: {rules / floor:.2f} (target <= 5)")


if __name__ == "__main__":
    main()
