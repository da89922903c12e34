"""Each class of bad input gets a 4xx with field-level messages and writes nothing."""

from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Contract, Groupement, Member, Worker
from tests.conftest import World
from tests.factories import (
    assignment_payload,
    contract_payload,
    member_payload,
    worker_payload,
)
from tests.helpers import assert_error_shape, database_state


@pytest.fixture
def refs(session: Session, world: World) -> dict[str, int]:
    def first(model: Any) -> int:
        return session.scalars(
            select(model.id).where(model.groupement_id == world.ge_a).order_by(model.id)
        ).first()

    return {"worker": first(Worker), "contract": first(Contract), "member": first(Member)}


def _refused(admin: Any, session: Session, method: str, path: str, body: Any) -> dict[str, Any]:
    before = database_state(session)
    response = getattr(admin, method)(path, json=body)
    assert 400 <= response.status_code < 500, response.get_data(as_text=True)
    assert database_state(session) == before
    return assert_error_shape(response, response.status_code)


def _day_entry(refs: dict[str, int], hours: str) -> dict[str, Any]:
    return {"worker_id": refs["worker"], "day": "2026-11-03", "hours": hours, "kind": "training"}


CASES = [
    # (case, endpoint, payload builder, field, message fragment)
    ("vat number", "members", lambda r: member_payload(vat_number="BE0123456789"),
     "vat_number", "TVA"),
    ("enterprise number", "members", lambda r: member_payload(enterprise_number="0403170702"),
     "enterprise_number", "Numéro d'entreprise"),
    ("national number", "workers", lambda r: worker_payload(national_number="85031210185"),
     "national_number", "registre national"),
    ("date not ISO", "members", lambda r: member_payload(joined_on="01/02/2026"),
     "joined_on", "AAAA-MM-JJ"),
    ("impossible date", "contracts",
     lambda r: contract_payload(r["worker"], starts_on="2026-02-30"),
     "starts_on", "AAAA-MM-JJ"),
    ("money as a float", "contracts", lambda r: contract_payload(r["worker"], monthly_gross=1520.5),
     "monthly_gross", "texte décimal"),
    ("fraction of a cent", "contracts",
     lambda r: contract_payload(r["worker"], monthly_gross="1520.505"),
     "monthly_gross", "centime"),
    ("hours as a float", "contracts", lambda r: contract_payload(r["worker"], weekly_hours=19.5),
     "weekly_hours", "texte décimal"),
    ("hours finer than a minute", "contracts",
     lambda r: contract_payload(r["worker"], weekly_hours="19.001"),
     "weekly_hours", "minutes"),
    ("day over 24 hours", "day-entries",
     lambda r: _day_entry(r, "24.25"),
     "hours", "entre 0 et 24"),
    ("zero hours", "day-entries",
     lambda r: _day_entry(r, "0"),
     "hours", "entre 0 et 24"),
    ("negative hours", "day-entries",
     lambda r: _day_entry(r, "-2"),
     "hours", "entre 0 et 24"),
    ("slot ending when it starts", "assignments",
     lambda r: assignment_payload(r["contract"], r["member"], slots=[
         {"weekday": 1, "starts_at": "09:00", "ends_at": "09:00"}]),
     "slots", "doit avoir une durée"),
    ("night slot overlapping the next morning", "assignments",
     lambda r: assignment_payload(r["contract"], r["member"], slots=[
         {"weekday": 0, "starts_at": "22:00", "ends_at": "06:00"},
         {"weekday": 1, "starts_at": "05:00", "ends_at": "09:00"}]),
     "slots", "se chevauchent"),
    ("Sunday night overlapping Monday morning", "assignments",
     lambda r: assignment_payload(r["contract"], r["member"], slots=[
         {"weekday": 6, "starts_at": "22:00", "ends_at": "06:00"},
         {"weekday": 0, "starts_at": "05:30", "ends_at": "09:00"}]),
     "slots", "se chevauchent"),
    ("time 25:00", "assignments",
     lambda r: assignment_payload(r["contract"], r["member"], slots=[
         {"weekday": 1, "starts_at": "09:00", "ends_at": "25:00"}]),
     "slots", "HH:MM"),
    ("overlapping slots", "assignments",
     lambda r: assignment_payload(r["contract"], r["member"], slots=[
         {"weekday": 1, "starts_at": "09:00", "ends_at": "12:00"},
         {"weekday": 1, "starts_at": "11:00", "ends_at": "14:00"}]),
     "slots", "se chevauchent"),
    ("weekday 7", "assignments",
     lambda r: assignment_payload(r["contract"], r["member"], slots=[
         {"weekday": 7, "starts_at": "09:00", "ends_at": "12:00"}]),
     "slots", ""),
    ("contract ends before it starts", "contracts",
     lambda r: contract_payload(r["worker"], ends_on="2026-01-31"),
     "ends_on", "précède"),
    ("unknown field", "workers", lambda r: worker_payload(salary="3000"),
     "salary", "Champ inconnu"),
    ("missing field", "workers", lambda r: {"first_name": "Léa"},
     "last_name", "obligatoire"),
    ("wrong type", "members", lambda r: member_payload(name=12),
     "name", "Texte attendu"),
    ("not a public holiday", "replacement-days",
     lambda r: {"holiday": "2026-11-02", "replacement": "2026-11-03"},
     "holiday", "pas un jour férié"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("endpoint", "build", "field", "fragment"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_bad_input_on_create_is_refused_field_by_field(
    admin: Any, session: Session, refs: dict[str, int], endpoint: str, build: Any,
    field: str, fragment: str,
) -> None:  # fmt: skip
    body = _refused(admin, session, "post", f"/api/v1/{endpoint}/", build(refs))
    assert body["code"] == 422
    assert field in body["errors"], body
    assert fragment in str(body["errors"][field])


def test_a_bad_iban_on_the_groupement_is_refused(admin: Any, session: Session) -> None:
    body = _refused(admin, session, "patch", "/api/v1/groupement", {"iban": "BE21001234567804"})
    assert body["errors"] == {"iban": ["IBAN invalide."]}


def test_a_bad_patch_leaves_the_record_as_it_was(
    admin: Any, session: Session, refs: dict[str, int]
) -> None:
    body = _refused(
        admin, session, "patch", f"/api/v1/contracts/{refs['contract']}",
        {"monthly_gross": "2000.00", "ends_on": "2000-01-01"},
    )  # fmt: skip
    assert "ends_on" in body["errors"]


def test_a_second_day_entry_cannot_push_a_day_past_24_hours(
    admin: Any, session: Session, refs: dict[str, int]
) -> None:
    entry = {"worker_id": refs["worker"], "day": "2026-12-02", "kind": "training"}
    assert admin.post("/api/v1/day-entries/", json=entry | {"hours": "20"}).status_code == 201
    body = _refused(admin, session, "post", "/api/v1/day-entries/", entry | {"hours": "4.5"})
    assert "24.50" in body["errors"]["hours"][0]


def test_an_oversize_body_is_refused(admin: Any, session: Session) -> None:
    body = _refused(
        admin, session, "post", "/api/v1/workers/", worker_payload(first_name="x" * 2_000_000)
    )
    assert body["code"] == 413


def test_a_body_that_is_not_json_is_refused(admin: Any, session: Session) -> None:
    before = database_state(session)
    response = admin.post(
        "/api/v1/workers/", data="first_name=x", headers={"Content-Type": "text/plain"}
    )
    assert 400 <= response.status_code < 500
    assert database_state(session) == before


def test_a_duplicate_enterprise_number_is_a_conflict(admin: Any, session: Session) -> None:
    taken = session.scalars(select(Member.enterprise_number)).first()
    body = _refused(
        admin, session, "post", "/api/v1/members/", member_payload(enterprise_number=taken)
    )
    assert body["code"] == 409


@pytest.mark.parametrize(
    ("field", "value"),
    [("monthly_gross", "1e30"), ("monthly_gross", "92233720368547758.08"),
     ("weekly_hours", "1e30"), ("weekly_hours", "7.500000000000000000000000000001")],
)  # fmt: skip
def test_numbers_beyond_range_or_precision_are_refused_not_crashed(
    admin: Any, session: Session, refs: dict[str, int], field: str, value: str
) -> None:
    body = _refused(
        admin,
        session,
        "post",
        "/api/v1/contracts/",
        contract_payload(refs["worker"], **{field: value}),
    )
    assert body["code"] == 422 and field in body["errors"]


@pytest.mark.parametrize(
    "path",
    ["/api/v1/members/99999999999999999999", "/api/v1/contracts/?worker_id=99999999999999999999",
     "/api/v1/members/?page=100000000000000000000"],
)  # fmt: skip
def test_ids_and_pages_beyond_any_row_are_answered_cleanly(admin: Any, path: str) -> None:
    assert admin.get(path).status_code in {404, 422}


def test_an_unknown_query_parameter_is_refused_not_ignored(admin: Any) -> None:
    body = assert_error_shape(admin.get("/api/v1/contracts/?worker=1"), 422)
    assert "worker" in body["errors"]
    assert admin.get("/api/v1/contracts/?worker_id=1&page=1&page_size=5").status_code == 200


def test_another_groupements_enterprise_number_is_a_conflict(
    as_user: Any, session: Session, world: World
) -> None:
    taken = session.get_one(Groupement, world.ge_a).enterprise_number
    api = as_user("admin_b")
    before = database_state(session)
    body = assert_error_shape(
        api.patch("/api/v1/groupement", json={"enterprise_number": taken}), 409
    )
    assert body["message"] and database_state(session) == before


def test_negative_cost_parameters_are_refused(admin: Any, session: Session) -> None:
    costs = admin.get("/api/v1/groupement/cost-parameters/2026").get_json()
    del costs["year"]
    body = _refused(admin, session, "put", "/api/v1/groupement/cost-parameters/2026",
                    costs | {"prevention_service_per_year": "-5.00"})  # fmt: skip
    assert body["errors"]["prevention_service_per_year"] == ["La valeur ne peut pas être négative."]


def test_a_vat_number_that_is_not_the_enterprise_number_is_refused(
    admin: Any, session: Session
) -> None:
    body = _refused(admin, session, "post", "/api/v1/members/",
                    member_payload(vat_number="BE0403170701"))  # fmt: skip
    assert "BE" in body["errors"]["vat_number"][0]


def test_unreadable_json_is_refused_in_french(admin: Any, session: Session) -> None:
    before = database_state(session)
    response = admin.post(
        "/api/v1/workers/", data="{not json", headers={"Content-Type": "application/json"}
    )
    body = assert_error_shape(response, 400)
    assert "JSON" in body["message"] and "Requête" in body["message"]
    assert database_state(session) == before
