"""INV-CN-REF — a credit note corrects an issued invoice of the same member.

A credit note is a corrective invoice: issued by the issuer of the original, it must
« faire référence de manière spécifique et non équivoque à la facture initiale »
(Code TVA, art. 53, §2, al. 3; AR n° 1, art. 12; circular AGFisc 15/2015). Where it
takes back VAT the member may have deducted, it carries « TVA à reverser à l'État dans
la mesure où elle a été initialement déduite ».

Blocking, per credit note: no invoice referenced; the document referenced is not an
issued invoice (a draft, another credit note) or belongs to another member; the credit
note is dated before it; or it takes back VAT without the repayment mention.
"""

from ..model import Finding, Rule, Severity, format_date
from ._words import document_values, subjects
from .model import VAT_REPAYMENT_MENTION, DocumentFacts, InvoiceBatch


def _problems(document: DocumentFacts) -> list[tuple[str, str, str]]:
    original = document.corrects
    if original is None:
        return [
            (
                "elle ne référence aucune facture",
                "ze verwijst naar geen enkele factuur",
                "it refers to no invoice",
            )
        ]
    reference = original.reference or f"#{original.id}"
    problems = []
    if original.kind != "invoice" or not original.issued or original.reference is None:
        problems.append(
            (
                f"le document qu'elle corrige ({reference}) n'est pas une facture émise",
                f"het gecorrigeerde document ({reference}) is geen uitgereikte factuur",
                f"the document it corrects ({reference}) is not an issued invoice",
            )
        )
    if original.member_id != document.member_id:
        problems.append(
            (
                f"la facture {reference} qu'elle corrige est adressée à un autre membre",
                f"de gecorrigeerde factuur {reference} is aan een ander lid gericht",
                f"the invoice it corrects, {reference}, is addressed to another member",
            )
        )
    if (
        original.issue_date is not None
        and document.issue_date is not None
        and document.issue_date < original.issue_date
    ):
        problems.append(
            (
                f"elle est datée d'avant la facture {reference} du "
                f"{format_date(original.issue_date, 'fr')}",
                f"ze is gedateerd vóór factuur {reference} van "
                f"{format_date(original.issue_date, 'nl')}",
                f"it is dated before invoice {reference} of "
                f"{format_date(original.issue_date, 'en')}",
            )
        )
    if document.vat_total > 0 and VAT_REPAYMENT_MENTION not in document.mentions:
        problems.append(
            (
                f"la mention « {VAT_REPAYMENT_MENTION} » manque",
                f"de vermelding « {VAT_REPAYMENT_MENTION} » ontbreekt",
                f"the mention “{VAT_REPAYMENT_MENTION}” is missing",
            )
        )
    return problems


def check(batch: InvoiceBatch) -> list[Finding]:
    findings = []
    for document in batch.documents:
        if not document.is_credit_note:
            continue
        problems = _problems(document)
        if problems:
            findings.append(
                RULE.finding(
                    document.day,
                    document.day,
                    subjects(document)
                    + ((("invoice", document.corrects.id),) if document.corrects else ()),
                    fr=" ; ".join(p[0] for p in problems),
                    nl="; ".join(p[1] for p in problems),
                    en="; ".join(p[2] for p in problems),
                    **document_values(document),
                )
            )
    return findings


RULE = Rule(
    id="INV-CN-REF",
    severity=Severity.BLOCKING,
    reference={
        "fr": "Code TVA, art. 53, §2, al. 3 ; AR n° 1, art. 12 ; circulaire AGFisc 15/2015",
        "nl": "Btw-wetboek, art. 53, §2, lid 3 ; KB nr. 1, art. 12 ; circulaire AAFisc 15/2015",
        "en": "VAT Code, art. 53, §2, para. 3; Royal Decree no. 1, art. 12; circular AGFisc "
        "15/2015",
    },
    templates={
        "fr": "La note de crédit doit référencer la facture d'origine : {doc_fr} ({member}), {fr}.",
        "nl": "De creditnota moet naar de oorspronkelijke factuur verwijzen: {doc_nl} ({member}), "
        "{nl}.",
        "en": "A credit note must refer to the original invoice: {doc_en} ({member}), {en}.",
    },
)
