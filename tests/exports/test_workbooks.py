"""Every kind of workbook Mutua writes, opened by LibreOffice sheet by sheet and read back
as openpyxl reads it: the same sheets, the same headers, the same number of rows."""

import csv
import io
from dataclasses import replace
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest

from exports.accounts import account_workbook
from exports.annual_report import annual_report_workbook
from exports.bank_journal import bank_journal_xlsx, bank_lines
from exports.journal import journal_xlsx, posting_lines
from exports.templates import payroll_template, schedule_template
from exports.xlsx import LineExplanation, SplitWorkbook, invoice_workbook, split_workbook
from exports.yearly_statement import AloneSection, AloneWorker, yearly_statement_workbook
from tests.exports.test_accounts import _account
from tests.exports.test_annual_report import _report
from tests.exports.test_bank_journal import RECEIPTS
from tests.exports.test_spreadsheets import _document
from tests.exports.test_yearly_statement import _statement
from tests.libreoffice import every_sheet_as_csv, needs_libreoffice

HOSTILE = "=1+1 \r@SUM(1)"
SPLIT = SplitWorkbook(
    period="2026-05",
    members=[
        (HOSTILE, D("1200.00"), D("30.00"), D("10.00"), D("1240.00"), D("0.00"), D("1240.00")),
        ("Crèche Les Lucioles", D("800.50"), D("20.00"), D("5.00"), D("825.50"), D(0), D("825.50")),
    ],
    detail=[
        ("Sophie Lambert", HOSTILE, D("60.00"), D("4.00"), D("64.00"), D("1200.00")),
        ("Sophie Lambert", "Crèche Les Lucioles", D("40.00"), D("2.75"), D("42.75"), D("800.50")),
    ],
    days=[("Sophie Lambert", HOSTILE, date(2026, 5, day), D("7.60")) for day in (4, 5, 6)],
    findings=[("WT-DAY-8H", "warning", date(2026, 5, 4), date(2026, 5, 4), "-9 h")],
    parameters=[("vat_mode", "cost_sharing_44_2bis"), ("holiday_pay_percent", "18.20")],
)
EXPLANATION = LineExplanation(
    worker="Sophie Lambert",
    days=[(date(2026, 5, 4), D("7.60"), D("7.60"), D("0.00"))],
    shares=[
        (HOSTILE, D("60.00"), D("4.00"), D("64.00"), "64/106", "1200,4", D("1200.00"), "0.00", D(1))
    ],
)


def _books() -> dict[str, bytes]:
    """One of each workbook, with every optional sheet."""
    alone = AloneSection(
        workers=(
            AloneWorker(
                "Sophie Lambert",
                D("19.00"),
                D("19.00"),
                D("1500.00"),
                D("1245.48"),
                D("254.52"),
                D("16.97"),
            ),
        ),
        assumptions=(("full_time_weekly_hours", "38"),),
    )
    return {
        "split.xlsx": split_workbook(SPLIT),
        "invoice.xlsx": invoice_workbook(
            [("Sophie Lambert", "=Ligne", D("60.00"), D("4.00"), D("64.00"), D("1200.00"))],
            "F2026-00003",
            explanations=[EXPLANATION],
        ),
        "journal.xlsx": journal_xlsx(posting_lines([_document(HOSTILE)])),
        "bank.xlsx": bank_journal_xlsx(bank_lines(RECEIPTS)),
        "account.xlsx": account_workbook(_account()),
        "report.xlsx": annual_report_workbook(_report()),
        "yearly.xlsx": yearly_statement_workbook(replace(_statement(), alone=alone)),
        "schedules.xlsx": schedule_template(),
        "payroll.xlsx": payroll_template(),
    }


def _header(row: tuple[object, ...]) -> list[str]:
    return [str(value) for value in row if value is not None]


@needs_libreoffice
def test_libreoffice_reads_every_sheet_of_every_kind_of_workbook(tmp_path: Path) -> None:
    books = _books()
    converted = every_sheet_as_csv(books, tmp_path)
    for name, data in books.items():
        book = openpyxl.load_workbook(io.BytesIO(data))
        assert len(book.sheetnames) >= 1, name
        assert set(converted[name]) == set(book.sheetnames), name
        for sheet in book.worksheets:
            rows = list(csv.reader(io.StringIO(converted[name][sheet.title], newline="")))
            expected = list(sheet.iter_rows(values_only=True))
            assert _header(tuple(rows[0])) == _header(expected[0]), (name, sheet.title)
            assert len(rows) == len(expected) == sheet.max_row, (name, sheet.title)
            assert sheet.freeze_panes == "A2", (name, sheet.title)
    assert "Sophie Lambert" in converted["split.xlsx"]["Détail"]
    # The text that looked like a formula is text for LibreOffice too.
    assert "'=1+1" in converted["split.xlsx"]["Membres"]


def test_the_written_workbooks_keep_their_types_formats_chart_and_validation() -> None:
    books = _books()
    split = openpyxl.load_workbook(io.BytesIO(books["split.xlsx"]))
    members = split["Membres"]
    assert members._charts, "the summary carries a column chart"
    assert members["A1"].font.b and members["A1"].fill.fgColor.rgb.endswith("DDE6EE")
    assert members.auto_filter.ref == "A1:G3"
    assert members["G2"].value == 1240 and members["G2"].number_format == '#,##0.00 "€"'
    assert members.column_dimensions["A"].width >= len("Crèche Les Lucioles")
    days = split["Heures par jour"]
    assert days["C2"].is_date and days["C2"].number_format == "DD/MM/YYYY"
    assert days["D2"].value == pytest.approx(7.6) and days["D2"].number_format == "0.00"
    parameters = split["Paramètres"]
    assert parameters["B3"].value == pytest.approx(0.182) and parameters["B3"].number_format == (
        "0.00%"
    )
    # A date in a column with its own format keeps it: a month shown as a month.
    months = openpyxl.load_workbook(io.BytesIO(books["yearly.xlsx"]))["Mois"]
    assert months["A2"].is_date and months["A2"].number_format == "MM/YYYY"
    schedules = openpyxl.load_workbook(io.BytesIO(books["schedules.xlsx"])).active
    assert schedules is not None
    (weekdays,) = schedules.data_validations.dataValidation
    assert weekdays.type == "list" and str(weekdays.sqref) == "C2:C1000"
    assert weekdays.formula1 == '"lundi,mardi,mercredi,jeudi,vendredi,samedi,dimanche"'
    assert not weekdays.showErrorMessage  # as before: another value is the import's to judge
