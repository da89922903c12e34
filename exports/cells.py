"""Every cell of every CSV and workbook export is written here, made harmless.

Text starting with ``=``, ``+``, ``-`` or ``@``, a tab or a carriage return is read as a
formula by spreadsheet programs (CSV/formula injection, OWASP's list): ``safe_text``
gives such text a leading apostrophe, which they show as plain text. It is the one
function that does so, and the writers reach it only through the row writers below
(``CsvRows`` for CSV files, ``Book.sheet`` for worksheets), which apply it to every
``str`` cell: a new column cannot forget it. Numbers and dates are written as typed
values, never as text: in a workbook as numbers and dates, in a CSV formatted here
(decimal point, no exponent; dates in the file's layout), so a negative amount stays an
importable number. ``tests/exports/test_neutralised.py`` checks that no writer in
``exports/`` writes a row any other way.
"""

import contextlib
import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from types import TracebackType
from typing import Any, Self

import xlsxwriter

# What the writers put in a cell.
CellValue = str | int | Decimal | date | None

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Characters no XLSX may hold (nor a sensible CSV): dropped, should any reach a writer.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def safe_text(value: str | None) -> str:
    """Text as a cell may hold it: control characters dropped, a formula start quoted."""
    if value is None:
        return ""
    if not value.isprintable():  # the rare text that may hold one: printable text holds none
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
    the writers pass amounts already in cents), dates in ``date_format``, None empty.
    A reader with its own layout (a social secretariat's) may ask for another
    ``delimiter`` and a decimal comma (``decimal_mark``)."""

    def __init__(
        self,
        header: Iterable[str],
        date_format: str = "%Y-%m-%d",
        delimiter: str = ";",
        decimal_mark: str = ".",
    ) -> None:
        self._output = io.StringIO()
        self._writer = csv.writer(self._output, delimiter=delimiter, lineterminator="\r\n")
        self._date_format = date_format
        self._decimal_mark = decimal_mark
        self.write(header)

    def _field(self, value: CellValue) -> str:
        if value is None:
            return ""
        if isinstance(value, str):
            return safe_text(value)
        if isinstance(value, date):
            return value.strftime(self._date_format)
        if isinstance(value, Decimal):
            return f"{value:f}".replace(".", self._decimal_mark)
        return str(value)

    def write(self, values: Iterable[CellValue]) -> None:
        self._writer.writerow([self._field(value) for value in values])

    def encode(self, encoding: str = "utf-8") -> bytes:
        return self._output.getvalue().encode(encoding)


# -- workbooks ------------------------------------------------------------------------
#
# Every workbook Mutua writes is an XlsxWriter workbook in constant_memory mode: each row
# goes to a temporary file as soon as the next one starts, so a hundred thousand rows stay
# light, and a sheet is written in one pass, top to bottom, with no way back to a row
# already written. ``Book.sheet`` is that pass: it is the one way a sheet is written.

DATE_FORMAT = "DD/MM/YYYY"
HEADER_FILL = "#DDE6EE"
WIDEST = 60  # characters: a column fitted to a long text stops there
SAMPLED_ROWS = 1000  # the rows a column is fitted to, after the header

OPTIONS = {
    "constant_memory": True,
    # Text is text: never a formula, a link or a number, whatever it looks like.
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}

Formats = Mapping[int, str]  # a column (1-based) -> its number format


def _typed(value: CellValue) -> str | int | float | date | None:
    """A cell's value as the file holds it: text made harmless, an amount (Decimal, in
    cents already) as the file's number (a double), the rest as it is."""
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, Decimal):
        return float(value)
    return value


def fitted_widths(
    header: Sequence[CellValue], rows: Sequence[Sequence[CellValue]], widest: int = WIDEST
) -> list[int]:
    """Each column's width in characters: its longest value among the header and the first
    ``SAMPLED_ROWS`` rows, two more, at least 10 and at most ``widest``."""
    widths = [8] * len(header)
    for row in [header, *rows[:SAMPLED_ROWS]]:
        for index, value in enumerate(row[: len(header)]):
            if value is not None:
                widths[index] = max(widths[index], len(str(value)))
    return [min(width + 2, widest) for width in widths]


