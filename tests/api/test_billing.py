"""Monthly billing through the API: drafts, issue, credit notes, complements, INV-LOCK."""

from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from stdnum.be import ogm_vcs

from app.models import Invoice, NumberCounter, Worker
from app.services import billing
from legal_rules.invoices import EXEMPTION_MENTION, worded
from tests.conftest import World
from tests.helpers import arranging, assert_error_shape, database_state


def _draft(api: Any, period: str = "2026-05") -> dict[str, Any]:
    response = api.post("/api/v1/billing-runs/", json={"period": period})
    assert response.status_code == 201, response.get_json()
    return response.get_json()  # type: ignore[no-any-return]


def _issue(api: Any, run: dict[str, Any], day: str = "2026-06-03") -> dict[str, Any]:
    response = api.post(f"/api/v1/billing-runs/{run['id']}/issue", json={"issue_date": day})
    assert response.status_code == 200, response.get_json()
    return response.get_json()  # type: ignore[no-any-return]


def test_a_draft_reconciles_to_the_cent_and_applies_vat_by_member(admin: Any) -> None:
    run = _draft(admin)
    assert run["kind"] == "regular" and run["status"] == "draft"
    reconciliation = run["reconciliation"]
    assert reconciliation["balanced"] is True
    assert Decimal(reconciliation["members_total"]) == Decimal(reconciliation["workers_cost"])
    for worker in run["workers"]:
        assert sum(Decimal(m["share"]) for m in worker["members"]) == Decimal(worker["total"])
    by_member = {m["member_id"]: m for m in run["members"]}
    invoices = {i["member_id"]: i for i in run["invoices"]}
    for member_id, invoice in invoices.items():
        assert invoice["status"] == "draft" and invoice["reference"] is None
        language = admin.get(f"/api/v1/members/{member_id}").get_json()["language"]
        exempt = invoice["mentions"] == [worded(EXEMPTION_MENTION, language)]
        expected_vat = (
            Decimal("0.00")
            if exempt
            else (Decimal(invoice["lines_total"]) * Decimal("0.21")).quantize(Decimal("0.01"))
        )
        assert Decimal(invoice["vat_total"]) == expected_vat
        assert Decimal(invoice["total"]) == Decimal(by_member[member_id]["total"])
    assert sum(1 for i in invoices.values() if i["mentions"]) == 2  # the two exempt ASBLs


def test_sophie_in_may_2026_is_split_by_her_schedule(admin: Any, session: Session) -> None:
    """Sophie Lambert, 38 h: Marolles Mon+Tue, Cyclo Wed, Buurthuis Thu, Éducation Fri,
    7.6 h a day. May 2026: Marolles works 3 Mondays (25 May is a holiday) and 4 Tuesdays,
    53.2 h; the 4 holiday days (1, 14, 25 May and none else on her days) pay 30.4 h, shared
    15.2:7.6:7.6:7.6 by her week: Marolles 12.16 h... 9.12 h of which fall to it."""
    sophie = session.scalars(select(Worker.id).where(Worker.first_name == "Sophie")).one()
    run = _draft(admin)
    (row,) = [w for w in run["workers"] if w["worker_id"] == sophie]
    hours = {m["member_id"]: (m["worked_hours"], m["paid_absence_hours"]) for m in row["members"]}
    assert sorted(hours.values()) == sorted(
        [("53.20", "9.12"), ("30.40", "4.56"), ("22.80", "4.56"), ("30.40", "4.56")]
    )
    # 3450.00 gross; 32.40 % 1117.80; 18.20 % 627.90; 8.33 % 287.385 -> 287.39; 1 % 34.50;
    # 95/12 = 7.916… -> 7.92; 18 days worked * 8.91 = 160.38: 5685.89.
    assert row["total"] == "5685.89" and row["meal_vouchers"] == "160.38"


def test_a_new_draft_replaces_the_months_earlier_one(admin: Any, session: Session) -> None:
    first = _draft(admin)
    second = _draft(admin)
    assert first["id"] != second["id"]
    assert_error_shape(admin.get(f"/api/v1/billing-runs/{first['id']}"), 404)
    drafts = admin.get("/api/v1/billing-runs/?period=2026-05").get_json()
    assert [r["id"] for r in drafts] == [second["id"]]


