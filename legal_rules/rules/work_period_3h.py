"""WT-PERIOD-3H — each continuous work period lasts at least 3 hours.

« La durée de chaque période de travail ne peut être inférieure à trois heures »
(loi du 16 mars 1971 sur le travail, art. 21; AR of 18 June 1990 for part-time work);
sector agreements may allow shorter ones, hence a warning a derogation can silence.
Shifts that follow each other without a gap, even at two members, are one period.
"""

from allocation.translations import N_

from ..model import Finding, Rule, Severity, Snapshot
from ._worked import block_findings

MINIMUM_MINUTES = 3 * 60


def check(snapshot: Snapshot) -> list[Finding]:
    return block_findings(RULE, snapshot, 0, lambda minutes: minutes < MINIMUM_MINUTES)


RULE = Rule(
    id="WT-PERIOD-3H",
    severity=Severity.WARNING,
    reference=N_("WT-PERIOD-3H.reference"),
    check=check,
    derogable=True,
    message=N_("WT-PERIOD-3H"),
)
