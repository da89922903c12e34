"""A member's statement of account (relevé de compte, rekeninguittreksel) as PDF and as a
workbook.

What the member has been billed and has paid, line by line with the running balance,
what is still open document by document with its structured communication, and how old
the balance is (``allocation.arrears``), so that the member can check it against its own
books and pay what is due. The service builds the ``MemberAccount`` from the database:
the entries in the order they happened, the balance brought forward first when the
statement starts at ``since``; the writers only add up (the running balance, the totals)
and lay out. Everything is in the member's language: the texts from the ``exports``
catalogue, the figures written by ``allocation.formats``; every workbook cell through
``exports.cells``.

An entry's ``debit`` is what the member came to owe (an invoice, a late-payment note, a
refund of what it overpaid), its ``credit`` what it paid or was credited; the balance is
their difference, positive when the member owes the GE, negative when the GE holds
money of the member's.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table
from stdnum.be import ogm_vcs

from allocation import formats
from allocation.arrears import AGEING_BUCKETS, Ageing, days_late
from allocation.translations import N_

from .cells import DATE_FORMAT, Book, CellValue
from .document import Party
from .formats import t
from .pdf import (
    BOLD,
    a4_page,
    compact_table_style,
    euros,
    field,
    header_row,
    parties,
    styles,
)
from .xlsx import EURO_FORMAT, facts_sheet, write_sheet

ZERO = Decimal("0.00")
# The kinds of entries and of open documents, by the names a statement gives them.
KINDS = {
    "opening": N_("account.kind.opening"),
    "invoice": N_("invoice"),
    "credit_note": N_("credit_note"),
    "payment": N_("account.kind.payment"),
    "late_payment": N_("account.kind.late_payment"),
    "refund": N_("account.kind.refund"),
}


def _known_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown kind of entry {kind!r}: one of {', '.join(KINDS)}")


@dataclass(frozen=True)
class AccountEntry:
    """One movement of the account: the balance brought forward (``opening``, on the
    statement's first day), an invoice, credit note, late-payment note, payment or
    refund. ``reference`` is the document's number or the bank line's; ``communication``
    the structured communication it carries, if any."""

    day: date
    kind: str
    reference: str
    due_date: date | None
    debit: Decimal
    credit: Decimal
    communication: str | None = None

    def __post_init__(self) -> None:
        _known_kind(self.kind)

    @property
    def amount(self) -> Decimal:
        """What the entry adds to the balance."""
        return self.debit - self.credit


@dataclass(frozen=True)
class OpenDocument:
    """A document with something still open on it on the statement's day: ``open`` is
    its ``total`` less what payments and credit notes took off (``settled``). A credit the
    GE holds for the member (an overpayment not yet assigned or refunded) is listed too,
    as a ``payment`` with a negative ``open``."""

    kind: str
    reference: str
    issue_date: date
    due_date: date | None
    total: Decimal
    settled: Decimal
    open: Decimal
    communication: str | None = None

    def __post_init__(self) -> None:
        _known_kind(self.kind)

    def days_late(self, as_of: date) -> int | None:
        """Days past the due date on ``as_of`` of what is still owed on it; None for a
        credit or a document without a due date."""
        if self.due_date is None or self.open <= 0:
            return None
        return days_late(self.due_date, as_of)


@dataclass(frozen=True)
class MemberAccount:
    """A member's account as of ``as_of``, its movements since ``since`` (all of them
    when None), in the member's ``language``."""

    language: str
    seller: Party  # the GE
    member: Party
    as_of: date
    since: date | None
    entries: tuple[AccountEntry, ...]
    ageing: Ageing
    open_documents: tuple[OpenDocument, ...]

    def balances(self) -> list[Decimal]:
        """The balance after each entry."""
        running, balances = ZERO, []
        for entry in self.entries:
            running += entry.amount
            balances.append(running)
        return balances

    @property
    def balance(self) -> Decimal:
        return sum((entry.amount for entry in self.entries), ZERO)

    @property
    def total_open(self) -> Decimal:
        return sum((document.open for document in self.open_documents), ZERO)


