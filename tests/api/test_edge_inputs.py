"""Input at the edges of what Python, the database and the calendar hold gets a 4xx in the
one error shape, never a server error, and writes nothing: every request a fuzzing run
answered with a 500 is replayed here (issue 12)."""

from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import Connection
from sqlalchemy.exc import DataError
from sqlalchemy.orm import Session

from allocation import calendar
from app.demo import ADMIN_EMAIL, MEMBERS
from tests.conftest import World
from tests.helpers import another_app, assert_error_shape, csrf_token, database_state, signed_in

HUGE = "99999999999999999999"  # beyond 64 bits

API_REQUESTS = [
    ("get", f"/api/v1/notifications/{HUGE}", None),
    ("post", f"/api/v1/notifications/{HUGE}/read", None),
    ("get", f"/api/v1/job-runs/{HUGE}", None),
    ("delete", f"/api/v1/tokens/{HUGE}", None),
    ("get", f"/api/v1/groupement/cost-parameters/{HUGE}", None),
    ("get", "/api/v1/groupement/cost-parameters/10878352970056120922013696", None),
    ("get", "/api/v1/groupement/cost-parameters/0", None),
    ("get", f"/api/v1/members/{HUGE}", None),
    ("get", f"/api/v1/invoices/{HUGE}/pdf", None),
    ("get", "/api/v1/members/2147483648", None),  # one beyond PostgreSQL's INTEGER
    ("post", "/api/v1/billing-runs/", {"period": "9999-12"}),
    ("post", "/api/v1/billing-runs/", {"period": "0001-01"}),
    ("post", "/api/v1/billing-runs/", {"period": "0000-01"}),
    ("post", "/api/v1/billing-runs/", {"period": "2026-13"}),
    ("post", "/api/v1/billing-runs/", {"period": "２０２６-05"}),  # full-width digits
    ("get", "/api/v1/billing-runs/?period=0000-01", None),
    ("get", "/api/v1/exports/sales-journal?period=9999-12", None),
    ("post", "/api/v1/overheads/", {"period": "9999-12", "label": "x", "amount": "1.00"}),
    (
        "post",
        "/api/v1/payroll-costs/",
        {
            "period": "9999-12",
            "worker_id": 1,
            "gross": "1.00",
            "employer_contributions": "1.00",
            "holiday_provision": "1.00",
            "year_end_provision": "1.00",
        },
    ),
    ("put", "/api/v1/groupement/cost-parameters/2026", "percent:1E+30"),
    ("put", "/api/v1/groupement/cost-parameters/2026", "percent:10**30"),
    ("put", "/api/v1/groupement/cost-parameters/2026", "percent:1e999999999"),
    ("patch", "/api/v1/groupement", {"management_fee_percent": "1E+30"}),
    ("patch", "/api/v1/groupement", {"management_fee_per_hour": "1e999999999"}),
    ("post", "/api/v1/day-entries/", {"worker_id": 2**40, "day": "2026-11-03", "hours": "1"}),
    ("get", f"/api/v1/contracts/?worker_id={HUGE}", None),
    ("get", "/api/v1/members/?page=99999999999999", None),
]


def _cost_parameters(spec: str) -> dict[str, Any]:
    huge: Any = {"1E+30": "1E+30", "10**30": 10**30, "1e999999999": "1e999999999"}[
        spec.split(":")[1]
    ]
    return {
        "employer_contribution_percent": "25.00",
        "holiday_pay_percent": huge,
        "year_end_bonus_percent": "8.33",
        "accident_insurance_percent": "1.00",
        "prevention_service_per_year": "95.00",
        "meal_voucher_employer_part": "8.91",
    }


@pytest.mark.parametrize(("method", "path", "body"), API_REQUESTS)
def test_edge_input_gets_a_4xx_and_writes_nothing(
    admin: Any, session: Session, method: str, path: str, body: Any
) -> None:
    if isinstance(body, str):
        body = _cost_parameters(body)
    before = database_state(session)
    response = getattr(admin, method)(path, json=body) if body else getattr(admin, method)(path)
    assert 400 <= response.status_code < 500, response.get_data(as_text=True)
    assert_error_shape(response, response.status_code)
    assert database_state(session) == before


PAGES = [
    f"/gestion/travailleurs/{HUGE}",
    f"/gestion/travailleurs/{HUGE}/mois",
    f"/gestion/facturation/{HUGE}",
]


@pytest.mark.parametrize("path", PAGES)
def test_pages_with_an_id_beyond_the_database_are_not_found(
    app: Flask, connection: Any, path: str
) -> None:
    assert signed_in(app, ADMIN_EMAIL).get(path).status_code == 404


