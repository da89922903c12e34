"""No text cell of any CSV, WinBooks file or workbook starts like a formula.

The demo GE's members and workers get hostile names and addresses through the API (what
its validation lets through: a postal code ``-1-1``, a city starting with a tab, a
street with a carriage return), May 2026 is issued and partly credited, and every
spreadsheet and CSV the GE can download is reopened with real readers (the csv module,
openpyxl): the archive of the run, the sales journal in every format, the split
workbook, each invoice's workbook and the import templates.
"""

import ast
import csv
import io
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils.escape import unescape

from exports.cells import FORMULA_STARTS, CsvRows, safe_text

# Hostile values, each put in a field that reaches an export (members: CSV and XLSX;
# workers: the workbooks). Tab and carriage return start the fields where the API's
# validation lets them through: text, not the postal code (letters, digits, space, -).
MEMBERS = [
    {
        "name": "=1+1",
        "street": '=HYPERLINK("http://x.example","clic")',
        "postal_code": "-1-1",
        "city": "@SUM(1)",
    },
    {
        "name": "-1-1",
        "street": "+cmd|' /C calc'!A0",
        "postal_code": "-1000",
        "city": "\tTabville",
    },
    {"name": "@SUM(1)", "street": "\rRue du Retour 1", "postal_code": "- 12", "city": "-Forest"},
    {"name": "+cmd", "street": "@Rue Haute 1", "postal_code": "-1-1", "city": "=1+1"},
]
WORKER_FIRST_NAMES = [
    "\tTab",
    "\rRetour",
    "=1+1",
    "-1-1",
    "@SUM(1)",
    "+cmd",
    '=HYPERLINK("http://x.example")',
    "-2",
]
# Columns that hold numbers the writer formats: importable as they are, never quoted.
NUMERIC_COLUMNS = {
    "journal/csv.csv": {"book_year", "period", "debit", "credit", "vat_base"},
    "journal/winbooks.csv": {"bookyear", "bookmonth", "amountcur", "amount", "vatbase"},
}
JOURNAL_FORMATS = {
    "csv": "journal/csv.csv",
    "xlsx": "journal/xlsx.xlsx",
    "winbooks": "journal/winbooks.csv",
    "winbooks-thirds": "journal/winbooks-thirds.csv",
}


def _ok(response: Any) -> Any:
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response


@pytest.fixture
def hostile(admin: Any) -> dict[str, Any]:
    """May 2026 of the demo GE issued to hostile members for hostile workers, one
    invoice credited in full and another in part."""
    members = _ok(admin.get("/api/v1/members/?page_size=100")).get_json()
    assert len(members) >= len(MEMBERS)
    for member, values in zip(members, MEMBERS, strict=False):
        _ok(admin.patch(f"/api/v1/members/{member['id']}", json=values))
    workers = _ok(admin.get("/api/v1/workers/?page_size=100")).get_json()
    assert len(workers) >= len(WORKER_FIRST_NAMES)
    for worker, first in zip(workers, WORKER_FIRST_NAMES, strict=False):
        _ok(
            admin.patch(
                f"/api/v1/workers/{worker['id']}", json={"first_name": first, "last_name": "=Nom"}
            )
        )
    run = admin.post("/api/v1/billing-runs/", json={"period": "2026-05"})
    assert run.status_code == 201, run.get_json()
    issued = _ok(
        admin.post(
            f"/api/v1/billing-runs/{run.get_json()['id']}/issue",
            json={"issue_date": "2026-06-03"},
        )
    ).get_json()
    whole, partial = issued["invoices"][0], issued["invoices"][1]
    for invoice, lines in ((whole, None), (partial, [partial["lines"][0]])):
        body: dict[str, Any] = {"reason": "=1+1 @SUM(1)", "issue_date": "2026-06-03"}
        if lines:
            body["lines"] = [{"line_id": line["id"], "amount": "0.01"} for line in lines]
        note = admin.post(f"/api/v1/invoices/{invoice['id']}/credit-notes", json=body)
        assert note.status_code == 201, note.get_json()
    return issued  # type: ignore[no-any-return]


def _files(admin: Any, issued: dict[str, Any]) -> dict[str, tuple[bytes, str]]:
    """Every spreadsheet and CSV the GE can download: name -> (bytes, charset)."""
    files: dict[str, tuple[bytes, str]] = {}
    charsets = {}
    for kind, name in JOURNAL_FORMATS.items():
        response = _ok(admin.get(f"/api/v1/exports/sales-journal?period=2026-06&format={kind}"))
        charsets[name] = response.mimetype_params.get("charset", "utf-8")
        files[f"sales-journal/{name}"] = (response.data, charsets[name])
    archive = zipfile.ZipFile(
        io.BytesIO(_ok(admin.get(f"/api/v1/billing-runs/{issued['id']}/archive")).data)
    )
    for name in archive.namelist():
        if name.endswith((".csv", ".xlsx")):
            data = archive.read(name)
            if name.endswith(".csv") and name in charsets:
                # The archive's journals are the month's, byte for byte (a workbook's
                # bytes carry the time it was written).
                assert data == files[f"sales-journal/{name}"][0], name
            files[f"archive/{name}"] = (data, charsets.get(name, "utf-8"))
    files["workbook"] = (_ok(admin.get(f"/api/v1/billing-runs/{issued['id']}/workbook")).data, "")
    for invoice in issued["invoices"]:
        files[f"invoice/{invoice['reference']}.xlsx"] = (
            _ok(admin.get(f"/api/v1/invoices/{invoice['id']}/xlsx")).data,
            "",
        )
    for template in ("schedules", "payroll-costs"):
        files[f"template/{template}"] = (
            _ok(admin.get(f"/api/v1/imports/templates/{template}")).data,
            "",
        )
    return files


