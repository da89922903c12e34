"""Bank statements in, through the API: CODA and camt.053 files written by the tests
from the published layouts (``tests.bankfiles``), matched to the demo's May 2026 invoices.

Every case the issue names: an exact payment, a partial one, one payment for two
invoices, an overpayment, an unmatched line, a credit note's offset, and a second import
of the same file (nothing doubled); for every import, the statement's credits equal
what was matched plus what was left, to the cent. Broken files leave the database as it
was.
"""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import AuditEvent, Payment
from tests.bankfiles import Movement, camt053_file, coda_file
from tests.conftest import World
from tests.helpers import assert_error_shape, database_state, upload_file

GE_IBAN = "BE21001234567803"
STRANGER = "BE68539007547034"
DAY = date(2026, 6, 20)


def issued_may(admin: Any) -> list[dict[str, Any]]:
    """The demo's May 2026 invoices, issued on 3 June (due 30 days later)."""
    run = admin.post("/api/v1/billing-runs/", json={"period": "2026-05"}).get_json()
    issued = admin.post(
        f"/api/v1/billing-runs/{run['id']}/issue", json={"issue_date": "2026-06-03"}
    )
    assert issued.status_code == 200, issued.get_json()
    invoices = issued.get_json()["invoices"]
    assert len(invoices) >= 4
    return invoices  # type: ignore[no-any-return]


def ogm(invoice: dict[str, Any]) -> str:
    """The invoice's communication as printed, +++261/0000/00149+++."""
    return invoice["payment_reference"]  # type: ignore[no-any-return]


def digits(invoice: dict[str, Any]) -> str:
    """Its 12 digits, as a bank writes them in the structured field."""
    return "".join(c for c in invoice["payment_reference"] if c.isdigit())


def upload(api: Any, data: bytes, name: str = "releve.cod") -> Any:
    return upload_file(api, "/api/v1/bank/statements", data, name)


def account(api: Any, member_id: int, as_of: str | None = "2026-06-25") -> dict[str, Any]:
    query = {"as_of": as_of} if as_of else {}
    response = api.get(f"/api/v1/accounts/{member_id}", query_string=query)
    assert response.status_code == 200, response.get_json()
    return response.get_json()  # type: ignore[no-any-return]


def invoice_in(account_: dict[str, Any], invoice_id: int) -> dict[str, Any]:
    return next(i for i in account_["invoices"] if i["invoice_id"] == invoice_id)


def money(text: str) -> Decimal:
    return Decimal(text)


def paid_on(session: Session, invoice: dict[str, Any]) -> Decimal:
    found = session.scalars(select(Payment.amount).where(Payment.invoice_id == invoice["id"]))
    return sum(found, Decimal("0"))


