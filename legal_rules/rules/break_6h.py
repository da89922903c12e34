"""WT-BREAK-6H — no more than 6 hours of work without a break of 15 minutes.

« Aucun travailleur ne peut être occupé pendant plus de six heures sans bénéficier
d'un intervalle de repos » of at least a quarter of an hour (loi du 16 mars 1971,
art. 38quater). Shifts at two members separated by less than 15 minutes count as one
stretch of work.
"""

from allocation.translations import N_

from ..model import Finding, Rule, Severity, Snapshot
from ._worked import block_findings

MAXIMUM_MINUTES = 6 * 60
SHORTEST_BREAK = 15  # minutes


def check(snapshot: Snapshot) -> list[Finding]:
    return block_findings(RULE, snapshot, SHORTEST_BREAK, lambda minutes: minutes > MAXIMUM_MINUTES)


RULE = Rule(
    id="WT-BREAK-6H",
    severity=Severity.WARNING,
    reference=N_("WT-BREAK-6H.reference"),
    check=check,
    derogable=True,
    message=N_("WT-BREAK-6H"),
)
