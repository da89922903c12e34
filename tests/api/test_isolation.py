"""Every groupement sees only its own data; every member user only its own member's."""

from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import (
    ApiToken,
    Assignment,
    Contract,
    DayEntry,
    Debt,
    DebtPayment,
    Derogation,
    Member,
    ReplacementDay,
    User,
    Worker,
)
from tests.conftest import World
from tests.factories import assignment_payload, contract_payload, member_payload
from tests.helpers import assert_error_shape, database_state

ENDPOINTS = {
    "members": Member,
    "workers": Worker,
    "contracts": Contract,
    "assignments": Assignment,
    "day-entries": DayEntry,
    "replacement-days": ReplacementDay,
    "derogations": Derogation,
    "liability/debts": Debt,
    "liability/payments": DebtPayment,
}


def _ids(session: Session, model: Any, groupement_id: int) -> list[int]:
    return list(session.scalars(select(model.id).where(model.groupement_id == groupement_id)))


def _listed_ids(api: Any, endpoint: str) -> set[int]:
    response = api.get(f"/api/v1/{endpoint}/?page_size=500")
    assert response.status_code == 200
    return {row["id"] for row in response.get_json()}


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_another_groupements_objects_are_not_found_on_every_verb(
    endpoint: str, admin: Any, session: Session, world: World
) -> None:
    foreign = _ids(session, ENDPOINTS[endpoint], world.ge_b)
    assert foreign, "GE B should own records of every kind"
    before = database_state(session)
    for ident in foreign:
        assert_error_shape(admin.get(f"/api/v1/{endpoint}/{ident}"), 404)
        assert_error_shape(admin.patch(f"/api/v1/{endpoint}/{ident}", json={}), 404)
        assert_error_shape(admin.delete(f"/api/v1/{endpoint}/{ident}"), 404)
    assert database_state(session) == before
    assert not _listed_ids(admin, endpoint) & set(foreign)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_lists_hold_exactly_the_callers_groupement(
    endpoint: str, as_user: Any, session: Session, world: World
) -> None:
    for who, groupement in [("admin_a", world.ge_a), ("admin_b", world.ge_b)]:
        expected = set(_ids(session, ENDPOINTS[endpoint], groupement))
        assert _listed_ids(as_user(who), endpoint) == expected


def test_the_groupement_endpoint_is_the_callers_own(as_user: Any, world: World) -> None:
    assert as_user("admin_a").get("/api/v1/groupement").get_json()["id"] == world.ge_a
    assert as_user("admin_b").get("/api/v1/groupement").get_json()["id"] == world.ge_b


def test_another_groupements_records_cannot_be_referenced(
    admin: Any, session: Session, world: World
) -> None:
    worker_b = _ids(session, Worker, world.ge_b)[0]
    contract_b = _ids(session, Contract, world.ge_b)[0]
    member_b = _ids(session, Member, world.ge_b)[0]
    contract_a = _ids(session, Contract, world.ge_a)[0]
    before = database_state(session)

    response = admin.post("/api/v1/contracts/", json=contract_payload(worker_b))
    assert assert_error_shape(response, 422)["errors"] == {
        "worker_id": ["Introuvable dans ce groupement."]
    }
    response = admin.post("/api/v1/assignments/", json=assignment_payload(contract_b, 1))
    assert "contract_id" in assert_error_shape(response, 422)["errors"]
    response = admin.post("/api/v1/assignments/", json=assignment_payload(contract_a, member_b))
    assert "member_id" in assert_error_shape(response, 422)["errors"]
    entry = {"worker_id": worker_b, "day": "2026-11-03", "hours": "2", "kind": "training"}
    assert_error_shape(admin.post("/api/v1/day-entries/", json=entry), 422)
    assert database_state(session) == before


