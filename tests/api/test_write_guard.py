"""With May 2026 issued, every write route of the API and every web form is sent a valid
change: the bill of May (its issued documents, byte for byte, and what the month
computes to) is the same afterwards, and each route answers 409 INV-LOCK or changes
nothing May bills. A write route missing from the tables below fails the test: a new
route is tried the day it is added."""

import re
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import db
from app.demo import ADMIN_EMAIL
from app.models import Groupement, Invoice
from app.models.enums import DocumentKind, RunStatus
from app.services import billing, documents
from exports.templates import PAYROLL_COLUMNS, SCHEDULE_COLUMNS
from exports.ubl import document_xml
from tests.api.test_imports import upload
from tests.bankfiles import Movement, coda_file
from tests.conftest import World
from tests.helpers import csrf_token, signed_in, upload_file
from tests.workbooks import workbook

MAY = date(2026, 5, 1)
JUNE = date(2026, 6, 20)
GE_IBAN = "BE21001234567803"
WRITES = {"POST", "PUT", "PATCH", "DELETE"}


class Ids:
    """The demo's records a change names, read through the API as a client would."""

    def __init__(self, admin: Any, world: World) -> None:
        assignments = admin.get("/api/v1/assignments/?page_size=500").get_json()
        in_may = [a for a in assignments if a["starts_on"] <= "2026-05-31" and a["slots"]]
        self.assignment = in_may[0]
        self.contract = admin.get(f"/api/v1/contracts/{self.assignment['contract_id']}").get_json()
        self.worker = self.contract["worker_id"]
        self.member = self.assignment["member_id"]
        self.members = world.member_ids_a
        self.day_entry = admin.get("/api/v1/day-entries/").get_json()[0]["id"]
        self.derogation = admin.get("/api/v1/derogations/").get_json()[0]["id"]
        self.debt = admin.get("/api/v1/liability/debts/").get_json()[0]["id"]
        self.payment = admin.get("/api/v1/liability/payments/").get_json()[0]["id"]
        self.replacement = admin.get("/api/v1/replacement-days/").get_json()[0]["id"]
        june = {"period": "2026-06"}
        self.overhead = admin.post(
            "/api/v1/overheads/", json=june | {"label": "Loyer", "amount": "300.00"}
        ).get_json()["id"]
        self.payroll = admin.post(
            "/api/v1/payroll-costs/", json=june | self.payroll_row()
        ).get_json()["id"]
        self.may_invoice = admin.get("/api/v1/invoices/?period=2026-05").get_json()[0]["id"]
        self.may_run = admin.get("/api/v1/billing-runs/?period=2026-05").get_json()[0]["id"]
        draft = admin.post("/api/v1/billing-runs/", json={"period": "2026-06"}).get_json()
        self.june_run = draft["id"]
        self.token = admin.post("/api/v1/tokens/", json={"name": "essai"}).get_json()["id"]
        self.worker_name = "{last_name} {first_name}".format(
            **admin.get(f"/api/v1/workers/{self.worker}").get_json()
        )
        self.member_name = admin.get(f"/api/v1/members/{self.member}").get_json()["name"]
        self.fee_change = fee_change(admin)
        # A credit of June nobody is named for: it waits in the bank queue.
        stranger = Movement(Decimal("75.00"), "Virement", False, "BE68539007547034", "X", JUNE)
        upload_file(
            admin, "/api/v1/bank/statements", coda_file(GE_IBAN, [stranger], day=JUNE), "a.cod"
        )
        self.bank_line = admin.get("/api/v1/bank/lines").get_json()[-1]["id"]
        self.mandate = admin.post(
            "/api/v1/mandates/",
            json={
                "member_id": self.member,
                "reference": "MANDAT-1",
                "signed_on": "2026-05-02",
                "iban": "BE71096123456769",
            },
        ).get_json()["id"]
        self.rate = admin.post(
            "/api/v1/late-interest-rates/",
            json={"starts_on": "2026-01-01", "ends_on": "2026-06-30", "percent": "12.00"},
        ).get_json()["id"]
        self.profile = admin.post(
            "/api/v1/secretariat-profiles/", json={"name": "Secrétariat", "is_default": True}
        ).get_json()["id"]

    def payroll_row(self) -> dict[str, Any]:
        return {
            "worker_id": self.worker,
            "gross": "2900.00",
            "employer_contributions": "800.00",
            "holiday_provision": "400.00",
            "year_end_provision": "240.00",
            "other": "0.00",
        }


