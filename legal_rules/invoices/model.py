"""What the invoice rules read: the documents of one issue, as they stand once numbered.

An issue is a billing run's invoices, or one credit note. The app builds these frozen
facts from its database in the issuing transaction, after numbering and before the
commit: parties as frozen on the document, lines, VAT categories, number, structured
communication, the invoice a credit note corrects, the buyer's membership of the GE,
every issued number of the series, and the month's fees against the GE's own costs.
"""

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from allocation.invoice import STANDARD_RATE, LineKind, VatCategory
from allocation.translations import LANGUAGES, N_

from ..model import MemberFacts, text

# The app's stored values (app.models.enums), which this package may not import.
COST_SHARING = "cost_sharing_44_2bis"  # the GE's VAT mode under Code TVA art. 44 §2bis
EXEMPT_44_2BIS = "exempt_44_2bis"  # a member's VAT treatment: invoiced without VAT
INVOICE = "invoice"
CREDIT_NOTE = "credit_note"

# The legal mentions a document prints, by message id. Their words in French, Dutch and
# English are this package's catalogue, where the rules that require them check them: a
# document prints each in its own language, the buyer's (``worded``).
# The basis of an exemption under Code TVA art. 44 §2bis; allocation marks an exempt
# member's invoice with the same id (allocation.invoice.EXEMPTION_MENTION).
EXEMPTION_MENTION = N_("mention.exemption_44_2bis")
# A credit note correcting deducted VAT (AR n° 1, art. 12; research/legal.md §4.5).
VAT_REPAYMENT_MENTION = N_("mention.vat_repayment")

__all__ = [
    "COST_SHARING",
    "CREDIT_NOTE",
    "EXEMPTION_MENTION",
    "EXEMPT_44_2BIS",
    "INVOICE",
    "STANDARD_RATE",
    "VAT_REPAYMENT_MENTION",
    "CreditedInvoice",
    "DocumentFacts",
    "InvoiceBatch",
    "LineFacts",
    "LineKind",
    "MemberFacts",
    "MonthFees",
    "NumberedDocument",
    "PartyFacts",
    "SeriesFacts",
    "VatCategory",
    "month_end",
    "worded",
]


def worded(mention: str, language: str) -> str:
    """A legal mention as a document in ``language`` prints it (French for a language
    Mutua does not speak)."""
    return text(mention, language)


def printed(document: "DocumentFacts", mention: str) -> bool:
    """Whether a document prints the mention in its own language."""
    return worded(mention, document.language) in document.mentions


def printed_in_any_language(document: "DocumentFacts", mention: str) -> bool:
    """Whether a document prints the mention at all, in whichever language."""
    return any(worded(mention, language) in document.mentions for language in LANGUAGES)


def month_end(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


@dataclass(frozen=True)
class PartyFacts:
    """A party as the document names it (the GE is the seller, the member the buyer)."""

    name: str
    legal_form: str | None
    street: str
    postal_code: str
    city: str
    country: str
    enterprise_number: str | None
    vat_number: str | None = None
    # Registre des personnes morales (RPM): the court of the seat (Companies Code 2:20).
    rpm_seat: str | None = None


@dataclass(frozen=True)
class LineFacts:
    kind: LineKind
    description: str
    amount: Decimal
    vat_category: str  # UNCL5305: S or E
    vat_rate: Decimal
    # Worked plus paid-absence hours: the quantity of the service (0 on a complement's or
    # a credit note's lines, which carry money only).
    hours: Decimal = Decimal(0)
    contract_id: int | None = None


@dataclass(frozen=True)
class CreditedInvoice:
    """The document a credit note says it corrects, as the database holds it."""

    id: int
    kind: str
    issued: bool
    member_id: int
    reference: str | None
    issue_date: date | None
    lines: tuple[LineFacts, ...] = ()


@dataclass(frozen=True)
class DocumentFacts:
    """One invoice or credit note of the issue."""

    id: int
    kind: str  # INVOICE or CREDIT_NOTE
    month: date  # the month billed, its first day
    seller: PartyFacts
    buyer: PartyFacts
    member_id: int
    # The buyer's membership of the GE; None when it is no member of the GE at all.
    member: MemberFacts | None
    vat_treatment: str  # the member's: "standard" or EXEMPT_44_2BIS
    lines: tuple[LineFacts, ...]
    lines_total: Decimal
    vat_total: Decimal
    total: Decimal
    series: str
    year: int | None
    number: int | None
    reference: str | None
    issue_date: date | None
    payment_reference: str | None  # the structured communication, +++XXX/XXXX/XXXXX+++
    mentions: tuple[str, ...] = ()  # as printed: exemption, VAT repayment…
    # The document's language, the buyer's: the language its mentions must be printed in.
    language: str = "fr"
    complement: bool = False  # a complement bills money only: its lines state no hours
    corrects: CreditedInvoice | None = None  # a credit note's original

    @property
    def is_credit_note(self) -> bool:
        return self.kind == CREDIT_NOTE

    @property
    def day(self) -> date:
        """The date a finding about the document carries."""
        return self.issue_date or month_end(self.month)


@dataclass(frozen=True)
class NumberedDocument:
    document_id: int
    number: int
    issue_date: date


@dataclass(frozen=True)
class SeriesFacts:
    """Every issued document of a series in a year, and the last number its counter gave."""

    series: str
    year: int
    documents: tuple[NumberedDocument, ...]
    last_number: int | None = None  # None: no counter to compare with


@dataclass(frozen=True)
class MonthFees:
    """A month's fee and overhead lines (issued invoices less credit notes) against the
    GE's own costs recorded for the month (coordinator, social secretariat, insurance)."""

    month: date
    costs: Decimal
    fees: Decimal
    overhead: Decimal


@dataclass(frozen=True)
class InvoiceBatch:
    """The documents of one issue, and what checking them needs beyond them."""

    vat_mode: str  # the GE's: "standard" or COST_SHARING
    documents: tuple[DocumentFacts, ...]
    series: tuple[SeriesFacts, ...] = ()
    months: tuple[MonthFees, ...] = ()
