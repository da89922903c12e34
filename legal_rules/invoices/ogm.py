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
    reference={
        "fr": "Norme Febelfin de la communication structurée (OGM)",
        "nl": "Febelfin-standaard voor de gestructureerde mededeling (OGM)",
        "en": "Febelfin standard for the structured communication (OGM/VCS)",
    },
    templates={
        "fr": "Communication structurée invalide sur {doc_fr} ({member}) : « {communication} » "
        "(attendu : +++XXX/XXXX/XXXXX+++, les deux derniers chiffres étant les dix premiers "
        "modulo 97).",
        "nl": "Ongeldige gestructureerde mededeling op {doc_nl} ({member}): « {communication} » "
        "(verwacht: +++XXX/XXXX/XXXXX+++, de laatste twee cijfers zijn de eerste tien modulo 97).",
        "en": "Invalid structured communication on {doc_en} ({member}): “{communication}” "
        "(expected +++XXX/XXXX/XXXXX+++, the last two digits being the first ten modulo 97).",
    },
)
