"""Members' overdue invoices beside the GE's debts (LIAB-MEMBER-ARREARS): the demo's May
2026 invoices, issued on 3 June and due on 3 July, are overdue on 1 August for every
member that has not paid; a payment recorded through the bank import takes it out; a
member user reads only its own line, in the API and on its exposure page."""

from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import time_machine
from flask import Flask
from sqlalchemy.orm import Session

from allocation.calendar import BRUSSELS
from allocation.statements import Statement, StatementLine
from app.demo import ADMIN_EMAIL, MEMBERS
from app.models import Groupement
from app.services import payments
from tests.api.test_payments import issued_may
from tests.conftest import World
from tests.helpers import arranging, signed_in

RULE = "LIAB-MEMBER-ARREARS"
LATE = "2026-08-01"


def owed_by_member(invoices: list[dict[str, Any]]) -> dict[int, Decimal]:
    owed: dict[int, Decimal] = defaultdict(Decimal)
    for invoice in invoices:
        owed[invoice["member_id"]] += Decimal(invoice["total"])
    return dict(owed)


def pay(session: Session, ge_id: int, invoice: dict[str, Any], amount: Decimal) -> None:
    """A credit naming the invoice's structured communication, recorded as a bank import
    records it (``services.payments.record_statements``)."""
    digits = "".join(c for c in invoice["payment_reference"] if c.isdigit())
    day = date(2026, 7, 20)
    with arranging(session, ge_id) as write:
        iban = "".join((write.session.get_one(Groupement, ge_id).iban or "").split())
        line = StatementLine(
            f"test:{invoice['id']}:{amount}", 1, day, day, amount, "Payeur", None, digits,
            True, None,
        )  # fmt: skip
        statement = Statement("coda", iban, "EUR", "7", day, Decimal("0.00"), day, amount,
                              (line,))  # fmt: skip
        summary = payments.record_statements(write.session, ge_id, [statement], "test.cod")
    assert summary.matched == amount


def arrears_findings(report: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {f["subjects"][0]["id"]: f for f in report["findings"] if f["rule_id"] == RULE}


def exposure(api: Any, as_of: str) -> dict[str, Any]:
    response = api.get("/api/v1/liability/exposure", query_string={"as_of": as_of})
    assert response.status_code == 200, response.get_json()
    return response.get_json()  # type: ignore[no-any-return]


def test_members_with_unpaid_invoices_past_their_due_date_are_warned(admin: Any) -> None:
    invoices = issued_may(admin)
    owed = owed_by_member(invoices)

    # Due on 3 July: on that day they are due, not late.
    assert arrears_findings(exposure(admin, "2026-07-03")) == {}
    report = exposure(admin, LATE)
    found = arrears_findings(report)
    assert set(found) == set(owed)
    for member_id, finding in found.items():
        assert finding["severity"] == "warning"
        assert finding["message"].startswith(
            next(r["member"] for r in report["members"] if r["member_id"] == member_id)
        )
        assert "sur 1 facture échue depuis le 3 juillet 2026 :" in finding["message"]
    # The GE's own debts are still told first (its ledger), the members' after them.
    rules = [f["rule_id"] for f in report["findings"]]
    assert rules == ["LIAB-LEDGER"] + [RULE] * len(owed)
    rows = {row["member_id"]: row for row in report["members"]}
    for member_id, row in rows.items():
        if member_id in owed:
            assert Decimal(row["overdue_invoices"]) == owed[member_id]
            count = sum(1 for i in invoices if i["member_id"] == member_id)
            assert row["overdue_invoice_count"] == count
            assert row["oldest_overdue_due"] == "2026-07-03"
        else:
            assert (row["overdue_invoices"], row["overdue_invoice_count"]) == ("0.00", 0)
            assert row["oldest_overdue_due"] is None


def test_a_payment_takes_the_member_out_of_arrears(
    admin: Any, session: Session, world: World
) -> None:
    invoices = issued_may(admin)
    paid, partly = (
        invoices[0],
        next(i for i in invoices if i["member_id"] != invoices[0]["member_id"]),
    )
    pay(session, world.ge_a, paid, Decimal(paid["total"]))
    pay(session, world.ge_a, partly, Decimal("100.00"))
    owed = owed_by_member([i for i in invoices if i["member_id"] == partly["member_id"]])

    report = exposure(admin, LATE)
    found = arrears_findings(report)
    rows = {row["member_id"]: row for row in report["members"]}
    # The demo bills each member once a month: its one invoice paid, it owes nothing late.
    assert [i for i in invoices if i["member_id"] == paid["member_id"]] == [paid]
    assert paid["member_id"] not in found
    assert rows[paid["member_id"]]["overdue_invoices"] == "0.00"
    assert rows[paid["member_id"]]["overdue_invoice_count"] == 0
    assert Decimal(rows[partly["member_id"]]["overdue_invoices"]) == owed[
        partly["member_id"]
    ] - Decimal("100.00")
    assert partly["member_id"] in found


def test_a_member_user_reads_only_its_own_arrears(as_user: Any, admin: Any, world: World) -> None:
    invoices = issued_may(admin)
    own_id = world.member_ids_a[0]
    assert own_id in owed_by_member(invoices)
    others = {row["member"] for row in exposure(admin, LATE)["members"]} - {MEMBERS[0][0]}

    member = as_user("member_a0")
    report = exposure(member, LATE)
    assert [row["member_id"] for row in report["members"]] == [own_id]
    assert set(arrears_findings(report)) == {own_id}
    assert all(
        s["id"] == own_id
        for f in report["findings"]
        for s in f["subjects"]
        if s["kind"] == "member"
    )
    text = str(report)
    assert not [name for name in others if name in text]


def test_the_register_page_lists_the_members_unpaid_invoices(
    app: Flask, admin: Any, world: World
) -> None:
    invoices = issued_may(admin)
    staff = signed_in(app, ADMIN_EMAIL)
    page = staff.get("/gestion/registre", query_string={"as_of": LATE}).get_data(as_text=True)
    assert "Factures impayées des membres" in page and RULE in page
    for member_id in owed_by_member(invoices):
        assert f'id="arrears-{member_id}"' in page
        assert f'href="/gestion/comptes/{member_id}"' in page
    assert "3 juillet 2026" in page

    before = staff.get("/gestion/registre", query_string={"as_of": "2026-07-03"})
    assert 'id="arrears-' not in before.get_data(as_text=True)


def test_a_members_exposure_page_shows_its_own_line_only(
    app: Flask, admin: Any, world: World
) -> None:
    invoices = issued_may(admin)
    owed = owed_by_member(invoices)
    own_id = world.member_ids_a[0]
    with time_machine.travel(datetime(2026, 8, 1, 10, 0, tzinfo=BRUSSELS), tick=False):
        member = signed_in(app, MEMBERS[0][-1])
        page = member.get("/membre/exposition").get_data(as_text=True)
    assert f'id="arrears-{own_id}"' in page and 'href="/membre/compte"' in page
    assert [m for m in owed if m != own_id]
    for other_id in (m for m in world.member_ids_a if m != own_id):
        assert f'id="arrears-{other_id}"' not in page
    for name, *_rest in MEMBERS[1:]:
        assert name not in page
