"""A member's yearly statement from plain data: the PDF reopened with pypdf, the workbook
with openpyxl and LibreOffice (no database).

The Marolles' 2026, until it left on 15 March:

- January, F2026-00003 (3 February): Sophie Lambert 30.40 h worked and 4.56 h of paid
  absence, 1,245.48; fee 50.00; overhead 20.00: 1,315.48 before VAT, 276.25 VAT
  (21 %: 276.2508), 1,591.73;
- February, F2026-00011 (3 March): Sophie 28.00 h, 1,000.00, 210.00 VAT, 1,210.00;
  credit note NC2026-00002 (10 March): 100.00 off Sophie, 21.00 VAT, 121.00;
  complement F2026-00014 (12 March): 40.00 more on Sophie, 8.40 VAT, 48.40;
  February's Sophie: 1,000.00 − 100.00 + 40.00 = 940.00; total 1,210.00 − 121.00 +
  48.40 = 1,137.40;
- March, F2026-00020 (3 April), until the 15th: Karim El Amrani 12.00 h, 430.66, VAT
  90.44 (90.4386), 521.10.

The year: 1,315.48 + 940.00 + 430.66 = 2,686.14 before VAT; VAT 276.25 + 210.00 −
21.00 + 8.40 + 90.44 = 564.09; total 1,591.73 + 1,137.40 + 521.10 = 3,250.23. Paid: 1,591.73
on F2026-00003 (20 February) and 500.00 on F2026-00011 (25 March): 2,091.73, open 1,158.50.
"""

import io
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pypdf
import pytest

from exports.document import Party
from exports.yearly_statement import (
    ReceivedPayment,
    StatementDocument,
    StatementMonth,
    WorkerMonth,
    YearlyStatement,
    yearly_statement_pdf,
    yearly_statement_workbook,
)
from tests.exports.test_accounts import GE, MAROLLES
from tests.libreoffice import first_sheets_as_csv, needs_libreoffice


def _statement(language: str = "fr", member: Party = MAROLLES) -> YearlyStatement:
    january = StatementMonth(
        date(2026, 1, 1),
        (WorkerMonth("Sophie Lambert", D("30.40"), D("4.56"), D("1245.48")),),
        fees=D("50.00"),
        overhead=D("20.00"),
        documents=(
            StatementDocument(
                "invoice", "F2026-00003", date(2026, 2, 3), D("1315.48"), D("276.25"), D("1591.73")
            ),
        ),
        payments=(ReceivedPayment(date(2026, 2, 20), "F2026-00003", D("1591.73")),),
    )
    february = StatementMonth(
        date(2026, 2, 1),
        (WorkerMonth("Sophie Lambert", D("28.00"), D("0"), D("940.00")),),
        fees=D("0.00"),
        overhead=D("0.00"),
        documents=(
            StatementDocument(
                "invoice", "F2026-00011", date(2026, 3, 3), D("1000.00"), D("210.00"), D("1210.00")
            ),
            StatementDocument(
                "credit_note",
                "NC2026-00002",
                date(2026, 3, 10),
                D("100.00"),
                D("21.00"),
                D("121.00"),
            ),
            StatementDocument(
                "invoice", "F2026-00014", date(2026, 3, 12), D("40.00"), D("8.40"), D("48.40")
            ),
        ),
        payments=(ReceivedPayment(date(2026, 3, 25), "F2026-00011", D("500.00")),),
    )
    march = StatementMonth(
        date(2026, 3, 1),
        (WorkerMonth("Karim El Amrani", D("12.00"), D("0"), D("430.66")),),
        fees=D("0.00"),
        overhead=D("0.00"),
        documents=(
            StatementDocument(
                "invoice", "F2026-00020", date(2026, 4, 3), D("430.66"), D("90.44"), D("521.10")
            ),
        ),
    )
    return YearlyStatement(
        language=language,
        seller=GE,
        member=member,
        year=2026,
        months=(january, february, march),
        left_on=date(2026, 3, 15),
    )


