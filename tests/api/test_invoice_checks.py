"""The invoice rules on the issue path: the demo's months pass them, a broken invoice is
refused with 409 and nothing written, and the compliance report shows the numbering."""

from datetime import date
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

import legal_rules.invoices as rules
from app.demo import ADMIN_EMAIL
from app.models import Groupement, Invoice, NumberCounter
from app.models.enums import DocumentKind, RunStatus, VatMode, VatTreatment
from app.services import billing, invoice_checks
from legal_rules.invoices import check_invoices
from tests.conftest import World
from tests.helpers import arranging, assert_error_shape, database_state, signed_in

# The demo's months that differ: a contract starting on the 5th (January), another on
# the 1st (March), three public holidays (May), a replacement day (August), sickness,
# leave, training and extra hours (November).
DEMO_MONTHS = ["2026-01", "2026-03", "2026-05", "2026-08", "2026-11"]


def _draft(api: Any, period: str) -> dict[str, Any]:
    response = api.post("/api/v1/billing-runs/", json={"period": period})
    assert response.status_code == 201, response.get_json()
    return response.get_json()  # type: ignore[no-any-return]


def _issue(api: Any, run: dict[str, Any], day: str) -> Any:
    return api.post(f"/api/v1/billing-runs/{run['id']}/issue", json={"issue_date": day})


