"""A member's statement of account and its late-payment note, from plain data: the PDFs
reopened with pypdf, the workbook with openpyxl and LibreOffice (no database).

The Marolles' account from 1 October to 7 December 2026:

- brought forward on 1 October: 1,500.00 (F2026-00031 of 4 August, due 3 September);
- 5 October: invoice F2026-00045, 1,210.00, due 4 November;
- 12 October: 600.00 paid on F2026-00031 (a part: 900.00 stays open);
- 4 November: credit note NC2026-00004, 121.00 off F2026-00045 (1,089.00 left);
- 6 November: 1,139.00 paid for F2026-00045: 50.00 too much, which the GE holds;
- 1 December: invoice F2026-00058, 968.00, due 31 December.

Balance: 1,500 + 1,210 − 600 − 121 − 1,139 + 968 = 1,818.00, what is open: 900.00 on
F2026-00031 (95 days since its due date: over 90), 968.00 on F2026-00058 (not yet due),
and the 50.00 held since 6 November (31 days: 31-60), −50.00.
"""

import io
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pypdf
from stdnum.be import ogm_vcs

from allocation.arrears import OpenItem, RatePeriod, ageing
from exports.accounts import (
    AccountEntry,
    MemberAccount,
    OpenDocument,
    account_pdf,
    account_workbook,
)
from exports.document import Party
from exports.late_payment import LateInvoice, LatePaymentDocument, late_payment_pdf
from tests.libreoffice import first_sheets_as_csv, needs_libreoffice

AS_OF = date(2026, 12, 7)
GE = Party(
    name="GE Bruxelles Solidaire",
    legal_form="ASBL",
    street="Rue de la Loi 1",
    postal_code="1000",
    city="Bruxelles",
    country="BE",
    enterprise_number="0123456749",
    vat_number="BE0123456749",
    rpm_seat="Bruxelles",
    iban="BE71 0961 2345 6769",
    bic="GKCCBEBB",
)
MAROLLES = Party(
    name="Maison des Marolles",
    legal_form="ASBL",
    street="Rue Haute 1",
    postal_code="1000",
    city="Bruxelles",
    country="BE",
    enterprise_number="0987654312",
)


def ogm(base: str) -> str:
    return f"+++{ogm_vcs.format(base + ogm_vcs.calc_check_digits(base))}+++"


F31, F45, F58 = ogm("2026000031"), ogm("2026000045"), ogm("2026000058")
D = Decimal
NOTHING = D("0.00")


def _account(language: str = "fr", member: Party = MAROLLES) -> MemberAccount:
    entries = (
        AccountEntry(date(2026, 10, 1), "opening", "F2026-00031", None, D("1500.00"), NOTHING),
        AccountEntry(
            date(2026, 10, 5), "invoice", "F2026-00045", date(2026, 11, 4), D("1210.00"), NOTHING
        ),
        AccountEntry(
            date(2026, 10, 12), "payment", "CODA 2026/198 ligne 4", None, NOTHING, D("600.00"), F31
        ),
        AccountEntry(date(2026, 11, 4), "credit_note", "NC2026-00004", None, NOTHING, D("121.00")),
        AccountEntry(
            date(2026, 11, 6), "payment", "CODA 2026/216 ligne 2", None, NOTHING, D("1139.00"), F45
        ),
        AccountEntry(
            date(2026, 12, 1), "invoice", "F2026-00058", date(2026, 12, 31), D("968.00"), NOTHING
        ),
    )
    documents = (
        OpenDocument(
            "invoice",
            "F2026-00031",
            date(2026, 8, 4),
            date(2026, 9, 3),
            D("1500.00"),
            D("600.00"),
            D("900.00"),
            F31,
        ),
        OpenDocument(
            "invoice",
            "F2026-00058",
            date(2026, 12, 1),
            date(2026, 12, 31),
            D("968.00"),
            NOTHING,
            D("968.00"),
            F58,
        ),
        OpenDocument(
            "payment",
            "CODA 2026/216 ligne 2",
            date(2026, 11, 6),
            None,
            D("-1139.00"),
            D("-1089.00"),
            D("-50.00"),
        ),
    )
    aged = ageing(
        [
            OpenItem(n, document.due_date or document.issue_date, document.open)
            for n, document in enumerate(documents)
        ],
        AS_OF,
    )
    return MemberAccount(
        language=language,
        seller=GE,
        member=member,
        as_of=AS_OF,
        since=date(2026, 10, 1),
        entries=entries,
        ageing=aged,
        open_documents=documents,
    )