def fee_change(admin: Any) -> dict[str, str]:
    """A management fee where May billed none (the demo bills no fee)."""
    ge = admin.get("/api/v1/groupement").get_json()
    if ge["management_fee_mode"] == "per_hour":
        return {"management_fee_per_hour": "9.99"}
    return {"management_fee_mode": "per_hour", "management_fee_per_hour": "1.50"}


def _sickness_in_may(ids: Ids) -> dict[str, Any]:
    return {
        "worker_id": ids.worker,
        "day": _planned_day(ids),
        "member_id": ids.member,
        "hours": "1",
        "kind": "sickness",
    }


def _planned_day(ids: Ids) -> str:
    """A weekday of May 2026 on which the assignment plans hours (4 May is a Monday)."""
    weekday = min(slot["weekday"] for slot in ids.assignment["slots"])
    return f"2026-05-{4 + 7 + weekday:02d}"


# Each API write route: the change sent, and whether it must be INV-LOCK (True), may be
# anything that leaves May's bill alone (None).
API_CHANGES: dict[tuple[str, str], Any] = {
    ("POST", "/api/v1/assignments/"): lambda ids: (
        {
            "contract_id": ids.contract["id"],
            "member_id": ids.members[-1],
            "starts_on": "2026-05-01",
            "ends_on": "2026-05-31",
            "slots": [{"weekday": 5, "starts_at": "09:00", "ends_at": "10:00"}],
        },
        True,
    ),
    ("PATCH", "/api/v1/assignments/<id>"): lambda ids: (
        ids.assignment["id"],
        {"starts_on": "2026-05-18"},
        True,
    ),
    ("DELETE", "/api/v1/assignments/<id>"): lambda ids: (ids.assignment["id"], None, True),
    ("POST", "/api/v1/assignments/versions"): lambda ids: (
        {
            "contract_id": ids.contract["id"],
            "starts_on": "2026-05-18",
            "members": [{"member_id": ids.member, "slots": ids.assignment["slots"]}],
        },
        True,
    ),
    ("POST", "/api/v1/contracts/"): lambda ids: (
        {
            "worker_id": ids.worker,
            "starts_on": "2030-01-01",
            "weekly_hours": "19",
            "contract_type": "open_ended",
            "joint_committee": "329.02",
            "monthly_gross": "2000.00",
        },
        None,
    ),
    ("PATCH", "/api/v1/contracts/<id>"): lambda ids: (
        ids.contract["id"],
        {"monthly_gross": "3999.00"},
        True,
    ),
    ("DELETE", "/api/v1/contracts/<id>"): lambda ids: (ids.contract["id"], None, None),
    ("POST", "/api/v1/day-entries/"): lambda ids: (_sickness_in_may(ids), True),
    ("PATCH", "/api/v1/day-entries/<id>"): lambda ids: (
        ids.day_entry,
        {
            "day": _planned_day(ids),
            "worker_id": ids.worker,
            "member_id": ids.member,
            "hours": "1",
        },
        True,
    ),
    ("DELETE", "/api/v1/day-entries/<id>"): lambda ids: (ids.day_entry, None, None),
    ("POST", "/api/v1/derogations/"): lambda ids: (
        {
            "rule_id": "WT-NIGHT",
            "kind": "cct",
            "reference": "CCT de nuit",
            "starts_on": "2026-05-01",
            "ends_on": "2026-05-31",
        },
        None,
    ),
    ("PATCH", "/api/v1/derogations/<id>"): lambda ids: (
        ids.derogation,
        {"reference": "CCT révisée"},
        None,
    ),
    ("DELETE", "/api/v1/derogations/<id>"): lambda ids: (ids.derogation, None, None),
    ("PATCH", "/api/v1/groupement"): lambda ids: (ids.fee_change, True),
    ("PUT", "/api/v1/groupement/cost-parameters/<year>"): lambda ids: (
        2026,
        {
            "employer_contribution_percent": "30.0000",
            "holiday_pay_percent": "15.6700",
            "year_end_bonus_percent": "8.3300",
            "accident_insurance_percent": "1.0000",
            "prevention_service_per_year": "120.00",
            "meal_voucher_employer_part": "6.91",
        },
        True,
    ),
    ("POST", "/api/v1/imports/payroll-costs"): lambda ids: (
        ("payroll", [[ids.worker_name, "2026-05", 3000, 900, 400, 250, 0]]),
        True,
    ),
    ("POST", "/api/v1/imports/schedules"): lambda ids: (
        (
            "schedules",
            [[ids.worker_name, ids.member_name, "samedi", "09:00", "10:00", "2026-05-01", ""]],
        ),
        True,
    ),
    ("POST", "/api/v1/invoices/<id>/credit-notes"): lambda ids: (
        ids.may_invoice,
        {"reason": "Erreur d'heures"},
        None,
    ),
    ("POST", "/api/v1/billing-runs/"): lambda ids: ({"period": "2026-05"}, None),
    ("DELETE", "/api/v1/billing-runs/<id>"): lambda ids: (ids.june_run, None, None),
    ("POST", "/api/v1/billing-runs/<id>/issue"): lambda ids: (
        ids.june_run,
        {"issue_date": "2026-07-02"},
        None,
    ),
    ("POST", "/api/v1/liability/debts/"): lambda ids: (
        {
            "kind": "onss",
            "period_start": "2026-04-01",
            "period_end": "2026-06-30",
            "amount": "1000.00",
            "due_on": "2026-07-31",
        },
        None,
    ),
    ("PATCH", "/api/v1/liability/debts/<id>"): lambda ids: (ids.debt, {"amount": "20000.00"}, None),
    ("DELETE", "/api/v1/liability/debts/<id>"): lambda ids: (ids.debt, None, None),
    ("POST", "/api/v1/liability/payments/"): lambda ids: (
        {"debt_id": ids.debt, "paid_on": "2026-11-02", "amount": "10.00"},
        None,
    ),
    ("PATCH", "/api/v1/liability/payments/<id>"): lambda ids: (
        ids.payment,
        {"amount": "11.00"},
        None,
    ),
    ("DELETE", "/api/v1/liability/payments/<id>"): lambda ids: (ids.payment, None, None),
    ("POST", "/api/v1/members/"): lambda ids: (
        {
            "name": "Nouveau Membre ASBL",
            "legal_form": "asbl",
            "enterprise_number": "0417497106",
            "street": "Rue Neuve 1",
            "postal_code": "1000",
            "city": "Bruxelles",
            "joined_on": "2026-05-01",
        },
        None,
    ),
    # Joining after the month it was placed in: refused by the law or by INV-LOCK.
    ("PATCH", "/api/v1/members/<id>"): lambda ids: (ids.member, {"joined_on": "2026-05-20"}, None),
    ("DELETE", "/api/v1/members/<id>"): lambda ids: (ids.member, None, None),
    ("POST", "/api/v1/notifications/<id>/read"): None,  # needs a notification: see below
    ("POST", "/api/v1/overheads/"): lambda ids: (
        {"period": "2026-05", "label": "Assurance", "amount": "250.00"},
        True,
    ),
    ("PATCH", "/api/v1/overheads/<id>"): lambda ids: (ids.overhead, {"period": "2026-05"}, True),
    ("DELETE", "/api/v1/overheads/<id>"): lambda ids: (ids.overhead, None, None),
    ("POST", "/api/v1/payroll-costs/"): lambda ids: (
        {"period": "2026-05"} | ids.payroll_row(),
        True,
    ),
    ("PATCH", "/api/v1/payroll-costs/<id>"): lambda ids: (ids.payroll, {"period": "2026-05"}, True),
    ("DELETE", "/api/v1/payroll-costs/<id>"): lambda ids: (ids.payroll, None, None),
    ("POST", "/api/v1/replacement-days/"): lambda ids: (
        {"holiday": "2026-05-25", "replacement": "2026-05-29"},
        True,
    ),
    ("PATCH", "/api/v1/replacement-days/<id>"): lambda ids: (
        ids.replacement,
        {"holiday": "2026-05-14", "replacement": "2026-05-15"},
        True,
    ),
    ("DELETE", "/api/v1/replacement-days/<id>"): lambda ids: (ids.replacement, None, None),
    ("POST", "/api/v1/tokens/"): lambda ids: ({"name": "autre"}, None),
    ("DELETE", "/api/v1/tokens/<id>"): lambda ids: (ids.token, None, None),
    ("POST", "/api/v1/workers/"): lambda ids: ({"first_name": "Zoé", "last_name": "Neuve"}, None),
    ("PATCH", "/api/v1/workers/<id>"): lambda ids: (ids.worker, {"last_name": "Renommé"}, None),
    ("DELETE", "/api/v1/workers/<id>"): lambda ids: (ids.worker, None, None),
    # Getting paid: payments move what is open on May's invoices, never what May bills.
    ("POST", "/api/v1/bank/statements"): lambda ids: (
        coda_file(
            GE_IBAN,
            [Movement(Decimal("100.00"), "Acompte", False, None, "Y", JUNE)],
            day=JUNE,
            statement_number=2,
        ),
        None,
    ),
    ("PUT", "/api/v1/bank/lines/<id>/assignment"): lambda ids: (
        ids.bank_line,
        {"member_id": ids.member, "invoices": [{"invoice_id": ids.may_invoice, "amount": "75.00"}]},
        None,
    ),
    ("DELETE", "/api/v1/bank/lines/<id>/assignment"): lambda ids: (ids.bank_line, None, None),
    ("POST", "/api/v1/bank/lines/<id>/confirmation"): lambda ids: (ids.bank_line, None, None),
    ("POST", "/api/v1/bank/lines/<id>/ignore"): lambda ids: (ids.bank_line, {"note": "x"}, None),
    ("POST", "/api/v1/mandates/"): lambda ids: (
        {
            "member_id": ids.member,
            "reference": "MANDAT-2",
            "signed_on": "2026-05-01",
            "iban": "BE71096123456769",
        },
        None,
    ),
    ("PATCH", "/api/v1/mandates/<id>"): lambda ids: (ids.mandate, {"sequence": "RCUR"}, None),
    ("POST", "/api/v1/billing-runs/<id>/direct-debits"): lambda ids: (
        ids.may_run,
        {"collection_date": "2099-01-15"},
        None,
    ),
    ("DELETE", "/api/v1/mandates/<id>"): lambda ids: (ids.mandate, None, None),
    # Late payment: rates and a note of its own, never a change to an invoice.
    ("POST", "/api/v1/late-interest-rates/"): lambda ids: (
        {"starts_on": "2026-07-01", "ends_on": "2026-12-31", "percent": "12.50"},
        None,
    ),
    ("PATCH", "/api/v1/late-interest-rates/<id>"): lambda ids: (
        ids.rate,
        {"percent": "12.25"},
        None,
    ),
    ("DELETE", "/api/v1/late-interest-rates/<id>"): lambda ids: (ids.rate, None, None),
    ("POST", "/api/v1/accounts/<id>/late-payment-notes"): lambda ids: (
        ids.member,
        {"as_of": "2026-09-01", "with_interest": False},
        None,
    ),
    # A secretariat's layout: read by the prestations export, never by a bill.
    ("POST", "/api/v1/secretariat-profiles/"): lambda ids: (
        {"name": "Autre secrétariat", "separator": ";", "decimal_mark": ","},
        None,
    ),
    ("PATCH", "/api/v1/secretariat-profiles/<id>"): lambda ids: (
        ids.profile,
        {"codes": {"paid_leave": "V01"}},
        None,
    ),
    ("DELETE", "/api/v1/secretariat-profiles/<id>"): lambda ids: (ids.profile, None, None),
    # The annual report recorded as sent: the GE's last year reported, no bill.
    ("POST", "/api/v1/annual-report/<year>/sent"): lambda ids: (2026, None, None),
    # A timesheet marked reviewed (the month's close): a review, never a bill.
    ("POST", "/api/v1/month-close/<year>/reviews"): lambda ids: (
        "2026-05",
        {"worker_id": ids.worker},
        None,
    ),
}


