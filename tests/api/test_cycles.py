"""Rotating schedules through the API: saved, refused when they break the law or mix two
cycles in one contract, and billed by the cycle week in effect.

The worked example of tests/allocation/test_cycles.py, in the demo GE: a new worker on a
19 h contract rotating over two weeks from Monday 2 November 2026, Monday 2 November
being the GE's replacement day for All Saints (a Sunday). November 2026's draft gives
member A 32 h worked and 68/19 = 3.58 h of paid absence, member B 39 h and 103/19 = 5.42 h.
"""

from typing import Any

from sqlalchemy.orm import Session

from tests.conftest import World
from tests.factories import contract_payload, worker_payload
from tests.helpers import assert_error_shape, database_state

ANCHOR = "2026-11-02"


def block(week: int, weekday: int, start: str, end: str) -> dict[str, Any]:
    return {"week": week, "weekday": weekday, "starts_at": start, "ends_at": end}


def version(contract_id: int, **members: list[dict[str, Any]]) -> dict[str, Any]:
    """A whole schedule version, every member's blocks at once ("m12": member 12's)."""
    return {
        "contract_id": contract_id,
        "starts_on": "2026-09-01",
        "cycle_weeks": 2,
        "cycle_anchor": ANCHOR,
        "members": [{"member_id": int(k[1:]), "slots": v} for k, v in members.items()],
    }


def rotating(contract_id: int, member_id: int, *slots: dict[str, Any], weeks: int = 2) -> Any:
    return {
        "contract_id": contract_id,
        "member_id": member_id,
        "starts_on": "2026-09-01",
        "cycle_weeks": weeks,
        "cycle_anchor": ANCHOR,
        "slots": list(slots),
    }


def new_contract(admin: Any) -> int:
    worker = admin.post("/api/v1/workers/", json=worker_payload(first_name="Inès")).get_json()
    response = admin.post(
        "/api/v1/contracts/", json=contract_payload(worker["id"], starts_on="2026-09-01")
    )
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]  # type: ignore[no-any-return]


WEEK_A = [block(1, d, "09:00", "13:00") for d in (0, 1, 2)] + [block(2, 0, "09:00", "13:00")]
WEEK_B = [block(1, 3, "09:00", "16:00")] + [block(2, d, "09:00", "14:00") for d in (1, 2, 3)]


def test_a_two_week_cycle_is_billed_by_the_cycle_week_in_effect(admin: Any, world: World) -> None:
    a, b = world.member_ids_a[0], world.member_ids_a[1]
    contract = new_contract(admin)
    # Member by member, the first part of the cycle would average 8 h a week: refused.
    alone = admin.post("/api/v1/assignments/", json=rotating(contract, a, *WEEK_A))
    assert alone.status_code == 409
    response = admin.post(
        "/api/v1/assignments/versions", json=version(contract, **{f"m{a}": WEEK_A, f"m{b}": WEEK_B})
    )
    assert response.status_code == 201, response.get_json()
    saved = {row["member_id"]: row for row in response.get_json()}
    assert {m: (r["cycle_weeks"], r["cycle_anchor"]) for m, r in saved.items()} == {
        a: (2, ANCHOR),
        b: (2, ANCHOR),
    }
    assert saved[b]["weekly_hours"] == "11.00"  # (7 + 15) / 2
    # The demo GE gives Monday 2 November for All Saints (a Sunday), as the example does.
    days = admin.get("/api/v1/replacement-days/?year=2026").get_json()
    assert {"holiday": "2026-11-01", "replacement": ANCHOR} in [
        {"holiday": d["holiday"], "replacement": d["replacement"]} for d in days
    ]

    response = admin.post("/api/v1/billing-runs/", json={"period": "2026-11"})
    assert response.status_code == 201, response.get_json()
    run = response.get_json()
    (row,) = [w for w in run["workers"] if w["contract_id"] == contract]
    hours = {m["member_id"]: (m["worked_hours"], m["paid_absence_hours"]) for m in row["members"]}
    assert hours == {a: ("32.00", "3.58"), b: ("39.00", "5.42")}


