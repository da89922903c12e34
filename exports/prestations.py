"""The month's prestations for a social secretariat, in the secretariat's own layout.

One row per worker, day, kind of hours and member (``allocation.prestations``): who
(the worker's national register number, or the number the secretariat gives the
worker), the day, the secretariat's code for the kind, the hours (to the hundredth), and
the member where the hours were, for the secretariat's analytic split. Each secretariat
reads its own layout, so a ``Layout`` says which columns come in which order, the CSV's
separator, its decimal mark, how a day is written and the code of each kind.

Written as CSV and as a workbook through ``cells`` (``CsvRows``, ``Book.sheet``), which
make text harmless; in the workbook the hours are numbers and the days dates (in the
layout's date format), whatever the separator and decimal mark.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from types import MappingProxyType

from allocation.prestations import Kind

from .cells import Book, CellValue, CsvRows
from .xlsx import HOURS_FORMAT

# The columns a layout may name; the header of each is its name, the same in every
# language, so that a secretariat's import is mapped once.
COLUMNS = (
    "worker",  # the worker's identifier: national register or secretariat number
    "last_name",
    "first_name",
    "day",
    "code",  # the secretariat's code for the kind
    "kind",  # Mutua's own name of the kind
    "hours",
    "member",  # the member's name
    "member_number",  # the member's enterprise number (analytic split)
)
# Without these a file says nothing a secretariat can use.
REQUIRED_COLUMNS = ("worker", "day", "code", "hours")
SEPARATORS = (";", ",", "\t", "|")
DECIMAL_MARKS = (",", ".")
# Date formats by name: strftime for the CSV, the same picture for the workbook's cells.
DATE_FORMATS = {
    "DD/MM/YYYY": "%d/%m/%Y",
    "DD.MM.YYYY": "%d.%m.%Y",
    "DD-MM-YYYY": "%d-%m-%Y",
    "YYYY-MM-DD": "%Y-%m-%d",
    "YYYYMMDD": "%Y%m%d",
}
IDENTIFIERS = ("national_number", "secretariat_number")

# Codes per kind, as a GE finds them before it edits them. PLACEHOLDERS: they are not
# the code table of any social secretariat (each has its own, and we copy none); the GE
# sets the codes its secretariat gave it on the profile.
DEFAULT_CODES: Mapping[str, str] = MappingProxyType(
    {
        Kind.WORKED.value: "PREST",
        Kind.EXTRA_HOURS.value: "HSUP",
        Kind.TRAINING.value: "FORM",
        Kind.PUBLIC_HOLIDAY.value: "JF",
        Kind.REPLACEMENT_DAY.value: "JREMP",
        Kind.PAID_LEAVE.value: "VAC",
        Kind.SICKNESS.value: "MAL",
        Kind.SMALL_LEAVE.value: "PCONG",
        Kind.UNPAID_ABSENCE.value: "ABSNP",
    }
)
KINDS = tuple(DEFAULT_CODES)


@dataclass(frozen=True)
class Layout:
    """A secretariat's layout (a GE's profile). The default is Mutua's own, used when
    the GE has saved none: every column, a comma and a decimal point, ISO days."""

    columns: tuple[str, ...] = COLUMNS
    separator: str = ","
    decimal_mark: str = "."
    date_format: str = "YYYY-MM-DD"
    identifier: str = "national_number"
    codes: Mapping[str, str] = field(default_factory=lambda: DEFAULT_CODES)

    def code(self, kind: Kind) -> str:
        return self.codes.get(kind.value) or DEFAULT_CODES[kind.value]


@dataclass(frozen=True)
class Row:
    worker: str  # the identifier the layout names
    last_name: str
    first_name: str
    day: date
    kind: Kind
    hours: Decimal  # to the hundredth
    member: str
    member_number: str


def _cells(row: Row, layout: Layout) -> list[CellValue]:
    values: dict[str, CellValue] = {
        "worker": row.worker,
        "last_name": row.last_name,
        "first_name": row.first_name,
        "day": row.day,
        "code": layout.code(row.kind),
        "kind": row.kind.value,
        "hours": row.hours,
        "member": row.member,
        "member_number": row.member_number,
    }
    return [values[column] for column in layout.columns]


def csv_file(rows: Sequence[Row], layout: Layout) -> bytes:
    out = CsvRows(
        layout.columns,
        date_format=DATE_FORMATS[layout.date_format],
        delimiter=layout.separator,
        decimal_mark=layout.decimal_mark,
    )
    for row in rows:
        out.write(_cells(row, layout))
    return out.encode()


def workbook(rows: Sequence[Row], layout: Layout, title: str = "Prestations") -> bytes:
    formats = {}
    for index, column in enumerate(layout.columns, start=1):
        if column == "hours":
            formats[index] = HOURS_FORMAT
        elif column == "day":
            formats[index] = layout.date_format
    with Book() as book:
        book.sheet(title, layout.columns, [_cells(row, layout) for row in rows], formats)
    return book.data
