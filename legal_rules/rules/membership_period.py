"""GE-MEMBER-01 — a worker is placed only with a member, while it is a member.

The GE is authorised to put its workers « à la disposition de ses membres » only
(loi du 12 août 2000, art. 186; placing with a non-member is a ground for withdrawing
the authorisation). Applies to every slot and every day entry at a member on a day
before the member joined.
"""

from datetime import date, timedelta

from allocation.translations import N_

from ..model import Finding, Rule, Severity, Snapshot
from ._placement import placements_between


def check(snapshot: Snapshot) -> list[Finding]:
    findings = []
    for member in snapshot.members:
        before_joining = member.joined_on - timedelta(days=1)
        for subjects, first, last in placements_between(
            snapshot, member.id, date.min, before_joining
        ):
            findings.append(RULE.finding(first, last, subjects, member=member.name, date=first))
    return findings


RULE = Rule(
    id="GE-MEMBER-01",
    severity=Severity.BLOCKING,
    reference=N_("GE-MEMBER-01.reference"),
    check=check,
    message=N_("GE-MEMBER-01"),
)