def test_a_coda_statement_pays_by_communication_and_a_second_import_adds_nothing(
    admin: Any, session: Session
) -> None:
    exact, partial, pair, over = issued_may(admin)[:4]
    # A credit note of 100.00 on the pair's second invoice: what is open on it is less.
    credit = admin.post(
        f"/api/v1/invoices/{over['id']}/credit-notes",
        json={
            "reason": "Heures en trop",
            "lines": [{"line_id": over["lines"][0]["id"], "amount": "100.00"}],
        },
    )
    assert credit.status_code == 201, credit.get_json()
    credited = money(credit.get_json()["total"])
    partial_total, pair_total, over_total = (
        money(partial["total"]),
        money(pair["total"]),
        money(over["total"]),
    )
    over_open = over_total - credited
    movements = [
        # 1. exactly the invoice, its communication in the structured field
        Movement(money(exact["total"]), digits(exact), True, None, "MQ Marolles", DAY),
        # 2. 100.00 on account of the second invoice
        Movement(Decimal("100.00"), digits(partial), True, None, "Payeur", DAY),
        # 3. one transfer for the rest of the second and the whole third, as free text
        Movement(
            partial_total - Decimal("100.00") + pair_total,
            f"Factures {ogm(partial)} et {ogm(pair)} merci",
            False,
            None,
            "Payeur",
            DAY,
        ),
        # 4. the fourth after its credit note, 25.00 too much
        Movement(over_open + Decimal("25.00"), digits(over), True, None, "X", DAY),
        # 5. nobody's: no communication, an unknown account
        Movement(Decimal("75.00"), "Remboursement", False, STRANGER, "Inconnu SA", DAY),
        # 6. the GE's own payment out
        Movement(Decimal("-300.00"), "Loyer juin", False, STRANGER, "Bailleur", DAY),
    ]
    data = coda_file(GE_IBAN, movements, day=DAY, opening_balance=Decimal("1000.00"))
    response = upload(admin, data)
    assert response.status_code == 201, response.get_json()
    summary = response.get_json()
    credits = sum((m.amount for m in movements if m.amount > 0), Decimal("0"))
    assert money(summary["credits"]) == credits
    assert money(summary["matched"]) + money(summary["unmatched"]) == credits
    assert money(summary["unmatched"]) == Decimal("100.00")  # the 25.00 over and the 75.00
    assert (summary["new_lines"], summary["known_lines"], summary["to_assign"]) == (6, 0, 1)
    assert money(summary["debits"]) == Decimal("300.00")

    assert paid_on(session, exact) == money(exact["total"])
    assert paid_on(session, partial) == partial_total
    assert paid_on(session, pair) == pair_total
    assert paid_on(session, over) == over_open

    # Today: the credit note (issued today) counts.
    statuses = {
        invoice["id"]: invoice_in(account(admin, invoice["member_id"], None), invoice["id"])
        for invoice in (exact, partial, pair, over)
    }
    assert {s["status"] for s in statuses.values()} == {"paid"}
    assert statuses[over["id"]]["credited"] == f"{credited:.2f}"
    over_account = account(admin, over["member_id"], None)
    assert over_account["unapplied"] == "25.00"
    assert money(over_account["balance"]) == -Decimal("25.00") + sum(
        (money(i["open"]) for i in over_account["invoices"]), Decimal("0")
    )

    queue = admin.get("/api/v1/bank/lines", query_string={"status": "unmatched"}).get_json()
    assert [(line["amount"], line["counterparty_iban"]) for line in queue] == [("75.00", STRANGER)]

    before = database_state(session)
    again = upload(admin, data)
    assert again.status_code == 201
    assert (again.get_json()["new_lines"], again.get_json()["known_lines"]) == (0, 6)
    assert money(again.get_json()["credits"]) == 0
    assert database_state(session) == before


def test_a_camt053_statement_pays_the_same_way(admin: Any, session: Session) -> None:
    first, second = issued_may(admin)[:2]
    movements = [
        Movement(money(first["total"]), digits(first), True, None, "Membre", DAY),
        Movement(Decimal("10.00"), f"Acompte {ogm(second)}", False, None, "Membre 2", DAY),
        Movement(Decimal("12.34"), "Cotisation", False, STRANGER, "Autre", DAY),
    ]
    data = camt053_file(GE_IBAN, movements, day=DAY, opening_balance=Decimal("0.00"))
    response = upload(admin, data, "releve.xml")
    assert response.status_code == 201, response.get_json()
    summary = response.get_json()
    credits = money(first["total"]) + Decimal("22.34")
    assert money(summary["credits"]) == credits
    assert money(summary["matched"]) == money(first["total"]) + Decimal("10.00")
    assert money(summary["matched"]) + money(summary["unmatched"]) == credits
    second_now = invoice_in(account(admin, second["member_id"]), second["id"])
    assert (second_now["status"], second_now["paid"]) == ("partly_paid", "10.00")  # due 3 July
    before = database_state(session)
    assert upload(admin, data, "releve.xml").get_json()["new_lines"] == 0
    assert database_state(session) == before