def ageing_labels(language: str) -> list[str]:
    """The columns of the ageing, in ``Ageing.buckets``' order: "Non échu", "0–30 jours",
    …, "> 90 jours"."""
    labels = [t("account.ageing.not_due", language)]
    for first, last in AGEING_BUCKETS:
        if last is None:
            labels.append(t("account.ageing.over", language, days=first - 1))
        else:
            labels.append(t("account.ageing.range", language, first=first, last=last))
    return labels


def title(account: MemberAccount) -> str:
    return t("account.title", account.language, day=formats.day(account.as_of, account.language))


def _numeric(value: date | None, language: str) -> str:
    return formats.day_numeric(value, language) if value else ""


def _amount(value: Decimal, language: str) -> str:
    """An amount of a debit or credit column: blank for nothing."""
    return euros(value, language) if value else ""


def balance_sentence(account: MemberAccount) -> str:
    """ "Solde à payer au 7 décembre 2026 : 1 818,00 €", or the GE's debt to the member."""
    lang, balance = account.language, account.balance
    name = N_("account.balance_due") if balance >= 0 else N_("account.balance_in_favour")
    label = t(name, lang, day=formats.day(account.as_of, lang))
    return field(label, euros(abs(balance), lang), lang)


def account_pdf(account: MemberAccount) -> bytes:
    """The statement on A4: both parties, the movements with their running balance, the
    balance, its ageing, the open documents and how to pay them."""
    lang = account.language
    normal, small, title_style, heading = styles()
    output = BytesIO()
    page = a4_page(output, title=title(account), author=account.seller.name)
    story: list[Flowable] = [
        parties(account.seller, account.member, lang, t("member", lang)),
        Spacer(1, 8 * mm),
        Paragraph(escape(title(account)), title_style),
    ]
    since = (
        t("account.since", lang, day=formats.day(account.since, lang))
        if account.since
        else t("account.all_movements", lang)
    )
    story += [Paragraph(escape(since), normal), Spacer(1, 4 * mm)]

    story += [Paragraph(t("account.entries", lang), heading), _entries_table(account, small)]
    story += [
        Spacer(1, 3 * mm),
        Paragraph(f"<b>{escape(balance_sentence(account))}</b>", normal),
        Spacer(1, 5 * mm),
    ]
    story.append(
        KeepTogether(
            [
                Paragraph(t("account.ageing", lang), heading),
                _ageing_table(account.ageing, lang),
                Spacer(1, 1 * mm),
                Paragraph(t("account.ageing.note", lang), small),
            ]
        )
    )
    story += [Spacer(1, 5 * mm), Paragraph(t("account.open_documents", lang), heading)]
    if account.open_documents:
        story.append(_open_table(account, small))
    else:
        story.append(Paragraph(t("account.no_open", lang), normal))
    if account.seller.iban and account.balance > 0:
        iban = f"<b>{escape(account.seller.iban)}</b>" + (
            f" (BIC {escape(account.seller.bic)})" if account.seller.bic else ""
        )
        story += [Spacer(1, 5 * mm), Paragraph(t("account.pay", lang, iban=iban), normal)]
    page.build(story)
    return output.getvalue()


def _communication(text: str) -> str:
    """A structured communication under a reference, a point smaller: its 20 characters
    stay on one line of a narrow column."""
    return f'<font size="7">{escape(text)}</font>'


