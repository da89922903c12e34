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

from allocation.translations import N_

from ..model import Finding, Phrase, Rule, Severity, phrase
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
    printed_in_any_language,
)

ZERO = Decimal(0)


def expected(batch: InvoiceBatch, document: DocumentFacts) -> tuple[str, Decimal]:
    exempt = batch.vat_mode == COST_SHARING and document.vat_treatment == EXEMPT_44_2BIS
    return (VatCategory.EXEMPT, ZERO) if exempt else (VatCategory.STANDARD, STANDARD_RATE)


def _why(batch: InvoiceBatch, document: DocumentFacts) -> Phrase:
    if document.vat_treatment == EXEMPT_44_2BIS and batch.vat_mode != COST_SHARING:
        return phrase(N_("INV-VAT-REGIME.not_applied"))
    if document.vat_treatment == EXEMPT_44_2BIS:
        return phrase(N_("INV-VAT-REGIME.exempt_member"))
    return phrase(N_("INV-VAT-REGIME.standard_member"))


_CORRECTED = phrase(N_("INV-VAT-REGIME.corrected"))
_MENTION_WITHOUT_EXEMPTION = phrase(N_("INV-VAT-REGIME.mention_without_exemption"))


def _original_line(corrected: CreditedInvoice, line: LineFacts) -> LineFacts | None:
    """The line of the corrected invoice that a credit note's ``line`` takes back."""
    return next(
        (o for o in corrected.lines if o.kind is line.kind and o.contract_id == line.contract_id),
        None,
    )


def _wrong_lines(
    batch: InvoiceBatch, document: DocumentFacts
) -> tuple[list[LineFacts], str, Decimal, Phrase]:
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
                    why=why,
                    **document_values(document),
                )
            )
        exempt = any(line.vat_category == VatCategory.EXEMPT for line in document.lines)
        # In whichever language it is printed, the mention contradicts taxed lines.
        if not exempt and printed_in_any_language(document, EXEMPTION_MENTION):
            findings.append(
                MENTION.finding(
                    document.day,
                    document.day,
                    subjects(document),
                    why=_MENTION_WITHOUT_EXEMPTION,
                    **document_values(document),
                )
            )
    return findings


REFERENCE = N_("INV-VAT-REGIME.reference")
RULE = Rule(
    id="INV-VAT-REGIME",
    severity=Severity.BLOCKING,
    reference=REFERENCE,
    message=N_("INV-VAT-REGIME"),
)
# The same rule, worded for a mention that contradicts the lines.
MENTION = Rule(
    id=RULE.id,
    severity=RULE.severity,
    reference=REFERENCE,
    message=N_("INV-VAT-REGIME.mention"),
)
