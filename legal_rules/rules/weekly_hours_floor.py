"""GE-HOURS-19 — every GE contract agrees at least 19 hours a week.

« La durée du travail hebdomadaire du travailleur engagé par le groupement
d'employeurs ne peut être inférieure à 19 heures » (loi du 12 août 2000, art. 188,
al. 3). Applies to the weekly hours agreed in each contract, whatever is planned.
"""

from allocation.translations import N_

from ..model import Finding, Rule, Severity, Snapshot
from ._contracts import running, subjects


def check(snapshot: Snapshot) -> list[Finding]:
    floor = snapshot.groupement.weekly_hours_floor
    return [
        RULE.finding(first, last, subjects(contract), hours=contract.weekly_hours, floor=floor)
        for contract, first, last in running(snapshot)
        if contract.weekly_hours < floor
    ]


RULE = Rule(
    id="GE-HOURS-19",
    severity=Severity.BLOCKING,
    reference=N_("GE-HOURS-19.reference"),
    check=check,
    message=N_("GE-HOURS-19"),
)
