"""The compliance and exposure reports on a 50-worker GE with a breach of each kind planted."""

from decimal import Decimal
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from app.auth import issue_token
from app.models import User
from app.models.enums import Role
from tests.conftest import Api
from tests.factories import make_fifty_worker_groupement
from tests.helpers import assert_error_shape


@pytest.fixture
def fifty(session: Session, client: FlaskClient) -> dict[str, Any]:
    made = make_fifty_worker_groupement(session)
    admin = User(
        groupement_id=made["groupement"].id,
        email="admin@cinquante.example",
        password_hash="-",
        role=Role.ADMIN,
    )
    session.add(admin)
    session.flush()
    token = issue_token(session, admin, "tests")
    session.commit()
    return made | {"api": Api(client, token)}


def test_the_report_finds_every_planted_breach_and_nothing_else(fifty: dict[str, Any]) -> None:
    report = fifty["api"].get("/api/v1/compliance?from=2026-03-01&to=2026-03-31").get_json()
    worker_number = {w.id: n for n, w in fifty["workers"].items()}
    found = {
        (
            f["rule_id"],
            tuple(worker_number[s["id"]] for s in f["subjects"] if s["kind"] == "worker"),
        )
        for f in report["findings"]
    }
    assert found == {
        ("GE-HOURS-19", (1,)),
        ("GE-CONTRACT-TYPE", (2,)),
        ("GE-CP-01", (3,)),
        ("WT-OVERLAP", (4,)),
        ("SCHED-OVER", (4,)),
        ("WT-REST-11H", (5,)),
        ("WT-NIGHT", (5,)),
        ("WT-DAY-MAX", (6,)),
        ("GE-MEMBER-02", (7,)),
        ("WT-SUNDAY", (8,)),
        ("GE-CAP-WARN", ()),
        ("GE-CAP-50", ()),
        ("SCHED-UNDER", (51,)),
    }
    blocking = {f["rule_id"] for f in report["findings"] if f["severity"] == "blocking"}
    assert blocking == {
        "GE-HOURS-19",
        "GE-CONTRACT-TYPE",
        "GE-CP-01",
        "WT-OVERLAP",
        "SCHED-OVER",
        "WT-REST-11H",
        "WT-DAY-MAX",
        "GE-MEMBER-02",
        "GE-CAP-50",
    }
    cap = next(f for f in report["findings"] if f["rule_id"] == "GE-CAP-50")
    assert cap["first_date"] == "2026-03-16" and "jusqu'à 51 travailleurs" in cap["message"]
    counts = {day["date"]: day["count"] for day in report["headcount"]}
    assert counts["2026-03-15"] == 50 and counts["2026-03-16"] == 51


def test_exposure_shares_add_up_and_follow_planned_hours(fifty: dict[str, Any]) -> None:
    api = fifty["api"]
    debt = {
        "kind": "onss",
        "period_start": "2026-01-01",
        "period_end": "2026-03-31",
        "amount": "100000.00",
        "due_on": "2026-04-30",
    }
    assert api.post("/api/v1/liability/debts/", json=debt).status_code == 201
    report = api.get("/api/v1/liability/exposure?as_of=2026-04-15").get_json()
    rows = report["members"]
    assert len(rows) == 5 and all(row["exposure"] == "100000.00" for row in rows)
    shares = [Decimal(row["internal_share"]) for row in rows]
    hours = [Decimal(row["debts"][0]["planned_hours"]) for row in rows]
    assert sum(shares) == Decimal("100000.00")
    for share, planned in zip(shares, hours, strict=True):
        assert abs(share - Decimal("100000.00") * planned / sum(hours)) <= Decimal("0.01")
    assert [f["rule_id"] for f in report["findings"]] == ["LIAB-LEDGER", "LIAB-EXIT"]


def test_a_ge_with_standing_breaches_can_still_be_repaired_but_not_made_worse(
    fifty: dict[str, Any], session: Session
) -> None:
    api = fifty["api"]
    first = api.get(f"/api/v1/contracts/?worker_id={fifty['workers'][1].id}").get_json()[0]
    repaired = api.patch(f"/api/v1/contracts/{first['id']}", json={"weekly_hours": "19"})
    assert repaired.status_code == 200, repaired.get_json()
    assert [f["rule_id"] for f in repaired.get_json()["findings"]] == ["SCHED-UNDER"]

    newcomer = api.post("/api/v1/workers/", json={"first_name": "Nouvelle", "last_name": "Venue"})
    worse = api.post(
        "/api/v1/contracts/",
        json={
            "worker_id": newcomer.get_json()["id"],
            "starts_on": "2026-03-20",
            "weekly_hours": "19",
            "contract_type": "open_ended",
            "joint_committee": "329.02",
            "monthly_gross": "1500.00",
        },
    )
    body = assert_error_shape(worse, 409)
    assert "jusqu'à 52 travailleurs" in body["errors"]["findings"][0]["message"]

    last = api.get(f"/api/v1/contracts/?worker_id={fifty['workers'][51].id}").get_json()[0]
    assert api.delete(f"/api/v1/contracts/{last['id']}").status_code == 204
    report = api.get("/api/v1/compliance?from=2026-03-01&to=2026-03-31").get_json()
    assert "GE-CAP-50" not in {f["rule_id"] for f in report["findings"]}