def test_a_member_asking_for_a_huge_document_number_is_not_found(
    app: Flask, connection: Any
) -> None:
    member = signed_in(app, MEMBERS[0][-1])
    page = member.get(f"/membre/documents/{HUGE}.pdf")
    # The app's own error page, in the reader's language, not the framework's.
    assert page.status_code == 404 and "Ressource introuvable." in page.get_data(as_text=True)
    member.get("/langue/nl")
    page = member.get(f"/membre/documents/{HUGE}.pdf")
    assert page.status_code == 404 and "Bron niet gevonden." in page.get_data(as_text=True)


@pytest.mark.parametrize(
    "forged",
    [
        {"contract_id": "abc"},
        {"contract_id": HUGE},
        {"cell-x-0": "09:00-12:00"},
        {"cell-2-0-9": "09:00-12:00"},
        {"cell-1-7": "09:00-12:00"},
        {"b-1-x-0-0-start": "09:00"},
        {"b-1-1-0-0-start": "09:00", "action": "remove-1-1-0-9999"},
        {"cycle_weeks": "99"},
        {"cycle_anchor": "0001-01-01", "cycle_weeks": "2"},
        {"starts_on": "9999-12-31"},
    ],
)
def test_a_forged_schedule_grid_is_refused_on_the_page(
    app: Flask, connection: Any, session: Session, world: World, forged: dict[str, str]
) -> None:
    from app.models import Contract

    contract = session.query(Contract).filter_by(groupement_id=world.ge_a).first()
    assert contract is not None
    page = f"/gestion/travailleurs/{contract.worker_id}"
    client = signed_in(app, ADMIN_EMAIL)
    form = {
        "form": "schedule",
        "contract_id": str(contract.id),
        "starts_on": "2026-12-07",
        "csrf_token": csrf_token(client, page),
    } | forged
    before = database_state(session)
    response = client.post(page, data=form)
    assert response.status_code < 500
    assert database_state(session) == before


def test_an_issue_date_beyond_the_window_is_refused_and_the_series_stays_usable(
    admin: Any, session: Session
) -> None:
    run = admin.post("/api/v1/billing-runs/", json={"period": "2026-05"}).get_json()
    before = database_state(session)
    far = admin.post(f"/api/v1/billing-runs/{run['id']}/issue", json={"issue_date": "2099-12-31"})
    farthest = calendar.today() + timedelta(days=15)
    errors = assert_error_shape(far, 422)["errors"]
    assert farthest.isoformat() in errors["issue_date"][0]
    assert database_state(session) == before
    just_beyond = (farthest + timedelta(days=1)).isoformat()
    assert (
        admin.post(
            f"/api/v1/billing-runs/{run['id']}/issue", json={"issue_date": just_beyond}
        ).status_code
        == 422
    )
    issued = admin.post(
        f"/api/v1/billing-runs/{run['id']}/issue", json={"issue_date": farthest.isoformat()}
    )
    assert issued.status_code == 200, issued.get_json()
    # The series goes on: a credit note on the last allowed day, then no further.
    invoice = issued.get_json()["invoices"][0]
    note = admin.post(
        f"/api/v1/invoices/{invoice['id']}/credit-notes",
        json={"reason": "erreur", "issue_date": farthest.isoformat()},
    )
    assert note.status_code == 201, note.get_json()


def test_the_issue_window_is_a_setting_of_the_groupement(admin: Any) -> None:
    assert admin.get("/api/v1/groupement").get_json()["issue_date_days_ahead"] == 15
    assert admin.patch("/api/v1/groupement", json={"issue_date_days_ahead": 91}).status_code == 422
    assert admin.patch("/api/v1/groupement", json={"issue_date_days_ahead": 0}).status_code == 200
    run = admin.post("/api/v1/billing-runs/", json={"period": "2026-05"}).get_json()
    tomorrow = (calendar.today() + timedelta(days=1)).isoformat()
    refused = admin.post(f"/api/v1/billing-runs/{run['id']}/issue", json={"issue_date": tomorrow})
    assert_error_shape(refused, 422)
    assert admin.post(f"/api/v1/billing-runs/{run['id']}/issue", json={}).status_code == 200


@pytest.mark.parametrize(
    "error",
    [
        OverflowError("Python int too large to convert to SQLite INTEGER"),
        DataError("INSERT …", {}, Exception("integer out of range")),
    ],
)
def test_a_database_range_error_is_a_logged_422(
    app: Flask,
    connection: Connection,
    world: World,
    error: Exception,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """What the edge's validation missed and the database refused is still the caller's
    input: the one error shape, 422, and a line in the log for the developers."""
    with another_app(app, connection) as other:

        @other.get("/api/v1/out-of-range")
        def _raise() -> None:
            raise error

        token = "Bearer " + world.tokens["admin_a"]
        response = other.test_client().get("/api/v1/out-of-range", headers={"Authorization": token})
    assert_error_shape(response, 422)
    assert "out of the database's range" in caplog.text
