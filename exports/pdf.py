"""Invoices and credit notes as PDF (reportlab, with the Bitstream Vera fonts it ships:
€ and accents render without any system font).

Every mention AR n° 1 art. 5 and Companies Code art. 2:20 require: issue date, number,
both parties' names, addresses, enterprise and VAT numbers, the seller's legal form and
RPM seat, what is billed and for which period, base and VAT per rate, the legal basis
of an exemption. An invoice adds its payment terms, the structured communication and
an EPC (SEPA) QR code; a credit note names the invoice it corrects. The annex gives the
hours billed per worker. Everything is in the buyer's language (``document.language``):
the texts from the ``exports`` catalogue, the figures written by ``formats``.
"""

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import NamedTuple
from xml.sax.saxutils import escape

import reportlab
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from allocation import formats
from allocation.translations import N_

from .document import InvoiceDocument, Party
from .formats import ABSENCE_POLICIES, named_with_form, t

FONT_DIR = Path(reportlab.__file__).parent / "fonts"
REGULAR, BOLD = "MutuaVera", "MutuaVera-Bold"
# The ids of the document kinds, which the document names.
KINDS = {"invoice": N_("invoice"), "credit_note": N_("credit_note")}
# Babel groups French thousands with a narrow no-break space, which Vera lacks: printed
# as a no-break space, so a figure never breaks and never shows a missing glyph.
NARROW_NO_BREAK_SPACE, NO_BREAK_SPACE = "\u202f", "\u00a0"


def _printable(text: str) -> str:
    return text.replace(NARROW_NO_BREAK_SPACE, NO_BREAK_SPACE)


def euros(amount: Decimal, language: str) -> str:
    return _printable(formats.money(amount, language))


def hours(value: Decimal, language: str) -> str:
    return _printable(formats.number(value, language))


def percent(rate: Decimal, language: str) -> str:
    return _printable(formats.percent(rate, language))


def day(value: date, language: str) -> str:
    return formats.day(value, language)


def field(name: str, value: str, language: str) -> str:
    """ "Échéance : 2 juillet 2026", "Vervaldatum: 2 juli 2026": each language's colon."""
    return t("field", language, name=name, value=value)


def _fonts() -> None:
    if REGULAR not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(REGULAR, str(FONT_DIR / "Vera.ttf")))
        pdfmetrics.registerFont(TTFont(BOLD, str(FONT_DIR / "VeraBd.ttf")))
        pdfmetrics.registerFontFamily(
            REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
        )


def epc_payload(document: InvoiceDocument) -> str:
    """The EPC069-12 "SEPA credit transfer" QR payload (version 002, UTF-8); the Belgian
    structured communication rides in the remittance text, as banks here read it."""
    seller = document.seller
    return "\n".join(
        [
            "BCD",
            "002",
            "1",
            "SCT",
            seller.bic or "",
            seller.name[:70],
            seller.iban or "",
            f"EUR{document.total:.2f}",
            "",
            "",
            document.payment_reference or document.reference,
        ]
    )


def _party_lines(party: Party, language: str, seller: bool) -> list[str]:
    """A party's block as Paragraph markup, every value escaped (a name may hold < or &)."""
    # The legal form by its label in the document's language, unless the name ends with it.
    party = replace(party, name=named_with_form(party.name, party.legal_form, language))
    party = replace(
        party,
        **{name: escape(value) for name, value in vars(party).items() if isinstance(value, str)},
    )
    lines = [
        f"<b>{party.name}</b>",
        party.street,
        f"{party.postal_code} {party.city}",
        t("enterprise", language) + f" {party.enterprise_number}",
    ]
    if party.vat_number:
        lines.append(t("vat", language) + f" {party.vat_number}")
    if seller and party.rpm_seat:
        lines.append(t("rpm", language) + f" {party.rpm_seat}")
    if seller and party.iban:
        lines.append(f"IBAN {party.iban}" + (f" — BIC {party.bic}" if party.bic else ""))
    return lines