def _route_key(rule: str) -> str:
    return re.sub(
        r"<[^>]*:(\w+)>|<(\w+)>", lambda m: "<id>" if "id" in m.group(0) else "<year>", rule
    )


def _api_write_routes(app: Flask) -> set[tuple[str, str]]:
    return {
        (method, _route_key(rule.rule))
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/")
        for method in rule.methods & WRITES
    }


def test_every_api_write_route_has_a_change_to_try(app: Flask) -> None:
    assert _api_write_routes(app) == set(API_CHANGES)


def may_bill(session: Session, groupement_id: int) -> tuple[object, list[bytes]]:
    """What May bills: the month computed now, and its issued documents rendered."""
    session.expire_all()
    groupement = session.get_one(Groupement, groupement_id)
    computed = billing.compute(session, groupement, MAY).bill()
    issued = session.scalars(
        select(Invoice)
        .where(
            Invoice.groupement_id == groupement_id,
            Invoice.month == MAY,
            Invoice.status == RunStatus.ISSUED,
            Invoice.kind == DocumentKind.INVOICE,
        )
        .order_by(Invoice.id)
    ).all()
    return computed, [document_xml(documents.document(session, invoice)) for invoice in issued]


@pytest.fixture
def may_issued(admin: Any) -> None:
    run = admin.post("/api/v1/billing-runs/", json={"period": "2026-05"}).get_json()
    issued = admin.post(
        f"/api/v1/billing-runs/{run['id']}/issue", json={"issue_date": "2026-06-03"}
    )
    assert issued.status_code == 200, issued.get_json()