def test_issuing_numbers_the_invoices_consecutively_with_valid_communications(admin: Any) -> None:
    may = _issue(admin, _draft(admin))
    june = _issue(admin, _draft(admin, "2026-06"), "2026-07-02")
    references = [i["reference"] for i in may["invoices"] + june["invoices"]]
    assert references == [f"F2026-{n:05d}" for n in range(1, 9)]
    for invoice in may["invoices"]:
        assert invoice["status"] == "issued" and invoice["issue_date"] == "2026-06-03"
        assert invoice["due_date"] == "2026-07-03"  # 30 days
        communication = invoice["payment_reference"]
        assert communication.startswith("+++") and communication.endswith("+++")
        assert ogm_vcs.is_valid(communication.strip("+"))


def test_an_issued_run_is_frozen(admin: Any, session: Session) -> None:
    run = _issue(admin, _draft(admin))
    before = database_state(session)
    body = assert_error_shape(admin.post(f"/api/v1/billing-runs/{run['id']}/issue", json={}), 409)
    assert "INV-LOCK" in body["message"]
    assert_error_shape(admin.delete(f"/api/v1/billing-runs/{run['id']}"), 409)
    for method in ("patch", "delete", "put"):
        response = getattr(admin, method)(f"/api/v1/invoices/{run['invoices'][0]['id']}", json={})
        assert response.status_code == 405
    assert database_state(session) == before


def test_a_change_to_an_issued_month_is_refused_and_elsewhere_accepted(
    admin: Any, session: Session, world: World
) -> None:
    _issue(admin, _draft(admin))
    sophie = session.scalars(select(Worker.id).where(Worker.first_name == "Sophie")).one()
    before = database_state(session)
    in_may = {
        "worker_id": sophie,
        "day": "2026-05-12",
        "hours": "1",
        "kind": "extra_hours",
        "member_id": world.member_ids_a[0],
    }
    body = assert_error_shape(admin.post("/api/v1/day-entries/", json=in_may), 409)
    assert body["errors"]["months"] == ["2026-05"]
    contract = admin.get(f"/api/v1/contracts/?worker_id={sophie}").get_json()[0]
    raise_ = admin.patch(f"/api/v1/contracts/{contract['id']}", json={"monthly_gross": "3600.00"})
    assert_error_shape(raise_, 409)
    assert database_state(session) == before
    in_june = in_may | {"day": "2026-06-09"}
    assert admin.post("/api/v1/day-entries/", json=in_june).status_code == 201


def test_credit_notes_whole_and_partial_then_a_complement(admin: Any) -> None:
    run = _issue(admin, _draft(admin))
    invoice = run["invoices"][1]  # a member at 21 %
    line = invoice["lines"][0]
    partial = admin.post(
        f"/api/v1/invoices/{invoice['id']}/credit-notes",
        json={"reason": "Heures en trop", "lines": [{"line_id": line["id"], "amount": "100.00"}]},
    )
    assert partial.status_code == 201
    note = partial.get_json()
    assert note["kind"] == "credit_note" and note["reference"] == "NC2026-00001"
    assert note["corrects_id"] == invoice["id"]
    assert (note["lines_total"], note["vat_total"], note["total"]) == ("100.00", "21.00", "121.00")
    assert "TVA à reverser à l'État" in note["mentions"][-1]
    too_much = admin.post(
        f"/api/v1/invoices/{invoice['id']}/credit-notes",
        json={"reason": "x", "lines": [{"line_id": line["id"], "amount": line["amount"]}]},
    )
    assert_error_shape(too_much, 422)
    rest = admin.post(
        f"/api/v1/invoices/{invoice['id']}/credit-notes", json={"reason": "Annulation"}
    )
    assert rest.get_json()["reference"] == "NC2026-00002"
    assert Decimal(rest.get_json()["lines_total"]) == Decimal(invoice["lines_total"]) - 100
    complement = _draft(admin)
    assert complement["kind"] == "complement"
    assert [(i["member_id"], i["lines_total"]) for i in complement["invoices"]] == [
        (invoice["member_id"], invoice["lines_total"])
    ]


def test_imported_payroll_wins_and_overhead_and_fees_are_shared(
    admin: Any, session: Session
) -> None:
    sophie = session.scalars(select(Worker.id).where(Worker.first_name == "Sophie")).one()
    payroll = {
        "worker_id": sophie,
        "period": "2026-05",
        "gross": "3450.00",
        "employer_contributions": "1050.12",
        "holiday_provision": "627.90",
        "year_end_provision": "287.39",
        "other": "120.00",
    }
    assert admin.post("/api/v1/payroll-costs/", json=payroll).status_code == 201
    assert (
        admin.post(
            "/api/v1/overheads/",
            json={"period": "2026-05", "label": "Secrétariat social", "amount": "1000.00"},
        ).status_code
        == 201
    )
    admin.patch(
        "/api/v1/groupement",
        json={"management_fee_mode": "per_hour", "management_fee_per_hour": "0.50"},
    )
    run = _draft(admin)
    (row,) = [w for w in run["workers"] if w["worker_id"] == sophie]
    assert row["imported"] is True and row["total"] == "5535.41"
    reconciliation = run["reconciliation"]
    assert reconciliation["overhead"] == "1000.00" and reconciliation["balanced"] is True
    assert Decimal(reconciliation["fees"]) > 0
    assert run["parameters"]["management_fee_mode"] == "per_hour"