def test_an_administrator_assigns_a_queued_line_and_it_is_audited(
    admin: Any, session: Session
) -> None:
    invoice = issued_may(admin)[0]
    data = coda_file(
        GE_IBAN,
        [Movement(Decimal("200.00"), "virement", False, STRANGER, "Trésorier", DAY)],
        day=DAY,
    )
    assert upload(admin, data).get_json()["to_assign"] == 1
    (line,) = admin.get("/api/v1/bank/lines", query_string={"status": "unmatched"}).get_json()
    before = money(account(admin, invoice["member_id"])["balance"])
    too_much = admin.put(
        f"/api/v1/bank/lines/{line['id']}/assignment",
        json={
            "member_id": invoice["member_id"],
            "invoices": [{"invoice_id": invoice["id"], "amount": "200.01"}],
        },
    )
    assert_error_shape(too_much, 422)
    done = admin.put(
        f"/api/v1/bank/lines/{line['id']}/assignment",
        json={
            "member_id": invoice["member_id"],
            "invoices": [{"invoice_id": invoice["id"], "amount": "150.00"}],
        },
    )
    assert done.status_code == 200, done.get_json()
    assert done.get_json()["status"] == "matched"
    after = account(admin, invoice["member_id"])
    # 150.00 on the invoice, 50.00 on the member's account: the balance falls by 200.00
    assert money(after["balance"]) == before - Decimal("200.00")
    assert invoice_in(after, invoice["id"])["paid"] == "150.00"
    audited = session.scalars(
        select(AuditEvent.entity).where(AuditEvent.entity.in_(["payments", "bank_lines"]))
    ).all()
    assert "payments" in audited and "bank_lines" in audited
    undone = admin.delete(f"/api/v1/bank/lines/{line['id']}/assignment")
    assert undone.get_json()["status"] == "unmatched"
    assert money(account(admin, invoice["member_id"])["balance"]) == before
    ignored = admin.post(f"/api/v1/bank/lines/{line['id']}/ignore", json={"note": "subside"})
    assert ignored.get_json()["status"] == "ignored"
    assert admin.get("/api/v1/bank/lines", query_string={"status": "unmatched"}).get_json() == []


def test_a_proposal_by_the_members_account_is_confirmed(admin: Any, session: Session) -> None:
    invoice = issued_may(admin)[0]
    iban = "BE71096123456769"
    assert (
        admin.patch(f"/api/v1/members/{invoice['member_id']}", json={"iban": iban}).status_code
        == 200
    )
    data = coda_file(
        GE_IBAN, [Movement(money(invoice["total"]), "mai", False, iban, "Membre", DAY)], day=DAY
    )
    assert upload(admin, data).get_json()["to_assign"] == 1
    (line,) = admin.get("/api/v1/bank/lines", query_string={"status": "unmatched"}).get_json()
    confirmed = admin.post(f"/api/v1/bank/lines/{line['id']}/confirmation")
    assert confirmed.status_code == 200, confirmed.get_json()
    assert invoice_in(account(admin, invoice["member_id"]), invoice["id"])["status"] == "paid"


@pytest.mark.parametrize(
    ("breaking", "status", "words"),
    [
        ("truncated", 422, "Ligne 3"),  # the third record cut short: its line is named
        ("checksum", 422, "Ligne 6"),  # record 9, the file's sixth line
        ("camt_version", 422, "camt.053.001.99"),
        ("over_the_upload_limit", 413, "5 Mo au plus"),
    ],
)
def test_a_broken_file_is_refused_and_nothing_is_written(
    admin: Any, session: Session, breaking: str, status: int, words: str
) -> None:
    invoice = issued_may(admin)[0]
    movements = [Movement(money(invoice["total"]), digits(invoice), True, None, "M", DAY)]
    coda = coda_file(GE_IBAN, movements, day=DAY)
    records = coda.decode("latin-1").splitlines()
    if breaking == "truncated":
        records[2] = records[2][:100]
        data = "\r\n".join(records).encode("latin-1")
    elif breaking == "checksum":
        last = records[-1]
        # record 9: the sum of credits (positions 38-52) off by one cent
        credits = int(last[37:52]) + 10
        records[-1] = last[:37] + f"{credits:015d}" + last[52:]
        data = "\r\n".join(records).encode("latin-1")
    elif breaking == "camt_version":
        data = camt053_file(GE_IBAN, movements, day=DAY).replace(
            b"camt.053.001.02", b"camt.053.001.99"
        )
    else:
        data = coda + b" " * (5 * 1024 * 1024)
    before = database_state(session)
    body = assert_error_shape(upload(admin, data), status)
    assert words in str(body["errors"]) or words in body["message"], body
    assert database_state(session) == before


