"""An invoice or credit note as every writer reads it: plain, frozen, complete.

The app fills it from the database; the PDF, UBL and spreadsheet writers turn it into
bytes. Amounts are Decimals to the cent, already computed (``allocation``).
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class Party:
    name: str
    legal_form: str
    street: str
    postal_code: str
    city: str
    country: str
    enterprise_number: str  # 10 digits
    vat_number: str | None = None  # BE + 10 digits
    rpm_seat: str | None = None  # registre des personnes morales: the court of the seat
    email: str | None = None
    iban: str | None = None
    bic: str | None = None
    peppol_id: str | None = None  # "0208:0123456789"

    @property
    def endpoint(self) -> tuple[str, str]:
        """(scheme, id) of the Peppol participant: 0208 and the enterprise number by default."""
        if self.peppol_id and ":" in self.peppol_id:
            scheme, _, ident = self.peppol_id.partition(":")
            return scheme, ident
        return "0208", self.enterprise_number


@dataclass(frozen=True)
class DocumentLine:
    description: str
    amount: Decimal
    vat_category: str  # UNCL5305: S or E
    vat_rate: Decimal
    worker: str | None = None
    worked_hours: Decimal = Decimal("0")
    absence_hours: Decimal = Decimal("0")


@dataclass(frozen=True)
class VatSubtotal:
    category: str
    rate: Decimal
    base: Decimal
    vat: Decimal


@dataclass(frozen=True)
class InvoiceDocument:
    kind: str  # "invoice" | "credit_note"
    reference: str  # F2026-00001
    issue_date: date
    due_date: date | None
    period_start: date
    period_end: date
    seller: Party
    buyer: Party
    lines: tuple[DocumentLine, ...]
    subtotals: tuple[VatSubtotal, ...]
    lines_total: Decimal
    vat_total: Decimal
    total: Decimal
    payment_reference: str | None  # +++123/4567/89012+++
    language: str = "fr"  # the buyer's: its labels, lines and figures
    mentions: tuple[str, ...] = ()  # as printed, in ``language``: exemption, VAT repayment…
    # The exemption's legal basis, one of the mentions: the UBL's reason (BT-120).
    exemption_reason: str | None = None
    corrects: tuple[str, date] | None = None  # (reference, issue date) of the invoice credited
    reason: str | None = None
    payment_terms_days: int = 30
    buyer_reference: str | None = None
    absence_policy: str = "pro_rata"
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def is_credit_note(self) -> bool:
        return self.kind == "credit_note"
