"""GE-AUTH-01 — an authorisation is recorded before any placement.

« Le groupement d'employeurs […] doit obtenir l'autorisation préalable du ministre de
l'Emploi » (loi du 12 août 2000, art. 186 s.); without it, putting workers at the
disposal of others is the placement the law of 24 July 1987 (art. 31) forbids.
Applies to every assignment active on a day when the GE has no authorisation recorded
(reference and date), or before the authorisation's date.
"""

from datetime import timedelta

from allocation.translations import N_

from ..model import Finding, Rule, Severity, Snapshot


def check(snapshot: Snapshot) -> list[Finding]:
    ge = snapshot.groupement
    findings = []
    for assignment in snapshot.assignments:
        contract = snapshot.contract(assignment.contract_id)
        first = max(snapshot.start, assignment.starts_on, contract.starts_on)
        last = min(
            snapshot.end, assignment.ends_on or snapshot.end, contract.ends_on or snapshot.end
        )
        if first > last:
            continue
        if ge.authorisation_reference and ge.authorisation_date:
            if first >= ge.authorisation_date:
                continue
            last = min(last, ge.authorisation_date - timedelta(days=1))
        findings.append(
            RULE.finding(
                first,
                last,
                (("assignment", assignment.id), ("worker", contract.worker_id)),
                date=first,
            )
        )
    return findings


RULE = Rule(
    id="GE-AUTH-01",
    severity=Severity.BLOCKING,
    reference=N_("GE-AUTH-01.reference"),
    check=check,
    message=N_("GE-AUTH-01"),
)
