"""A member's yearly statement (relevé annuel, jaaroverzicht) as PDF and as a workbook.

What the member received from the GE in a year and what it was billed for it, month by
month: per worker the hours received (worked and paid absence) and the staff cost, then
the management fee, the overhead, the invoices and credit notes of the month, and the
payments received on those invoices. A month is the month **billed** (the invoices'
period), never the day a document was issued: a credit note or a complement issued in
July for May counts in May, so the year's totals are those of the documents billing it.

Amounts are net of credit notes: a month's staff cost, fee and overhead are what its
invoices billed less what its credit notes took off, and they add up to its documents'
totals before VAT (``StatementMonth`` refuses anything else). VAT is shown beside them,
never mixed in. Hours are those printed on the invoices: a credit note or a complement
carries money only, so the hours stay those of the month's first invoice.

Everything is in the member's language: the texts from the ``exports`` catalogue, the
figures written by ``allocation.formats``; every workbook cell through ``exports.cells``.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from allocation import formats
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
    hours,
    parties,
    styles,
)
from .xlsx import EURO_FORMAT, HOURS_FORMAT, facts_sheet, write_sheet

ZERO = Decimal("0.00")
KINDS = ("invoice", "credit_note")


def _sum(values: Iterable[Decimal]) -> Decimal:
    return sum(values, ZERO)


@dataclass(frozen=True)
class WorkerMonth:
    """One worker's month at the member: the hours its invoices billed, and the staff
    cost net of credit notes."""

    worker: str
    worked_hours: Decimal
    absence_hours: Decimal
    staff_cost: Decimal

    @property
    def hours(self) -> Decimal:
        return self.worked_hours + self.absence_hours


@dataclass(frozen=True)
class StatementDocument:
    """An issued invoice or credit note billing the month; amounts as printed on it
    (positive for a credit note too)."""

    kind: str
    reference: str
    issue_date: date
    lines_total: Decimal
    vat_total: Decimal
    total: Decimal

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind of document {self.kind!r}: one of {KINDS}")

    @property
    def sign(self) -> int:
        return -1 if self.kind == "credit_note" else 1


@dataclass(frozen=True)
class ReceivedPayment:
    """What a bank line paid on one of the month's invoices."""

    day: date
    reference: str  # the invoice paid
    amount: Decimal


@dataclass(frozen=True)
class StatementMonth:
    """A billed month (its first day)."""

    month: date
    workers: tuple[WorkerMonth, ...]
    fees: Decimal
    overhead: Decimal
    documents: tuple[StatementDocument, ...]
    payments: tuple[ReceivedPayment, ...] = ()

    def __post_init__(self) -> None:
        billed = _sum([d.sign * d.lines_total for d in self.documents])
        if self.lines_total != billed:
            raise ValueError(
                f"{self.month:%Y-%m}: lines {self.lines_total} differ from the documents' {billed}"
            )

    @property
    def staff_cost(self) -> Decimal:
        return _sum([w.staff_cost for w in self.workers])

    @property
    def worked_hours(self) -> Decimal:
        return sum((w.worked_hours for w in self.workers), Decimal("0"))

    @property
    def absence_hours(self) -> Decimal:
        return sum((w.absence_hours for w in self.workers), Decimal("0"))

    @property
    def lines_total(self) -> Decimal:
        """Staff cost, fee and overhead: before VAT, net of credit notes."""
        return self.staff_cost + self.fees + self.overhead

    def _documents(self, kind: str) -> list[StatementDocument]:
        return [d for d in self.documents if d.kind == kind]

    @property
    def vat(self) -> Decimal:
        return _sum([d.sign * d.vat_total for d in self.documents])

    @property
    def invoiced(self) -> Decimal:
        return _sum([d.total for d in self._documents("invoice")])

    @property
    def credited(self) -> Decimal:
        return _sum([d.total for d in self._documents("credit_note")])

    @property
    def total(self) -> Decimal:
        """Invoices less credit notes, VAT included."""
        return self.invoiced - self.credited

    @property
    def paid(self) -> Decimal:
        return _sum([p.amount for p in self.payments])


@dataclass(frozen=True)
class AloneWorker:
    """What employing one worker directly for the same hours would have cost the member
    (``allocation.alone``), against what it paid the GE for that worker."""

    worker: str
    need_weekly_hours: Decimal
    contract_weekly_hours: Decimal
    alone: Decimal
    paid: Decimal
    difference: Decimal
    percent: Decimal | None


