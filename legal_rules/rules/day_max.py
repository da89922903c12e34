"""WT-DAY-MAX — never more than 9 hours of work in a day, unless a derogation allows it.

The 8-hour day may stretch to 9 hours in a flexible schedule or a 5½-day week
(loi du 16 mars 1971, art. 19-20bis; SPF ETCS), and to 10 hours only in recorded
exceptions (distance). Summed over every member; blocking unless a derogation is
recorded for the period.
"""

from allocation.translations import N_

from ..model import Finding, Rule, Severity, Snapshot
from ._worked import daily_findings

MAXIMUM_MINUTES = 9 * 60


def check(snapshot: Snapshot) -> list[Finding]:
    return daily_findings(RULE, snapshot, lambda minutes: minutes > MAXIMUM_MINUTES)


RULE = Rule(
    id="WT-DAY-MAX",
    severity=Severity.BLOCKING,
    reference=N_("WT-DAY-MAX.reference"),
    check=check,
    derogable=True,
    message=N_("WT-DAY-MAX"),
)