def _text(pdf: bytes) -> str:
    """The PDF's words, a line's break read as a space."""
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def _plain(text: str) -> str:
    """Babel's no-break spaces read as spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def test_the_account_adds_up() -> None:
    account = _account()
    assert account.balance == D("1818.00") == account.total_open == account.ageing.total
    assert account.ageing.buckets == (
        D("968.00"),
        NOTHING,
        D("-50.00"),
        NOTHING,
        D("900.00"),
    )
    assert account.open_documents[0].days_late(AS_OF) == 95
    assert account.open_documents[1].days_late(AS_OF) == 0
    assert account.open_documents[2].days_late(AS_OF) is None  # a credit is never late


def test_the_statement_in_french() -> None:
    text = _plain(_text(account_pdf(_account("fr"))))
    assert "Relevé de compte au 7 décembre 2026" in text
    assert "Mouvements depuis le 1 octobre 2026" in text
    assert "GE Bruxelles Solidaire (ASBL)" in text and "Maison des Marolles (ASBL)" in text
    for words in ("Solde reporté", "Facture", "Note de crédit", "Paiement", "Pièces ouvertes"):
        assert words in text, words
    assert "Solde à payer au 7 décembre 2026 : 1 818,00 €" in text
    # The ageing: not yet due, 0-30, 31-60, 61-90, over 90, total.
    assert "Non échu" in text and "0–30 jours" in text and "> 90 jours" in text
    for figure in ("968,00 €", "-50,00 €", "900,00 €"):
        assert figure in text, figure
    assert F31 in text and F58 in text  # the open invoices' communications
    assert "95" in text  # days late of F2026-00031
    assert "BE71 0961 2345 6769" in text


def test_the_statement_in_dutch() -> None:
    text = _plain(_text(account_pdf(_account("nl"))))
    assert "Rekeninguittreksel op 7 december 2026" in text
    assert "Overgedragen saldo" in text and "Openstaande stukken" in text
    assert "Niet vervallen" in text and "> 90 dagen" in text
    assert "Te betalen saldo op 7 december 2026: € 1.818,00" in text
    assert "€ 900,00" in text and "€ 968,00" in text
    assert "Relevé" not in text and "Solde" not in text


def test_a_balance_in_the_members_favour_says_so() -> None:
    account = _account("en")
    refund = AccountEntry(AS_OF, "payment", "CODA 2026/230", None, NOTHING, D("2000.00"))
    text = _plain(_text(account_pdf(replace(account, entries=(*account.entries, refund)))))
    assert "Balance in your favour at 7 December 2026: €182.00" in text
    assert "transfer it to account" not in text  # nothing to pay


def test_a_statement_without_movements() -> None:
    account = replace(
        _account("fr"), entries=(), open_documents=(), ageing=ageing([], AS_OF), since=None
    )
    text = _plain(_text(account_pdf(account)))
    assert "Aucun mouvement sur la période." in text and "Aucune pièce ouverte." in text
    assert "Tous les mouvements du compte" in text


def test_the_workbook_reads_back_typed_with_its_running_balance() -> None:
    book = openpyxl.load_workbook(io.BytesIO(account_workbook(_account("fr"))))
    assert book.sheetnames == ["Compte", "Mouvements", "Pièces ouvertes", "Ancienneté"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref, sheet.title
    entries = book["Mouvements"]
    header = [cell.value for cell in entries[1]]
    assert header == [
        "Date",
        "Pièce",
        "Référence",
        "Communication structurée",
        "Échéance",
        "Débit",
        "Crédit",
        "Solde",
    ]
    rows = list(entries.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 6
    running = NOTHING
    for row in rows:
        assert isinstance(row[0], datetime)
        running += D(str(row[5])) - D(str(row[6]))
        assert round(D(str(row[7])), 2) == running
    assert running == D("1818.00")
    assert isinstance(rows[1][4], datetime) and rows[0][4] is None
    assert rows[2][3] == "202/6000/03125"  # F31 without the plus signs of a formula
    for cell in entries[2][5:8]:
        assert isinstance(cell.value, int | float) and "€" in cell.number_format
    assert entries["A2"].number_format == "DD/MM/YYYY"

    documents = list(book["Pièces ouvertes"].iter_rows(min_row=2, values_only=True))
    assert sum(D(str(row[7])) for row in documents) == running
    assert [row[8] for row in documents] == [95, 0, None]
    aged = dict(book["Ancienneté"].iter_rows(min_row=2, values_only=True))
    assert aged["> 90 jours"] == 900 and aged["Non échu"] == 968 and aged["Total"] == 1818
    facts = dict(book["Compte"].iter_rows(min_row=2, values_only=True))
    assert facts["Membre"] == "Maison des Marolles"
    assert facts["Solde"] == 1818 and isinstance(facts["Situation au"], datetime)


def test_the_workbook_in_dutch() -> None:
    book = openpyxl.load_workbook(io.BytesIO(account_workbook(_account("nl"))))
    assert book.sheetnames == ["Rekening", "Verrichtingen", "Openstaande stukken", "Ouderdom"]
    assert book["Verrichtingen"]["B2"].value == "Overgedragen saldo"


def test_text_that_looks_like_a_formula_is_neutralised() -> None:
    hostile = replace(MAROLLES, name='=HYPERLINK("http://x.example","clic")')
    account = _account("fr", hostile)
    account = replace(
        account,
        entries=(
            *account.entries,
            AccountEntry(AS_OF, "payment", "-1+1", None, NOTHING, NOTHING, "@SUM(1)"),
            AccountEntry(AS_OF, "payment", "x", None, NOTHING, NOTHING, "+++202/6000/0312"),
        ),
    )
    book = openpyxl.load_workbook(io.BytesIO(account_workbook(account)))
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    assert not [text for text in texts if text.startswith(("=", "+", "-", "@"))]
    assert '\'=HYPERLINK("http://x.example","clic")' in texts
    assert "'-1+1" in texts and "'@SUM(1)" in texts
    assert "'+++202/6000/0312" in texts  # not a valid communication: text, defused
    # On paper the name is printed as it is, escaped: no markup broken.
    assert '=HYPERLINK("http://x.example","clic")' in _text(account_pdf(account))


@needs_libreoffice
def test_libreoffice_opens_the_workbook(tmp_path: Path) -> None:
    text = first_sheets_as_csv({"account.xlsx": account_workbook(_account("fr"))}, tmp_path)[
        "account.xlsx"
    ]
    # The first sheet, as LibreOffice read it: the member and the balance.
    assert "Maison des Marolles" in text and "1818" in text.replace(" ", "").replace(",", "")


# Made-up rates for the tests: the GE enters the published ones.
RATES = (
    RatePeriod(date(2026, 1, 1), date(2026, 6, 30), D("10.50")),
    RatePeriod(date(2026, 7, 1), date(2026, 12, 31), D("10.15")),
)


def _note(language: str) -> LatePaymentDocument:
    """F2026-00012, 1,000.00 due 31 March, paid 15 July: 106 days, 30.35 interest (the
    worked example of tests/allocation/test_arrears.py); F2026-00031, 1,500.00 due 3
    September, unpaid on 7 December: 95 days at 10.15 %, 1,500 × 10.15 / 100 × 95 / 365
    = 14,463.75 / 365 = 39.626712… → 39.63."""
    return LatePaymentDocument(
        reference="ND2026-00001",
        issue_date=AS_OF,
        due_date=date(2027, 1, 6),
        payment_reference=ogm("2026900001"),
        seller=GE,
        member=MAROLLES,
        lines=(
            LateInvoice.computed(
                "F2026-00012", D("1000.00"), date(2026, 3, 31), date(2026, 7, 15), True, RATES
            ),
            LateInvoice.computed(
                "F2026-00031", D("1500.00"), date(2026, 9, 3), AS_OF, False, RATES
            ),
        ),
        language=language,
    )


def test_the_late_payment_notes_figures() -> None:
    note = _note("fr")
    first, second = note.lines
    assert (first.days, first.interest, first.total) == (106, D("30.35"), D("70.35"))
    assert (second.days, second.interest, second.total) == (95, D("39.63"), D("79.63"))
    assert (note.interest, note.compensation, note.total) == (
        D("69.98"),
        D("80.00"),
        D("149.98"),
    )


def test_the_late_payment_note_in_french() -> None:
    text = _plain(_text(late_payment_pdf(_note("fr"))))
    assert "Note de débit – intérêts de retard et indemnité forfaitaire" in text
    assert "N° ND2026-00001" in text
    for figure in ("30,35 €", "39,63 €", "40,00 €", "80,00 €", "149,98 €", "1 000,00 €"):
        assert figure in text, figure
    assert "10,5 % × 91 j" in text and "10,15 % × 15 j" in text and "10,15 % × 95 j" in text
    assert "106" in text and "(impayée)" in text
    assert "articles 5 et 6 de la loi du 2 août 2002" in text
    assert "retard de paiement dans les transactions commerciales" in text
    assert ogm("2026900001") in text and "BE71 0961 2345 6769" in text


def test_the_late_payment_note_in_dutch() -> None:
    text = _plain(_text(late_payment_pdf(_note("nl"))))
    assert "Debetnota – nalatigheidsintresten en forfaitaire vergoeding" in text
    for figure in ("€ 30,35", "€ 39,63", "€ 149,98", "€ 1.000,00"):
        assert figure in text, figure
    assert "10,5% × 91 d" in text and "(onbetaald)" in text
    assert "artikelen 5 en 6 van de wet van 2 augustus 2002" in text
    assert "intérêts" not in text


def test_an_invoice_paid_in_time_is_no_line_worth_billing() -> None:
    line = LateInvoice.computed(
        "F2026-00040", D("500.00"), date(2026, 9, 30), date(2026, 9, 30), True, RATES
    )
    assert (line.days, line.interest, line.spans) == (0, NOTHING, ())