def test_the_years_totals_are_its_documents_net_of_credit_notes() -> None:
    statement = _statement()
    assert statement.lines_total == D("2686.14")
    assert statement.vat == D("564.09")
    assert statement.total == D("3250.23")
    assert statement.lines_total + statement.vat == statement.total
    assert (statement.invoiced, statement.credited) == (D("3371.23"), D("121.00"))
    assert (statement.paid, statement.open) == (D("2091.73"), D("1158.50"))
    assert statement.staff_cost == D("2616.14")
    assert (statement.worked_hours, statement.absence_hours) == (D("70.40"), D("4.56"))


def test_a_month_whose_lines_differ_from_its_documents_is_refused() -> None:
    with pytest.raises(ValueError, match="2026-03"):
        replace(_statement().months[2], fees=D("0.01"))
    with pytest.raises(ValueError, match="kind"):
        StatementDocument("receipt", "R1", date(2026, 1, 1), D("1"), D("0"), D("1"))


def _values(data: bytes) -> dict[str, list[tuple[object, ...]]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book}


def test_the_workbook_has_typed_cells_frozen_headers_and_filters() -> None:
    data = yearly_statement_workbook(_statement())
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Résumé", "Mois", "Travailleurs", "Documents", "Paiements"]
    for sheet in book:
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref, sheet.title
    months = book["Mois"]
    assert months["A2"].value.date() == date(2026, 1, 1)
    assert months["K5"].value == pytest.approx(3250.23) and "€" in months["K5"].number_format
    documents = _values(data)["Documents"]
    assert [row[2] for row in documents[1:-1]] == [
        "F2026-00003",
        "F2026-00011",
        "NC2026-00002",
        "F2026-00014",
        "F2026-00020",
    ]
    # A credit note counts against the year: its amounts are negative in the sheet.
    assert documents[3][4:] == (-100, -21, -121)
    total = sum(D(str(row[6])) for row in documents[1:-1])
    assert total == D("3250.23") == D(str(documents[-1][6])).quantize(D("0.01"))
    facts = {row[0]: row[1] for row in _values(data)["Résumé"][1:]}
    assert isinstance(facts["Quitté le"], datetime)
    assert facts["Quitté le"].date() == date(2026, 3, 15)
    assert facts["Reste à payer"] == pytest.approx(1158.50)
    assert book["Résumé"]["B5"].number_format == "0"  # the year, not 2 026,00 €


def _text(data: bytes) -> str:
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    return text.replace("\u00a0", " ").replace("\u202f", " ")


@pytest.mark.parametrize(
    ("language", "title", "left", "total"),
    [
        ("fr", "Relevé annuel 2026", "15 mars 2026", "3 250,23"),
        ("nl", "Jaaroverzicht 2026", "15 maart 2026", "3.250,23"),
        ("en", "Yearly statement 2026", "15 March 2026", "3,250.23"),
    ],
)
def test_the_pdf_speaks_the_members_language(
    language: str, title: str, left: str, total: str
) -> None:
    text = _text(yearly_statement_pdf(_statement(language)))
    for printed in (title, left, total, "NC2026-00002", "Sophie Lambert"):
        assert printed in text, printed


def test_names_are_printed_as_they_are_and_cells_are_defused() -> None:
    hostile = replace(MAROLLES, name='=HYPERLINK("http://x.example","clic")')
    data = yearly_statement_workbook(_statement(member=hostile))
    texts = [
        v for rows in _values(data).values() for row in rows for v in row if isinstance(v, str)
    ]
    assert not [text for text in texts if text.startswith(("=", "+", "-", "@"))]
    assert '=HYPERLINK("http://x.example","clic")' in _text(
        yearly_statement_pdf(_statement(member=hostile))
    )


@needs_libreoffice
def test_libreoffice_opens_the_workbook(tmp_path: Path) -> None:
    text = first_sheets_as_csv({"yearly.xlsx": yearly_statement_workbook(_statement())}, tmp_path)[
        "yearly.xlsx"
    ]
    # The first sheet, as LibreOffice read it: the member and the year's total.
    assert "Maison des Marolles" in text and "3250" in text.replace(" ", "").replace(",", "")