class Sheet:
    """A written sheet: what may still be added to it, none of it a cell."""

    def __init__(self, book: "Book", worksheet: Any, rows: int) -> None:
        self._book = book
        self._worksheet = worksheet
        self.rows = rows  # below the header

    def column_chart(
        self, title: str, values_column: int, categories_column: int, axis: str, at: str
    ) -> None:
        """A column chart of one column (1-based; its header names the series) against
        another (its categories), titled, its value axis named ``axis``, anchored at the
        cell ``at``."""
        name = self._worksheet.get_name()
        chart = self._book.workbook.add_chart({"type": "column"})
        chart.add_series(
            {
                "name": [name, 0, values_column - 1],
                "categories": [name, 1, categories_column - 1, self.rows, categories_column - 1],
                "values": [name, 1, values_column - 1, self.rows, values_column - 1],
            }
        )
        chart.set_title({"name": title})
        chart.set_y_axis({"name": axis})
        self._worksheet.insert_chart(at, chart)

    def choose_from(self, cells: str, choices: Sequence[str]) -> None:
        """The cells ``cells`` (a range, "C2:C1000") offer ``choices`` in a drop-down list;
        another value typed is kept, with no error shown (the import judges it)."""
        self._worksheet.data_validation(
            cells,
            {
                "validate": "list",
                "source": list(choices),
                "ignore_blank": False,
                "show_error": False,
                "show_input": False,
            },
        )


class Book:
    """A workbook written sheet after sheet, used as a context manager; its bytes are
    ``data`` once the block ends. Cell formats are made once per number format."""

    def __init__(self) -> None:
        self._output = io.BytesIO()
        self.workbook = xlsxwriter.Workbook(self._output, OPTIONS)
        self._formats: dict[str | None, Any] = {None: None}
        self._header = self.workbook.add_format(
            {"bold": True, "pattern": 1, "bg_color": HEADER_FILL}
        )
        self.data = b""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if error is None:
            self.workbook.close()
            self.data = self._output.getvalue()
            return
        # A writer stopped half-way: its temporary files closed, its own error raised.
        with contextlib.suppress(Exception):
            self.workbook.close()

    def _format(self, number_format: str | None) -> Any:
        if number_format not in self._formats:
            self._formats[number_format] = self.workbook.add_format({"num_format": number_format})
        return self._formats[number_format]

    def sheet(
        self,
        title: str,
        header: Sequence[str],
        rows: Sequence[Sequence[CellValue]],
        formats: Formats | None = None,
        row_formats: Sequence[Formats | None] | None = None,
        widest: int = WIDEST,
    ) -> Sheet:
        """A sheet written whole, in one pass: a bold header on the header fill, frozen,
        a filter over the data, columns fitted to the header and the first rows; every
        value typed (text made harmless, numbers as numbers, dates as dates) with its
        column's number format from ``formats``, or its row's from ``row_formats``."""
        worksheet = self.workbook.add_worksheet(title)
        formats = formats or {}
        # A column's number format is the column's own: a cell written without one shows
        # its column's, so a row is written in one call.
        for index, width in enumerate(fitted_widths(header, rows, widest)):
            worksheet.set_column(index, index, width, self._format(formats.get(index + 1)))
        # A date in a column without a number format is shown as a date, DATE_FORMAT.
        plain = {column for column in range(len(header)) if column + 1 not in formats}
        date_format = self._format(DATE_FORMAT)

        def as_date(sheet: Any, row: int, column: int, day: date, cell_format: Any = None) -> Any:
            if cell_format is None and column in plain:
                return sheet.write_datetime(row, column, day, date_format)
            return None  # written by XlsxWriter as it is, in its column's format

        worksheet.add_write_handler(date, as_date)
        worksheet.add_write_handler(datetime, as_date)
        worksheet.freeze_panes(1, 0)
        worksheet.autofilter(0, 0, len(rows), len(header) - 1)
        _write(worksheet, 0, [safe_text(name) for name in header], self._header)
        if row_formats is None:
            write_row = worksheet.write_row
            for number, row in enumerate(rows, start=1):
                # ``_typed``, inlined for the common types: this is the per-cell cost.
                values = [
                    float(value)
                    if value.__class__ is Decimal
                    else safe_text(value)
                    if value.__class__ is str
                    else _typed(value)
                    for value in row
                ]
                if write_row(number, 0, values):
                    _write(worksheet, number, values)
        else:
            for number, (row, own) in enumerate(zip(rows, row_formats, strict=True), start=1):
                cell_formats = {column: self._format(f) for column, f in (own or {}).items()}
                _write(worksheet, number, [_typed(value) for value in row], cell_formats)
        return Sheet(self, worksheet, len(rows))


def _write(
    worksheet: Any, number: int, values: list[Any], formats: Mapping[int, Any] | Any = None
) -> None:
    """One row cell by cell, each with its format (a format for them all, or one by column,
    1-based: else its column's), going on past a text cut to the 32,767 characters a cell
    holds (where ``write_row`` stops)."""
    for column, value in enumerate(values):
        cell_format = formats.get(column + 1) if isinstance(formats, Mapping) else formats
        if worksheet.write(number, column, value, cell_format) == -1:
            raise ValueError(f"row {number + 1} is past the last row a sheet holds")
