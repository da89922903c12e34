"""Workbooks and journals reopened by real readers: openpyxl, the csv module, LibreOffice."""

import csv
import io
import zipfile
from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from app.demo import ADMIN_EMAIL
from exports.document import DocumentLine, InvoiceDocument, Party, VatSubtotal
from exports.journal import balanced, journal_csv, journal_xlsx, posting_lines
from exports.xlsx import parameter_row
from tests.helpers import signed_in
from tests.libreoffice import first_sheets_as_csv, needs_libreoffice


@pytest.fixture
def issued(admin: Any) -> dict[str, Any]:
    run = admin.post("/api/v1/billing-runs/", json={"period": "2026-05"}).get_json()
    done = admin.post(f"/api/v1/billing-runs/{run['id']}/issue", json={"issue_date": "2026-06-03"})
    admin.post(
        f"/api/v1/invoices/{done.get_json()['invoices'][1]['id']}/credit-notes",
        json={"reason": "Correction", "issue_date": "2026-06-03"},
    )
    return done.get_json()  # type: ignore[no-any-return]


def _workbook(response: Any) -> openpyxl.Workbook:
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return openpyxl.load_workbook(io.BytesIO(response.data))


def test_the_split_workbook_reads_back_typed_and_matching_the_run(
    admin: Any, issued: dict[str, Any]
) -> None:
    book = _workbook(admin.get(f"/api/v1/billing-runs/{issued['id']}/workbook"))
    assert book.sheetnames == ["Membres", "Détail", "Heures par jour", "Constats", "Paramètres"]
    members = book["Membres"]
    assert members.freeze_panes == "A2" and members.auto_filter.ref
    assert members._charts, "the summary carries a bar chart"
    totals = {row[0]: row[6] for row in members.iter_rows(min_row=2, values_only=True)}
    run_totals = {m["member"]: Decimal(m["total"]) for m in issued["members"]}
    assert {name: round(Decimal(str(v)), 2) for name, v in totals.items()} == run_totals
    assert "€" in members["G2"].number_format
    detail = list(book["Détail"].iter_rows(min_row=2, values_only=True))
    staff = sum(Decimal(str(row[5])) for row in detail)
    assert round(staff, 2) == Decimal(issued["reconciliation"]["workers_cost"])
    days = list(book["Heures par jour"].iter_rows(min_row=2, values_only=True))
    assert days and all(isinstance(row[2], datetime) for row in days)
    assert {row[2].month for row in days} == {5}
    parameters = dict(book["Paramètres"].iter_rows(min_row=2, values_only=True))
    assert parameters["Répartition des absences"] == "au prorata de l'horaire"


def test_the_parameters_sheet_labels_each_parameter_and_types_its_value(
    admin: Any, issued: dict[str, Any]
) -> None:
    """The split workbook's parameters in the GE's language (Dutch here): a label for each
    parameter and for each choice, never the stored name or value; amounts and rates as
    numbers (a rate as a fraction shown as a percentage), like the rest of the workbook."""
    assert admin.patch("/api/v1/groupement", json={"language": "nl"}).status_code == 200
    book = _workbook(admin.get(f"/api/v1/billing-runs/{issued['id']}/workbook"))
    sheet = book["Parameters"]
    assert [cell.value for cell in sheet[1]] == ["Parameter", "Waarde"]
    rows = {row[0].value: row[1] for row in sheet.iter_rows(min_row=2)}
    assert rows["Verdeling van afwezigheden"].value == "naar verhouding van het uurrooster"
    assert rows["Btw-regeling"].value == "Vrijstelling zelfstandige groeperingen (art. 44, §2bis)"
    assert rows["Beheerskosten"].value == "Zonder beheerskosten"
    contributions = rows["Werkgeversbijdragen"]
    assert contributions.data_type == "n" and "%" in contributions.number_format
    assert round(Decimal(str(contributions.value)), 4) == Decimal("0.3240")
    meal = rows["Maaltijdcheque, werkgeversaandeel"]
    assert meal.data_type == "n" and "€" in meal.number_format
    assert round(Decimal(str(meal.value)), 2) == Decimal("8.91")
    stored = {
        "absence_policy",
        "pro_rata",
        "vat_mode",
        "cost_sharing_44_2bis",
        "management_fee_mode",
        "none",
        "employer_contribution_percent",
    }
    for cell in (cell for row in sheet.iter_rows(min_row=2) for cell in row):
        assert cell.value not in stored, cell.value
        assert not (isinstance(cell.value, str) and cell.value[:1].isdigit()), cell.value
    assert len(rows) == 11