def _entries_table(account: MemberAccount, small: ParagraphStyle) -> Table:
    lang = account.language
    header = [
        t("account.date", lang),
        t("account.document", lang),
        t("account.reference", lang),
        t("due_date", lang),
        t("account.debit", lang),
        t("account.credit", lang),
        t("account.balance", lang),
    ]
    rows: list[list[str | Paragraph]] = [[*header_row(header, right_from=4)]]
    for entry, balance in zip(account.entries, account.balances(), strict=True):
        reference = escape(entry.reference)
        if entry.communication:
            reference += f"<br/>{_communication(entry.communication)}"
        rows.append(
            [
                _numeric(entry.day, lang),
                Paragraph(t(KINDS[entry.kind], lang), small),
                Paragraph(reference, small),
                _numeric(entry.due_date, lang),
                _amount(entry.debit, lang),
                _amount(entry.credit, lang),
                euros(balance, lang),
            ]
        )
    if not account.entries:
        rows.append([Paragraph(t("account.no_entries", lang), small), "", "", "", "", "", ""])
    debit = sum((entry.debit for entry in account.entries), ZERO)
    credit = sum((entry.credit for entry in account.entries), ZERO)
    rows.append(
        [
            t("account.totals", lang),
            "",
            "",
            "",
            euros(debit, lang),
            euros(credit, lang),
            euros(account.balance, lang),
        ]
    )
    table = Table(
        rows,
        colWidths=[19 * mm, 23 * mm, 38 * mm, 20 * mm, 24 * mm, 24 * mm, 26 * mm],
        repeatRows=1,
    )
    style = compact_table_style()
    style.add("ALIGN", (1, 1), (3, -1), "LEFT")
    style.add("ALIGN", (4, 0), (-1, 0), "RIGHT")
    style.add("FONTNAME", (0, -1), (-1, -1), BOLD)
    style.add("LINEABOVE", (0, -1), (-1, -1), 0.5, colors.grey)
    if not account.entries:
        style.add("SPAN", (0, 1), (-1, 1))
    table.setStyle(style)
    return table


def _ageing_table(ageing: Ageing, language: str) -> Table:
    header = header_row([*ageing_labels(language), t("total_plain", language)], right_from=0)
    figures = [euros(amount, language) for amount in (*ageing.buckets, ageing.total)]
    table = Table([header, figures], colWidths=[29 * mm] * 6)
    style = compact_table_style()
    style.add("ALIGN", (0, 0), (-1, -1), "RIGHT")
    style.add("FONTNAME", (-1, 0), (-1, -1), BOLD)
    table.setStyle(style)
    return table


def _open_table(account: MemberAccount, small: ParagraphStyle) -> Table:
    lang = account.language
    header = [
        t("account.document", lang),
        t("account.reference", lang),
        t("account.date", lang),
        t("due_date", lang),
        t("amount_plain", lang),
        t("account.settled", lang),
        t("account.open", lang),
        t("account.days_late", lang),
    ]
    rows: list[list[str | Paragraph]] = [[*header_row(header, right_from=4)]]
    for document in account.open_documents:
        reference = escape(document.reference)
        if document.communication:
            reference += f"<br/>{_communication(document.communication)}"
        late = document.days_late(account.as_of)
        rows.append(
            [
                Paragraph(t(KINDS[document.kind], lang), small),
                Paragraph(reference, small),
                _numeric(document.issue_date, lang),
                _numeric(document.due_date, lang),
                euros(document.total, lang),
                euros(document.settled, lang),
                euros(document.open, lang),
                "" if late is None else str(late),
            ]
        )
    rows.append([t("total_plain", lang), "", "", "", "", "", euros(account.total_open, lang), ""])
    table = Table(
        rows,
        colWidths=[19 * mm, 36 * mm, 18.5 * mm, 20 * mm, 20 * mm, 21 * mm, 21 * mm, 18.5 * mm],
        repeatRows=1,
    )
    style = compact_table_style()
    style.add("ALIGN", (1, 1), (3, -1), "LEFT")
    style.add("ALIGN", (4, 0), (-1, 0), "RIGHT")
    style.add("FONTNAME", (0, -1), (-1, -1), BOLD)
    style.add("LINEABOVE", (0, -1), (-1, -1), 0.5, colors.grey)
    table.setStyle(style)
    return table


