"""INV-OGM — a valid Belgian structured communication on every document.

The « communication structurée » (OGM/VCS) is what a member's bank puts in the payment
and what CODA and camt.053 statements bring back: 12 digits written
+++XXX/XXXX/XXXXX+++, the last two being the first ten modulo 97 (97 when that is 0)
(Febelfin standard). It is no legal mention, but a wrong one sends a payment nowhere
and the reconciliation by communication (DOMAIN §8) fails: Mutua refuses to issue a
document without a valid one. The check digits are python-stdnum's
(``stdnum.be.ogm_vcs``), never a checksum written here.
"""

import re

from stdnum.be import ogm_vcs

from allocation.translations import N_

from ..model import Finding, Rule, Severity
from ._words import document_values, subjects
from .model import InvoiceBatch

WRITTEN = re.compile(r"\+\+\+\d{3}/\d{4}/\d{5}\+\+\+")


def valid(communication: str | None) -> bool:
    return (
        communication is not None
        and WRITTEN.fullmatch(communication) is not None
        and ogm_vcs.is_valid(communication)
    )


def check(batch: InvoiceBatch) -> list[Finding]:
    return [
        RULE.finding(
            document.day,
            document.day,
            subjects(document),
            communication=document.payment_reference or "—",
            **document_values(document),
        )
        for document in batch.documents
        if not valid(document.payment_reference)
    ]


RULE = Rule(
    id="INV-OGM",
    severity=Severity.BLOCKING,
    reference=N_("INV-OGM.reference"),
    message=N_("INV-OGM"),
)