# The assumptions of the comparison, in the order printed (``alone.assumption.<name>``).
ALONE_ASSUMPTIONS = (
    N_("alone.assumption.full_time_weekly_hours"),
    N_("alone.assumption.minimum_percent"),
    N_("alone.assumption.minimum_weekly_hours"),
    N_("alone.assumption.weeks_per_month"),
    N_("alone.assumption.full_time_days_per_week"),
    N_("alone.assumption.recruitment_per_year"),
    N_("alone.assumption.payroll_admin_per_year"),
    N_("alone.assumption.employer_contribution_percent"),
    N_("alone.assumption.holiday_pay_percent"),
    N_("alone.assumption.year_end_bonus_percent"),
    N_("alone.assumption.accident_insurance_percent"),
    N_("alone.assumption.prevention_service_per_year"),
    N_("alone.assumption.meal_voucher_employer_part"),
    N_("alone.assumption.vat"),
    N_("alone.assumption.paid"),
)


@dataclass(frozen=True)
class AloneSection:
    workers: tuple[AloneWorker, ...]
    # (name, value) as ``allocation.alone.assumptions`` gives them, printed beside.
    assumptions: tuple[tuple[str, str], ...]

    @property
    def alone(self) -> Decimal:
        return _sum(w.alone for w in self.workers)

    @property
    def paid(self) -> Decimal:
        return _sum(w.paid for w in self.workers)


def assumption_lines(section: AloneSection, language: str) -> list[str]:
    """Each assumption as a sentence in ``language``, its value in it."""
    known = {message.removeprefix("alone.assumption."): message for message in ALONE_ASSUMPTIONS}
    return [
        t(known[name], language, value=value)
        for name, value in section.assumptions
        if name in known
    ]


@dataclass(frozen=True)
class YearlyStatement:
    """A member's year, in its ``language``; ``left_on`` when it left the GE; with what
    hiring alone would have cost (``alone``) when it was worked out."""

    language: str
    seller: Party  # the GE
    member: Party
    year: int
    months: tuple[StatementMonth, ...]
    left_on: date | None = None
    alone: AloneSection | None = None

    def _total(self, name: str) -> Decimal:
        return _sum([getattr(month, name) for month in self.months])

    @property
    def worked_hours(self) -> Decimal:
        return sum((m.worked_hours for m in self.months), Decimal("0"))

    @property
    def absence_hours(self) -> Decimal:
        return sum((m.absence_hours for m in self.months), Decimal("0"))

    @property
    def staff_cost(self) -> Decimal:
        return self._total("staff_cost")

    @property
    def fees(self) -> Decimal:
        return self._total("fees")

    @property
    def overhead(self) -> Decimal:
        return self._total("overhead")

    @property
    def lines_total(self) -> Decimal:
        return self._total("lines_total")

    @property
    def vat(self) -> Decimal:
        return self._total("vat")

    @property
    def invoiced(self) -> Decimal:
        return self._total("invoiced")

    @property
    def credited(self) -> Decimal:
        return self._total("credited")

    @property
    def total(self) -> Decimal:
        return self._total("total")

    @property
    def paid(self) -> Decimal:
        return self._total("paid")

    @property
    def open(self) -> Decimal:
        return self.total - self.paid


def title(data: YearlyStatement) -> str:
    return t("yearly.title", data.language, year=data.year)


def _month(value: date, language: str) -> str:
    return formats.month(value, language)


def _amount(value: Decimal, language: str) -> str:
    return euros(value, language) if value else ""


