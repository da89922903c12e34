"""The late-payment note (note de débit, debetnota): the interest and the fixed
compensation a member owes for invoices it paid late, or still owes past their due date.

Between businesses, the law of 2 August 2002 on combating late payment in commercial
transactions gives them of right and without notice: interest at the legal rate from
the day after the due date (art. 5), and 40 euros per invoice (art. 6). They are billed
by a separate document, never by changing the invoice (DOMAIN.md §8): this one, with its
own number and structured communication, which the service assigns. Each line shows its
arithmetic (amount, days, rates) so that the member can check it; the figures come from
``allocation.arrears`` (``LateInvoice.computed``), the texts in the member's language.

A line is an amount late from one due date to one day: an invoice paid late in several
instalments is one line per instalment, the fixed compensation on one of them only
(``compensation`` zero on the others).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from allocation import formats
from allocation.arrears import (
    FIXED_COMPENSATION,
    RatePeriod,
    RateSpan,
    late_interest,
    rate_spans,
)

from .document import Party
from .formats import t
from .pdf import (
    BOLD,
    REGULAR,
    a4_page,
    compact_table_style,
    euros,
    field,
    header_row,
    parties,
    percent,
    styles,
)

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class LateInvoice:
    """One invoice (or one instalment of it) paid late: ``amount`` due on ``due_date``,
    paid on ``until`` (``paid``) or still unpaid on that day; the days at each rate, the
    interest they give and the fixed compensation."""

    reference: str
    amount: Decimal
    due_date: date
    until: date
    paid: bool
    spans: tuple[RateSpan, ...]
    interest: Decimal
    compensation: Decimal = FIXED_COMPENSATION

    @classmethod
    def computed(
        cls,
        reference: str,
        amount: Decimal,
        due_date: date,
        until: date,
        paid: bool,
        rates: Sequence[RatePeriod],
        compensation: Decimal = FIXED_COMPENSATION,
    ) -> "LateInvoice":
        """The line with its days and interest worked out from the GE's rates."""
        return cls(
            reference=reference,
            amount=amount,
            due_date=due_date,
            until=until,
            paid=paid,
            spans=rate_spans(due_date, until, rates),
            interest=late_interest(amount, due_date, until, rates),
            compensation=compensation,
        )

    @property
    def days(self) -> int:
        return sum(span.days for span in self.spans)

    @property
    def total(self) -> Decimal:
        return self.interest + self.compensation


@dataclass(frozen=True)
class LatePaymentDocument:
    """The note as issued: its number, dates and structured communication (the
    service's), who bills whom, the lines, in the member's language."""

    reference: str
    issue_date: date
    due_date: date | None
    payment_reference: str | None  # +++123/4567/89012+++
    seller: Party  # the GE
    member: Party
    lines: tuple[LateInvoice, ...]
    language: str = "fr"

    @property
    def interest(self) -> Decimal:
        return sum((line.interest for line in self.lines), ZERO)

    @property
    def compensation(self) -> Decimal:
        return sum((line.compensation for line in self.lines), ZERO)

    @property
    def total(self) -> Decimal:
        return self.interest + self.compensation


def title(document: LatePaymentDocument) -> str:
    return t("late.title", document.language)


def rates_text(line: LateInvoice, language: str) -> str:
    """ "10,5 % × 91 j" per rate, one a line (Paragraph markup)."""
    return "<br/>".join(
        t("late.rate_days", language, rate=percent(span.percent, language), days=span.days)
        for span in line.spans
    )


