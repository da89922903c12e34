"""Peppol BIS Billing 3.0 (UBL 2.1, EN 16931) invoices and credit notes.

One writer for both document types: they differ in the root element, the type code
(380 / 381), the line element and its quantity element, and a credit note refers to
the invoice it corrects. Every line is one service unit (C62) at its net amount, the
hours being told in the item's description: line net = quantity × price exactly.
"""

from decimal import Decimal
from xml.etree import ElementTree as ET

from .document import InvoiceDocument, Party
from .formats import legal_form, t

NS = {
    "Invoice": "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    "CreditNote": "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}
CUSTOMIZATION = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
PROFILE = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
CURRENCY = "EUR"
# UNCL4461 58: SEPA credit transfer.
SEPA_CREDIT_TRANSFER = "58"
EXEMPTION_CODE = "VATEX-EU-132"  # exemption for services of independent groups of persons


def _cbc(parent: ET.Element, name: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{NS['cbc']}}}{name}", attributes)
    if text is not None:
        element.text = text
    return element


def _cac(parent: ET.Element, name: str) -> ET.Element:
    return ET.SubElement(parent, f"{{{NS['cac']}}}{name}")


def _money(parent: ET.Element, name: str, amount: Decimal) -> None:
    _cbc(parent, name, f"{amount:.2f}", currencyID=CURRENCY)


def _party(parent: ET.Element, role: str, party: Party, seller: bool, language: str) -> None:
    node = _cac(_cac(parent, role), "Party")
    scheme, ident = party.endpoint
    _cbc(node, "EndpointID", ident, schemeID=scheme)
    _cbc(_cac(node, "PartyName"), "Name", party.name)
    address = _cac(node, "PostalAddress")
    _cbc(address, "StreetName", party.street)
    _cbc(address, "CityName", party.city)
    _cbc(address, "PostalZone", party.postal_code)
    _cbc(_cac(address, "Country"), "IdentificationCode", party.country)
    if party.vat_number:
        tax = _cac(node, "PartyTaxScheme")
        _cbc(tax, "CompanyID", party.vat_number)
        _cbc(_cac(tax, "TaxScheme"), "ID", "VAT")
    legal = _cac(node, "PartyLegalEntity")
    _cbc(legal, "RegistrationName", party.name)
    _cbc(legal, "CompanyID", party.enterprise_number, schemeID="0208")
    if seller:
        # BT-33: the seller's legal form, by its label in the document's language, and RPM
        # seat (Companies Code art. 2:20); a field of its own, so the form is given even
        # when the name ends with it. Left out when empty (Peppol refuses empty elements).
        details = ", ".join(
            filter(
                None,
                [
                    legal_form(party.legal_form, language),
                    f"RPM {party.rpm_seat}" if party.rpm_seat else None,
                ],
            )
        )
        if details:
            _cbc(legal, "CompanyLegalForm", details)
    if party.email:
        _cbc(_cac(node, "Contact"), "ElectronicMail", party.email)


def _category(
    parent: ET.Element, name: str, category: str, rate: Decimal, reason: str | None
) -> None:
    node = _cac(parent, name)
    _cbc(node, "ID", category)
    _cbc(node, "Percent", f"{rate:.2f}")
    if category == "E" and reason is not None:
        _cbc(node, "TaxExemptionReasonCode", EXEMPTION_CODE)
        _cbc(node, "TaxExemptionReason", reason)
    _cbc(_cac(node, "TaxScheme"), "ID", "VAT")


def document_xml(document: InvoiceDocument) -> bytes:
    """The document as Peppol BIS Billing 3.0 UBL, UTF-8."""
    root_name = "CreditNote" if document.is_credit_note else "Invoice"
    ET.register_namespace("", NS[root_name])
    ET.register_namespace("cac", NS["cac"])
    ET.register_namespace("cbc", NS["cbc"])
    root = ET.Element(f"{{{NS[root_name]}}}{root_name}")
    _cbc(root, "CustomizationID", CUSTOMIZATION)
    _cbc(root, "ProfileID", PROFILE)
    _cbc(root, "ID", document.reference)
    _cbc(root, "IssueDate", document.issue_date.isoformat())
    if document.due_date and not document.is_credit_note:
        _cbc(root, "DueDate", document.due_date.isoformat())
    _cbc(
        root,
        "CreditNoteTypeCode" if document.is_credit_note else "InvoiceTypeCode",
        "381" if document.is_credit_note else "380",
    )
    notes = [*document.mentions, *([document.reason] if document.reason else [])]
    if notes:
        # Peppol allows one document-level note (PEPPOL-EN16931-R002): mentions joined.
        _cbc(root, "Note", " — ".join(notes))
    _cbc(root, "DocumentCurrencyCode", CURRENCY)
    _cbc(root, "BuyerReference", document.buyer_reference or document.buyer.enterprise_number)
    period = _cac(root, "InvoicePeriod")
    _cbc(period, "StartDate", document.period_start.isoformat())
    _cbc(period, "EndDate", document.period_end.isoformat())
    if document.corrects:
        reference, issued = document.corrects
        billing = _cac(_cac(root, "BillingReference"), "InvoiceDocumentReference")
        _cbc(billing, "ID", reference)
        _cbc(billing, "IssueDate", issued.isoformat())
    _party(root, "AccountingSupplierParty", document.seller, True, document.language)
    _party(root, "AccountingCustomerParty", document.buyer, False, document.language)
    if document.seller.iban and not document.is_credit_note:
        means = _cac(root, "PaymentMeans")
        _cbc(means, "PaymentMeansCode", SEPA_CREDIT_TRANSFER)
        if document.payment_reference:
            _cbc(means, "PaymentID", document.payment_reference)
        account = _cac(means, "PayeeFinancialAccount")
        _cbc(account, "ID", document.seller.iban)
        if document.seller.bic:
            _cbc(_cac(account, "FinancialInstitutionBranch"), "ID", document.seller.bic)
        _cbc(
            _cac(root, "PaymentTerms"),
            "Note",
            t("payment_terms", document.language, days=document.payment_terms_days),
        )
    taxes = _cac(root, "TaxTotal")
    _money(taxes, "TaxAmount", document.vat_total)
    for subtotal in document.subtotals:
        node = _cac(taxes, "TaxSubtotal")
        _money(node, "TaxableAmount", subtotal.base)
        _money(node, "TaxAmount", subtotal.vat)
        _category(node, "TaxCategory", subtotal.category, subtotal.rate, document.exemption_reason)
    totals = _cac(root, "LegalMonetaryTotal")
    _money(totals, "LineExtensionAmount", document.lines_total)
    _money(totals, "TaxExclusiveAmount", document.lines_total)
    _money(totals, "TaxInclusiveAmount", document.total)
    _money(totals, "PayableAmount", document.total)
    line_name, quantity_name = (
        ("CreditNoteLine", "CreditedQuantity")
        if document.is_credit_note
        else ("InvoiceLine", "InvoicedQuantity")
    )
    for number, line in enumerate(document.lines, start=1):
        node = _cac(root, line_name)
        _cbc(node, "ID", str(number))
        _cbc(node, quantity_name, "1", unitCode="C62")
        _money(node, "LineExtensionAmount", line.amount)
        item = _cac(node, "Item")
        _cbc(item, "Description", line.description)
        _cbc(item, "Name", (line.worker or line.description)[:100])
        _category(item, "ClassifiedTaxCategory", line.vat_category, line.vat_rate, None)
        _money(_cac(node, "Price"), "PriceAmount", line.amount)
    # typeshed types tostring with an encoding other than "unicode" as Any; it is bytes.
    xml: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return xml
