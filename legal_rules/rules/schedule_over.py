"""SCHED-OVER — the weekly schedule plans no more hours than the contract agrees.

A part-time contract states its weekly regime and schedule (loi-programme du
22 décembre 1989, art. 157 s.); planning more hours than agreed, summed over every
member, is overtime by design. Applies to every stretch of days during which the
contract's assignments do not change.
"""

from allocation.translations import N_

from ..model import Finding, Rule, Severity, Snapshot
from . import _planning


def check(snapshot: Snapshot) -> list[Finding]:
    return _planning.findings(
        RULE, snapshot, lambda planned, agreed: planned > agreed, CYCLE_MESSAGE
    )


# The same, for a schedule rotating over several weeks: the hours are its average.
CYCLE_MESSAGE = N_("SCHED-OVER.cycle")

RULE = Rule(
    id="SCHED-OVER",
    severity=Severity.BLOCKING,
    reference=N_("SCHED-OVER.reference"),
    check=check,
    message=N_("SCHED-OVER"),
)
