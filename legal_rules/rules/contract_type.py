"""GE-CONTRACT-TYPE — no flexi-job, student or occasional Horeca contract.

Those contracts cannot reach the 19 hours a week of art. 188, al. 3 of the loi du
12 août 2000: a Belgian GE lost its authorisation on 22 September 2022 for employing
such workers (Conseil d'État, arrêt n° 261.305 of 7 November 2024, appeal withdrawn).
"""

from ..model import Finding, Rule, Severity, Snapshot
from ._contracts import running, subjects

INCOMPATIBLE = {
    "flexi_job": ("flexi-job", "flexi-job", "flexi-job"),
    "student": ("contrat d'étudiant", "studentenovereenkomst", "student contract"),
    "occasional_horeca": (
        "travail occasionnel Horeca",
        "gelegenheidsarbeid horeca",
        "occasional Horeca work",
    ),
}


def check(snapshot: Snapshot) -> list[Finding]:
    findings = []
    for contract, first, last in running(snapshot):
        names = INCOMPATIBLE.get(contract.contract_type)
        if names:
            finding = RULE.finding(
                first, last, subjects(contract), fr=names[0], nl=names[1], en=names[2]
            )
            findings.append(finding)
    return findings


RULE = Rule(
    id="GE-CONTRACT-TYPE",
    severity=Severity.BLOCKING,
    reference={
        "fr": "Loi du 12 août 2000, art. 188, al. 3 ; retrait d'autorisation du 22/09/2022",
        "nl": "Wet van 12 augustus 2000, art. 188, lid 3 ; intrekking van een erkenning "
        "op 22/09/2022",
        "en": "Law of 12 August 2000, art. 188, para. 3; authorisation withdrawn on 22/09/2022",
    },
    check=check,
    templates={
        "fr": "Ce type de contrat ({fr}) est incompatible avec l'occupation par un groupement "
        "d'employeurs (minimum 19 h/semaine).",
        "nl": "Dit type overeenkomst ({nl}) is onverenigbaar met tewerkstelling door een "
        "werkgeversgroepering (minimum 19 u/week).",
        "en": "This type of contract ({en}) cannot be used by a groupement d'employeurs "
        "(minimum 19 h a week).",
    },
)