def _send(admin: Any, method: str, route: str, change: Any, ids: Ids) -> Any:
    made = change(ids)
    if route == "/api/v1/bank/statements":
        data, lock = made
        return upload_file(admin, route, data, "releve.cod"), lock
    if route.startswith("/api/v1/imports/"):
        (kind, rows), _lock = made
        columns = PAYROLL_COLUMNS if kind == "payroll" else SCHEDULE_COLUMNS
        return upload(admin, route, workbook(columns, rows)), made[-1]
    if "<" in route:
        ident, body, lock = made
        path = re.sub(r"<\w+>", str(ident), route)
    else:
        (body, lock), path = made, route
    kwargs = {} if body is None else {"json": body}
    return getattr(admin, method.lower())(path, **kwargs), lock


@pytest.mark.parametrize(
    ("method", "route"), sorted(key for key, change in API_CHANGES.items() if change is not None)
)
def test_an_api_write_never_moves_what_an_issued_month_bills(
    method: str, route: str, admin: Any, session: Session, world: World, may_issued: None
) -> None:
    ids = Ids(admin, world)
    before = may_bill(session, world.ge_a)
    response, must_lock = _send(admin, method, route, API_CHANGES[(method, route)], ids)
    assert response.status_code < 500, response.get_json()
    assert may_bill(session, world.ge_a) == before
    if must_lock:
        assert response.status_code == 409, response.get_json()
        assert response.get_json()["errors"]["rule_id"] == "INV-LOCK", response.get_json()
        assert "2026-05" in response.get_json()["errors"]["months"]