def test_another_users_token_cannot_be_revoked(admin: Any, session: Session) -> None:
    other = session.scalars(
        select(ApiToken.id).join(User).where(User.email == "admin@ge-b.example")
    ).first()
    assert_error_shape(admin.delete(f"/api/v1/tokens/{other}"), 404)
    token = session.get(ApiToken, other)
    assert token is not None and token.revoked_at is None


# -- member users ----------------------------------------------------------------------


def test_a_member_user_sees_only_its_own_member(as_user: Any, world: World) -> None:
    own = world.member_ids_a[1]
    api = as_user("member_a1")
    assert _listed_ids(api, "members") == {own}
    assert api.get(f"/api/v1/members/{own}").status_code == 200
    for other in world.member_ids_a:
        if other != own:
            assert_error_shape(api.get(f"/api/v1/members/{other}"), 404)


def test_a_member_user_sees_only_the_schedules_and_days_at_its_member(
    as_user: Any, session: Session, world: World
) -> None:
    own = world.member_ids_a[1]
    api = as_user("member_a1")
    placed = set(session.scalars(select(Assignment.id).where(Assignment.member_id == own)))
    assert _listed_ids(api, "assignments") == placed
    entries = set(session.scalars(select(DayEntry.id).where(DayEntry.member_id == own)))
    assert entries, "the demo has a day entry at this member"
    assert _listed_ids(api, "day-entries") == entries
    hidden = session.scalars(
        select(Assignment.id).where(
            Assignment.member_id != own, Assignment.groupement_id == world.ge_a
        )
    ).first()
    assert_error_shape(api.get(f"/api/v1/assignments/{hidden}"), 404)


def test_a_member_user_sees_only_workers_placed_with_it_and_never_their_full_number(
    as_user: Any, session: Session, world: World
) -> None:
    own = world.member_ids_a[1]
    placed_contracts = select(Assignment.contract_id).where(Assignment.member_id == own)
    placed_workers = set(
        session.scalars(select(Contract.worker_id).where(Contract.id.in_(placed_contracts)))
    )
    all_workers = set(_ids(session, Worker, world.ge_a))
    api = as_user("member_a1")
    assert _listed_ids(api, "workers") == placed_workers
    assert placed_workers < all_workers
    for ident in placed_workers:
        number = api.get(f"/api/v1/workers/{ident}").get_json()["national_number"]
        assert number.startswith("•••")
    for ident in all_workers - placed_workers:
        assert_error_shape(api.get(f"/api/v1/workers/{ident}"), 404)


@pytest.mark.parametrize("who", ["member_a0", "accountant_a"])
def test_read_only_roles_cannot_write_anything(
    who: str, as_user: Any, session: Session, world: World
) -> None:
    api = as_user(who)
    own_member = world.member_ids_a[0]
    before = database_state(session)
    writes = [
        api.post("/api/v1/members/", json=member_payload()),
        api.patch(f"/api/v1/members/{own_member}", json={"name": "Pirate"}),
        api.delete(f"/api/v1/members/{own_member}"),
        api.patch("/api/v1/groupement", json={"name": "Pirate"}),
        api.put("/api/v1/groupement/cost-parameters/2026", json={}),
    ]
    for endpoint, model in ENDPOINTS.items():
        ident = _ids(session, model, world.ge_a)[0]
        writes.append(api.delete(f"/api/v1/{endpoint}/{ident}"))
        writes.append(api.patch(f"/api/v1/{endpoint}/{ident}", json={}))
        writes.append(api.post(f"/api/v1/{endpoint}/", json={}))
    for response in writes:
        body = assert_error_shape(response, 403)
        assert "lecture seule" in body["message"]
    assert database_state(session) == before


def test_the_accountant_reads_the_whole_groupement(
    as_user: Any, session: Session, world: World
) -> None:
    api = as_user("accountant_a")
    for endpoint, model in ENDPOINTS.items():
        assert _listed_ids(api, endpoint) == set(_ids(session, model, world.ge_a))
