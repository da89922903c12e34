"""Late-payment interest and the fixed compensation (law of 2 August 2002), billed in a
note of their own through the API: the demo's May 2026 invoices issued on 3 June (due
3 July), the GE's rate for the second half of 2026 entered by hand, one invoice paid
late by a CODA statement, the note issued, printed, counted in the balance and paid.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from io import BytesIO
from typing import Any

from flask import Flask
from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy.orm import Session

from allocation import formats
from app.demo import MEMBERS
from app.models import AuditEvent, Invoice
from tests.api.test_payments import GE_IBAN, digits, issued_may, upload
from tests.bankfiles import Movement, coda_file
from tests.conftest import World
from tests.helpers import assert_error_shape, database_state, signed_in

H2_2026 = {"starts_on": "2026-07-01", "ends_on": "2026-12-31", "percent": "12.50"}
PAID_LATE = date(2026, 8, 2)
AS_OF = "2026-09-01"


def notes_url(member_id: int) -> str:
    return f"/api/v1/accounts/{member_id}/late-payment-notes"


def enter_rate(admin: Any, rate: dict[str, str] = H2_2026) -> dict[str, Any]:
    response = admin.post("/api/v1/late-interest-rates/", json=rate)
    assert response.status_code == 201, response.get_json()
    return response.get_json()  # type: ignore[no-any-return]


def invoice_of(invoices: list[dict[str, Any]], member_id: int) -> dict[str, Any]:
    return next(i for i in invoices if i["member_id"] == member_id)


def pay(admin: Any, amount: Decimal, communication: str, day: date, number: int = 1) -> None:
    data = coda_file(
        GE_IBAN,
        [Movement(amount, communication, True, None, "Payeur", day)],
        day=day,
        statement_number=number,
    )
    response = upload(admin, data)
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["unmatched"] == "0.00", response.get_json()


def pdf_text(data: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(BytesIO(data)).pages
    )


def test_an_invoice_paid_30_days_late_is_charged_its_interest_and_40_euros(
    admin: Any, session: Session, world: World
) -> None:
    """The member's May invoice, due 3 July 2026, is paid on 2 August: 30 days late
    (4 to 31 July, 28 days, and 1 and 2 August). At 12.50 % a year:

        interest = total × 12.50 / 100 × 30 / 365, rounded once to the cent
        (for a total of 1 000.00: 1 000 × 0.125 × 30 / 365 = 10.2739… → 10.27)

    plus the fixed compensation, 40.00: the note's total.
    """
    member_id = world.member_ids_a[0]
    invoice = invoice_of(issued_may(admin), member_id)
    total = Decimal(invoice["total"])
    assert invoice["due_date"] == "2026-07-03"
    enter_rate(admin)
    pay(admin, total, digits(invoice), PAID_LATE)

    response = admin.post(notes_url(member_id), json={"as_of": AS_OF})
    assert response.status_code == 201, response.get_json()
    note = response.get_json()
    interest = (total * Decimal("12.50") / 100 * 30 / 365).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert note["interest"] == f"{interest:.2f}"
    assert note["compensation"] == "40.00"
    assert note["total"] == f"{interest + Decimal('40.00'):.2f}"
    assert note["reference"].startswith("ND") and note["reference"].endswith("-00001")
    assert note["payment_reference"][5] == "3"  # +++YYS/…: the series digit of notes
    (line,) = note["lines"]
    assert line["reference"] == invoice["reference"]
    assert (line["amount"], line["until"], line["paid"], line["days"]) == (
        f"{total:.2f}",
        "2026-08-02",
        True,
        30,
    )
    assert line["rates"] == [
        {"start": "2026-07-04", "end": "2026-08-02", "percent": "12.50", "days": 30}
    ]

    # The invoice is untouched: same total, still paid.
    stored = session.get_one(Invoice, invoice["id"])
    assert stored.total == total
    assert admin.get(f"/api/v1/invoices/{invoice['id']}").get_json()["total"] == invoice["total"]

    # The PDF shows the figures, in the member's language (French).
    pdf = admin.get(f"{notes_url(member_id)}/{note['id']}.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    text = pdf_text(pdf.data)
    for figure in (interest, Decimal("40.00"), interest + Decimal("40.00")):
        assert " ".join(formats.money(figure, "fr").split()) in text, text
    assert note["reference"] in text and invoice["reference"] in text
    assert note["payment_reference"] in text

    # The member's balance counts the note, open until a transfer brings its communication.
    account = admin.get(f"/api/v1/accounts/{member_id}").get_json()
    assert Decimal(account["balance"]) == Decimal(note["total"])
    (listed,) = account["notes"]
    assert (listed["open"], listed["status"]) == (note["total"], "open")
    pay(admin, Decimal(note["total"]), digits(note), date(2026, 12, 1), number=2)
    account = admin.get(f"/api/v1/accounts/{member_id}").get_json()
    assert Decimal(account["balance"]) == 0
    assert (account["notes"][0]["open"], account["notes"][0]["status"]) == ("0.00", "paid")
    lines = admin.get("/api/v1/bank/lines").get_json()
    assert lines[-1]["payments"] == [
        {
            "invoice_id": None,
            "note_id": note["id"],
            "amount": note["total"],
            "paid_on": "2026-12-01",
        }
    ]

    # The papers: the statement of account lists the note, the bank journal its payment.
    statement = admin.get(f"/api/v1/accounts/{member_id}/statement.pdf")
    assert statement.status_code == 200
    assert note["reference"] in pdf_text(statement.data)
    journal = admin.get(
        "/api/v1/exports/bank-journal", query_string={"period": "2026-12", "format": "csv"}
    )
    assert journal.status_code == 200, journal.get_data(as_text=True)
    assert note["reference"] in journal.get_data(as_text=True)

    # Each invoice is charged once, ever.
    again = assert_error_shape(admin.post(notes_url(member_id), json={"as_of": AS_OF}), 422)
    assert "Aucune facture" in str(again), again
    # The write was audited.
    audited = session.scalars(
        select(AuditEvent.entity_id).where(AuditEvent.entity == "late_payment_notes")
    ).all()
    assert note["id"] in [int(i) for i in audited]


def test_what_is_still_open_runs_to_as_of_and_each_late_instalment_to_its_day(
    admin: Any, world: World
) -> None:
    """Paid 100.00 on 13 July (10 days late), the rest open on 1 September (60 days:
    4 July to 1 September). One line per amount late, the 40.00 on the first only."""
    member_id = world.member_ids_a[1]
    invoice = invoice_of(issued_may(admin), member_id)
    total = Decimal(invoice["total"])
    enter_rate(admin)
    pay(admin, Decimal("100.00"), digits(invoice), date(2026, 7, 13))

    note = admin.post(notes_url(member_id), json={"as_of": AS_OF}).get_json()
    first, rest = note["lines"]
    assert (first["amount"], first["until"], first["paid"], first["days"]) == (
        "100.00",
        "2026-07-13",
        True,
        10,
    )
    assert (rest["amount"], rest["until"], rest["paid"], rest["days"]) == (
        f"{total - 100:.2f}",
        "2026-09-01",
        False,
        60,
    )
    assert (first["compensation"], rest["compensation"]) == ("40.00", "0.00")

    def interest(amount: Decimal, days: int) -> Decimal:
        return (amount * Decimal("0.125") * days / 365).quantize(Decimal("0.01"), ROUND_HALF_UP)

    assert first["interest"] == f"{interest(Decimal('100.00'), 10):.2f}"
    assert rest["interest"] == f"{interest(total - 100, 60):.2f}"
    # Its balance: what is still open on the invoice, and the note.
    account = admin.get(f"/api/v1/accounts/{member_id}").get_json()
    assert Decimal(account["balance"]) == total - 100 + Decimal(note["total"])


def test_a_day_without_a_rate_refuses_the_note_and_writes_nothing(
    admin: Any, session: Session, world: World
) -> None:
    member_id = world.member_ids_a[0]
    issued_may(admin)
    # The rate of the second half-year starts a week late: 4 to 9 July have none.
    enter_rate(admin, H2_2026 | {"starts_on": "2026-07-10"})
    before = database_state(session)
    body = assert_error_shape(admin.post(notes_url(member_id), json={"as_of": AS_OF}), 422)
    assert "2026-07-04" in str(body), body
    assert database_state(session) == before
    # Without interest, the compensation alone needs no rate.
    alone = admin.post(notes_url(member_id), json={"as_of": AS_OF, "with_interest": False})
    assert alone.status_code == 201, alone.get_json()
    assert (alone.get_json()["interest"], alone.get_json()["total"]) == ("0.00", "40.00")


def test_nothing_late_nothing_asked_or_a_day_ahead_is_refused(admin: Any, world: World) -> None:
    member_id = world.member_ids_a[0]
    issued_may(admin)
    enter_rate(admin)
    # On the due date nothing is late yet.
    assert_error_shape(admin.post(notes_url(member_id), json={"as_of": "2026-07-03"}), 422)
    assert_error_shape(
        admin.post(
            notes_url(member_id),
            json={"as_of": AS_OF, "with_interest": False, "with_compensation": False},
        ),
        422,
    )
    assert_error_shape(admin.post(notes_url(member_id), json={"as_of": "2999-01-01"}), 422)


def test_rates_overlapping_or_ending_before_they_start_are_refused(admin: Any) -> None:
    enter_rate(admin)
    assert_error_shape(
        admin.post(
            "/api/v1/late-interest-rates/",
            json={"starts_on": "2026-10-01", "ends_on": "2027-03-31", "percent": "11.00"},
        ),
        422,
    )
    assert_error_shape(
        admin.post(
            "/api/v1/late-interest-rates/",
            json={"starts_on": "2027-06-30", "ends_on": "2027-01-01", "percent": "11.00"},
        ),
        422,
    )
    next_year = enter_rate(
        admin, {"starts_on": "2027-01-01", "ends_on": "2027-06-30", "percent": "11.00"}
    )
    moved = admin.patch(
        f"/api/v1/late-interest-rates/{next_year['id']}", json={"starts_on": "2026-12-01"}
    )
    assert_error_shape(moved, 422)
    rates = admin.get("/api/v1/late-interest-rates/").get_json()
    assert [r["percent"] for r in rates] == ["12.50", "11.00"]


def test_notes_are_scoped_to_their_ge_and_member(
    app: Flask, admin: Any, as_user: Any, world: World
) -> None:
    member_id, other_member = world.member_ids_a[0], world.member_ids_a[1]
    issued_may(admin)
    enter_rate(admin)
    note = admin.post(notes_url(member_id), json={"as_of": AS_OF}).get_json()
    pdf = f"{notes_url(member_id)}/{note['id']}.pdf"

    other_ge = as_user("admin_b")
    assert_error_shape(other_ge.get(pdf), 404)
    assert_error_shape(other_ge.post(notes_url(member_id), json={"as_of": AS_OF}), 404)
    assert other_ge.get("/api/v1/late-interest-rates/").get_json() == []
    assert_error_shape(admin.get(f"{notes_url(other_member)}/{note['id']}.pdf"), 404)

    member = as_user("member_a0")
    assert member.get(pdf).status_code == 200
    assert [n["id"] for n in member.get(notes_url(member_id)).get_json()] == [note["id"]]
    assert_error_shape(member.post(notes_url(member_id), json={"as_of": AS_OF}), 403)
    assert member.get("/api/v1/late-interest-rates/").status_code == 200  # members may read
    assert_error_shape(member.post("/api/v1/late-interest-rates/", json=H2_2026), 403)
    another = as_user("member_a1")
    assert_error_shape(another.get(pdf), 404)
    assert_error_shape(another.get(notes_url(member_id)), 404)

    # The pages: the staff's and the member's own, another member's note a 404.
    staff = signed_in(app, "admin@ge-bruxelles-solidaire.be")
    page = staff.get(f"/gestion/comptes/{member_id}").get_data(as_text=True)
    assert note["reference"] in page and "new-late-payment-note" in page
    assert staff.get(f"/gestion/comptes/{member_id}/notes/{note['id']}.pdf").status_code == 200
    assert staff.get(f"/gestion/comptes/{other_member}/notes/{note['id']}.pdf").status_code == 404
    own = signed_in(app, MEMBERS[0][-1])
    assert note["reference"] in own.get("/membre/compte").get_data(as_text=True)
    assert own.get(f"/membre/compte/notes/{note['id']}.pdf").status_code == 200
    other = signed_in(app, MEMBERS[1][-1])
    assert other.get(f"/membre/compte/notes/{note['id']}.pdf").status_code == 404


def test_the_account_page_issues_a_note_and_the_settings_page_takes_a_rate(
    app: Flask, admin: Any, world: World
) -> None:
    from tests.helpers import csrf_token

    member_id = world.member_ids_a[0]
    issued_may(admin)
    staff = signed_in(app, "admin@ge-bruxelles-solidaire.be")
    token = csrf_token(staff, "/gestion/parametres")
    saved = staff.post(
        "/gestion/parametres",
        data={"form": "late_interest_rate", "csrf_token": token} | H2_2026,
    )
    assert saved.status_code == 200
    settings = staff.get("/gestion/parametres").get_data(as_text=True)
    assert "12.50 %" in settings and "SPF Finances" in settings
    issued = staff.post(
        f"/gestion/comptes/{member_id}/notes",
        data={
            "as_of": AS_OF,
            "with_interest": "on",
            "with_compensation": "on",
            "csrf_token": csrf_token(staff, f"/gestion/comptes/{member_id}"),
        },
    )
    assert issued.status_code == 302
    (note,) = admin.get(notes_url(member_id)).get_json()
    assert Decimal(note["interest"]) > 0 and note["compensation"] == "40.00"
