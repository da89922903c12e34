"""SCHED-OVER — the weekly schedule plans no more hours than the contract agrees.

A part-time contract states its weekly regime and schedule (loi-programme du
22 décembre 1989, art. 157 s.); planning more hours than agreed, summed over every
member, is overtime by design. Applies to every stretch of days during which the
contract's assignments do not change.
"""

from ..model import Finding, Rule, Severity, Snapshot
from . import _planning


def check(snapshot: Snapshot) -> list[Finding]:
    return _planning.findings(RULE, snapshot, lambda planned, agreed: planned > agreed)


RULE = Rule(
    id="SCHED-OVER",
    severity=Severity.BLOCKING,
    reference={
        "fr": "Loi-programme du 22 décembre 1989, art. 157 s. (temps partiel)",
        "nl": "Programmawet van 22 december 1989, art. 157 e.v. (deeltijdse arbeid)",
        "en": "Programme Act of 22 December 1989, art. 157 ff. (part-time work)",
    },
    check=check,
    templates={
        "fr": "L'horaire de {worker} prévoit {planned} h par semaine à partir du {date}, plus que "
        "les {agreed} h de son contrat.",
        "nl": "Het uurrooster van {worker} voorziet vanaf {date} {planned} u per week, meer dan "
        "de {agreed} u van de arbeidsovereenkomst.",
        "en": "{worker}'s schedule plans {planned} h a week from {date}, more than the {agreed} h "
        "of the contract.",
    },
)