def _text_cells(name: str, data: bytes, charset: str) -> list[str]:
    """Every text cell of a file, as a real reader reads it."""
    if data[:2] == b"PK":  # a workbook
        book = openpyxl.load_workbook(io.BytesIO(data))
        cells = []
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (name, sheet.title, cell.coordinate)
                    if isinstance(cell.value, str):
                        # Our workbooks hold their text in the cells (inline strings), where
                        # a carriage return is written "_x000D_" as the format says;
                        # openpyxl undoes that in shared strings only.
                        cells.append(unescape(cell.value))
        return cells
    rows = list(csv.reader(io.StringIO(data.decode(charset), newline=""), delimiter=";"))
    numeric = NUMERIC_COLUMNS.get(name.split("/", 1)[1], set())
    header = rows[0]
    for row in rows[1:]:
        assert len(row) == len(header), (name, row)
        for column, value in zip(header, row, strict=True):
            if column in numeric:
                Decimal(value)  # a number as the accounting package reads it
    return [value for row in rows for value in row]


def test_no_text_cell_of_any_export_starts_like_a_formula(
    admin: Any, hostile: dict[str, Any]
) -> None:
    files = _files(admin, hostile)
    kinds = {name.rsplit(".", 1)[-1] for name in files if "." in name.rsplit("/", 1)[-1]}
    assert {"csv", "xlsx"} <= kinds
    # each invoice's workbook, the split workbook and the four journals
    assert len([n for n in files if n.startswith("archive/")]) == len(hostile["invoices"]) + 5
    seen: dict[str, list[str]] = {}
    for name, (data, charset) in files.items():
        cells = _text_cells(name, data, charset)
        assert cells, name
        dangerous = [value for value in cells if value.startswith(FORMULA_STARTS)]
        assert not dangerous, (name, dangerous[:5])
        seen[name] = cells

    def shown(name: str, value: str) -> bool:
        # XML turns a carriage return into a line feed: a workbook shows it as one.
        targets = {f"'{value}", f"'{value}".replace("\r", "\n")}
        return any(cell.startswith(tuple(targets)) for cell in seen[name])

    for name in ("sales-journal/journal/csv.csv", "sales-journal/journal/xlsx.xlsx"):
        for member in MEMBERS:
            assert shown(name, f"{member['name']} 05/2026"), (name, member["name"])
    for name in ("sales-journal/journal/winbooks.csv", "archive/journal/winbooks.csv"):
        for member in MEMBERS:
            assert shown(name, f"{member['name']} 05/2026"), (name, member["name"])
    for name in (
        "sales-journal/journal/winbooks-thirds.csv",
        "archive/journal/winbooks-thirds.csv",
    ):
        for member in MEMBERS:
            for field in ("name", "street", "postal_code", "city"):
                assert shown(name, member[field]), (name, field, member[field])
    for name in ("workbook", "archive/repartition-2026-05.xlsx"):
        for member in MEMBERS:
            assert shown(name, member["name"]), (name, member["name"])
        for first in WORKER_FIRST_NAMES:
            assert shown(name, f"{first} =Nom"), (name, first)
    invoices = [name for name in seen if name.startswith("invoice/")]
    assert invoices
    for first in WORKER_FIRST_NAMES:
        assert any(shown(name, f"{first} =Nom") for name in invoices), first

    total = sum(len(cells) for cells in seen.values())
    print(f"\n{len(files)} files, {total} text cells checked")


def test_each_dangerous_start_gets_one_apostrophe_and_numbers_stay_numbers() -> None:
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert safe_text(f"{start}1") == f"'{start}1"
    assert safe_text("'=1") == "'=1"  # already text: left alone
    assert safe_text("Rue -1") == "Rue -1"
    assert safe_text("a\x0bb") == "ab"
    rows = CsvRows(["amount", "text"])
    rows.write([Decimal("-12.50"), "-12.50"])
    rows.write([-3, None])
    assert rows.encode().decode() == "amount;text\r\n-12.50;'-12.50\r\n-3;\r\n"


EXPORTS = Path(__file__).resolve().parents[2] / "exports"


def test_every_writer_writes_its_rows_through_cells() -> None:
    """Outside exports/cells.py no module writes a CSV row or a worksheet cell itself:
    no csv module, no writerow, no workbook library (xlsxwriter, openpyxl), none of
    XlsxWriter's cell writers, no cell values set, no sheet.append."""
    offences = []
    for path in sorted(EXPORTS.glob("*.py")):
        if path.name == "cells.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            where = f"{path.name}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [alias.name for alias in node.names] + [getattr(node, "module", "")]
                libraries = {"csv", "xlsxwriter", "openpyxl", "WriteOnlyCell"}
                if libraries & {name.split(".")[0] for name in names if name}:
                    offences.append(f"{where} imports {names}")
            elif isinstance(node, ast.Attribute) and (
                node.attr in {"writerow", "writerows", "WriteOnlyCell", "cell"}
                or node.attr.startswith("write_")
            ):
                offences.append(f"{where} .{node.attr}")
            elif isinstance(node, ast.Assign | ast.AugAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if isinstance(target, ast.Attribute) and target.attr == "value":
                        offences.append(f"{where} sets .value")
                    if isinstance(target, ast.Subscript) and "sheet" in ast.unparse(target):
                        offences.append(f"{where} assigns {ast.unparse(target)}")
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "append"
                and "sheet" in ast.unparse(node.func.value).lower()
            ):
                offences.append(f"{where} {ast.unparse(node.func)}")
    assert not offences, offences
