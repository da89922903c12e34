"""GE-CONTRACT-TYPE — no flexi-job, student or occasional Horeca contract.

Those contracts cannot reach the 19 hours a week of art. 188, al. 3 of the loi du
12 août 2000: a Belgian GE lost its authorisation on 22 September 2022 for employing
such workers (Conseil d'État, arrêt n° 261.305 of 7 November 2024, appeal withdrawn).
"""

from allocation.translations import N_

from ..model import Finding, Rule, Severity, Snapshot, phrase
from ._contracts import running, subjects

# The contract types the GE law excludes, with the message id of their name.
INCOMPATIBLE = {
    "flexi_job": N_("GE-CONTRACT-TYPE.flexi_job"),
    "student": N_("GE-CONTRACT-TYPE.student"),
    "occasional_horeca": N_("GE-CONTRACT-TYPE.occasional_horeca"),
}


def check(snapshot: Snapshot) -> list[Finding]:
    findings = []
    for contract, first, last in running(snapshot):
        name = INCOMPATIBLE.get(contract.contract_type)
        if name:
            finding = RULE.finding(first, last, subjects(contract), contract_type=phrase(name))
            findings.append(finding)
    return findings


RULE = Rule(
    id="GE-CONTRACT-TYPE",
    severity=Severity.BLOCKING,
    reference=N_("GE-CONTRACT-TYPE.reference"),
    check=check,
    message=N_("GE-CONTRACT-TYPE"),
)