def sheet_communication(text: str | None) -> str | None:
    """A structured communication as a sheet shows it, "202/6000/03125": the plus signs
    around it would start a formula, and the cell would show the apostrophe that defuses
    one. Any other text as it is (made harmless by ``cells``)."""
    if text is None:
        return None
    digits = "".join(character for character in text if character.isdigit())
    if len(digits) == 12 and ogm_vcs.is_valid(digits) and not text.strip("+*/ .0123456789"):
        return ogm_vcs.format(digits)
    return text


def account_workbook(account: MemberAccount) -> bytes:
    """The statement as a workbook: the account's facts, the movements with their running
    balance (values, not formulas), the open documents and the ageing; typed cells,
    frozen headers, filters."""
    with Book() as book:
        _account_sheets(book, account)
    return book.data


def _account_sheets(book: Book, account: MemberAccount) -> None:
    lang = account.language
    _summary_sheet(book, account)
    entry_rows: list[list[CellValue]] = [
        [
            entry.day,
            t(KINDS[entry.kind], lang),
            entry.reference,
            sheet_communication(entry.communication),
            entry.due_date,
            entry.debit,
            entry.credit,
            balance,
        ]
        for entry, balance in zip(account.entries, account.balances(), strict=True)
    ]
    write_sheet(
        book,
        t("account.sheet.entries", lang),
        [
            t("account.date", lang),
            t("account.document", lang),
            t("account.reference", lang),
            t("communication", lang),
            t("due_date", lang),
            t("account.debit", lang),
            t("account.credit", lang),
            t("account.balance", lang),
        ],
        entry_rows,
        {1: DATE_FORMAT, 5: DATE_FORMAT, 6: EURO_FORMAT, 7: EURO_FORMAT, 8: EURO_FORMAT},
    )
    open_rows: list[list[CellValue]] = [
        [
            t(KINDS[document.kind], lang),
            document.reference,
            sheet_communication(document.communication),
            document.issue_date,
            document.due_date,
            document.total,
            document.settled,
            document.open,
            document.days_late(account.as_of),
        ]
        for document in account.open_documents
    ]
    write_sheet(
        book,
        t("account.sheet.open", lang),
        [
            t("account.document", lang),
            t("account.reference", lang),
            t("communication", lang),
            t("account.date", lang),
            t("due_date", lang),
            t("amount_plain", lang),
            t("account.settled", lang),
            t("account.open", lang),
            t("account.days_late", lang),
        ],
        open_rows,
        {4: DATE_FORMAT, 5: DATE_FORMAT, 6: EURO_FORMAT, 7: EURO_FORMAT, 8: EURO_FORMAT},
    )
    ageing_rows: list[list[CellValue]] = [
        [label, amount]
        for label, amount in zip(ageing_labels(lang), account.ageing.buckets, strict=True)
    ]
    ageing_rows.append([t("total_plain", lang), account.ageing.total])
    write_sheet(
        book,
        t("account.sheet.ageing", lang),
        [t("account.ageing.bucket", lang), t("amount_plain", lang)],
        ageing_rows,
        {2: EURO_FORMAT},
    )


def _summary_sheet(book: Book, account: MemberAccount) -> None:
    """Who, as of when, since when, and the balance: one fact a row, each typed."""
    lang = account.language
    facts: list[tuple[str, CellValue, str | None]] = [
        (t("account.groupement", lang), account.seller.name, None),
        (t("member", lang), account.member.name, None),
        (t("enterprise", lang), account.member.enterprise_number, None),
        (t("account.as_of", lang), account.as_of, DATE_FORMAT),
        (t("account.since_label", lang), account.since, DATE_FORMAT),
        (t("account.balance", lang), account.balance, EURO_FORMAT),
    ]
    facts_sheet(
        book,
        t("account.sheet.summary", lang),
        [t("account.item", lang), t("value", lang)],
        facts,
    )
