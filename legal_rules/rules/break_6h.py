"""WT-BREAK-6H — no more than 6 hours of work without a break of 15 minutes.

« Aucun travailleur ne peut être occupé pendant plus de six heures sans bénéficier
d'un intervalle de repos » of at least a quarter of an hour (loi du 16 mars 1971,
art. 38quater). Shifts at two members separated by less than 15 minutes count as one
stretch of work.
"""

from ..model import Finding, Rule, Severity, Snapshot
from ._worked import block_findings

MAXIMUM_MINUTES = 6 * 60
SHORTEST_BREAK = 15  # minutes


def check(snapshot: Snapshot) -> list[Finding]:
    return block_findings(RULE, snapshot, SHORTEST_BREAK, lambda minutes: minutes > MAXIMUM_MINUTES)


RULE = Rule(
    id="WT-BREAK-6H",
    severity=Severity.WARNING,
    reference={
        "fr": "Loi du 16 mars 1971, art. 38quater",
        "nl": "Arbeidswet van 16 maart 1971, art. 38quater",
        "en": "Labour Act of 16 March 1971, art. 38quater",
    },
    check=check,
    derogable=True,
    templates={
        "fr": "{worker} travaille {length} sans pause le {date} : au-delà de 6 heures, une pause "
        "d'au moins 15 minutes est obligatoire.",
        "nl": "{worker} werkt op {date} {length} zonder pauze: na 6 uur is een pauze van minstens "
        "15 minuten verplicht.",
        "en": "{worker} works {length} without a break on {date}: after 6 hours a break of at "
        "least 15 minutes is mandatory.",
    },
)