def yearly_statement_pdf(data: YearlyStatement) -> bytes:
    """The year on A4: both parties, the summary per month, the workers' hours and cost
    per month, the documents and payments, and the year's totals."""
    lang = data.language
    normal, small, title_style, heading = styles()
    output = BytesIO()
    page = a4_page(output, title=title(data), author=data.seller.name)
    story: list[Flowable] = [
        parties(data.seller, data.member, lang, t("member", lang)),
        Spacer(1, 8 * mm),
        Paragraph(escape(title(data)), title_style),
    ]
    if data.left_on:
        left = field(t("yearly.left_on", lang), formats.day(data.left_on, lang), lang)
        story.append(Paragraph(escape(left), normal))
    story += [Paragraph(escape(t("yearly.basis", lang)), small), Spacer(1, 4 * mm)]
    story += [Paragraph(t("yearly.summary", lang), heading), _summary_table(data)]
    story += [Spacer(1, 5 * mm), Paragraph(t("yearly.workers", lang), heading)]
    story.append(_workers_table(data))
    story += [Spacer(1, 5 * mm), Paragraph(t("yearly.documents", lang), heading)]
    story.append(_documents_table(data))
    if any(m.payments for m in data.months):
        story += [Spacer(1, 5 * mm), Paragraph(t("yearly.payments", lang), heading)]
        story.append(_payments_table(data))
    totals = [
        (t("yearly.lines_total", lang), data.lines_total),
        (t("vat", lang), data.vat),
        (t("yearly.total", lang), data.total),
        (t("yearly.paid", lang), data.paid),
        (t("yearly.open", lang), data.open),
    ]
    closing: list[Flowable] = [Paragraph(t("yearly.totals", lang), heading)]
    closing += [
        Paragraph(f"<b>{escape(field(label, euros(value, lang), lang))}</b>", normal)
        for label, value in totals
    ]
    story += [Spacer(1, 5 * mm), KeepTogether(closing)]
    if data.alone is not None and data.alone.workers:
        story += [Spacer(1, 5 * mm), Paragraph(t("alone.heading", lang), heading)]
        story += [Paragraph(escape(t("alone.intro", lang)), small), _alone_table(data)]
        story += [Spacer(1, 3 * mm), Paragraph(t("alone.assumptions", lang), normal)]
        story += [Paragraph(escape(line), small) for line in assumption_lines(data.alone, lang)]
    page.build(story)
    return output.getvalue()


def _alone_table(data: YearlyStatement) -> Table:
    lang = data.language
    section = data.alone or AloneSection((), ())
    header = [
        t("worker", lang),
        t("alone.need", lang),
        t("alone.contract", lang),
        t("alone.alone", lang),
        t("alone.paid", lang),
        t("alone.difference", lang),
        "%",
    ]
    rows: list[list[str | Paragraph]] = [[*header_row(header, right_from=1)]]
    for w in section.workers:
        rows.append(
            [
                w.worker,
                formats.number(w.need_weekly_hours, lang),
                formats.number(w.contract_weekly_hours, lang),
                _amount(w.alone, lang),
                _amount(w.paid, lang),
                _amount(w.difference, lang),
                formats.number(w.percent, lang) if w.percent is not None else "—",
            ]
        )
    alone, paid = section.alone, section.paid
    rows.append(
        [
            t("yearly.year_total", lang),
            "",
            "",
            _amount(alone, lang),
            _amount(paid, lang),
            _amount(alone - paid, lang),
            formats.number((alone - paid) * 100 / alone, lang) if alone else "—",
        ]
    )
    return _finished(rows, [44, 20, 20, 26, 26, 26, 14], 1)


def _finished(rows: list[list[str | Paragraph]], widths: list[float], right_from: int) -> Table:
    table = Table(rows, colWidths=[w * mm for w in widths], repeatRows=1)
    style = compact_table_style()
    style.add("ALIGN", (0, 1), (right_from - 1, -1), "LEFT")
    style.add("ALIGN", (right_from, 0), (-1, -1), "RIGHT")
    style.add("FONTNAME", (0, -1), (-1, -1), BOLD)
    style.add("LINEABOVE", (0, -1), (-1, -1), 0.5, colors.grey)
    table.setStyle(style)
    return table


def _summary_table(data: YearlyStatement) -> Table:
    lang = data.language
    header = [
        t("yearly.month", lang),
        t("yearly.hours", lang),
        t("yearly.staff_cost", lang),
        t("fee", lang),
        t("overhead", lang),
        t("vat", lang),
        t("yearly.total", lang),
        t("yearly.paid", lang),
    ]
    rows: list[list[str | Paragraph]] = [[*header_row(header, right_from=1)]]
    for month in data.months:
        rows.append(
            [
                _month(month.month, lang),
                hours(month.worked_hours + month.absence_hours, lang),
                euros(month.staff_cost, lang),
                _amount(month.fees, lang),
                _amount(month.overhead, lang),
                euros(month.vat, lang),
                euros(month.total, lang),
                _amount(month.paid, lang),
            ]
        )
    rows.append(
        [
            t("yearly.year_total", lang),
            hours(data.worked_hours + data.absence_hours, lang),
            euros(data.staff_cost, lang),
            euros(data.fees, lang),
            euros(data.overhead, lang),
            euros(data.vat, lang),
            euros(data.total, lang),
            euros(data.paid, lang),
        ]
    )
    return _finished(rows, [24, 15, 25, 20, 20, 20, 26, 24], right_from=1)


