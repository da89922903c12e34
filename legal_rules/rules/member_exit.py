"""GE-MEMBER-02 — nothing is placed with a member after it left.

Once a member has left, the GE may no longer put workers at its disposal (loi du
12 août 2000, art. 186); the member still answers, jointly with the others, for the
GE's social and fiscal debts born while it was a member. Applies to every slot and
every day entry at a member on a day after its exit date.
"""

from datetime import date, timedelta

from allocation.translations import N_

from ..model import Finding, Rule, Severity, Snapshot
from ._placement import placements_between


def check(snapshot: Snapshot) -> list[Finding]:
    findings = []
    for member in snapshot.members:
        if member.left_on is None:
            continue
        after_exit = member.left_on + timedelta(days=1)
        for subjects, first, last in placements_between(snapshot, member.id, after_exit, date.max):
            findings.append(
                RULE.finding(
                    first, last, subjects, member=member.name, left_on=member.left_on, date=first
                )
            )
    return findings


RULE = Rule(
    id="GE-MEMBER-02",
    severity=Severity.BLOCKING,
    reference=N_("GE-MEMBER-02.reference"),
    check=check,
    message=N_("GE-MEMBER-02"),
)
