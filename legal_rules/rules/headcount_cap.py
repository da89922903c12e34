"""GE-CAP-50 — at most 50 workers (or the cap a royal decree allows).

« Le nombre de travailleurs que le groupement peut occuper est limité à 50 » (loi du
12 août 2000 as amended by the law of 5 March 2017); exceeding it ends the
authorisation automatically three months later. Counted as distinct persons holding an
active GE contract on each calendar day, suspended contracts included.
"""

from allocation.translations import N_

from ..model import Finding, Rule, Severity, Snapshot
from ..periods import headcount
from ..references import GE_CAP


def check(snapshot: Snapshot) -> list[Finding]:
    cap = snapshot.groupement.headcount_cap
    over = [segment for segment in headcount(snapshot) if segment.value > cap]
    if not over:
        return []
    worst = max(segment.value for segment in over)
    return [
        RULE.finding(over[0].first, over[-1].last, (), count=worst, cap=cap, date=over[0].first)
    ]


RULE = Rule(
    id="GE-CAP-50",
    severity=Severity.BLOCKING,
    reference=GE_CAP,
    check=check,
    message=N_("GE-CAP-50"),
)