def parties(seller: Party, buyer: Party, language: str, buyer_label: str) -> Table:
    """The head of every document: the GE's block on the left (with its RPM seat and
    IBAN), the other party's on the right under ``buyer_label`` ("Client", "Membre")."""
    normal = styles().normal
    table = Table(
        [
            [
                Paragraph("<br/>".join(_party_lines(seller, language, True)), normal),
                Paragraph(
                    f"<b>{escape(buyer_label)}</b><br/>"
                    + "<br/>".join(_party_lines(buyer, language, False)),
                    normal,
                ),
            ]
        ],
        colWidths=[90 * mm, 84 * mm],
    )
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


class Styles(NamedTuple):
    """The paragraph styles of Mutua's documents (the fonts registered first)."""

    normal: ParagraphStyle
    small: ParagraphStyle
    title: ParagraphStyle
    heading: ParagraphStyle


def styles() -> Styles:
    _fonts()
    normal = ParagraphStyle("normal", fontName=REGULAR, fontSize=9, leading=12)
    return Styles(
        normal,
        ParagraphStyle("small", parent=normal, fontSize=8, leading=10),
        ParagraphStyle("title", parent=normal, fontName=BOLD, fontSize=16, leading=20),
        ParagraphStyle("heading", parent=normal, fontName=BOLD, fontSize=11, leading=15),
    )


def a4_page(output: BytesIO, *, title: str, author: str) -> SimpleDocTemplate:
    """An A4 portrait document with Mutua's margins."""
    return SimpleDocTemplate(
        output,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=title,
        author=author,
    )


def document_pdf(document: InvoiceDocument) -> bytes:
    lang = document.language
    normal, small, title, heading = styles()
    output = BytesIO()
    page = a4_page(
        output,
        title=t(KINDS[document.kind], lang) + f" {document.reference}",
        author=document.seller.name,
    )
    story: list[Flowable] = [
        parties(document.seller, document.buyer, lang, t("customer", lang)),
        Spacer(1, 8 * mm),
    ]
    story.append(Paragraph(t(KINDS[document.kind], lang) + f" {document.reference}", title))
    facts = [
        field(t("issue_date", lang), day(document.issue_date, lang), lang),
        field(
            t("period", lang),
            t(
                "period_span",
                lang,
                start=day(document.period_start, lang),
                end=day(document.period_end, lang),
            ),
            lang,
        ),
    ]
    if document.due_date and not document.is_credit_note:
        facts.append(field(t("due_date", lang), day(document.due_date, lang), lang))
    if document.corrects:
        reference, issued = document.corrects
        facts.append(t("corrects", lang, reference=reference, day=day(issued, lang)))
    if document.reason:
        facts.append(field(t("reason", lang), escape(document.reason), lang))
    story += [Paragraph(" — ".join(facts), normal), Spacer(1, 5 * mm)]

    rows: list[list[str | Paragraph]] = [
        [t("description", lang), t("rate", lang), t("amount", lang)]
    ]
    rows += [
        [
            Paragraph(escape(line.description), small),
            percent(line.vat_rate, lang),
            euros(line.amount, lang),
        ]
        for line in document.lines
    ]
    lines = Table(rows, colWidths=[120 * mm, 20 * mm, 34 * mm], repeatRows=1)
    lines.setStyle(table_style())
    story += [lines, Spacer(1, 4 * mm)]

    sums = [[t("base", lang), t("rate", lang), t("vat", lang)]]
    sums += [
        [euros(s.base, lang), f"{percent(s.rate, lang)} ({s.category})", euros(s.vat, lang)]
        for s in document.subtotals
    ]
    sums += [
        [t("total_excl", lang), "", euros(document.lines_total, lang)],
        [t("total_vat", lang), "", euros(document.vat_total, lang)],
        [
            t("credit_total", lang) if document.is_credit_note else t("total", lang),
            "",
            euros(document.total, lang),
        ],
    ]
    totals = Table(sums, colWidths=[60 * mm, 40 * mm, 40 * mm], hAlign="RIGHT")
    style = table_style()
    style.add("FONTNAME", (0, -1), (-1, -1), BOLD)
    totals.setStyle(style)
    story += [totals, Spacer(1, 4 * mm)]
    for mention in document.mentions:
        story.append(Paragraph(f"<b>{escape(mention)}</b>", normal))
    policy = field(t("policy", lang), t(ABSENCE_POLICIES[document.absence_policy], lang), lang)
    story += [Paragraph(policy, small), Spacer(1, 5 * mm)]

    if not document.is_credit_note and document.seller.iban:
        payment = Paragraph(
            field(t("pay_to", lang), f"<b>{document.seller.iban}</b>", lang)
            + (f" (BIC {document.seller.bic})" if document.seller.bic else "")
            + "<br/>"
            + field(t("communication", lang), f"<b>{document.payment_reference}</b>", lang)
            + (
                "<br/>" + field(t("due_date", lang), day(document.due_date, lang), lang)
                if document.due_date
                else ""
            )
            + "<br/>"
            + field(t("total", lang), f"<b>{euros(document.total, lang)}</b>", lang),
            normal,
        )
        story.append(
            Table(
                [[payment, _qr(epc_payload(document)), Paragraph(t("scan", lang), small)]],
                colWidths=[110 * mm, 34 * mm, 30 * mm],
            )
        )

    workers = [line for line in document.lines if line.worker]
    if workers:
        story += [Spacer(1, 8 * mm), Paragraph(t("annex", lang), heading)]
        header = ParagraphStyle("header", parent=small, fontName=BOLD)
        annex: list[list[object]] = [
            [
                Paragraph(text, header)
                for text in (
                    t("worker", lang),
                    t("worked", lang),
                    t("absence", lang),
                    t("basis", lang),
                    t("amount", lang),
                )
            ]
        ]
        annex += [
            [
                line.worker,
                hours(line.worked_hours, lang),
                hours(line.absence_hours, lang),
                hours(line.worked_hours + line.absence_hours, lang),
                euros(line.amount, lang),
            ]
            for line in workers
        ]
        table = Table(annex, colWidths=[60 * mm, 28 * mm, 30 * mm, 28 * mm, 28 * mm], repeatRows=1)
        table.setStyle(table_style())
        story.append(table)
    page.build(story)
    return output.getvalue()