def test_marking_a_notification_read_moves_no_bill(
    admin: Any, session: Session, world: World, may_issued: None
) -> None:
    from app.jobs import run

    run("compliance_sweep", world.ge_a, date(2026, 11, 20))
    notification = admin.get("/api/v1/notifications/").get_json()[0]
    before = may_bill(session, world.ge_a)
    response = admin.post(f"/api/v1/notifications/{notification['id']}/read")
    assert response.status_code == 200
    assert may_bill(session, world.ge_a) == before


# -- the reproduced bypasses, by name -------------------------------------------------


def _locked(response: Any) -> None:
    assert response.status_code == 409, response.get_json()
    assert response.get_json()["errors"]["rule_id"] == "INV-LOCK"


def test_a_management_fee_cannot_rebill_an_issued_month(
    admin: Any, session: Session, world: World, may_issued: None
) -> None:
    before = may_bill(session, world.ge_a)
    _locked(admin.patch("/api/v1/groupement", json=fee_change(admin)))
    assert may_bill(session, world.ge_a) == before
    complement = admin.post("/api/v1/billing-runs/", json={"period": "2026-05"})
    assert complement.status_code in (201, 409)
    if complement.status_code == 201:  # a complement of May bills nothing new
        assert complement.get_json()["invoices"] == []