def test_a_slot_outside_the_cycle_is_refused_on_its_week_and_nothing_is_written(
    admin: Any, world: World, session: Session
) -> None:
    contract = new_contract(admin)
    before = database_state(session)
    response = admin.post(
        "/api/v1/assignments/",
        json=rotating(
            contract,
            world.member_ids_a[0],
            block(1, 0, "09:00", "13:00"),
            block(3, 1, "09:00", "13:00"),
        ),
    )
    body = assert_error_shape(response, 422)
    assert list(body["errors"]["slots"]) == ["1"]
    assert "cycle de 2 semaine" in body["errors"]["slots"]["1"]["week"][0]
    assert database_state(session) == before


def test_one_contract_follows_one_cycle_at_a_time(
    admin: Any, world: World, session: Session
) -> None:
    a, b = world.member_ids_a[0], world.member_ids_a[1]
    worker = admin.post("/api/v1/workers/", json=worker_payload(first_name="Yara")).get_json()
    contract = admin.post(
        "/api/v1/contracts/",
        json=contract_payload(worker["id"], starts_on="2026-09-01", weekly_hours="38"),
    ).get_json()["id"]
    first = admin.post(
        "/api/v1/assignments/versions", json=version(contract, **{f"m{a}": WEEK_A + WEEK_B})
    )
    assert first.status_code == 201, first.get_json()
    before = database_state(session)
    fridays = [block(1, 4, "09:00", "17:00"), block(2, 4, "09:00", "17:00")]
    # Three weeks at the other member, or two weeks whose week 1 falls on the first's week 2.
    for other in (
        rotating(contract, b, *fridays, weeks=3),
        rotating(contract, b, *fridays) | {"cycle_anchor": "2026-11-09"},
    ):
        body = assert_error_shape(admin.post("/api/v1/assignments/", json=other), 422)
        assert "un même contrat suit un seul cycle" in body["errors"]["cycle_weeks"][0]
    assert database_state(session) == before
    # Week 1 on the same weeks, named by another of its days: accepted.
    same = rotating(contract, b, *fridays) | {"cycle_anchor": "2026-11-19"}
    response = admin.post("/api/v1/assignments/", json=same)
    assert response.status_code == 201, response.get_json()


def test_a_cycle_averaging_under_19_hours_is_refused_by_the_law(
    admin: Any, world: World, session: Session
) -> None:
    """Weeks of 15 h and 22 h 30: 18 h 45 on average, under the 19 h floor."""
    contract = new_contract(admin)
    before = database_state(session)
    slots = [block(1, d, "08:00", "13:00") for d in range(3)]
    slots += [block(2, d, "08:00", "13:00") for d in range(4)] + [block(2, 4, "08:00", "10:30")]
    response = admin.post(
        "/api/v1/assignments/", json=rotating(contract, world.member_ids_a[0], *slots)
    )
    body = assert_error_shape(response, 409)
    (finding,) = [f for f in body["errors"]["findings"] if f["rule_id"] == "GE-HOURS-19"]
    assert "en moyenne 18,75 h par semaine sur son cycle de 2 semaines" in finding["message"]
    assert database_state(session) == before
    # Weeks of 15 h and 23 h: 19 h on average, accepted.
    slots[-1] = block(2, 4, "08:00", "11:00")
    response = admin.post(
        "/api/v1/assignments/", json=rotating(contract, world.member_ids_a[0], *slots)
    )
    assert response.status_code == 201, response.get_json()


def test_every_week_of_a_long_cycle_is_checked_when_it_is_saved(
    admin: Any, world: World, session: Session
) -> None:
    """A four-week cycle starting later than anything else: its fourth week (45 h) breaks
    WT-WEEK-40 and is refused, as it would be in its first week."""
    worker = admin.post("/api/v1/workers/", json=worker_payload(first_name="Noor")).get_json()
    contract = admin.post(
        "/api/v1/contracts/",
        json=contract_payload(worker["id"], starts_on="2027-06-07", weekly_hours="37.5"),
    ).get_json()["id"]
    seven = [block(week, d, "08:00", "15:00") for week in (1, 2, 3) for d in range(5)]
    nine = [block(4, d, "08:00", "17:00") for d in range(5)]
    before = database_state(session)
    response = admin.post(
        "/api/v1/assignments/versions",
        json={
            "contract_id": contract,
            "starts_on": "2027-06-07",
            "cycle_weeks": 4,
            "members": [{"member_id": world.member_ids_a[0], "slots": seven + nine}],
        },
    )
    body = assert_error_shape(response, 409)
    assert "WT-WEEK-40" in {f["rule_id"] for f in body["errors"]["findings"]}
    assert database_state(session) == before
