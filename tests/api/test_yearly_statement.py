"""A member's yearly statement through the API and the pages: a year of a member that left
mid-year, with a credit note and a complement, adds up to its issued documents."""

import io
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from flask import Flask
from openpyxl import load_workbook
from pypdf import PdfReader

from allocation import calendar
from app.demo import ADMIN_EMAIL, MEMBERS
from tests.api.test_payments import GE_IBAN, digits, upload
from tests.bankfiles import Movement, coda_file
from tests.conftest import World
from tests.helpers import assert_error_shape, signed_in

LEFT_ON = "2026-06-14"


def _issued(admin: Any, period: str, day: str) -> dict[str, Any]:
    run = admin.post("/api/v1/billing-runs/", json={"period": period})
    assert run.status_code == 201, run.get_json()
    issued = admin.post(
        f"/api/v1/billing-runs/{run.get_json()['id']}/issue", json={"issue_date": day}
    )
    assert issued.status_code == 200, issued.get_json()
    return issued.get_json()  # type: ignore[no-any-return]


def _own(run: dict[str, Any], member_id: int) -> dict[str, Any]:
    return next(i for i in run["invoices"] if i["member_id"] == member_id)


def _leaves(admin: Any, member_id: int, day: str) -> None:
    """The member leaves the GE on ``day``: its assignments end and its later day entries
    go first (GE-MEMBER-02 refuses work placed with it after it left)."""
    for assignment in admin.get("/api/v1/assignments/").get_json():
        if assignment["member_id"] == member_id:
            ended = admin.patch(f"/api/v1/assignments/{assignment['id']}", json={"ends_on": day})
            assert ended.status_code == 200, ended.get_json()
    for entry in admin.get("/api/v1/day-entries/").get_json():
        if entry.get("member_id") == member_id and entry["day"] > day:
            assert admin.delete(f"/api/v1/day-entries/{entry['id']}").status_code in (200, 204)
    left = admin.patch(f"/api/v1/members/{member_id}", json={"left_on": day})
    assert left.status_code == 200, left.get_json()


def _a_year_with_a_credit_note_a_complement_and_a_departure(
    admin: Any, member_id: int
) -> dict[str, dict[str, Any]]:
    may = _own(_issued(admin, "2026-05", "2026-06-03"), member_id)
    sophie = may["lines"][0]
    note = admin.post(
        f"/api/v1/invoices/{may['id']}/credit-notes",
        json={
            "reason": "Heures en trop",
            "lines": [{"line_id": sophie["id"], "amount": "100.00"}],
            "issue_date": "2026-06-10",
        },
    )
    assert note.status_code == 201, note.get_json()
    complement = _issued(admin, "2026-05", "2026-06-12")
    assert complement["kind"] == "complement"
    paid = coda_file(
        GE_IBAN,
        [Movement(Decimal("1000.00"), digits(may), True, None, "Cyclo", date(2026, 6, 20))],
        day=date(2026, 6, 20),
    )
    assert upload(admin, paid).status_code == 201
    _leaves(admin, member_id, LEFT_ON)
    june = _own(_issued(admin, "2026-06", "2026-07-03"), member_id)
    return {
        "may": may,
        "note": note.get_json(),
        "complement": _own(complement, member_id),
        "june": june,
    }


def _cells(data: bytes) -> dict[str, list[tuple[Any, ...]]]:
    book = load_workbook(io.BytesIO(data))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book}


def _day(value: Any) -> Any:
    """A date cell as openpyxl reads it (a datetime at midnight) as a date."""
    return value.date() if isinstance(value, datetime) else value


def _money(value: Any) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