def test_the_years_cost_parameters_cannot_rebill_an_issued_month(
    admin: Any, session: Session, world: World, may_issued: None
) -> None:
    current = admin.get("/api/v1/groupement/cost-parameters/2026").get_json()
    changed = {k: v for k, v in current.items() if k != "year"} | {
        "employer_contribution_percent": "31.0000"
    }
    _locked(admin.put("/api/v1/groupement/cost-parameters/2026", json=changed))
    # Another year's parameters bill no issued month: accepted.
    assert admin.put("/api/v1/groupement/cost-parameters/2027", json=changed).status_code == 200


def test_the_absence_policy_cannot_rebill_an_issued_month(
    admin: Any, session: Session, world: World, may_issued: None
) -> None:
    policy = admin.get("/api/v1/groupement").get_json()["absence_policy"]
    other = "slot" if policy != "slot" else "loaded_rate"
    _locked(admin.patch("/api/v1/groupement", json={"absence_policy": other}))


def test_the_ges_language_changes_while_a_month_is_issued(
    app: Flask, admin: Any, session: Session, world: World, may_issued: None
) -> None:
    """The GE's language words its own papers and moves no figure: an issued month does
    not stand in its way, from the API or from the settings page, which posts its whole
    form; joined to a change that moves a bill, the lock still holds."""
    before = may_bill(session, world.ge_a)
    changed = admin.patch("/api/v1/groupement", json={"language": "nl"})
    assert changed.status_code == 200, changed.get_json()
    assert changed.get_json()["language"] == "nl"
    assert may_bill(session, world.ge_a) == before

    ge = admin.get("/api/v1/groupement").get_json()
    client = signed_in(app, ADMIN_EMAIL)
    form = {
        "form": "groupement",
        "name": ge["name"],
        "payment_terms_days": str(ge["payment_terms_days"]),
        "issue_date_days_ahead": str(ge["issue_date_days_ahead"]),
        "headcount_cap": str(ge["headcount_cap"]),
        "headcount_cap_reference": ge["headcount_cap_reference"] or "",
        "csrf_token": csrf_token(client, "/gestion/parametres"),
    }
    page = client.post("/gestion/parametres", data=form | {"language": "en"})
    assert page.status_code == 200
    assert 'value="en" lang="en" selected' in page.get_data(as_text=True)
    assert admin.get("/api/v1/groupement").get_json()["language"] == "en"
    refused = client.post("/gestion/parametres", data=form | {"language": "de"})
    assert 'id="e-language"' in refused.get_data(as_text=True)
    assert admin.get("/api/v1/groupement").get_json()["language"] == "en"

    _locked(admin.patch("/api/v1/groupement", json=fee_change(admin) | {"language": "fr"}))
    assert admin.get("/api/v1/groupement").get_json()["language"] == "en"
    assert may_bill(session, world.ge_a) == before


def test_a_members_vat_treatment_cannot_rebill_an_issued_month(
    admin: Any, session: Session, world: World
) -> None:
    # The demo shares costs under art. 44 §2bis: a member that may be exempted and is not
    # pays 21 % on May; exempting it now would change May's VAT.
    run = admin.post("/api/v1/billing-runs/", json={"period": "2026-05"}).get_json()
    issued = admin.post(
        f"/api/v1/billing-runs/{run['id']}/issue", json={"issue_date": "2026-06-03"}
    )
    assert issued.status_code == 200, issued.get_json()
    member = next(
        m for m in admin.get("/api/v1/members/").get_json() if m["vat_treatment"] == "standard"
    )
    before = may_bill(session, world.ge_a)
    _locked(
        admin.patch(f"/api/v1/members/{member['id']}", json={"vat_treatment": "exempt_44_2bis"})
    )
    assert may_bill(session, world.ge_a) == before
    # Its address is no part of an issued bill (documents keep their parties as issued).
    moved = admin.patch(f"/api/v1/members/{member['id']}", json={"street": "Rue Neuve 2"})
    assert moved.status_code == 200, moved.get_json()


# -- the web forms ---------------------------------------------------------------------