def test_only_the_ges_staff_see_its_bank_and_a_member_its_own_account(
    as_user: Any, admin: Any, world: World
) -> None:
    invoices = issued_may(admin)
    data = coda_file(GE_IBAN, [Movement(Decimal("5.00"), "x", False, STRANGER, "Y", DAY)], day=DAY)
    upload(admin, data)
    (line,) = admin.get("/api/v1/bank/lines", query_string={"status": "unmatched"}).get_json()
    other_ge = as_user("admin_b")
    assert other_ge.get("/api/v1/bank/lines").get_json() == []
    assert_error_shape(
        other_ge.put(
            f"/api/v1/bank/lines/{line['id']}/assignment",
            json={"member_id": invoices[0]["member_id"], "invoices": []},
        ),
        404,
    )
    assert_error_shape(other_ge.get(f"/api/v1/accounts/{invoices[0]['member_id']}"), 404)
    member = as_user("member_a0")
    assert_error_shape(member.get("/api/v1/bank/lines"), 403)
    assert_error_shape(member.post(f"/api/v1/bank/lines/{line['id']}/ignore", json={}), 403)
    own = member.get("/api/v1/accounts").get_json()
    assert [a["member_id"] for a in own] == [world.member_ids_a[0]]
    other_member = next(i["member_id"] for i in invoices if i["member_id"] != world.member_ids_a[0])
    assert_error_shape(member.get(f"/api/v1/accounts/{other_member}"), 404)
    accountant = as_user("accountant_a")
    assert accountant.get("/api/v1/bank/lines").status_code == 200
    assert_error_shape(accountant.post(f"/api/v1/bank/lines/{line['id']}/ignore", json={}), 403)


def test_a_twenty_megabyte_file_is_refused_by_the_command_and_nothing_is_written(
    app: Any, session: Session, world: World, tmp_path: Any
) -> None:
    """The command reads files of any size: the reader refuses one over 10 MB unread."""
    big = tmp_path / "releve.cod"
    big.write_bytes(b"0" * (20 * 1024 * 1024))
    before = database_state(session)
    result = app.test_cli_runner().invoke(
        args=["bank-import", "--groupement", str(world.ge_a), str(big)]
    )
    assert result.exit_code == 1, result.output
    assert "20971520 octets" in result.output and "10485760" in result.output
    assert database_state(session) == before


def test_the_same_days_statement_in_the_other_format_is_refused(
    admin: Any, session: Session
) -> None:
    """A bank sends CODA and camt.053 of the same day: their movements have different
    keys, and one payment would count twice if both were imported."""
    invoice = issued_may(admin)[0]
    movements = [Movement(Decimal("100.00"), digits(invoice), True, None, "M", DAY)]
    assert upload(admin, coda_file(GE_IBAN, movements, day=DAY)).status_code == 201
    before = database_state(session)
    body = assert_error_shape(
        upload(admin, camt053_file(GE_IBAN, movements, day=DAY), "releve.xml"), 422
    )
    assert "deux fois" in str(body["errors"]) and "coda" in str(body["errors"])
    assert database_state(session) == before
    assert paid_on(session, invoice) == Decimal("100.00")


def test_an_account_as_of_a_past_day_holds_what_was_known_that_day(admin: Any) -> None:
    invoice = issued_may(admin)[0]
    data = coda_file(
        GE_IBAN, [Movement(Decimal("100.00"), digits(invoice), True, None, "M", DAY)], day=DAY
    )
    upload(admin, data)
    path = f"/api/v1/accounts/{invoice['member_id']}"
    before_issue = admin.get(path, query_string={"as_of": "2026-06-01"}).get_json()
    assert before_issue["invoices"] == [] and before_issue["balance"] == "0.00"
    before_payment = admin.get(path, query_string={"as_of": "2026-06-19"}).get_json()
    assert before_payment["balance"] == invoice["total"]
    after = admin.get(path, query_string={"as_of": "2026-06-20"}).get_json()
    assert Decimal(after["balance"]) == Decimal(invoice["total"]) - Decimal("100.00")
    assert after["invoices"][0]["status"] == "partly_paid"
    assert sum(Decimal(v) for v in after["ageing"].values()) == Decimal(after["balance"])
