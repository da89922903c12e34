"""INV-VAT-REGIME — each line's VAT category is the one the member's regime calls for.

Placing staff against payment is a taxable supply of services at 21 %, even at cost and
even by an ASBL. A GE declared as a « groupement autonome » (Code TVA, art. 44, §2bis;
circular 31/2016) invoices without VAT, at exact cost, the members whose activity is
exempt or non-taxable and of public interest (CJEU C-326/15 DNB Banka, C-605/15 Aviva);
its other members, at 21 %. Mutua decides it as ``allocation.invoice`` does: category E
at 0 % when the GE's VAT mode is the cost-sharing one *and* the member's treatment is
« exempt under art. 44 §2bis »; otherwise S at 21 %. A credit note follows the invoice it
corrects, line for line, whatever the member's treatment became since.

Blocking, per document: a line whose category or rate is not the expected one (a
member's treatment changed after the draft, an exemption the GE does not apply), or an
exemption mention on a document with no exempt line.
"""

from decimal import Decimal

from ..model import Finding, Rule, Severity
from ._words import document_values, subjects
from .model import (
    COST_SHARING,
    EXEMPT_44_2BIS,
    EXEMPTION_MENTION,
    STANDARD_RATE,
    CreditedInvoice,
    DocumentFacts,
    InvoiceBatch,
    LineFacts,
    VatCategory,
)

ZERO = Decimal(0)


def expected(batch: InvoiceBatch, document: DocumentFacts) -> tuple[str, Decimal]:
    exempt = batch.vat_mode == COST_SHARING and document.vat_treatment == EXEMPT_44_2BIS
    return (VatCategory.EXEMPT, ZERO) if exempt else (VatCategory.STANDARD, STANDARD_RATE)


def _why(batch: InvoiceBatch, document: DocumentFacts) -> tuple[str, str, str]:
    if document.vat_treatment == EXEMPT_44_2BIS and batch.vat_mode != COST_SHARING:
        return (
            "le groupement n'applique pas l'exemption de l'article 44, §2bis, du Code de la TVA",
            "de groepering past de vrijstelling van artikel 44, §2bis, Btw-wetboek niet toe",
            "the groupement does not apply the VAT Code's art. 44, §2bis exemption",
        )
    if document.vat_treatment == EXEMPT_44_2BIS:
        return (
            "ce membre est exempté sous l'article 44, §2bis, du Code de la TVA",
            "dit lid is vrijgesteld krachtens artikel 44, §2bis, Btw-wetboek",
            "this member is exempt under the VAT Code's art. 44, §2bis",
        )
    return (
        "ce membre est soumis au taux normal",
        "dit lid valt onder het normale tarief",
        "this member is charged the standard rate",
    )


_CORRECTED = (
    "une note de crédit suit le régime de la facture qu'elle corrige",
    "een creditnota volgt het stelsel van de factuur die ze corrigeert",
    "a credit note follows the regime of the invoice it corrects",
)
_MENTION_WITHOUT_EXEMPTION = (
    "elle porte la mention d'exemption sans aucune ligne exemptée",
    "ze vermeldt de vrijstelling zonder enige vrijgestelde regel",
    "it carries the exemption mention without any exempt line",
)


def _original_line(corrected: CreditedInvoice, line: LineFacts) -> LineFacts | None:
    """The line of the corrected invoice that a credit note's ``line`` takes back."""
    return next(
        (o for o in corrected.lines if o.kind is line.kind and o.contract_id == line.contract_id),
        None,
    )


def _wrong_lines(
    batch: InvoiceBatch, document: DocumentFacts
) -> tuple[list[LineFacts], str, Decimal, tuple[str, str, str]]:
    if document.is_credit_note and document.corrects is not None:
        wrong, want = [], (VatCategory.STANDARD.value, STANDARD_RATE)
        for line in document.lines:
            original = _original_line(document.corrects, line)
            if original is None:
                continue  # a line of nothing: INV-CN-REF's business
            if (line.vat_category, line.vat_rate) != (original.vat_category, original.vat_rate):
                wrong.append(line)
                want = (original.vat_category, original.vat_rate)
        return wrong, want[0], want[1], _CORRECTED
    category, rate = expected(batch, document)
    wrong = [
        line for line in document.lines if (line.vat_category, line.vat_rate) != (category, rate)
    ]
    return wrong, category, rate, _why(batch, document)


def check(batch: InvoiceBatch) -> list[Finding]:
    findings = []
    for document in batch.documents:
        wrong, category, rate, why = _wrong_lines(batch, document)
        if wrong:
            findings.append(
                RULE.finding(
                    document.day,
                    document.day,
                    subjects(document),
                    count=len(wrong),
                    category=wrong[0].vat_category,
                    rate=wrong[0].vat_rate,
                    expected_category=str(category),
                    expected_rate=rate,
                    fr=why[0],
                    nl=why[1],
                    en=why[2],
                    **document_values(document),
                )
            )
        exempt = any(line.vat_category == VatCategory.EXEMPT for line in document.lines)
        if EXEMPTION_MENTION in document.mentions and not exempt:
            findings.append(
                MENTION.finding(
                    document.day,
                    document.day,
                    subjects(document),
                    fr=_MENTION_WITHOUT_EXEMPTION[0],
                    nl=_MENTION_WITHOUT_EXEMPTION[1],
                    en=_MENTION_WITHOUT_EXEMPTION[2],
                    **document_values(document),
                )
            )
    return findings


REFERENCE = {
    "fr": "Code TVA, art. 44, §2bis ; circulaire 31/2016 ; CJUE C-326/15 et C-605/15",
    "nl": "Btw-wetboek, art. 44, §2bis ; circulaire 31/2016 ; HvJ C-326/15 en C-605/15",
    "en": "VAT Code, art. 44, §2bis; circular 31/2016; CJEU C-326/15 and C-605/15",
}
RULE = Rule(
    id="INV-VAT-REGIME",
    severity=Severity.BLOCKING,
    reference=REFERENCE,
    templates={
        "fr": "Régime de TVA incohérent sur {doc_fr} ({member}) : {count} ligne(s) en catégorie "
        "{category} à {rate} % au lieu de {expected_category} à {expected_rate} % ({fr}).",
        "nl": "Onsamenhangend btw-stelsel op {doc_nl} ({member}): {count} regel(s) in categorie "
        "{category} tegen {rate} % in plaats van {expected_category} tegen {expected_rate} % "
        "({nl}).",
        "en": "Inconsistent VAT regime on {doc_en} ({member}): {count} line(s) in category "
        "{category} at {rate} % instead of {expected_category} at {expected_rate} % ({en}).",
    },
)
# The same rule, worded for a mention that contradicts the lines.
MENTION = Rule(
    id=RULE.id,
    severity=RULE.severity,
    reference=REFERENCE,
    templates={
        "fr": "Régime de TVA incohérent sur {doc_fr} ({member}) : {fr}.",
        "nl": "Onsamenhangend btw-stelsel op {doc_nl} ({member}): {nl}.",
        "en": "Inconsistent VAT regime on {doc_en} ({member}): {en}.",
    },
)