# Each web form that writes: (page, form fields). Sign-in, sign-out, the password, the
# profile and a notification marked read change no record a bill reads (accounts and
# bookkeeping).
WEB_FORMS: dict[str, Any] = {
    "admin.members": lambda ids: (
        "/gestion/membres",
        {
            "name": "Membre Web ASBL",
            "legal_form": "asbl",
            "enterprise_number": "0417497106",
            "street": "Rue 1",
            "postal_code": "1000",
            "city": "Bruxelles",
            "joined_on": "2026-05-01",
        },
    ),
    "admin.workers": lambda ids: ("/gestion/travailleurs", {"first_name": "A", "last_name": "B"}),
    "admin.worker": lambda ids: (
        f"/gestion/travailleurs/{ids.worker}",
        {
            "form": "schedule",
            "contract_id": str(ids.contract["id"]),
            "starts_on": "2026-05-01",
            f"b-1-{ids.member}-5-0-start": "09:00",
            f"b-1-{ids.member}-5-0-end": "12:00",
        },
    ),
    "admin.timesheet": lambda ids: (
        f"/gestion/travailleurs/{ids.worker}/mois?mois=2026-05",
        {k: str(v) for k, v in _sickness_in_may(ids).items()},
    ),
    "admin.settings": lambda ids: (
        "/gestion/parametres",
        {"form": "replacement", "holiday": "2026-05-25", "replacement": "2026-05-29"},
    ),
    "admin.runs": lambda ids: ("/gestion/facturation", {"period": "2026-05"}),
    "admin.run": lambda ids: (f"/gestion/facturation/{ids.june_run}", {}),
    "admin.credit": lambda ids: (f"/gestion/factures/{ids.may_invoice}/credit", {"reason": "x"}),
    # A calendar feed's link is made and revoked in a write that reaches nothing.
    "calendars.overview": lambda ids: (
        "/gestion/calendriers",
        {"action": "create", "kind": "worker", "ident": str(ids.worker)},
    ),
    "payments.bank": lambda ids: (
        "/gestion/banque",
        {"line": str(ids.bank_line), "action": "ignore", "note": "subside"},
    ),
    "payments.account": lambda ids: (
        f"/gestion/comptes/{ids.member}",
        {"reference": "MANDAT-W", "signed_on": "2026-05-01", "iban": "BE71096123456769"},
    ),
    "payments.issue_late_payment_note": lambda ids: (
        f"/gestion/comptes/{ids.member}/notes",
        {"as_of": "2026-09-01", "with_compensation": "on"},
    ),
    "payments.collect": lambda ids: (
        f"/gestion/facturation/{ids.may_run}/domiciliations",
        {"collection_date": "2099-01-15"},
    ),
    "admin.annual_activity_report": lambda ids: ("/gestion/rapport-annuel?annee=2026", {}),
    # A secretariat's layout: read by the prestations export, never by a bill.
    "admin.secretariat_profiles": lambda ids: (
        "/gestion/secretariats",
        {
            "name": "Secrétariat web",
            "columns": "worker,day,code,hours",
            "separator": ";",
            "decimal_mark": ",",
            "date_format": "DD/MM/YYYY",
            "identifier": "national_number",
        },
    ),
    "member.schedule": None,  # the member's own link, the same service as the line above
    "admin.uploads": None,  # the same service as the API's imports, tried above
    "admin.notification_read": None,  # bookkeeping, like the API's
    "auth.login": None,
    "auth.logout": None,
    "auth.password": None,
    "auth.profile": None,
}


def test_every_web_form_is_listed(app: Flask) -> None:
    posted = {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if not rule.rule.startswith("/api/") and "POST" in rule.methods
    }
    assert posted == set(WEB_FORMS)


@pytest.mark.parametrize("endpoint", sorted(k for k, v in WEB_FORMS.items() if v is not None))
def test_a_web_form_never_moves_what_an_issued_month_bills(
    endpoint: str, app: Flask, admin: Any, world: World, may_issued: None
) -> None:
    ids = Ids(admin, world)
    with app.app_context():
        before = may_bill(db.session(), world.ge_a)
    client = signed_in(app, ADMIN_EMAIL)
    path, fields = WEB_FORMS[endpoint](ids)
    response = client.post(path, data=fields | {"csrf_token": csrf_token(client, "/gestion/")})
    assert response.status_code in (200, 302), response.get_data(as_text=True)[:500]
    with app.app_context():
        assert may_bill(db.session(), world.ge_a) == before