def test_the_sales_journal_balances_per_document_and_overall(
    admin: Any, issued: dict[str, Any]
) -> None:
    response = admin.get("/api/v1/exports/sales-journal?period=2026-06&format=csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True)), delimiter=";"))
    by_document: dict[str, Decimal] = defaultdict(Decimal)
    for row in rows:
        by_document[row["document"]] += Decimal(row["debit"]) - Decimal(row["credit"])
    assert set(by_document) == {i["reference"] for i in issued["invoices"]} | {"NC2026-00001"}
    assert all(total == 0 for total in by_document.values())
    customers = [r for r in rows if r["account"] == "400000" and r["type"] == "invoice"]
    assert sum(Decimal(r["debit"]) for r in customers) == sum(
        Decimal(i["total"]) for i in issued["invoices"]
    )
    assert {r["vat_code"] for r in rows if r["account"] == "700000"} == {"21", "E44"}

    book = _workbook(admin.get("/api/v1/exports/sales-journal?period=2026-06&format=xlsx"))
    sheet = book.active
    header = [c.value for c in sheet[1]]
    debit, credit = header.index("debit"), header.index("credit")
    values = list(sheet.iter_rows(min_row=2, values_only=True))
    assert round(sum(Decimal(str(r[debit])) for r in values), 2) == round(
        sum(Decimal(str(r[credit])) for r in values), 2
    )
    assert isinstance(values[0][header.index("date")], datetime)


def _journal(admin: Any) -> tuple[list[str], list[dict[str, str]], list[str]]:
    """June's journal read back: the CSV's header and rows, the XLSX's sheet names."""
    text = admin.get("/api/v1/exports/sales-journal?period=2026-06&format=csv")
    reader = csv.DictReader(io.StringIO(text.get_data(as_text=True)), delimiter=";")
    rows = list(reader)
    book = _workbook(admin.get("/api/v1/exports/sales-journal?period=2026-06&format=xlsx"))
    return list(reader.fieldnames or []), rows, book.sheetnames


def _descriptions(rows: list[dict[str, str]], account: str) -> set[str]:
    return {row["description"] for row in rows if row["account"] == account}


def test_the_ges_papers_speak_french_until_the_ge_chooses_another_language(
    admin: Any, issued: dict[str, Any]
) -> None:
    """The journals and the split workbook are the GE's accountant's: in the GE's language
    (French by default), whatever its members speak. The generic journal's column names
    stay the same in every language: an accountant maps them once."""
    assert admin.get("/api/v1/groupement").get_json()["language"] == "fr"
    header, rows, sheets = _journal(admin)
    assert _descriptions(rows, "700000") == {"Mise à disposition de personnel 05/2026"}
    assert _descriptions(rows, "451000") == {"TVA 21 % 05/2026"}
    assert sheets == ["Journal des ventes"]

    changed = admin.patch("/api/v1/groupement", json={"language": "nl"})
    assert changed.status_code == 200, changed.get_json()
    dutch_header, dutch, sheets = _journal(admin)
    assert dutch_header == header and len(dutch) == len(rows)
    assert _descriptions(dutch, "700000") == {"Terbeschikkingstelling van personeel 05/2026"}
    assert _descriptions(dutch, "451000") == {"Btw 21 % 05/2026"}
    assert sheets == ["Verkoopdagboek"]
    # The document's type is a code an import mapping matches, in every language.
    assert {row["type"] for row in dutch} == {row["type"] for row in rows}
    assert {row["type"] for row in dutch} == {"invoice", "credit_note"}
    split = _workbook(admin.get(f"/api/v1/billing-runs/{issued['id']}/workbook"))
    assert split.sheetnames == ["Leden", "Detail", "Uren per dag", "Vaststellingen", "Parameters"]
    archive = zipfile.ZipFile(
        io.BytesIO(admin.get(f"/api/v1/billing-runs/{issued['id']}/archive").data)
    )
    in_archive = openpyxl.load_workbook(io.BytesIO(archive.read("journal/xlsx.xlsx")))
    assert in_archive.sheetnames == ["Verkoopdagboek"]
    assert "Terbeschikkingstelling" in archive.read("journal/csv.csv").decode()

    assert admin.patch("/api/v1/groupement", json={"language": "en"}).status_code == 200
    _header, english, sheets = _journal(admin)
    assert _descriptions(english, "700000") == {"Provision of staff 05/2026"}
    assert sheets == ["Sales journal"]


def test_the_winbooks_files_balance_and_list_the_customers(
    admin: Any, issued: dict[str, Any]
) -> None:
    documents = admin.get("/api/v1/exports/sales-journal?period=2026-06&format=winbooks").get_data(
        as_text=True
    )
    rows = list(csv.DictReader(io.StringIO(documents), delimiter=";"))
    sides: dict[str, Decimal] = defaultdict(Decimal)
    for row in rows:
        sides[row["number"]] += Decimal(row["amount"]) * (1 if row["side"] == "D" else -1)
    assert all(total == 0 for total in sides.values())
    assert {row["jnltype"] for row in rows} == {"SAL", "SAC"}
    thirds = admin.get(
        "/api/v1/exports/sales-journal?period=2026-06&format=winbooks-thirds"
    ).get_data(as_text=True)
    ids = {row["ID"] for row in csv.DictReader(io.StringIO(thirds), delimiter=";")}
    assert ids == {
        admin.get(f"/api/v1/members/{i['member_id']}").get_json()["enterprise_number"]
        for i in issued["invoices"]
    }


def test_the_archive_holds_every_file_of_the_run(admin: Any, issued: dict[str, Any]) -> None:
    response = admin.get(f"/api/v1/billing-runs/{issued['id']}/archive")
    names = set(zipfile.ZipFile(io.BytesIO(response.data)).namelist())
    for invoice in issued["invoices"]:
        for extension in ("pdf", "xml", "xlsx"):
            assert f"factures/{invoice['reference']}.{extension}" in names
    assert {
        "repartition-2026-05.xlsx",
        "journal/csv.csv",
        "journal/xlsx.xlsx",
        "journal/winbooks.csv",
        "journal/winbooks-thirds.csv",
    } <= names


def test_exports_are_for_the_ges_staff_only(as_user: Any, issued: dict[str, Any]) -> None:
    member = as_user("member_a0")
    assert member.get("/api/v1/exports/sales-journal?period=2026-05").status_code == 403
    assert member.get(f"/api/v1/billing-runs/{issued['id']}/workbook").status_code == 403
    assert (
        as_user("accountant_a").get("/api/v1/exports/sales-journal?period=2026-05").status_code
        == 200
    )
    other = (
        as_user("admin_b")
        .get("/api/v1/exports/sales-journal?period=2026-05")
        .get_data(as_text=True)
    )
    assert other.count("\r\n") == 1  # the header only: GE B issued nothing
    assert as_user("admin_b").get(f"/api/v1/billing-runs/{issued['id']}/archive").status_code == 404


def _document(buyer_name: str) -> InvoiceDocument:
    party = Party(buyer_name, "ASBL", "Rue 1", "1000", "Bruxelles", "BE", "0403170701")
    return InvoiceDocument(
        kind="invoice",
        reference="F2026-00009",
        issue_date=date(2026, 6, 1),
        due_date=None,
        period_start=date(2026, 5, 1),
        period_end=date(2026, 5, 31),
        seller=party,
        buyer=party,
        lines=(DocumentLine("=cmd|' /C calc'!A0", Decimal("10.00"), "S", Decimal("21")),),
        subtotals=(VatSubtotal("S", Decimal("21"), Decimal("10.00"), Decimal("2.10")),),
        lines_total=Decimal("10.00"),
        vat_total=Decimal("2.10"),
        total=Decimal("12.10"),
        payment_reference=None,
    )


def test_text_that_looks_like_a_formula_is_neutralised() -> None:
    lines = posting_lines([_document('=HYPERLINK("http://x")')])
    assert balanced(lines)
    rows = list(csv.DictReader(io.StringIO(journal_csv(lines).decode()), delimiter=";"))
    assert rows[0]["description"].startswith("'=HYPERLINK")
    sheet = openpyxl.load_workbook(io.BytesIO(journal_xlsx(lines))).active
    descriptions = [row[-1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert descriptions[0].startswith("'=HYPERLINK")
    assert all(
        not str(cell).startswith(("=", "+", "-", "@"))
        for row in sheet.iter_rows(min_row=2, values_only=True)
        for cell in row
        if isinstance(cell, str)
    )


@needs_libreoffice
def test_libreoffice_opens_every_workbook(
    admin: Any, issued: dict[str, Any], tmp_path: Path
) -> None:
    books = {
        "split.xlsx": admin.get(f"/api/v1/billing-runs/{issued['id']}/workbook").data,
        "journal.xlsx": admin.get("/api/v1/exports/sales-journal?period=2026-06&format=xlsx").data,
        "invoice.xlsx": admin.get(f"/api/v1/invoices/{issued['invoices'][0]['id']}/xlsx").data,
    }
    converted = first_sheets_as_csv(books, tmp_path)
    assert set(converted) == set(books)


def test_the_journal_books_documents_by_their_issue_date(
    admin: Any, issued: dict[str, Any]
) -> None:
    late = admin.post(
        f"/api/v1/invoices/{issued['invoices'][2]['id']}/credit-notes",
        json={"reason": "Tardive", "issue_date": "2026-11-20"},
    ).get_json()
    november = admin.get("/api/v1/exports/sales-journal?period=2026-11").get_data(as_text=True)
    june = admin.get("/api/v1/exports/sales-journal?period=2026-06").get_data(as_text=True)
    assert late["reference"] in november and late["reference"] not in june


def test_a_csv_download_names_its_charset_once(
    app: Any, admin: Any, issued: dict[str, Any]
) -> None:
    """The journal's CSV from the API and from the exports page: one charset parameter
    (Werkzeug adds one to a text/* mimetype; the MIME type given already has it)."""
    web = signed_in(app, ADMIN_EMAIL)
    for kind in ("csv", "winbooks", "winbooks-thirds"):
        for response in (
            admin.get(f"/api/v1/exports/sales-journal?period=2026-06&format={kind}"),
            web.get(f"/gestion/exports/journal?period=2026-06&format={kind}"),
        ):
            assert response.status_code == 200, kind
            assert response.headers["Content-Type"] == "text/csv; charset=utf-8", kind
            assert response.data.decode(response.mimetype_params["charset"])
    workbook = admin.get("/api/v1/exports/sales-journal?period=2026-06&format=xlsx")
    assert workbook.headers["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


def test_a_parameter_the_sheet_does_not_know_is_written_as_stored() -> None:
    """A run stored by another version: an unknown name or choice is shown as it is, a
    figure still as a number."""
    assert parameter_row("new_rate", "1.50", "nl") == (["new_rate", Decimal("1.50")], None)
    assert parameter_row("vat_mode", "future_mode", "en") == (["VAT scheme", "future_mode"], None)
    assert parameter_row("holiday_pay_percent", "18.20", "en") == (
        ["Holiday pay", Decimal("0.182")],
        "0.00%",
    )