def _workers_table(data: YearlyStatement) -> Table:
    lang = data.language
    _, small, _, _ = styles()
    header = [
        t("yearly.month", lang),
        t("worker", lang),
        t("worked", lang),
        t("absence", lang),
        t("yearly.staff_cost", lang),
    ]
    rows: list[list[str | Paragraph]] = [[*header_row(header, right_from=2)]]
    for month in data.months:
        for worker in month.workers:
            rows.append(
                [
                    _month(month.month, lang),
                    Paragraph(escape(worker.worker), small),
                    hours(worker.worked_hours, lang),
                    hours(worker.absence_hours, lang),
                    euros(worker.staff_cost, lang),
                ]
            )
    rows.append(
        [
            t("yearly.year_total", lang),
            "",
            hours(data.worked_hours, lang),
            hours(data.absence_hours, lang),
            euros(data.staff_cost, lang),
        ]
    )
    return _finished(rows, [28, 58, 24, 26, 38], right_from=2)


def _documents_table(data: YearlyStatement) -> Table:
    lang = data.language
    header = [
        t("yearly.month", lang),
        t("yearly.document", lang),
        t("yearly.reference", lang),
        t("yearly.issued_on", lang),
        t("total_excl", lang),
        t("vat", lang),
        t("yearly.document_total", lang),
    ]
    rows: list[list[str | Paragraph]] = [[*header_row(header, right_from=4)]]
    for month in data.months:
        for document in month.documents:
            sign = document.sign
            rows.append(
                [
                    _month(month.month, lang),
                    t(document.kind, lang),
                    document.reference,
                    formats.day_numeric(document.issue_date, lang),
                    euros(sign * document.lines_total, lang),
                    euros(sign * document.vat_total, lang),
                    euros(sign * document.total, lang),
                ]
            )
    rows.append(
        [
            t("yearly.year_total", lang),
            "",
            "",
            "",
            euros(data.lines_total, lang),
            euros(data.vat, lang),
            euros(data.total, lang),
        ]
    )
    return _finished(rows, [24, 24, 28, 20, 26, 22, 30], right_from=4)


def _payments_table(data: YearlyStatement) -> Table:
    lang = data.language
    header = [
        t("yearly.month", lang),
        t("yearly.paid_on", lang),
        t("yearly.reference", lang),
        t("amount_plain", lang),
    ]
    rows: list[list[str | Paragraph]] = [[*header_row(header, right_from=3)]]
    for month in data.months:
        for payment in month.payments:
            rows.append(
                [
                    _month(month.month, lang),
                    formats.day_numeric(payment.day, lang),
                    payment.reference,
                    euros(payment.amount, lang),
                ]
            )
    rows.append([t("yearly.year_total", lang), "", "", euros(data.paid, lang)])
    return _finished(rows, [40, 40, 50, 44], right_from=3)


def _summary_sheet(book: Book, data: YearlyStatement) -> None:
    """Who, which year, and the year's totals: one fact a row, each typed."""
    lang = data.language
    facts: list[tuple[str, CellValue, str | None]] = [
        (t("account.groupement", lang), data.seller.name, None),
        (t("member", lang), data.member.name, None),
        (t("enterprise", lang), data.member.enterprise_number, None),
        (t("yearly.year", lang), data.year, "0"),
        (t("yearly.left_on", lang), data.left_on, DATE_FORMAT),
        (t("yearly.lines_total", lang), data.lines_total, EURO_FORMAT),
        (t("vat", lang), data.vat, EURO_FORMAT),
        (t("yearly.invoiced", lang), data.invoiced, EURO_FORMAT),
        (t("yearly.credited", lang), data.credited, EURO_FORMAT),
        (t("yearly.total", lang), data.total, EURO_FORMAT),
        (t("yearly.paid", lang), data.paid, EURO_FORMAT),
        (t("yearly.open", lang), data.open, EURO_FORMAT),
    ]
    facts_sheet(
        book,
        t("yearly.sheet.summary", lang),
        [t("account.item", lang), t("value", lang)],
        facts,
    )


def yearly_statement_workbook(data: YearlyStatement) -> bytes:
    """The year as a workbook: a sheet per table of the PDF (months, workers, documents,
    payments), the year's totals on each; typed cells, frozen headers, filters."""
    with Book() as book:
        _yearly_statement_sheets(book, data)
    return book.data


