"""Administrators keep the GE's records through the API; every change leaves an audit event."""

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import AuditEvent, Member
from tests.conftest import World
from tests.factories import (
    assignment_payload,
    contract_payload,
    enterprise_number,
    member_payload,
    worker_payload,
)
from tests.helpers import assert_error_shape, database_state


def _events(session: Session, entity: str, entity_id: int) -> list[AuditEvent]:
    return list(
        session.scalars(
            select(AuditEvent)
            .where(AuditEvent.entity == entity, AuditEvent.entity_id == entity_id)
            .order_by(AuditEvent.id)
        )
    )


def test_a_worker_is_placed_with_a_member_end_to_end(admin: Any, session: Session) -> None:
    member = admin.post("/api/v1/members/", json=member_payload()).get_json()
    assert member["peppol_id"] == f"0208:{member['enterprise_number']}"
    worker = admin.post("/api/v1/workers/", json=worker_payload()).get_json()
    contract = admin.post("/api/v1/contracts/", json=contract_payload(worker["id"])).get_json()
    assert contract["weekly_hours"] == "19.00"
    assert contract["monthly_gross"] == "1520.50"
    response = admin.post(
        "/api/v1/assignments/", json=assignment_payload(contract["id"], member["id"])
    )
    assert response.status_code == 201
    assignment = response.get_json()
    assert assignment["weekly_hours"] == "6.50"
    assert assignment["slots"][0] == {
        "week": 1,
        "weekday": 0,
        "starts_at": "09:00",
        "ends_at": "12:30",
    }
    assert (assignment["cycle_weeks"], assignment["cycle_anchor"]) == (1, None)

    listed = admin.get(f"/api/v1/assignments/?contract_id={contract['id']}").get_json()
    assert [a["id"] for a in listed] == [assignment["id"]]


def test_slots_given_in_a_patch_replace_the_week(admin: Any, world: World) -> None:
    assignment = admin.get("/api/v1/assignments/").get_json()[0]
    week = [{"weekday": 5, "starts_at": "08:00", "ends_at": "12:00"}]
    response = admin.patch(f"/api/v1/assignments/{assignment['id']}", json={"slots": week})
    assert response.status_code == 200
    assert response.get_json()["slots"] == [{"week": 1, **week[0]}]
    assert response.get_json()["weekly_hours"] == "4.00"
    again = admin.get(f"/api/v1/assignments/{assignment['id']}").get_json()
    assert again["slots"] == [{"week": 1, **week[0]}]


def test_a_member_leaves_by_its_exit_date(admin: Any) -> None:
    ident = admin.post("/api/v1/members/", json=member_payload()).get_json()["id"]
    response = admin.patch(f"/api/v1/members/{ident}", json={"left_on": "2026-12-31"})
    assert response.status_code == 200
    assert response.get_json()["left_on"] == "2026-12-31"


def test_a_member_with_history_cannot_be_deleted(
    admin: Any, session: Session, world: World
) -> None:
    before = database_state(session)
    body = assert_error_shape(admin.delete(f"/api/v1/members/{world.member_ids_a[0]}"), 409)
    assert "Archivez" in body["message"]
    assert database_state(session) == before


def test_the_full_national_number_shows_on_one_workers_page_only(admin: Any) -> None:
    listed = admin.get("/api/v1/workers/").get_json()[0]
    assert listed["national_number"].startswith("•••••••••")
    one = admin.get(f"/api/v1/workers/{listed['id']}").get_json()
    assert one["national_number"].isdigit()
    assert one["national_number"][-2:] == listed["national_number"][-2:]


def test_groupement_parameters_and_yearly_costs(admin: Any) -> None:
    patch = {"headcount_cap": 45, "headcount_cap_reference": "test", "payment_terms_days": 20,
             "management_fee_mode": "per_hour", "management_fee_per_hour": "1.25",
             "iban": "BE20 0682 1234 5656"}  # fmt: skip
    response = admin.patch("/api/v1/groupement", json=patch)
    assert response.status_code == 200, response.get_json()
    ge = response.get_json()
    assert ge["headcount_cap"] == 45
    assert ge["weekly_hours_floor"] == "19.00"
    assert ge["payment_terms_days"] == 20
    assert ge["iban"] == "BE20068212345656"

    defaults = admin.get("/api/v1/groupement/cost-parameters/2027").get_json()
    assert defaults["employer_contribution_percent"] == "32.40"
    assert defaults["meal_voucher_employer_part"] == "8.91"
    costs = defaults | {"year_end_bonus_percent": "8.3333"}
    del costs["year"]
    saved = admin.put("/api/v1/groupement/cost-parameters/2027", json=costs).get_json()
    assert saved["year"] == 2027
    assert saved["year_end_bonus_percent"] == "8.3333"
    years = [c["year"] for c in admin.get("/api/v1/groupement").get_json()["cost_parameters"]]
    assert years == [2026, 2027]


