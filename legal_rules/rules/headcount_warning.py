"""GE-CAP-WARN — the headcount nears the cap (90 % of it: 45 of 50).

A warning before GE-CAP-50: past the cap the authorisation ends three months later
(loi du 12 août 2000, modifiée par la loi du 5 mars 2017), so a GE at 45 workers plans
its next hire with care.
"""

from allocation.translations import N_

from ..model import Finding, Rule, Severity, Snapshot
from ..periods import headcount
from ..references import GE_CAP


def threshold(cap: int) -> int:
    """90 % of the cap, rounded up, in whole workers (45 for 50)."""
    return -(-cap * 9 // 10)


def check(snapshot: Snapshot) -> list[Finding]:
    cap = snapshot.groupement.headcount_cap
    near = [s for s in headcount(snapshot) if threshold(cap) <= s.value <= cap]
    if not near:
        return []
    top = max(s.value for s in near)
    return [RULE.finding(near[0].first, near[-1].last, (), count=top, cap=cap, date=near[0].first)]


RULE = Rule(
    id="GE-CAP-WARN",
    severity=Severity.WARNING,
    reference=GE_CAP,
    check=check,
    message=N_("GE-CAP-WARN"),
)
