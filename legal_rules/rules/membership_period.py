"""GE-MEMBER-01 — a worker is placed only with a member, while it is a member.

The GE is authorised to put its workers « à la disposition de ses membres » only
(loi du 12 août 2000, art. 186; placing with a non-member is a ground for withdrawing
the authorisation). Applies to every slot and every day entry at a member on a day
before the member joined.
"""

from datetime import date, timedelta

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
    reference={
        "fr": "Loi du 12 août 2000, art. 186 ; loi du 24 juillet 1987, art. 31",
        "nl": "Wet van 12 augustus 2000, art. 186 ; wet van 24 juli 1987, art. 31",
        "en": "Law of 12 August 2000, art. 186; Law of 24 July 1987, art. 31",
    },
    check=check,
    templates={
        "fr": "Ce travailleur ne peut être mis à disposition que d'un membre du groupement : "
        "{member} n'est pas membre au {date}.",
        "nl": "Deze werknemer mag alleen ter beschikking gesteld worden van een lid van de "
        "groepering: {member} is op {date} geen lid.",
        "en": "This worker may only be placed with a member of the groupement: {member} is not "
        "a member on {date}.",
    },
)
