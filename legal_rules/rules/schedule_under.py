"""SCHED-UNDER — the weekly schedule plans fewer hours than the contract agrees.

The GE pays the agreed hours whatever is planned; unplanned capacity is still shared
among the members (DOMAIN §5) but usually means a schedule was forgotten. A warning.
"""

from allocation.translations import N_

from ..model import Finding, Rule, Severity, Snapshot
from . import _planning


def check(snapshot: Snapshot) -> list[Finding]:
    return _planning.findings(
        RULE, snapshot, lambda planned, agreed: planned < agreed, CYCLE_MESSAGE
    )


# The same, for a schedule rotating over several weeks: the hours are its average.
CYCLE_MESSAGE = N_("SCHED-UNDER.cycle")

RULE = Rule(
    id="SCHED-UNDER",
    severity=Severity.WARNING,
    reference=N_("SCHED-UNDER.reference"),
    check=check,
    derogable=True,
    message=N_("SCHED-UNDER"),
)
