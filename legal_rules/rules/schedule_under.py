"""SCHED-UNDER — the weekly schedule plans fewer hours than the contract agrees.

The GE pays the agreed hours whatever is planned; unplanned capacity is still shared
among the members (DOMAIN §5) but usually means a schedule was forgotten. A warning.
"""

from ..model import Finding, Rule, Severity, Snapshot
from . import _planning


def check(snapshot: Snapshot) -> list[Finding]:
    return _planning.findings(RULE, snapshot, lambda planned, agreed: planned < agreed)


RULE = Rule(
    id="SCHED-UNDER",
    severity=Severity.WARNING,
    reference={
        "fr": "Loi-programme du 22 décembre 1989, art. 157 s.",
        "nl": "Programmawet van 22 december 1989, art. 157 e.v.",
        "en": "Programme Act of 22 December 1989, art. 157 ff.",
    },
    check=check,
    derogable=True,
    templates={
        "fr": "L'horaire de {worker} ne prévoit que {planned} h par semaine à partir du {date} "
        "pour un contrat de {agreed} h : le solde reste à planifier.",
        "nl": "Het uurrooster van {worker} voorziet vanaf {date} slechts {planned} u per week "
        "voor een overeenkomst van {agreed} u: de rest moet nog gepland worden.",
        "en": "{worker}'s schedule plans only {planned} h a week from {date} for a contract of "
        "{agreed} h: the rest is still to be planned.",
    },
)