def test_a_month_breaking_a_blocking_rule_cannot_be_drafted(admin: Any, session: Session) -> None:
    from app.models import Contract

    contract = session.scalars(select(Contract)).first()
    assert contract is not None
    with arranging(session, contract.groupement_id):
        contract.weekly_hours = Decimal("18")  # as an import would have it
    session.commit()
    before = database_state(session)
    body = assert_error_shape(admin.post("/api/v1/billing-runs/", json={"period": "2026-05"}), 409)
    assert "GE-HOURS-19" in {f["rule_id"] for f in body["errors"]["findings"]}
    assert database_state(session) == before


def test_members_see_their_own_issued_invoices_only(as_user: Any, world: World) -> None:
    admin = as_user("admin_a")
    draft = _draft(admin)
    member = as_user("member_a1")
    assert member.get("/api/v1/invoices/").get_json() == []  # drafts are the GE's
    assert_error_shape(member.get("/api/v1/billing-runs/"), 403)
    run = _issue(admin, draft)
    own = member.get("/api/v1/invoices/").get_json()
    assert {i["member_id"] for i in own} == {world.member_ids_a[1]}
    for invoice in run["invoices"]:
        if invoice["member_id"] != world.member_ids_a[1]:
            assert_error_shape(member.get(f"/api/v1/invoices/{invoice['id']}"), 404)
    assert as_user("admin_b").get("/api/v1/invoices/").get_json() == []
    for invoice in run["invoices"]:
        assert_error_shape(as_user("admin_b").get(f"/api/v1/invoices/{invoice['id']}"), 404)
    assert_error_shape(as_user("admin_b").get(f"/api/v1/billing-runs/{run['id']}"), 404)


