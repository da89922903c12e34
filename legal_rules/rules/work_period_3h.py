"""WT-PERIOD-3H — each continuous work period lasts at least 3 hours.

« La durée de chaque période de travail ne peut être inférieure à trois heures »
(loi du 16 mars 1971 sur le travail, art. 21; AR of 18 June 1990 for part-time work);
sector agreements may allow shorter ones, hence a warning a derogation can silence.
Shifts that follow each other without a gap, even at two members, are one period.
"""

from ..model import Finding, Rule, Severity, Snapshot
from ._worked import block_findings

MINIMUM_MINUTES = 3 * 60


def check(snapshot: Snapshot) -> list[Finding]:
    return block_findings(RULE, snapshot, 0, lambda minutes: minutes < MINIMUM_MINUTES)


RULE = Rule(
    id="WT-PERIOD-3H",
    severity=Severity.WARNING,
    reference={
        "fr": "Loi du 16 mars 1971, art. 21 ; temps partiel : AR du 18 juin 1990",
        "nl": "Arbeidswet van 16 maart 1971, art. 21 ; deeltijdse arbeid: KB van 18 juni 1990",
        "en": "Labour Act of 16 March 1971, art. 21; part-time work: Royal Decree of 18 June 1990",
    },
    check=check,
    derogable=True,
    templates={
        "fr": "Période de travail de {length} pour {worker} le {date} : la durée minimale d'une "
        "prestation est de 3 heures (sauf dérogation sectorielle).",
        "nl": "Arbeidsperiode van {length} voor {worker} op {date}: een prestatie duurt minstens "
        "3 uur (behoudens sectorale afwijking).",
        "en": "Work period of {length} for {worker} on {date}: a period lasts at least 3 hours "
        "(unless a sector derogation applies).",
    },
)
