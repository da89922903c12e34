"""What hiring alone would have cost, through the API, on the demo's May 2026 invoices:
the figures add up (to the documents' totals, to the cent), the GE's assumptions are
editable and printed, and a member user reads its own comparison only."""

from decimal import Decimal
from typing import Any

from flask import Flask

from app.demo import ADMIN_EMAIL
from tests.api.test_payments import issued_may
from tests.conftest import World
from tests.helpers import csrf_token, signed_in


def alone_of(api: Any, member_id: int, year: int = 2026) -> Any:
    return api.get(f"/api/v1/members/{member_id}/alone", query_string={"year": year})


def money(text: str) -> Decimal:
    return Decimal(text)


def test_every_workers_figures_add_up_to_what_the_member_was_invoiced(
    admin: Any, world: World
) -> None:
    invoices = issued_may(admin)
    member_id = world.member_ids_a[0]
    response = alone_of(admin, member_id)
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["year"] == 2026 and body["workers"]
    for worker in body["workers"]:
        cost = worker["cost"]
        parts = [money(v) for k, v in cost.items() if k != "total"]
        assert sum(parts) == money(cost["total"])
        assert money(worker["alone"]) == (
            money(cost["total"]) + money(worker["recruitment"]) + money(worker["payroll_admin"])
        )
        assert money(worker["difference"]) == money(worker["alone"]) - money(worker["paid"])
        # one month of a year: a twelfth of 1,500.00 and of 600.00
        assert (worker["recruitment"], worker["payroll_admin"]) == ("125.00", "50.00")
        assert money(worker["contract_weekly_hours"]) >= money("12.67")
        assert money(worker["contract_weekly_hours"]) >= money(worker["need_weekly_hours"])
    # The fee and overhead lines are shared out to the cent: the workers' payments are
    # the member's May invoice before VAT.
    billed = sum(money(i["lines_total"]) for i in invoices if i["member_id"] == member_id)
    assert money(body["paid"]) == billed
    assert money(body["difference"]) == money(body["alone"]) - money(body["paid"])
    assert body["percent"] == str(
        (money(body["difference"]) * 100 / money(body["alone"])).quantize(Decimal("0.01"))
    )
    assumptions = body["assumptions"]
    assert assumptions["minimum_percent"] == "33.3333"
    assert assumptions["minimum_weekly_hours"] == "12.67"
    assert assumptions["recruitment_per_year"] == "1500.00"
    assert assumptions["payroll_admin_per_year"] == "600.00"
    assert assumptions["employer_contribution_percent"] == "32.40"


def test_a_year_without_issued_documents_compares_nothing(admin: Any, world: World) -> None:
    body = alone_of(admin, world.member_ids_a[0], 2025).get_json()
    assert body["workers"] == []
    assert (body["alone"], body["paid"], body["percent"]) == ("0.00", "0.00", None)


def test_the_year_is_required(admin: Any, world: World) -> None:
    response = admin.get(f"/api/v1/members/{world.member_ids_a[0]}/alone")
    assert response.status_code == 422


def test_the_ges_assumptions_change_the_comparison_even_with_may_issued(
    app: Flask, admin: Any, world: World
) -> None:
    issued_may(admin)
    member_id = world.member_ids_a[0]
    changed = admin.patch(
        "/api/v1/groupement",
        json={
            "alone_minimum_percent": "50",
            "alone_recruitment_per_year": "1200.00",
            "alone_payroll_admin_per_year": "0.00",
        },
    )
    assert changed.status_code == 200, changed.get_json()
    assert admin.get("/api/v1/groupement").get_json()["alone_minimum_percent"] == "50.00"
    body = alone_of(admin, member_id).get_json()
    assert body["assumptions"]["minimum_weekly_hours"] == "19.00"
    for worker in body["workers"]:
        assert (worker["recruitment"], worker["payroll_admin"]) == ("100.00", "0.00")
        assert money(worker["contract_weekly_hours"]) >= 19

    refused = admin.patch("/api/v1/groupement", json={"alone_minimum_percent": "0"})
    assert refused.status_code == 422
    assert "alone_minimum_percent" in refused.get_json()["errors"]

    # The settings page's form "Comparaison « embaucher seul »".
    client = signed_in(app, ADMIN_EMAIL)
    page = client.get("/gestion/parametres").get_data(as_text=True)
    assert 'name="alone_recruitment_per_year"' in page
    saved = client.post(
        "/gestion/parametres",
        data={
            "form": "alone",
            "alone_minimum_percent": "33.3333",
            "alone_recruitment_per_year": "1500.00",
            "alone_payroll_admin_per_year": "600.00",
            "csrf_token": csrf_token(client, "/gestion/parametres"),
        },
    )
    assert saved.status_code == 200
    assert 'value="1500.00"' in saved.get_data(as_text=True)
    ge = admin.get("/api/v1/groupement").get_json()
    assert (
        ge["alone_minimum_percent"],
        ge["alone_recruitment_per_year"],
        ge["alone_payroll_admin_per_year"],
    ) == ("33.3333", "1500.00", "600.00")


def test_a_member_user_reads_its_own_comparison_only(
    admin: Any, as_user: Any, world: World
) -> None:
    issued_may(admin)
    own, other = world.member_ids_a[0], world.member_ids_a[1]
    member = as_user("member_a0")
    response = alone_of(member, own)
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["workers"]
    # Another member's, or a member of another GE: not found.
    assert alone_of(member, other).status_code == 404
    assert alone_of(as_user("admin_b"), own).status_code == 404
    assert alone_of(admin, 999_999).status_code == 404
    # No other member's name in what it reads.
    names = {m["id"]: m["name"] for m in admin.get("/api/v1/members/").get_json()}
    text = response.get_data(as_text=True)
    assert names[own] in text
    assert not [name for ident, name in names.items() if ident != own and name in text]


def test_a_credit_note_is_taken_off_what_the_member_paid(admin: Any, world: World) -> None:
    invoices = issued_may(admin)
    invoice = invoices[0]
    member_id = invoice["member_id"]
    staff = next(line for line in invoice["lines"] if line["kind"] == "staff")
    before = alone_of(admin, member_id).get_json()
    credit = admin.post(
        f"/api/v1/invoices/{invoice['id']}/credit-notes",
        json={"reason": "Heures en trop", "lines": [{"line_id": staff["id"], "amount": "100.00"}]},
    )
    assert credit.status_code == 201, credit.get_json()
    after = alone_of(admin, member_id).get_json()
    assert money(after["paid"]) == money(before["paid"]) - 100
    assert money(after["alone"]) == money(before["alone"])
    worker = next(w for w in after["workers"] if w["worker_id"] == staff["worker_id"])
    was = next(w for w in before["workers"] if w["worker_id"] == staff["worker_id"])
    assert money(worker["paid"]) == money(was["paid"]) - 100
    assert worker["received_hours"] == was["received_hours"]
