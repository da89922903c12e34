"""GE-CP-01 — the contract's joint committee is the one the authorisation fixed.

The ministerial authorisation « détermine la commission paritaire » to which the GE's
workers belong (loi du 12 août 2000, art. 186 s.; SPF ETCS). A contract under another
commission paritaire applies the wrong wage scales and working conditions.
"""

from ..model import Finding, Rule, Severity, Snapshot
from ._contracts import running, subjects


def check(snapshot: Snapshot) -> list[Finding]:
    authorised = snapshot.groupement.joint_committee
    if not authorised:
        return []  # GE-AUTH-01 speaks when no authorisation is recorded.
    return [
        RULE.finding(
            first, last, subjects(contract), cp=contract.joint_committee, authorised=authorised
        )
        for contract, first, last in running(snapshot)
        if contract.joint_committee != authorised
    ]


RULE = Rule(
    id="GE-CP-01",
    severity=Severity.BLOCKING,
    reference={
        "fr": "Loi du 12 août 2000, art. 186 s. ; autorisation ministérielle",
        "nl": "Wet van 12 augustus 2000, art. 186 e.v. ; ministeriële erkenning",
        "en": "Law of 12 August 2000, art. 186 ff.; ministerial authorisation",
    },
    check=check,
    templates={
        "fr": "La commission paritaire du contrat ({cp}) ne correspond pas à celle fixée dans "
        "l'autorisation ({authorised}).",
        "nl": "Het paritair comité van de overeenkomst ({cp}) stemt niet overeen met het comité "
        "dat in de erkenning is vastgelegd ({authorised}).",
        "en": "The contract's joint committee ({cp}) differs from the one fixed by the "
        "authorisation ({authorised}).",
    },
)