def test_replacement_days_are_listed_by_year(admin: Any) -> None:
    created = admin.post(
        "/api/v1/replacement-days/", json={"holiday": "2027-05-01", "replacement": "2027-05-03"}
    )
    assert created.status_code == 201
    in_2027 = admin.get("/api/v1/replacement-days/?year=2027").get_json()
    assert [(d["holiday"], d["replacement"]) for d in in_2027] == [("2027-05-01", "2027-05-03")]
    assert len(admin.get("/api/v1/replacement-days/?year=2026").get_json()) == 2


def test_every_change_writes_an_audit_event_with_before_and_after(
    admin: Any, session: Session, world: World
) -> None:
    worker = admin.post("/api/v1/workers/", json=worker_payload(first_name="Noor")).get_json()
    admin.patch(f"/api/v1/workers/{worker['id']}", json={"first_name": "Nour"})
    admin.delete(f"/api/v1/workers/{worker['id']}")

    created, updated, deleted = _events(session, "workers", worker["id"])
    assert [created.action, updated.action, deleted.action] == ["create", "update", "delete"]
    assert created.after is not None and created.after["first_name"] == "Noor"
    assert updated.before == {"first_name": "Noor"}
    assert updated.after == {"first_name": "Nour"}
    assert deleted.before is not None and deleted.before["first_name"] == "Nour"
    admin_user_id = updated.user_id
    assert admin_user_id is not None
    assert {e.actor for e in (created, updated, deleted)} == {f"user:{admin_user_id}"}
    assert {e.groupement_id for e in (created, updated, deleted)} == {world.ge_a}


def test_each_resource_change_is_audited(admin: Any, session: Session, world: World) -> None:
    member = admin.post("/api/v1/members/", json=member_payload()).get_json()
    worker = admin.post("/api/v1/workers/", json=worker_payload()).get_json()
    contract = admin.post("/api/v1/contracts/", json=contract_payload(worker["id"])).get_json()
    assignment = admin.post(
        "/api/v1/assignments/", json=assignment_payload(contract["id"], member["id"])
    ).get_json()
    entry = admin.post(
        "/api/v1/day-entries/",
        json={"worker_id": worker["id"], "day": "2026-02-02", "hours": "3.5", "kind": "sickness"},
    ).get_json()
    day = admin.post(
        "/api/v1/replacement-days/", json={"holiday": "2027-08-15", "replacement": "2027-08-16"}
    ).get_json()
    admin.patch("/api/v1/groupement", json={"payment_terms_days": 15})
    created = {
        "members": member["id"],
        "workers": worker["id"],
        "contracts": contract["id"],
        "assignments": assignment["id"],
        "day_entries": entry["id"],
        "replacement_days": day["id"],
    }
    for entity, ident in created.items():
        assert [e.action for e in _events(session, entity, ident)] == ["create"], entity
    slots = session.scalars(
        select(AuditEvent).where(AuditEvent.entity == "assignment_slots")
        .order_by(AuditEvent.id.desc()).limit(2)
    ).all()  # fmt: skip
    assert {s.action for s in slots} == {"create"}
    ge_events = _events(session, "groupements", world.ge_a)
    assert ge_events[-1].before == {"payment_terms_days": 30}
    assert ge_events[-1].after == {"payment_terms_days": 15}
    assert entry["hours"] == "3.50"


def test_a_refused_write_leaves_no_audit_event(admin: Any, session: Session) -> None:
    count = len(session.scalars(select(AuditEvent.id)).all())
    admin.post("/api/v1/members/", json=member_payload(enterprise_number="123"))
    assert len(session.scalars(select(AuditEvent.id)).all()) == count


def test_secrets_never_reach_the_audit_trail(admin: Any, session: Session) -> None:
    admin.post("/api/v1/tokens/", json={"name": "ci"})
    event = session.scalars(
        select(AuditEvent).where(AuditEvent.entity == "api_tokens").order_by(AuditEvent.id.desc())
    ).first()
    assert event is not None and event.after is not None
    assert event.after["token_hash"] == "***"


def test_member_names_keep_their_accents(admin: Any, session: Session) -> None:
    created = admin.post("/api/v1/members/", json=member_payload(name="Crèche « Les Étoiles »"))
    assert created.get_json()["name"] == "Crèche « Les Étoiles »"
    stored = session.get(Member, created.get_json()["id"])
    assert stored is not None and stored.name == "Crèche « Les Étoiles »"


def test_the_peppol_id_follows_a_changed_enterprise_number(admin: Any) -> None:
    member = admin.post("/api/v1/members/", json=member_payload()).get_json()
    number = enterprise_number()
    changed = admin.patch(f"/api/v1/members/{member['id']}", json={"enterprise_number": number})
    assert changed.get_json()["peppol_id"] == f"0208:{number}"
    manual = admin.patch(f"/api/v1/members/{member['id']}", json={"peppol_id": "9925:BE0999"})
    assert manual.get_json()["peppol_id"] == "9925:BE0999"


def test_a_member_user_does_not_see_what_the_ge_pays_a_worker(as_user: Any) -> None:
    contracts = as_user("member_a1").get("/api/v1/contracts/").get_json()
    assert contracts and all(c["monthly_gross"] is None for c in contracts)
    assert all(c["weekly_hours"] for c in contracts)
    assert as_user("admin_a").get("/api/v1/contracts/").get_json()[0]["monthly_gross"]