def _yearly_statement_sheets(book: Book, data: YearlyStatement) -> None:
    lang = data.language
    year_total = t("yearly.year_total", lang)
    _summary_sheet(book, data)
    month_rows: list[list[CellValue]] = [
        [
            m.month,
            m.worked_hours,
            m.absence_hours,
            m.staff_cost,
            m.fees,
            m.overhead,
            m.lines_total,
            m.vat,
            m.invoiced,
            m.credited,
            m.total,
            m.paid,
        ]
        for m in data.months
    ]
    month_rows.append(
        [
            year_total,
            data.worked_hours,
            data.absence_hours,
            data.staff_cost,
            data.fees,
            data.overhead,
            data.lines_total,
            data.vat,
            data.invoiced,
            data.credited,
            data.total,
            data.paid,
        ]
    )
    money = {index: EURO_FORMAT for index in range(4, 13)}
    write_sheet(
        book,
        t("yearly.sheet.months", lang),
        [
            t("yearly.month", lang),
            t("worked", lang),
            t("absence", lang),
            t("yearly.staff_cost", lang),
            t("fee", lang),
            t("overhead", lang),
            t("yearly.lines_total", lang),
            t("vat", lang),
            t("yearly.invoiced", lang),
            t("yearly.credited", lang),
            t("yearly.total", lang),
            t("yearly.paid", lang),
        ],
        month_rows,
        {1: "MM/YYYY", 2: HOURS_FORMAT, 3: HOURS_FORMAT, **money},
    )
    worker_rows: list[list[CellValue]] = [
        [m.month, w.worker, w.worked_hours, w.absence_hours, w.staff_cost]
        for m in data.months
        for w in m.workers
    ]
    worker_rows.append([year_total, None, data.worked_hours, data.absence_hours, data.staff_cost])
    write_sheet(
        book,
        t("yearly.sheet.workers", lang),
        [
            t("yearly.month", lang),
            t("worker", lang),
            t("worked", lang),
            t("absence", lang),
            t("yearly.staff_cost", lang),
        ],
        worker_rows,
        {1: "MM/YYYY", 3: HOURS_FORMAT, 4: HOURS_FORMAT, 5: EURO_FORMAT},
    )
    document_rows: list[list[CellValue]] = [
        [
            m.month,
            t(d.kind, lang),
            d.reference,
            d.issue_date,
            d.sign * d.lines_total,
            d.sign * d.vat_total,
            d.sign * d.total,
        ]
        for m in data.months
        for d in m.documents
    ]
    document_rows.append([year_total, None, None, None, data.lines_total, data.vat, data.total])
    write_sheet(
        book,
        t("yearly.sheet.documents", lang),
        [
            t("yearly.month", lang),
            t("yearly.document", lang),
            t("yearly.reference", lang),
            t("yearly.issued_on", lang),
            t("total_excl", lang),
            t("vat", lang),
            t("yearly.document_total", lang),
        ],
        document_rows,
        {1: "MM/YYYY", 4: DATE_FORMAT, 5: EURO_FORMAT, 6: EURO_FORMAT, 7: EURO_FORMAT},
    )
    payment_rows: list[list[CellValue]] = [
        [m.month, p.day, p.reference, p.amount] for m in data.months for p in m.payments
    ]
    payment_rows.append([year_total, None, None, data.paid])
    write_sheet(
        book,
        t("yearly.sheet.payments", lang),
        [
            t("yearly.month", lang),
            t("yearly.paid_on", lang),
            t("yearly.reference", lang),
            t("amount_plain", lang),
        ],
        payment_rows,
        {1: "MM/YYYY", 2: DATE_FORMAT, 4: EURO_FORMAT},
    )
    if data.alone is not None and data.alone.workers:
        write_sheet(
            book,
            t("alone.sheet", lang)[:31],
            [
                t("worker", lang),
                t("alone.need", lang),
                t("alone.contract", lang),
                t("alone.alone", lang),
                t("alone.paid", lang),
                t("alone.difference", lang),
                "%",
            ],
            [
                [
                    w.worker,
                    w.need_weekly_hours,
                    w.contract_weekly_hours,
                    w.alone,
                    w.paid,
                    w.difference,
                    w.percent,
                ]
                for w in data.alone.workers
            ]
            + [
                [line, None, None, None, None, None, None]
                for line in assumption_lines(data.alone, lang)
            ],
            {2: HOURS_FORMAT, 3: HOURS_FORMAT, 4: EURO_FORMAT, 5: EURO_FORMAT, 6: EURO_FORMAT},
        )
