"""WT-DAY-MAX — never more than 9 hours of work in a day, unless a derogation allows it.

The 8-hour day may stretch to 9 hours in a flexible schedule or a 5½-day week
(loi du 16 mars 1971, art. 19-20bis; SPF ETCS), and to 10 hours only in recorded
exceptions (distance). Summed over every member; blocking unless a derogation is
recorded for the period.
"""

from ..model import Finding, Rule, Severity, Snapshot
from ._worked import daily_findings

MAXIMUM_MINUTES = 9 * 60


def check(snapshot: Snapshot) -> list[Finding]:
    return daily_findings(RULE, snapshot, lambda minutes: minutes > MAXIMUM_MINUTES)


RULE = Rule(
    id="WT-DAY-MAX",
    severity=Severity.BLOCKING,
    reference={
        "fr": "Loi du 16 mars 1971, art. 19 à 20bis",
        "nl": "Arbeidswet van 16 maart 1971, art. 19 tot 20bis",
        "en": "Labour Act of 16 March 1971, art. 19 to 20bis",
    },
    check=check,
    derogable=True,
    templates={
        "fr": "{hours} prévues pour {worker} le {date} : dépassement de la limite journalière "
        "(9 h en horaire flexible ou semaine de 5,5 jours).",
        "nl": "{hours} gepland voor {worker} op {date}: de dagelijkse grens wordt overschreden "
        "(9 u bij glijdende uurroosters of een week van 5,5 dagen).",
        "en": "{hours} planned for {worker} on {date}: beyond the daily limit (9 h with flexible "
        "hours or a 5½-day week).",
    },
)
