"""The bank journal of the payments a GE received, for accountants.

Each credit on the GE's bank account (one line of a statement, a ``Receipt``) is one
document, balanced (debit = credit):

    bank        550000  debit   what the bank received
    customers   400000  credit  each invoice it pays (a ``ReceiptAllocation``): the member
                                as third party, the invoice's number in ``matching`` so
                                the accountant can letter (match) it with the invoice
    customers   400000  credit  what is left of a member's payment (an overpayment, or a
                                payment not assigned yet): the member, no invoice number
    suspense    499000  credit  what is left of a payment that is no known member's

Whose the rest is, the caller says (``Receipt.member_reference``: the service knows the
member by the communication or the account); without a member it waits on the suspense
account for the accountant. The accounts are ``BankAccounts``.

Written like the sales journal (``exports.journal``) and by its pieces: a generic CSV and
XLSX (the same column names in every language, so an accountant maps them once; the
descriptions and the sheet's name in the GE's language) and the WinBooks on Web CSV of
accounting documents in a bank and cash journal (jnltype CAS). Every row goes through
``cells`` (``CsvRows``, ``write_sheet``), which makes text harmless: a counterparty is
whatever the bank's statement says.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from allocation.money import MoneyError, to_money

from .cells import Book, CellValue, CsvRows
from .errors import ExportError
from .formats import t
from .journal import WINBOOKS_HEADER
from .xlsx import EURO_FORMAT, write_sheet

ZERO = Decimal("0.00")


class ReceiptError(ExportError):
    """A receipt that cannot be posted: ``invalid_amount`` (not more than zero, not to the
    cent) or ``over_allocated`` (its allocations exceed it), naming its ``line``."""


@dataclass(frozen=True)
class BankAccounts:
    journal: str = "BNK"
    bank: str = "550000"
    customers: str = "400000"
    suspense: str = "499000"


@dataclass(frozen=True)
class ReceiptAllocation:
    """What a receipt pays on one invoice."""

    document_number: str  # the invoice's number, e.g. "F2026-00017"
    member_reference: str  # the member's customer code, as the sales journal writes it
    member_name: str
    amount: Decimal  # more than zero, to the cent


@dataclass(frozen=True)
class Receipt:
    """One credit on the GE's bank account. What its allocations leave of ``amount``
    stays on the customer account of ``member_reference`` when it is a member's (an
    overpayment, a payment not assigned yet), else on the suspense account."""

    statement: str  # the statement's number, e.g. "2026/012"
    line_key: str  # the line's key, unique in the journal: the document's number
    booked_on: dt.date
    amount: Decimal  # more than zero, to the cent
    counterparty: str  # the payer's name as the statement gives it
    allocations: tuple[ReceiptAllocation, ...] = ()
    member_reference: str | None = None  # whose payment it is, when known
    member_name: str = ""  # its name in the descriptions (the counterparty's when empty)


@dataclass(frozen=True)
class BankLine:
    journal: str
    document: str  # the receipt's line key
    statement: str
    date: dt.date
    book_year: int
    period: int
    account: str
    customer_code: str  # the member, on a customer line; empty on the others
    matching: str  # the invoice number a customer line pays; empty on the others
    counterparty: str
    debit: Decimal
    credit: Decimal
    description: str


HEADER = [
    "journal",
    "document",
    "statement",
    "date",
    "book_year",
    "period",
    "account",
    "customer_code",
    "matching",
    "counterparty",
    "debit",
    "credit",
    "description",
]


def _money(value: Decimal, receipt: Receipt) -> Decimal:
    """An amount of the receipt, exact to the cent and more than zero."""
    try:
        amount = to_money(value)
    except MoneyError:
        raise ReceiptError("invalid_amount", line=receipt.line_key, amount=str(value)) from None
    if amount <= 0:
        raise ReceiptError("invalid_amount", line=receipt.line_key, amount=str(amount))
    return amount


def _line(
    receipt: Receipt,
    accounts: BankAccounts,
    account: str,
    debit: Decimal,
    credit: Decimal,
    text: str,
    customer: str = "",
    matching: str = "",
) -> BankLine:
    return BankLine(
        accounts.journal,
        receipt.line_key,
        receipt.statement,
        receipt.booked_on,
        receipt.booked_on.year,
        receipt.booked_on.month,
        account,
        customer,
        matching,
        receipt.counterparty,
        debit,
        credit,
        text,
    )


def receipt_lines(
    receipt: Receipt, accounts: BankAccounts = BankAccounts(), language: str = "fr"
) -> list[BankLine]:
    """The movements of one receipt: the bank debited with what it received, then the
    invoices it pays, then the rest (on the member's account, else on suspense)."""
    received = _money(receipt.amount, receipt)
    paid = [_money(allocation.amount, receipt) for allocation in receipt.allocations]
    rest = received - sum(paid, ZERO)
    if rest < 0:
        raise ReceiptError(
            "over_allocated", line=receipt.line_key, amount=str(received), excess=str(-rest)
        )
    text = t(
        "bank_journal.received",
        language,
        statement=receipt.statement,
        counterparty=receipt.counterparty,
    )
    lines = [_line(receipt, accounts, accounts.bank, received, ZERO, text)]
    for allocation, amount in zip(receipt.allocations, paid, strict=True):
        text = t(
            "bank_journal.payment",
            language,
            document=allocation.document_number,
            member=allocation.member_name,
        )
        customer = allocation.member_reference
        matching = allocation.document_number
        lines.append(
            _line(receipt, accounts, accounts.customers, ZERO, amount, text, customer, matching)
        )
    if rest and receipt.member_reference is not None:
        member = receipt.member_name or receipt.counterparty
        text = (
            t("bank_journal.overpayment", language, member=member)
            if paid
            else t("bank_journal.unassigned", language, member=member)
        )
        customer = receipt.member_reference
        lines.append(_line(receipt, accounts, accounts.customers, ZERO, rest, text, customer))
    elif rest:
        text = t("bank_journal.suspense", language, counterparty=receipt.counterparty)
        lines.append(_line(receipt, accounts, accounts.suspense, ZERO, rest, text))
    return lines


def bank_lines(
    receipts: Sequence[Receipt], accounts: BankAccounts = BankAccounts(), language: str = "fr"
) -> list[BankLine]:
    """The movements of the receipts, in their order, described in ``language`` (the
    GE's: the journal is its accountant's)."""
    return [line for receipt in receipts for line in receipt_lines(receipt, accounts, language)]


def _row(line: BankLine) -> list[CellValue]:
    return [
        line.journal,
        line.document,
        line.statement,
        line.date,
        line.book_year,
        line.period,
        line.account,
        line.customer_code,
        line.matching,
        line.counterparty,
        line.debit,
        line.credit,
        line.description,
    ]


def bank_journal_csv(lines: Sequence[BankLine]) -> bytes:
    rows = CsvRows(HEADER)
    for line in lines:
        rows.write(_row(line))
    return rows.encode()


def bank_journal_xlsx(lines: Sequence[BankLine], language: str = "fr") -> bytes:
    """The generic bank journal as a workbook: its sheet named in ``language``, its
    columns those of the CSV, amounts in euros."""
    with Book() as book:
        _bank_journal_sheets(book, lines, language)
    return book.data


def _bank_journal_sheets(book: Book, lines: Sequence[BankLine], language: str = "fr") -> None:
    euros = {HEADER.index(name) + 1: EURO_FORMAT for name in ("debit", "credit")}
    rows = [_row(line) for line in lines]
    write_sheet(book, t("bank_journal.sheet", language), HEADER, rows, euros)


def bank_winbooks_csv(lines: Sequence[BankLine]) -> bytes:
    """WinBooks on Web: the receipts as accounting documents of a bank and cash journal
    (jnltype CAS), in the sales journal's columns. WinBooks numbers a journal's
    documents itself (renumber T, numbered from 1 in the file's order: it adds the
    journal's last number); customer lines are the member's third-party account (C), the
    others general accounts (G). The layout has no lettering column: a customer line's
    comment names the invoice it pays."""
    rows = CsvRows(WINBOOKS_HEADER, date_format="%Y/%m/%d")
    numbers: dict[str, int] = {}
    for line in lines:
        number = numbers.setdefault(line.document, len(numbers) + 1)
        amount = line.debit or line.credit
        rows.write(
            [
                line.book_year,
                f"{line.period:02d}",
                "CAS",
                line.journal,
                number,
                "T",
                "C" if line.customer_code else "G",
                line.customer_code or line.account,
                line.date,
                None,
                "EUR",
                "D" if line.debit else "C",
                amount,
                amount,
                None,
                None,
                line.description,
            ]
        )
    return rows.encode()