def _next_month_second(period: str) -> str:
    year, month = (int(part) for part in period.split("-"))
    return date(year + month // 12, month % 12 + 1, 2).isoformat()


def test_the_pure_rules_read_the_apps_stored_values() -> None:
    assert VatMode.COST_SHARING.value == rules.COST_SHARING
    assert VatTreatment.EXEMPT_44_2BIS.value == rules.EXEMPT_44_2BIS
    assert tuple(k.value for k in DocumentKind) == (rules.INVOICE, rules.CREDIT_NOTE)
    # The mention credit notes printed before it was worded in the buyer's language.
    assert rules.worded(rules.VAT_REPAYMENT_MENTION, "fr") == billing.FRENCH_VAT_REPAYMENT_MENTION


def test_the_demo_months_issued_and_credited_pass_every_invoice_rule(
    admin: Any, session: Session, world: World
) -> None:
    for period in DEMO_MONTHS:
        response = _issue(admin, _draft(admin, period), _next_month_second(period))
        assert response.status_code == 200, response.get_json()
        assert not [f for f in response.get_json()["findings"] if f["rule_id"] == "BILL-MARGIN-44"]
    march = admin.get("/api/v1/invoices/?period=2026-03").get_json()
    taxed = next(i for i in march if i["vat_total"] != "0.00")
    exempt = next(i for i in march if i["vat_total"] == "0.00")
    line = taxed["lines"][0]
    for invoice, body in (
        (
            taxed,
            {"reason": "Heures en trop", "lines": [{"line_id": line["id"], "amount": "10.00"}]},
        ),
        (exempt, {"reason": "Annulation"}),
    ):
        response = admin.post(
            f"/api/v1/invoices/{invoice['id']}/credit-notes",
            json=body | {"issue_date": "2026-12-03"},
        )
        assert response.status_code == 201, response.get_json()
    groupement = session.get_one(Groupement, world.ge_a)
    issued = session.scalars(
        select(Invoice).where(
            Invoice.groupement_id == world.ge_a, Invoice.status == RunStatus.ISSUED
        )
    ).all()
    assert len(issued) == 4 * len(DEMO_MONTHS) + 2
    batch = invoice_checks.batch_of(session, groupement, issued)
    assert {s.series for s in batch.series} == {"F", "NC"}
    assert check_invoices(batch) == []
    report = admin.get("/api/v1/compliance?from=2026-01-01&to=2026-12-31").get_json()
    assert not [f for f in report["findings"] if f["rule_id"].startswith(("INV-", "BILL-"))]


def test_a_member_taxed_since_the_draft_refuses_the_issue_and_nothing_is_written(
    admin: Any, session: Session, world: World
) -> None:
    run = _draft(admin, "2026-05")
    marolles = world.member_ids_a[0]  # exempt under art. 44 §2bis in the draft
    changed = admin.patch(f"/api/v1/members/{marolles}", json={"vat_treatment": "standard"})
    assert changed.status_code == 200, changed.get_json()
    before = database_state(session)
    body = assert_error_shape(_issue(admin, run, "2026-06-03"), 409)
    (finding,) = body["errors"]["findings"]
    assert finding["rule_id"] == "INV-VAT-REGIME" and finding["severity"] == "blocking"
    assert {"kind": "member", "id": marolles} in finding["subjects"]
    assert "au lieu de S à 21 %" in finding["messages"]["fr"]
    assert database_state(session) == before
    assert session.scalars(select(NumberCounter)).all() == []


def test_an_invalid_structured_communication_refuses_the_issue_and_the_credit_note(
    admin: Any, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = _draft(admin, "2026-05")
    real = billing.structured_communication
    monkeypatch.setattr(billing, "structured_communication", lambda *_a: "+++000/0000/00000+++")
    before = database_state(session)
    body = assert_error_shape(_issue(admin, run, "2026-06-03"), 409)
    assert {f["rule_id"] for f in body["errors"]["findings"]} == {"INV-OGM"}
    assert len(body["errors"]["findings"]) == len(run["invoices"])
    assert database_state(session) == before
    monkeypatch.setattr(billing, "structured_communication", real)
    invoice = _issue(admin, run, "2026-06-03").get_json()["invoices"][0]
    monkeypatch.setattr(billing, "structured_communication", lambda *_a: "+++000/0000/00000+++")
    before = database_state(session)
    refused = admin.post(f"/api/v1/invoices/{invoice['id']}/credit-notes", json={"reason": "x"})
    assert [f["rule_id"] for f in assert_error_shape(refused, 409)["errors"]["findings"]] == [
        "INV-OGM"
    ]
    assert database_state(session) == before


def test_a_number_skipped_refuses_the_issue_and_the_report_shows_an_old_gap(
    app: Flask,
    admin: Any,
    session: Session,
    world: World,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    may = _draft(admin, "2026-05")
    real = billing.next_number
    monkeypatch.setattr(billing, "next_number", lambda *a: real(*a) + 1)
    before = database_state(session)
    body = assert_error_shape(_issue(admin, may, "2026-06-03"), 409)
    assert {f["rule_id"] for f in body["errors"]["findings"]} == {"INV-NUM-SEQ"}
    assert "manquant" in body["errors"]["findings"][0]["messages"]["fr"]
    assert database_state(session) == before
    monkeypatch.setattr(billing, "next_number", real)
    assert _issue(admin, may, "2026-06-03").status_code == 200
    # A number lost some other way (a counter moved by hand): the next issue is refused,
    # and the report of its days shows the gap.
    with arranging(session, world.ge_a):
        counter = session.scalars(select(NumberCounter)).one()
        counter.last_number += 1
    session.commit()
    june = _draft(admin, "2026-06")
    body = assert_error_shape(_issue(admin, june, "2026-07-02"), 409)
    (finding,) = body["errors"]["findings"]
    assert finding["rule_id"] == "INV-NUM-SEQ"
    assert "numéro 5 manquant" in finding["messages"]["fr"]
    report = admin.get("/api/v1/compliance?from=2026-06-01&to=2026-06-30").get_json()
    (reported,) = [f for f in report["findings"] if f["rule_id"] == "INV-NUM-SEQ"]
    assert reported["severity"] == "blocking" and "numéro 5 manquant" in reported["message"]
    # The compliance page shows what the API report shows.
    page = signed_in(app, ADMIN_EMAIL).get("/gestion/conformite?from=2026-06-01&to=2026-06-30")
    assert "numéro 5 manquant" in page.get_data(as_text=True)


def test_a_management_fee_beyond_the_recorded_costs_is_a_warning_on_the_issued_run(
    admin: Any,
) -> None:
    overhead = {"period": "2026-05", "label": "Secrétariat social", "amount": "300.00"}
    assert admin.post("/api/v1/overheads/", json=overhead).status_code == 201
    fee = {"management_fee_mode": "per_hour", "management_fee_per_hour": "0.50"}
    assert admin.patch("/api/v1/groupement", json=fee).status_code == 200
    run = _draft(admin, "2026-05")
    fees = run["reconciliation"]["fees"]
    response = _issue(admin, run, "2026-06-03")
    assert response.status_code == 200, response.get_json()
    (warning,) = [f for f in response.get_json()["findings"] if f["rule_id"] == "BILL-MARGIN-44"]
    assert warning["severity"] == "warning"
    assert f"({fees.replace('.', ',')}\xa0€)" in warning["messages"]["fr"]
    assert "frais généraux facturés (300,00\xa0€)" in warning["messages"]["fr"]
    assert "enregistrés pour le mois (300,00\xa0€)" in warning["messages"]["fr"]