def test_a_failure_halfway_through_issuing_consumes_no_number(
    admin: Any, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = _draft(admin)
    real = billing.number_document
    calls = []

    def fail_on_the_third(*args: Any, **kwargs: Any) -> None:
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        real(*args, **kwargs)

    monkeypatch.setattr(billing, "number_document", fail_on_the_third)
    before = database_state(session)
    response = admin.post(f"/api/v1/billing-runs/{run['id']}/issue", json={})
    assert response.status_code == 500
    assert database_state(session) == before
    assert session.scalars(select(NumberCounter)).all() == []
    assert {i.status.value for i in session.scalars(select(Invoice))} == {"draft"}
    monkeypatch.setattr(billing, "number_document", real)
    issued = _issue(admin, run)
    assert issued["invoices"][0]["reference"] == "F2026-00001"


# -- found in review -------------------------------------------------------------------


def test_a_draft_the_data_moved_away_from_cannot_be_issued(
    admin: Any, session: Session, world: World
) -> None:
    run = _draft(admin)
    sophie = session.scalars(select(Worker.id).where(Worker.first_name == "Sophie")).one()
    extra = {
        "worker_id": sophie,
        "day": "2026-05-12",
        "hours": "1",
        "kind": "extra_hours",
        "member_id": world.member_ids_a[1],
    }
    assert admin.post("/api/v1/day-entries/", json=extra).status_code == 201
    before = database_state(session)
    body = assert_error_shape(admin.post(f"/api/v1/billing-runs/{run['id']}/issue", json={}), 409)
    assert "nouveau brouillon" in body["message"]
    assert database_state(session) == before
    assert (
        admin.post(f"/api/v1/billing-runs/{_draft(admin)['id']}/issue", json={}).status_code == 200
    )


def test_issue_dates_follow_the_months_the_series_and_the_invoices(admin: Any) -> None:
    may = _draft(admin)
    early = admin.post(f"/api/v1/billing-runs/{may['id']}/issue", json={"issue_date": "2026-05-20"})
    assert "après la fin du mois" in str(assert_error_shape(early, 422)["errors"])
    _issue(admin, may, "2026-07-05")
    june = _draft(admin, "2026-06")
    back = admin.post(f"/api/v1/billing-runs/{june['id']}/issue", json={"issue_date": "2026-07-01"})
    assert "antérieure à la dernière" in str(assert_error_shape(back, 422)["errors"])
    note = admin.post(
        f"/api/v1/invoices/{may['invoices'][0]['id']}/credit-notes",
        json={"reason": "x", "issue_date": "2026-07-04"},
    )
    assert "précéder" in str(assert_error_shape(note, 422)["errors"])


def test_an_issued_document_keeps_the_parties_it_was_issued_to(admin: Any) -> None:
    run = _issue(admin, _draft(admin))
    invoice = run["invoices"][0]
    admin.patch(f"/api/v1/members/{invoice['member_id']}", json={"name": "Nouveau Nom ASBL"})
    xml = admin.get(f"/api/v1/invoices/{invoice['id']}/ubl").get_data(as_text=True)
    assert "Nouveau Nom ASBL" not in xml
    assert (
        run["members"][0]["member"].replace("'", "&apos;") in xml
        or run["members"][0]["member"] in xml
    )


def test_a_cost_no_hour_can_carry_refuses_the_month(admin: Any, session: Session) -> None:
    from tests.factories import contract_payload, worker_payload

    worker = admin.post("/api/v1/workers/", json=worker_payload()).get_json()
    admin.post("/api/v1/contracts/", json=contract_payload(worker["id"], starts_on="2026-05-01"))
    before = database_state(session)
    body = assert_error_shape(admin.post("/api/v1/billing-runs/", json={"period": "2026-05"}), 409)
    (finding,) = [f for f in body["errors"]["findings"] if f["rule_id"] == "BILL-SPLIT-100"]
    assert "100 %" in finding["message"] and worker["last_name"] in finding["message"]
    assert database_state(session) == before


def test_a_ge_billing_vat_without_a_vat_number_cannot_draft(admin: Any, session: Session) -> None:
    admin.patch("/api/v1/groupement", json={"vat_number": None})
    body = assert_error_shape(admin.post("/api/v1/billing-runs/", json={"period": "2026-05"}), 422)
    assert "numéro de TVA" in body["errors"]["vat_number"][0]


def test_a_credited_month_can_be_corrected_and_billed_again(
    admin: Any, session: Session, world: World
) -> None:
    run = _issue(admin, _draft(admin))
    sophie = session.scalars(select(Worker.id).where(Worker.first_name == "Sophie")).one()
    extra = {
        "worker_id": sophie,
        "day": "2026-05-12",
        "hours": "1",
        "kind": "extra_hours",
        "member_id": world.member_ids_a[1],
    }
    assert admin.post("/api/v1/day-entries/", json=extra).status_code == 409  # locked
    invoice = next(i for i in run["invoices"] if i["member_id"] == world.member_ids_a[1])
    admin.post(f"/api/v1/invoices/{invoice['id']}/credit-notes", json={"reason": "Heures oubliées"})
    assert admin.post("/api/v1/day-entries/", json=extra).status_code == 201  # reopened
    complement = _draft(admin)
    assert complement["kind"] == "complement"
    line = complement["invoices"][0]["lines"][0]
    assert line["description"].startswith("Complément 05/2026") and line["worked_hours"] == "0.00"


def test_control_characters_and_markup_never_break_a_document(admin: Any) -> None:
    assert_error_shape(admin.post("/api/v1/members/", json={"name": "A\x0bB"}), 422)
    run = _issue(admin, _draft(admin))
    note = admin.post(
        f"/api/v1/invoices/{run['invoices'][0]['id']}/credit-notes",
        json={"reason": "Heures <b>en trop</b> & co"},
    ).get_json()
    assert admin.get(f"/api/v1/invoices/{note['id']}/pdf").status_code == 200


def test_a_runs_warnings_read_in_the_readers_language(as_user: Any) -> None:
    """A run keeps the warnings of its month in the three languages; each reader reads
    them in theirs, not in the language of whoever drafted it (a Dutch reader here)."""
    dutch = as_user("admin_a", language="nl")
    run = _draft(dutch, "2026-11")
    warning = next(f for f in run["findings"] if f["rule_id"] == "WT-DAY-8H")
    assert "gepland voor Karim El Amrani" in warning["message"]
    for language, words, basis in (
        ("fr", "prévues pour Karim El Amrani", "Loi du 16 mars 1971"),
        ("en", "planned for Karim El Amrani", "Labour Act of 16 March 1971"),
    ):
        read = as_user("admin_a", language=language).get(f"/api/v1/billing-runs/{run['id']}")
        found = next(f for f in read.get_json()["findings"] if f["rule_id"] == "WT-DAY-8H")
        assert words in found["message"] and found["reference"].startswith(basis), found
