"""The contracts that run during the snapshot's period."""

from collections.abc import Iterator
from datetime import date

from ..model import ContractFacts, Snapshot


def running(snapshot: Snapshot) -> Iterator[tuple[ContractFacts, date, date]]:
    """Each contract active in the period, with the first and last day it is."""
    for contract in snapshot.contracts:
        first = max(snapshot.start, contract.starts_on)
        last = min(snapshot.end, contract.ends_on or snapshot.end)
        if first <= last:
            yield contract, first, last


def subjects(contract: ContractFacts) -> tuple[tuple[str, int], ...]:
    return (("contract", contract.id), ("worker", contract.worker_id))