def late_payment_pdf(document: LatePaymentDocument) -> bytes:
    """The note on A4: both parties, its number and dates, a line per late invoice with
    its arithmetic, the totals, the legal basis and how to pay."""
    lang = document.language
    normal, small, title_style, heading = styles()
    output = BytesIO()
    page = a4_page(
        output, title=f"{title(document)} {document.reference}", author=document.seller.name
    )
    story: list[Flowable] = [
        parties(document.seller, document.member, lang, t("member", lang)),
        Spacer(1, 8 * mm),
        Paragraph(escape(title(document)), title_style),
        Paragraph(escape(t("late.number", lang, reference=document.reference)), heading),
        Spacer(1, 2 * mm),
    ]
    facts = [field(t("issue_date", lang), formats.day(document.issue_date, lang), lang)]
    if document.due_date:
        facts.append(field(t("due_date", lang), formats.day(document.due_date, lang), lang))
    story += [Paragraph(escape(" — ".join(facts)), normal), Spacer(1, 5 * mm)]

    header = [
        t("late.invoice", lang),
        t("due_date", lang),
        t("late.until", lang),
        t("amount_plain", lang),
        t("late.days", lang),
        t("late.rates", lang),
        t("late.interest", lang),
        t("late.compensation", lang),
        t("total_plain", lang),
    ]
    rows: list[list[str | Paragraph]] = [[*header_row(header, right_from=3)]]
    figures = ParagraphStyle("figures", parent=small, alignment=TA_RIGHT)
    for line in document.lines:
        until = formats.day_numeric(line.until, lang)
        if not line.paid:
            until += "<br/>" + t("late.unpaid", lang)
        rows.append(
            [
                Paragraph(escape(line.reference), small),
                formats.day_numeric(line.due_date, lang),
                Paragraph(until, small),
                euros(line.amount, lang),
                str(line.days),
                Paragraph(rates_text(line, lang), figures),
                euros(line.interest, lang),
                euros(line.compensation, lang),
                euros(line.total, lang),
            ]
        )
    rows.append(
        [
            t("total_plain", lang),
            "",
            "",
            "",
            "",
            "",
            euros(document.interest, lang),
            euros(document.compensation, lang),
            euros(document.total, lang),
        ]
    )
    table = Table(
        rows,
        colWidths=[22 * mm, 20 * mm, 19 * mm, 20 * mm, 11 * mm, 25 * mm, 18 * mm, 19 * mm, 20 * mm],
        repeatRows=1,
    )
    style = compact_table_style()
    style.add("ALIGN", (1, 1), (2, -1), "LEFT")
    style.add("FONTNAME", (0, -1), (-1, -1), BOLD)
    style.add("LINEABOVE", (0, -1), (-1, -1), 0.5, colors.grey)
    table.setStyle(style)
    story += [table, Spacer(1, 4 * mm)]

    totals = Table(
        [
            [t("late.interest_total", lang), euros(document.interest, lang)],
            [t("late.compensation_total", lang), euros(document.compensation, lang)],
            [t("total", lang), euros(document.total, lang)],
        ],
        colWidths=[60 * mm, 30 * mm],
        hAlign="RIGHT",
    )
    style = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), REGULAR),
            ("FONTSIZE", (0, 0), (-1, -1), 9),
            ("ALIGN", (1, 0), (1, -1), "RIGHT"),
            ("FONTNAME", (0, -1), (-1, -1), BOLD),
            ("LINEABOVE", (0, -1), (-1, -1), 0.5, colors.grey),
        ]
    )
    totals.setStyle(style)
    story += [totals, Spacer(1, 5 * mm)]
    story += [
        Paragraph(escape(t("late.legal", lang)), small),
        Spacer(1, 2 * mm),
        Paragraph(escape(t("late.separate", lang)), small),
        Spacer(1, 5 * mm),
    ]
    if document.seller.iban:
        payment = [
            field(
                t("pay_to", lang),
                f"<b>{escape(document.seller.iban)}</b>"
                + (f" (BIC {escape(document.seller.bic)})" if document.seller.bic else ""),
                lang,
            )
        ]
        if document.payment_reference:
            payment.append(
                field(
                    t("communication", lang), f"<b>{escape(document.payment_reference)}</b>", lang
                )
            )
        if document.due_date:
            payment.append(field(t("due_date", lang), formats.day(document.due_date, lang), lang))
        payment.append(field(t("total", lang), f"<b>{euros(document.total, lang)}</b>", lang))
        story.append(KeepTogether([Paragraph("<br/>".join(payment), normal)]))
    page.build(story)
    return output.getvalue()
