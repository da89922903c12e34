"""Workbooks made for the imports' tests and their benchmark: a real .xlsx from rows, and
the same file with its first sheet's XML rewritten (a lying or missing dimension, rows
repeated far beyond what openpyxl would write in reasonable time)."""

import io
import re
import zipfile
from collections.abc import Callable
from typing import Any

import openpyxl

SHEET = "xl/worksheets/sheet1.xml"


def workbook(columns: tuple[str, ...], rows: list[list[Any]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Horaires"
    sheet.append(list(columns))
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def rewrite_sheet(data: bytes, change: Callable[[str], str]) -> bytes:
    """The same workbook with its first sheet's XML changed."""
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            content = source.read(entry.filename)
            if entry.filename == SHEET:
                content = change(content.decode()).encode()
            target.writestr(entry.filename, content)
    return output.getvalue()


def declare(dimension: str | None) -> Callable[[str], str]:
    """Set the sheet's declared dimension (or drop it)."""
    element = f'<dimension ref="{dimension}"/>' if dimension else ""
    return lambda xml: re.sub(r'<dimension ref="[^"]*"/>', element, xml)


def grow(rows: int) -> Callable[[str], str]:
    """Repeat the sheet's second row down to data row ``rows`` (row ``rows + 1``)."""

    def change(xml: str) -> str:
        found = re.search(r'<row r="2".*?</row>', xml)
        assert found
        copies = "".join(
            re.sub(r'r="([A-Z]*)2"', rf'r="\g<1>{number}"', found.group(0))
            for number in range(2, rows + 2)
        )
        return xml[: found.start()] + copies + xml[found.end() :]

    return change
