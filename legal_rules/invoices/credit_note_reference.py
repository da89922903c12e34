"""INV-CN-REF — a credit note corrects an issued invoice of the same member.

A credit note is a corrective invoice: issued by the issuer of the original, it must
« faire référence de manière spécifique et non équivoque à la facture initiale »
(Code TVA, art. 53, §2, al. 3; AR n° 1, art. 12; circular AGFisc 15/2015). Where it
takes back VAT the member may have deducted, it carries « TVA à reverser à l'État dans
la mesure où elle a été initialement déduite », in the credit note's language (« Btw
terug te storten aan de Staat in de mate dat ze oorspronkelijk in aftrek werd gebracht »).

Blocking, per credit note: no invoice referenced; the document referenced is not an
issued invoice (a draft, another credit note) or belongs to another member; the credit
note is dated before it; or it takes back VAT without the repayment mention.
"""

from allocation.translations import N_

from ..model import Finding, Phrase, Phrases, Rule, Severity, phrase
from ._words import document_values, subjects
from .model import VAT_REPAYMENT_MENTION, DocumentFacts, InvoiceBatch, printed


def _problems(document: DocumentFacts) -> list[Phrase]:
    original = document.corrects
    if original is None:
        return [phrase(N_("INV-CN-REF.no_invoice"))]
    reference = original.reference or f"#{original.id}"
    problems = []
    if original.kind != "invoice" or not original.issued or original.reference is None:
        problems.append(phrase(N_("INV-CN-REF.not_issued"), reference=reference))
    if original.member_id != document.member_id:
        problems.append(phrase(N_("INV-CN-REF.other_member"), reference=reference))
    if (
        original.issue_date is not None
        and document.issue_date is not None
        and document.issue_date < original.issue_date
    ):
        problems.append(
            phrase(N_("INV-CN-REF.dated_before"), reference=reference, date=original.issue_date)
        )
    if document.vat_total > 0 and not printed(document, VAT_REPAYMENT_MENTION):
        problems.append(
            phrase(N_("INV-CN-REF.repayment_missing"), mention=phrase(VAT_REPAYMENT_MENTION))
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
                    why=Phrases(tuple(problems), N_("list.semicolon")),
                    **document_values(document),
                )
            )
    return findings


RULE = Rule(
    id="INV-CN-REF",
    severity=Severity.BLOCKING,
    reference=N_("INV-CN-REF.reference"),
    message=N_("INV-CN-REF"),
)
