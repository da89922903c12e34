"""GE-HOURS-19 — every GE contract agrees at least 19 hours a week.

« La durée du travail hebdomadaire du travailleur engagé par le groupement
d'employeurs ne peut être inférieure à 19 heures » (loi du 12 août 2000, art. 188,
al. 3). Applies to the weekly hours agreed in each contract, whatever is planned.
"""

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
    reference={
        "fr": "Loi du 12 août 2000, art. 188, al. 3",
        "nl": "Wet van 12 augustus 2000, art. 188, lid 3",
        "en": "Law of 12 August 2000, art. 188, para. 3",
    },
    check=check,
    templates={
        "fr": "La durée hebdomadaire convenue ({hours} h) est inférieure au minimum légal de "
        "{floor} heures pour un travailleur de groupement d'employeurs.",
        "nl": "De overeengekomen wekelijkse arbeidsduur ({hours} u) is lager dan het wettelijke "
        "minimum van {floor} uur voor een werknemer van een werkgeversgroepering.",
        "en": "The agreed weekly hours ({hours} h) are below the legal minimum of {floor} hours "
        "for a worker of a groupement d'employeurs.",
    },
)
