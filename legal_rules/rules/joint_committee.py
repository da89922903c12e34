"""GE-CP-01 — the contract's joint committee is the one the authorisation fixed.

The ministerial authorisation « détermine la commission paritaire » to which the GE's
workers belong (loi du 12 août 2000, art. 186 s.; SPF ETCS). A contract under another
commission paritaire applies the wrong wage scales and working conditions.
"""

from allocation.translations import N_

from ..model import Finding, Rule, Severity, Snapshot
from ._contracts import running, subjects


def check(snapshot: Snapshot) -> list[Finding]:
    authorised = snapshot.groupement.joint_committee
    if not authorised:
        return []  # GE-AUTH-01 speaks when no authorisation is recorded.
    return [
        RULE.finding(
            first, last, subjects(contract), cp=contract.joint_committee, authorised=authorised
        )
        for contract, first, last in running(snapshot)
        if contract.joint_committee != authorised
    ]


RULE = Rule(
    id="GE-CP-01",
    severity=Severity.BLOCKING,
    reference=N_("GE-CP-01.reference"),
    check=check,
    message=N_("GE-CP-01"),
)
