"""Workbooks (openpyxl): typed cells, € and hour formats, dates as dates, frozen header
rows, filters, fitted columns; every row written by ``cells.append_row``, which makes
text harmless."""

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .cells import DATE_FORMAT, HEADER_FILL, CellValue, append_row

EURO_FORMAT = '#,##0.00 "€"'
HOURS_FORMAT = "0.00"


def finish_sheet(sheet: Worksheet) -> None:
    """Bold header, frozen first row, a filter over the data, fitted column widths, and
    dates shown as dates."""
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    sheet.freeze_panes = "A2"
    if sheet.max_row > 1:
        sheet.auto_filter.ref = sheet.dimensions
    for index, column in enumerate(sheet.iter_cols(min_row=1, max_row=sheet.max_row), start=1):
        width = 8
        for cell in column:
            if isinstance(cell.value, date):
                cell.number_format = DATE_FORMAT
            width = max(width, len(str(cell.value)) if cell.value is not None else 0)
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, 60)


def write_sheet(
    workbook: Workbook,
    title: str,
    header: Sequence[str],
    rows: Sequence[Sequence[CellValue]],
    formats: dict[int, str],
) -> Any:
    """A sheet written in one streaming pass (openpyxl's write-only mode, so a hundred
    thousand rows stay light): bold header, frozen first row, a filter, typed cells and
    columns fitted to the header and the first thousand rows."""
    sheet = workbook.create_sheet(title)
    sample = [header, *rows[:1000]]
    for index in range(len(header)):
        width = max(len(str(row[index])) if row[index] is not None else 0 for row in sample)
        sheet.column_dimensions[get_column_letter(index + 1)].width = min(max(width, 8) + 2, 60)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    append_row(sheet, header, header=True)
    for row in rows:
        append_row(sheet, row, formats)
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
    workbook = Workbook(write_only=True)
    summary = write_sheet(
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
    write_sheet(
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
    write_sheet(
        workbook,
        "Heures par jour",
        ["Travailleur", "Membre", "Jour", "Heures prévues"],
        data.days,
        {3: DATE_FORMAT, 4: HOURS_FORMAT},
    )
    write_sheet(
        workbook,
        "Constats",
        ["Règle", "Gravité", "Du", "Au", "Message"],
        data.findings,
        {3: DATE_FORMAT, 4: DATE_FORMAT},
    )
    write_sheet(workbook, "Paramètres", ["Paramètre", "Valeur"], data.parameters, {})
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def invoice_workbook(
    lines: Sequence[tuple[str, str, Decimal, Decimal, Decimal, Decimal]], reference: str
) -> bytes:
    """A member's invoice detail: worker, line, hours worked, paid absence, basis, amount."""
    workbook = Workbook(write_only=True)
    write_sheet(
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