def _qr(payload: str) -> Drawing:
    widget = QrCodeWidget(payload, barLevel="M")
    left, bottom, right, top = widget.getBounds()
    size = 30 * mm
    drawing = Drawing(
        size, size, transform=[size / (right - left), 0, 0, size / (top - bottom), 0, 0]
    )
    drawing.add(widget)
    return drawing


def table_style() -> TableStyle:
    """The tables of the invoices and statements: bold header on a light fill, figures on
    the right."""
    return TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), REGULAR),
            ("FONTNAME", (0, 0), (-1, 0), BOLD),
            ("FONTSIZE", (0, 0), (-1, -1), 8),
            ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.grey),
            ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f5")),
        ]
    )


def compact_table_style() -> TableStyle:
    """``table_style`` with narrow paddings: eight or nine columns of figures fit on A4."""
    style = table_style()
    style.add("LEFTPADDING", (0, 0), (-1, -1), 2.5)
    style.add("RIGHTPADDING", (0, 0), (-1, -1), 2.5)
    style.add("TOPPADDING", (0, 0), (-1, -1), 2)
    style.add("BOTTOMPADDING", (0, 0), (-1, -1), 2)
    return style


def header_row(texts: Sequence[str], right_from: int) -> list[Paragraph]:
    """A table's header as paragraphs that wrap within their columns (bold, 7 points: a
    date's column holds "Vervaldatum"), those from index ``right_from`` on aligned right,
    over their figures."""
    left = ParagraphStyle("header", parent=styles().small, fontName=BOLD, fontSize=7, leading=8.5)
    right = ParagraphStyle("header_right", parent=left, alignment=TA_RIGHT)
    return [
        Paragraph(escape(text), right if index >= right_from else left)
        for index, text in enumerate(texts)
    ]
