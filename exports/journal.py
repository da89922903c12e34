"""The sales journal of a period's issued invoices and credit notes, for accountants.

One posting line per account movement, balanced per document (debit = credit):

    invoice:      400000 customer   debit  total with VAT
                  70xxxx revenue    credit base, per VAT rate
                  451000 VAT due    credit VAT, per rate (when there is any)
    credit note:  the same, sides swapped

Written as a generic CSV (``;``-separated, UTF-8, decimal point, ISO dates) and XLSX,
and in the WinBooks on Web CSV layout (accounting documents and third parties), every
row through ``cells`` (``CsvRows``, ``write_sheet``), which makes text harmless.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from allocation.money import to_money

from .cells import Book, CellValue, CsvRows
from .document import InvoiceDocument, Party
from .formats import t
from .xlsx import EURO_FORMAT, write_sheet

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Accounts:
    journal: str = "VEN"
    customers: str = "400000"
    revenue: str = "700000"
    vat_due: str = "451000"


@dataclass(frozen=True)
class PostingLine:
    journal: str
    document: str
    kind: str  # invoice | credit_note
    # The module, not the class: this field's name hides `date` in the class body.
    date: dt.date
    due_date: dt.date | None
    book_year: int
    period: int
    customer_code: str
    customer_vat: str
    account: str
    debit: Decimal
    credit: Decimal
    vat_code: str
    vat_base: Decimal
    description: str


HEADER = [
    "journal",
    "document",
    "type",
    "date",
    "due_date",
    "book_year",
    "period",
    "customer_code",
    "customer_vat",
    "account",
    "debit",
    "credit",
    "vat_code",
    "vat_base",
    "description",
]


def vat_code(category: str, rate: Decimal) -> str:
    return f"{rate.normalize():f}" if category == "S" else "E44"


def _post(
    document: InvoiceDocument,
    accounts: Accounts,
    account: str,
    amount: Decimal,
    customer_side: bool,
    code: str,
    base: Decimal,
    text: str,
) -> PostingLine:
    """One movement; the customer is debited on an invoice and credited on a credit note."""
    debit_side = customer_side != document.is_credit_note
    buyer = document.buyer
    return PostingLine(
        accounts.journal,
        document.reference,
        document.kind,
        document.issue_date,
        document.due_date,
        document.issue_date.year,
        document.issue_date.month,
        buyer.enterprise_number,
        buyer.vat_number or buyer.enterprise_number,
        account,
        amount if debit_side else ZERO,
        ZERO if debit_side else amount,
        code,
        base,
        text,
    )


def posting_lines(
    documents: Sequence[InvoiceDocument], accounts: Accounts = Accounts(), language: str = "fr"
) -> list[PostingLine]:
    """The movements of the documents, their descriptions in ``language`` (the GE's: the
    journal is its accountant's)."""
    lines: list[PostingLine] = []
    for document in documents:
        period = f"{document.period_start:%m/%Y}"
        lines.append(
            _post(
                document,
                accounts,
                accounts.customers,
                document.total,
                True,
                "",
                document.lines_total,
                f"{document.buyer.name} {period}",
            )
        )
        for subtotal in document.subtotals:
            code = vat_code(subtotal.category, subtotal.rate)
            lines.append(
                _post(
                    document,
                    accounts,
                    accounts.revenue,
                    subtotal.base,
                    False,
                    code,
                    subtotal.base,
                    t("journal.revenue", language, period=period),
                )
            )
            if subtotal.vat:
                lines.append(
                    _post(
                        document,
                        accounts,
                        accounts.vat_due,
                        subtotal.vat,
                        False,
                        code,
                        subtotal.base,
                        t("journal.vat", language, code=code, period=period),
                    )
                )
    return lines


class Movement(Protocol):
    """A posting line of any journal (sales, bank): its document and its two sides."""

    @property
    def document(self) -> str: ...
    @property
    def debit(self) -> Decimal: ...
    @property
    def credit(self) -> Decimal: ...


def balanced(lines: Sequence[Movement]) -> bool:
    """Debit equals credit for every document and overall."""
    by_document: dict[str, Decimal] = {}
    for line in lines:
        by_document[line.document] = by_document.get(line.document, ZERO) + line.debit - line.credit
    return all(total == 0 for total in by_document.values())


def _row(line: PostingLine) -> list[CellValue]:
    return [
        line.journal,
        line.document,
        line.kind,
        line.date,
        line.due_date,
        line.book_year,
        line.period,
        line.customer_code,
        line.customer_vat,
        line.account,
        line.debit,
        line.credit,
        line.vat_code,
        line.vat_base,
        line.description,
    ]


def journal_csv(lines: Sequence[PostingLine]) -> bytes:
    rows = CsvRows(HEADER)
    for line in lines:
        rows.write(_row(line))
    return rows.encode()


def journal_xlsx(lines: Sequence[PostingLine], language: str = "fr") -> bytes:
    """The generic journal as a workbook: its sheet named in ``language``, its columns
    those of the CSV (one layout to map once, whichever file is imported)."""
    with Book() as book:
        _journal_sheets(book, lines, language)
    return book.data


def _journal_sheets(book: Book, lines: Sequence[PostingLine], language: str = "fr") -> None:
    euros = {HEADER.index(name) + 1: EURO_FORMAT for name in ("debit", "credit", "vat_base")}
    write_sheet(book, t("journal.sheet", language), HEADER, [_row(line) for line in lines], euros)


WINBOOKS_HEADER = [
    "bookyear",
    "bookmonth",
    "jnltype",
    "jnl",
    "number",
    "renumber",
    "accounttyp",
    "accountid",
    "date",
    "duedate",
    "cur",
    "side",
    "amountcur",
    "amount",
    "vattype",
    "vatbase",
    "comment",
]


def winbooks_documents_csv(lines: Sequence[PostingLine]) -> bytes:
    """WinBooks on Web: accounting documents (sales journal, SAL / SAC for credit notes).
    Amounts are numbers with two decimals, dates YYYY/MM/DD."""
    rows = CsvRows(WINBOOKS_HEADER, date_format="%Y/%m/%d")
    for line in lines:
        customer = line.account.startswith("40")
        amount = to_money(line.debit or line.credit)
        rows.write(
            [
                line.book_year,
                f"{line.period:02d}",
                "SAC" if line.kind == "credit_note" else "SAL",
                line.journal,
                line.document,
                "F",
                "C" if customer else "G",
                line.customer_code if customer else line.account,
                line.date,
                line.due_date,
                "EUR",
                "D" if line.debit else "C",
                amount,
                amount,
                line.vat_code,
                to_money(line.vat_base),
                line.description,
            ]
        )
    return rows.encode()


def winbooks_thirds_csv(customers: Sequence[Party]) -> bytes:
    """WinBooks on Web: the third-party file (K_THIRD.CSV) of the journal's customers."""
    rows = CsvRows(
        [
            "TYPE",
            "ID",
            "NAME",
            "ADDRESS",
            "ZIPCODE",
            "CITY",
            "COUNTRY",
            "VATNUMBER",
            "VATCOUNTRY",
            "VATID",
            "CENTACCID",
        ]
    )
    for party in customers:
        vat = party.vat_number or ""
        rows.write(
            [
                "1",
                party.enterprise_number,
                party.name,
                party.street,
                party.postal_code,
                party.city,
                party.country,
                vat[2:] if vat else "",
                party.country if vat else "",
                vat,
                "400000",
            ]
        )
    return rows.encode()
