"""INV-MENTIONS — every mandatory mention on an invoice or a credit note.

« La facture […] doit contenir les mentions suivantes » (arrêté royal n° 1 du
29 décembre 1992, art. 5, §1): the issue date; a sequential number identifying it;
the supplier's name, address and VAT number; the customer's name, address and VAT
number; the usual description and quantity of the services; per rate, the taxable
base and the VAT; where no VAT is due, the provision exempting it. A legal person adds
its legal form, its enterprise number and « RPM » with the seat of its court
(Code des sociétés et des associations, art. 2:20). A credit note is an invoice: the
same mentions (its reference to the original is INV-CN-REF's).

What Mutua requires, per document, blocking the issue when any is missing:

- issue date and number (series, year, number and the reference printed);
- the GE: name, full address, legal form, RPM seat, a valid enterprise number, and a
  valid VAT number as soon as one line bears VAT (a GE making only art. 44 exempt
  supplies may have none);
- the member: name, full address and a valid enterprise number; its VAT number is
  printed when it has one (a customer not identified for VAT has none), and must then
  be valid;
- a description on every line, and the hours (quantity) on every staff line of a
  month's invoice (a complement and a credit note carry money only);
- the VAT breakdown: totals that are the EN 16931 sums of the lines (VAT per category
  and rate on the sum of its lines);
- on a document with an exempt line, the exemption's legal basis in the document's
  language, the buyer's (« Exemption de TVA – article 44, §2bis, du Code de la TVA »,
  « Vrijstelling van btw – artikel 44, § 2bis, van het Wetboek van de belasting over de
  toegevoegde waarde », « VAT exempt – article 44, §2bis, of the Belgian VAT Code »): a
  Dutch invoice carrying the French basis lacks its own.
"""

from collections import defaultdict
from decimal import Decimal

from stdnum.be import vat

from allocation.money import round_cents
from allocation.translations import N_

from ..model import Finding, Phrases, Rule, Severity, phrase
from ._words import document_values, subjects
from .model import (
    EXEMPTION_MENTION,
    DocumentFacts,
    InvoiceBatch,
    LineKind,
    PartyFacts,
    VatCategory,
    printed,
)

# Each mention's name, as a message id, by the key the check reports.
MENTIONS = {
    "issue_date": N_("INV-MENTIONS.issue_date"),
    "number": N_("INV-MENTIONS.number"),
    "seller_name": N_("INV-MENTIONS.seller_name"),
    "seller_address": N_("INV-MENTIONS.seller_address"),
    "seller_legal_form": N_("INV-MENTIONS.seller_legal_form"),
    "seller_rpm": N_("INV-MENTIONS.seller_rpm"),
    "seller_enterprise_number": N_("INV-MENTIONS.seller_enterprise_number"),
    "seller_vat_number": N_("INV-MENTIONS.seller_vat_number"),
    "buyer_name": N_("INV-MENTIONS.buyer_name"),
    "buyer_address": N_("INV-MENTIONS.buyer_address"),
    "buyer_enterprise_number": N_("INV-MENTIONS.buyer_enterprise_number"),
    "buyer_vat_number": N_("INV-MENTIONS.buyer_vat_number"),
    "description": N_("INV-MENTIONS.description"),
    "quantity": N_("INV-MENTIONS.quantity"),
    "vat_breakdown": N_("INV-MENTIONS.vat_breakdown"),
    "exemption": N_("INV-MENTIONS.exemption"),
}


def _blank(text: str | None) -> bool:
    return text is None or not text.strip()


def _party(prefix: str, party: PartyFacts, needs_vat: bool, seller: bool) -> list[str]:
    missing = []
    if _blank(party.name):
        missing.append(f"{prefix}_name")
    if any(_blank(part) for part in (party.street, party.postal_code, party.city, party.country)):
        missing.append(f"{prefix}_address")
    if seller and _blank(party.legal_form):
        missing.append(f"{prefix}_legal_form")
    if seller and _blank(party.rpm_seat):
        missing.append(f"{prefix}_rpm")
    if party.enterprise_number is None or not vat.is_valid(party.enterprise_number):
        missing.append(f"{prefix}_enterprise_number")
    if party.vat_number is None:
        if needs_vat:
            missing.append(f"{prefix}_vat_number")
    elif not vat.is_valid(party.vat_number):
        missing.append(f"{prefix}_vat_number")
    return missing


def _breakdown_holds(document: DocumentFacts) -> bool:
    """The totals are the EN 16931 sums of the lines: VAT per category and rate on the sum
    of its lines, rounded once."""
    if not document.lines:
        return False
    bases: dict[tuple[str, Decimal], Decimal] = defaultdict(Decimal)
    for line in document.lines:
        if line.vat_category not in set(VatCategory):
            return False
        bases[(line.vat_category, line.vat_rate)] += line.amount
    net = sum((line.amount for line in document.lines), Decimal("0.00"))
    tax = sum((round_cents(base * rate / 100) for (_c, rate), base in bases.items()), Decimal(0))
    return (
        document.lines_total == net
        and document.vat_total == tax
        and document.total == document.lines_total + document.vat_total
    )


def check(batch: InvoiceBatch) -> list[Finding]:
    findings = []
    for document in batch.documents:
        taxable = any(line.vat_category == VatCategory.STANDARD for line in document.lines)
        missing = []
        if document.issue_date is None:
            missing.append("issue_date")
        if document.number is None or document.year is None or _blank(document.reference):
            missing.append("number")
        missing += _party("seller", document.seller, taxable, seller=True)
        missing += _party("buyer", document.buyer, needs_vat=False, seller=False)
        if any(_blank(line.description) for line in document.lines):
            missing.append("description")
        states_hours = not (document.is_credit_note or document.complement)
        if states_hours and any(
            line.kind is LineKind.STAFF and line.hours <= 0 for line in document.lines
        ):
            missing.append("quantity")
        if not _breakdown_holds(document):
            missing.append("vat_breakdown")
        exempt = any(line.vat_category == VatCategory.EXEMPT for line in document.lines)
        if exempt and not printed(document, EXEMPTION_MENTION):
            missing.append("exemption")
        if missing:
            findings.append(
                RULE.finding(
                    document.day,
                    document.day,
                    subjects(document),
                    missing=tuple(missing),
                    **document_values(document),
                    mentions=Phrases(tuple(phrase(MENTIONS[key]) for key in missing)),
                )
            )
    return findings


RULE = Rule(
    id="INV-MENTIONS",
    severity=Severity.BLOCKING,
    reference=N_("INV-MENTIONS.reference"),
    message=N_("INV-MENTIONS"),
)
