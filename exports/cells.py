"""Every cell of every CSV and workbook export is written here, made harmless.

Text starting with ``=``, ``+``, ``-`` or ``@``, a tab or a carriage return is read as a
formula by spreadsheet programs (CSV/formula injection, OWASP's list): ``safe_text``
gives such text a leading apostrophe, which they show as plain text. It is the one
function that does so, and the writers reach it only through the row writers below
(``CsvRows`` for CSV files, ``append_row`` for worksheets), which apply it to every
``str`` cell: a new column cannot forget it. Numbers and dates are written as typed
values, never as text: in a workbook as numbers and dates, in a CSV formatted here
(decimal point, no exponent; dates in the file's layout), so a negative amount stays an
importable number. ``tests/exports/test_neutralised.py`` checks that no writer in
``exports/`` writes a row any other way.
"""

import csv
import io
import re
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

# What the writers put in a cell.
CellValue = str | int | Decimal | date | None

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Characters no XLSX may hold (nor a sensible CSV): dropped, should any reach a writer.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def safe_text(value: str | None) -> str:
    """Text as a cell may hold it: control characters dropped, a formula start quoted."""
    if value is None:
        return ""
    value = CONTROL_CHARACTERS.sub("", value)
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def cell(value: CellValue) -> CellValue:
    """A cell's value: numbers and dates as themselves, text made harmless."""
    if isinstance(value, str):
        return safe_text(value)
    return value


class CsvRows:
    """A ``;``-separated CSV file (CRLF line ends) written row by row: text through
    ``safe_text``, numbers with a decimal point and no exponent (Decimals as they come:
    the writers pass amounts already in cents), dates in ``date_format``, None empty."""

    def __init__(self, header: Iterable[str], date_format: str = "%Y-%m-%d") -> None:
        self._output = io.StringIO()
        self._writer = csv.writer(self._output, delimiter=";", lineterminator="\r\n")
        self._date_format = date_format
        self.write(header)

    def _field(self, value: CellValue) -> str:
        if value is None:
            return ""
        if isinstance(value, str):
            return safe_text(value)
        if isinstance(value, date):
            return value.strftime(self._date_format)
        if isinstance(value, Decimal):
            return f"{value:f}"
        return str(value)

    def write(self, values: Iterable[CellValue]) -> None:
        self._writer.writerow([self._field(value) for value in values])

    def encode(self, encoding: str = "utf-8") -> bytes:
        return self._output.getvalue().encode(encoding)


HEADER_FILL = PatternFill("solid", fgColor="DDE6EE")
DATE_FORMAT = "DD/MM/YYYY"


def append_row(
    sheet: Worksheet | WriteOnlyWorksheet,
    values: Iterable[CellValue],
    formats: Mapping[int, str] | None = None,
    header: bool = False,
) -> None:
    """One row of a worksheet (streaming or not): every value through ``cell``, with the
    number format of its column (1-based) if ``formats`` names one, else dates shown as
    dates; a header row bold on the header fill."""
    cells = []
    for index, value in enumerate(values, start=1):
        written = WriteOnlyCell(sheet)
        # Set apart: the stubs' WriteOnlyCell(value=) leaves out Decimal and date.
        written.value = cell(value)
        number_format = (formats or {}).get(index) or (
            DATE_FORMAT if isinstance(value, date) else None
        )
        if number_format:
            written.number_format = number_format
        if header:
            written.font = Font(bold=True)
            written.fill = HEADER_FILL
        cells.append(written)
    sheet.append(cells)