def test_a_year_with_a_departure_a_credit_note_and_a_complement_adds_up_to_its_documents(
    admin: Any, as_user: Any, world: World
) -> None:
    """Atelier Vélo Cyclo (21 % VAT) in 2026, checked by hand:

    May, invoice F2026-00002 issued 3 June: six workers, 1 245,48 + 894,24 + 3 064,64 +
    803,73 + 539,95 + 1 135,55 = 7 683,59 € before VAT, VAT 21 % = 1 613,5539 → 1 613,55,
    total 9 297,14 €. Credit note NC2026-00001 (10 June) takes 100,00 off Sophie Lambert's
    line: 100,00 + 21,00 = 121,00 €. Drafting May again gives a complement, F2026-00005
    (12 June), billing those 100,00 again: 121,00 €. May is then 7 683,59 − 100,00 +
    100,00 = 7 683,59 € net, Sophie's cost 1 245,48 € with her 30,40 h worked and 4,56 h
    of paid absence (the credit note and the complement carry money only).
    The member pays 1 000,00 € on F2026-00002 on 20 June, and leaves on 14 June.
    June, F2026-00007 (3 July), until it left: 570,37 + 430,66 + 3 020,09 + 462,42 +
    274,83 + 571,75 = 5 330,12 €, VAT 1 119,3252 → 1 119,33, total 6 449,45 €.
    The year: 7 683,59 + 5 330,12 = 13 013,71 € before VAT; VAT 1 613,55 − 21,00 + 21,00
    + 1 119,33 = 2 732,88 €; invoices 9 297,14 + 121,00 + 6 449,45 = 15 867,59 € less
    credit notes 121,00 = 15 746,59 €; paid 1 000,00, open 14 746,59 €.
    """
    member_id = world.member_ids_a[1]
    documents = _a_year_with_a_credit_note_a_complement_and_a_departure(admin, member_id)
    assert [documents[k]["total"] for k in ("may", "note", "complement", "june")] == [
        "9297.14",
        "121.00",
        "121.00",
        "6449.45",
    ]
    invoices = [documents[k] for k in ("may", "complement", "june")]
    issued_total = sum(Decimal(i["total"]) for i in invoices) - Decimal(documents["note"]["total"])
    issued_vat = sum(Decimal(i["vat_total"]) for i in invoices) - Decimal(
        documents["note"]["vat_total"]
    )
    assert (issued_total, issued_vat) == (Decimal("15746.59"), Decimal("2732.88"))

    member = as_user("member_a1")
    workbook = member.get(f"/api/v1/members/{member_id}/yearly-statement/2026.xlsx")
    assert workbook.status_code == 200
    sheets = _cells(workbook.data)
    summary, months, workers, papers, payments, alone = sheets.values()
    # What hiring alone would have cost: a row per worker, then the assumptions.
    assert alone[0][0] == "Travailleur" and alone[0][3] == "Coût seul"
    assert any("Temps partiel minimum : 33.3333 %" in str(row[0]) for row in alone)
    facts = {row[0]: row[1] for row in summary[1:]}
    assert _day(facts["Quitté le"]) == date(2026, 6, 14)
    assert _money(facts["Total net (TVAC)"]) == issued_total
    assert _money(facts["TVA"]) == issued_vat
    assert _money(facts["Payé"]) == Decimal("1000.00")
    assert _money(facts["Reste à payer"]) == Decimal("14746.59")
    assert [_day(row[0]) for row in months[1:]] == [date(2026, 5, 1), date(2026, 6, 1), "Année"]
    assert [_money(row[6]) for row in months[1:]] == [
        Decimal("7683.59"),
        Decimal("5330.12"),
        Decimal("13013.71"),
    ]
    assert _money(months[-1][10]) == issued_total
    sophie = next(
        row for row in workers if _day(row[0]) == date(2026, 5, 1) and row[1] == "Sophie Lambert"
    )
    assert (_money(sophie[2]), _money(sophie[3]), _money(sophie[4])) == (
        Decimal("30.40"),
        Decimal("4.56"),
        Decimal("1245.48"),
    )
    references = [row[2] for row in papers[1:-1]]
    assert references == ["F2026-00002", "NC2026-00001", "F2026-00005", "F2026-00007"]
    assert sum(_money(row[6]) for row in papers[1:-1]) == issued_total
    assert [(row[2], _money(row[3])) for row in payments[1:-1]] == [
        ("F2026-00002", Decimal("1000.00"))
    ]

    pdf = member.get(f"/api/v1/members/{member_id}/yearly-statement/2026.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages)
    flat = text.replace("\u00a0", " ").replace("\u202f", " ")
    for printed in (
        "15 746,59",
        "2 732,88",
        "13 013,71",
        "14 746,59",
        "NC2026-00001",
        "14 juin 2026",
        # the comparison with hiring alone, and its assumptions printed beside it
        "Ce que l'embauche seule aurait coûté",
        "Temps partiel minimum : 33.3333 % du temps plein",
        "Recrutement : 1500.00 € par embauche et par an.",
        "Cotisations patronales :",
    ):
        assert printed in flat, printed


def test_a_member_reads_its_own_statement_only_and_no_other_members_name(
    admin: Any, as_user: Any, world: World
) -> None:
    may = _issued(admin, "2026-05", "2026-06-03")
    # June drafted, not issued: a draft is no document of the member's year.
    assert admin.post("/api/v1/billing-runs/", json={"period": "2026-06"}).status_code == 201
    own, other = world.member_ids_a[1], world.member_ids_a[0]
    member = as_user("member_a1")
    months = _cells(member.get(f"/api/v1/members/{own}/yearly-statement/2026.xlsx").data)["Mois"]
    assert [_day(row[0]) for row in months[1:]] == [date(2026, 5, 1), "Année"]
    assert _money(months[-1][10]) == Decimal(_own(may, own)["total"])
    for kind in ("pdf", "xlsx"):
        assert_error_shape(member.get(f"/api/v1/members/{other}/yearly-statement/2026.{kind}"), 404)
        assert_error_shape(
            as_user("admin_b").get(f"/api/v1/members/{own}/yearly-statement/2026.{kind}"), 404
        )
    names = [m["name"] for m in admin.get("/api/v1/members/").get_json() if m["id"] != own]
    assert names
    pdf = member.get(f"/api/v1/members/{own}/yearly-statement/2026.pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages)
    values = " ".join(
        str(cell)
        for rows in _cells(
            member.get(f"/api/v1/members/{own}/yearly-statement/2026.xlsx").data
        ).values()
        for row in rows
        for cell in row
    )
    for name in names:
        assert name not in text and name not in values, name
    # The accountant of the GE reads any member's; a year with nothing billed is empty.
    empty = as_user("accountant_a").get(f"/api/v1/members/{other}/yearly-statement/2025.xlsx")
    assert empty.status_code == 200
    assert _money(_cells(empty.data)["Mois"][-1][10]) == Decimal("0.00")


def test_the_account_pages_link_the_last_three_years(
    app: Flask, connection: Any, world: World
) -> None:
    own, other = world.member_ids_a[1], world.member_ids_a[0]
    this_year = calendar.today().year
    member = signed_in(app, MEMBERS[1][-1])
    page = member.get("/membre/compte").get_data(as_text=True)
    for year in (this_year, this_year - 1, this_year - 2):
        assert f"/membre/compte/annuel-{year}.pdf" in page
        assert f"/membre/compte/annuel-{year}.xlsx" in page
    assert f"/membre/compte/annuel-{this_year - 3}.pdf" not in page
    assert member.get("/membre/compte/annuel-2026.xlsx").status_code == 200
    assert member.get(f"/gestion/comptes/{other}/annuel-2026.pdf").status_code == 404
    admin = signed_in(app, ADMIN_EMAIL)
    page = admin.get(f"/gestion/comptes/{own}").get_data(as_text=True)
    assert f"/gestion/comptes/{own}/annuel-{this_year - 1}.pdf" in page
    assert admin.get(f"/gestion/comptes/{own}/annuel-2025.pdf").data.startswith(b"%PDF")
    assert admin.get("/membre/compte/annuel-2026.pdf").status_code == 404
    other_ge = signed_in(app, "admin@ge-b.example", "secret-b")
    assert other_ge.get(f"/gestion/comptes/{own}/annuel-2026.pdf").status_code == 404
