"""Workbooks (openpyxl): typed cells, € and hour formats, dates as dates, frozen header
rows, filters, fitted columns; text made harmless (``cells.safe_text``)."""

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .cells import safe_text

EURO_FORMAT = '#,##0.00 "€"'
HOURS_FORMAT = "0.00"
DATE_FORMAT = "DD/MM/YYYY"
HEADER_FILL = PatternFill("solid", fgColor="DDE6EE")


def typed(value: object) -> object:
    """A cell's value: numbers and dates as themselves, text made harmless."""
    if isinstance(value, str):
        return safe_text(value)
    return value


def finish_sheet(sheet: Worksheet) -> None:
    """Bold header, frozen first row, a filter over the data, fitted column widths, and
    dates shown as dates."""
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    sheet.freeze_panes = "A2"
    if sheet.max_row > 1:
        sheet.auto_filter.ref = sheet.dimensions
    for column in sheet.iter_cols(min_row=1, max_row=sheet.max_row):
        width = 8
        for cell in column:
            if isinstance(cell.value, date):
                cell.number_format = DATE_FORMAT
            width = max(width, len(str(cell.value)) if cell.value is not None else 0)
        sheet.column_dimensions[get_column_letter(column[0].column)].width = min(width + 2, 60)


def _sheet(
    workbook: Workbook,
    title: str,
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    formats: dict[int, str],
) -> Worksheet:
    sheet = workbook.create_sheet(title)
    sheet.append(list(header))
    for row in rows:
        sheet.append([typed(value) for value in row])
    for row in sheet.iter_rows(min_row=2):
        for index, number_format in formats.items():
            row[index - 1].number_format = number_format
    finish_sheet(sheet)
    return sheet


@dataclass(frozen=True)
class SplitWorkbook:
    """A billing run, as its month's workbook shows it."""

    period: str
    # member, staff, fee, overhead, lines total, VAT, total
    members: Sequence[tuple[str, Decimal, Decimal, Decimal, Decimal, Decimal, Decimal]]
    # worker, member, hours worked, paid absence, basis, share
    detail: Sequence[tuple[str, str, Decimal, Decimal, Decimal, Decimal]]
    # worker, member, day, planned hours
    days: Sequence[tuple[str, str, date, Decimal]]
    # rule, severity, first day, last day, message
    findings: Sequence[tuple[str, str, date, date, str]] = ()
    parameters: Sequence[tuple[str, str]] = field(default_factory=tuple)


def split_workbook(data: SplitWorkbook) -> bytes:
    workbook = Workbook()
    default = workbook.active
    if default is not None:
        workbook.remove(default)
    summary = _sheet(
        workbook,
        "Membres",
        ["Membre", "Personnel", "Frais de gestion", "Frais généraux", "Total HTVA", "TVA", "Total"],
        data.members,
        {i: EURO_FORMAT for i in range(2, 8)},
    )
    if data.members:
        chart = BarChart()
        chart.title = f"Total par membre — {data.period}"
        chart.y_axis.title = "€"
        rows = len(data.members) + 1
        chart.add_data(
            Reference(summary, min_col=7, min_row=1, max_row=rows), titles_from_data=True
        )
        chart.set_categories(Reference(summary, min_col=1, min_row=2, max_row=rows))
        summary.add_chart(chart, "I2")
    _sheet(
        workbook,
        "Détail",
        [
            "Travailleur",
            "Membre",
            "Heures prestées",
            "Absences rémunérées",
            "Heures facturées",
            "Montant",
        ],
        data.detail,
        {3: HOURS_FORMAT, 4: HOURS_FORMAT, 5: HOURS_FORMAT, 6: EURO_FORMAT},
    )
    _sheet(
        workbook,
        "Heures par jour",
        ["Travailleur", "Membre", "Jour", "Heures prévues"],
        data.days,
        {3: DATE_FORMAT, 4: HOURS_FORMAT},
    )
    _sheet(
        workbook,
        "Constats",
        ["Règle", "Gravité", "Du", "Au", "Message"],
        data.findings,
        {3: DATE_FORMAT, 4: DATE_FORMAT},
    )
    _sheet(workbook, "Paramètres", ["Paramètre", "Valeur"], data.parameters, {})
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def invoice_workbook(
    lines: Sequence[tuple[str, str, Decimal, Decimal, Decimal, Decimal]], reference: str
) -> bytes:
    """A member's invoice detail: worker, line, hours worked, paid absence, basis, amount."""
    workbook = Workbook()
    default = workbook.active
    if default is not None:
        workbook.remove(default)
    _sheet(
        workbook,
        reference[:31],
        [
            "Travailleur",
            "Ligne",
            "Heures prestées",
            "Absences rémunérées",
            "Heures facturées",
            "Montant HTVA",
        ],
        lines,
        {3: HOURS_FORMAT, 4: HOURS_FORMAT, 5: HOURS_FORMAT, 6: EURO_FORMAT},
    )
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
