"""The GE law through the API: blocking writes change nothing, warnings come back."""

from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Contract, RecordedFinding
from tests.conftest import World
from tests.factories import (
    assignment_payload,
    contract_payload,
    karims_long_day,
    member_payload,
    worker_payload,
)
from tests.helpers import assert_error_shape, database_state


def _refused_by(response: Any, rule_id: str) -> dict[str, Any]:
    body = assert_error_shape(response, 409)
    found = [f for f in body["errors"]["findings"] if f["rule_id"] == rule_id]
    assert found, body["errors"]["findings"]
    return found[0]  # type: ignore[no-any-return]


def _new_worker_with_contract(admin: Any, **contract: Any) -> tuple[int, int]:
    worker = admin.post("/api/v1/workers/", json=worker_payload()).get_json()["id"]
    response = admin.post("/api/v1/contracts/", json=contract_payload(worker, **contract))
    assert response.status_code == 201, response.get_json()
    return worker, response.get_json()["id"]


def test_a_contract_under_19_hours_is_refused_in_three_languages(
    as_user: Any, session: Session
) -> None:
    worker = as_user("admin_a").post("/api/v1/workers/", json=worker_payload()).get_json()["id"]
    before = database_state(session)
    for language, fragment in [
        ("fr", "inférieure au minimum légal de 19 heures"),
        ("nl", "lager dan het wettelijke minimum van 19 uur"),
        ("en", "below the legal minimum of 19 hours"),
    ]:
        api = as_user("admin_a", language)
        response = api.post(
            "/api/v1/contracts/", json=contract_payload(worker, weekly_hours="18.75")
        )
        finding = _refused_by(response, "GE-HOURS-19")
        assert fragment in finding["message"]
        assert finding["severity"] == "blocking"
        assert "art. 188" in finding["reference"]
        assert finding["references"]["nl"].startswith("Wet van 12 augustus 2000")
        assert set(finding["messages"]) == {"fr", "nl", "en"}
        assert "18,75" in finding["messages"]["fr"] and "18.75" in finding["messages"]["en"]
    assert database_state(session) == before
    ok = as_user("admin_a").post(
        "/api/v1/contracts/", json=contract_payload(worker, weekly_hours="19")
    )
    assert ok.status_code == 201


def test_a_student_contract_is_refused(admin: Any, session: Session) -> None:
    worker = admin.post("/api/v1/workers/", json=worker_payload()).get_json()["id"]
    before = database_state(session)
    response = admin.post(
        "/api/v1/contracts/", json=contract_payload(worker, contract_type="student")
    )
    _refused_by(response, "GE-CONTRACT-TYPE")
    assert database_state(session) == before


def test_a_rest_of_10h59_across_two_members_is_refused_11h_passes(
    admin: Any, session: Session, world: World
) -> None:
    _worker, contract = _new_worker_with_contract(admin)
    a, b = world.member_ids_a[0], world.member_ids_a[1]
    evening = [{"weekday": 1, "starts_at": "14:00", "ends_at": "21:00"}]
    created = admin.post(
        "/api/v1/assignments/", json=assignment_payload(contract, a, slots=evening)
    )
    assert created.status_code == 201
    rules = {f["rule_id"] for f in created.get_json()["findings"]}
    assert rules == {"WT-NIGHT", "WT-BREAK-6H", "SCHED-UNDER"}

    before = database_state(session)
    morning = [{"weekday": 2, "starts_at": "07:59", "ends_at": "11:59"}]
    refused = admin.post(
        "/api/v1/assignments/", json=assignment_payload(contract, b, slots=morning)
    )
    finding = _refused_by(refused, "WT-REST-11H")
    assert "10\xa0h\xa059" in finding["message"]
    assert database_state(session) == before
    on_time = [{"weekday": 2, "starts_at": "08:00", "ends_at": "12:00"}]
    passed = admin.post("/api/v1/assignments/", json=assignment_payload(contract, b, slots=on_time))
    assert passed.status_code == 201


def test_forty_and_a_quarter_hours_over_three_members_are_refused(
    admin: Any, session: Session, world: World
) -> None:
    _worker, contract = _new_worker_with_contract(admin, weekly_hours="40.25")
    a, b, c = world.member_ids_a[:3]
    # 40 h every week is also above the 38-hour average (WT-WEEK-AVG38): a flexible
    # regime recorded as a derogation to it leaves the 40-hour week alone to be tested.
    flexible = {
        "rule_id": "WT-WEEK-AVG38",
        "kind": "cct",
        "reference": "Régime flexible",
        "starts_on": "2026-01-01",
    }
    assert admin.post("/api/v1/derogations/", json=flexible).status_code == 201

    def day(weekday: int, end: str = "16:30") -> list[dict[str, Any]]:
        return [
            {"weekday": weekday, "starts_at": "08:00", "ends_at": "12:00"},
            {"weekday": weekday, "starts_at": "12:30", "ends_at": end},
        ]

    for member, days in [(a, day(0) + day(1)), (b, day(2) + day(3))]:
        assert (
            admin.post(
                "/api/v1/assignments/", json=assignment_payload(contract, member, slots=days)
            ).status_code
            == 201
        )
    before = database_state(session)
    over = admin.post(
        "/api/v1/assignments/", json=assignment_payload(contract, c, slots=day(4, "16:45"))
    )
    assert "40\xa0h\xa015" in _refused_by(over, "WT-WEEK-40")["message"]
    assert database_state(session) == before
    exact = admin.post("/api/v1/assignments/", json=assignment_payload(contract, c, slots=day(4)))
    assert exact.status_code == 201


def test_a_member_leaving_on_the_14th_is_refused_while_a_slot_falls_on_the_15th(
    admin: Any, session: Session, world: World
) -> None:
    member = admin.post("/api/v1/members/", json=member_payload(joined_on="2026-01-01")).get_json()
    _worker, contract = _new_worker_with_contract(admin, starts_on="2026-02-01")
    # 15 December 2026 is a Tuesday.
    tuesday = [{"weekday": 1, "starts_at": "09:00", "ends_at": "13:00"}]
    assignment = admin.post(
        "/api/v1/assignments/", json=assignment_payload(contract, member["id"], slots=tuesday)
    ).get_json()
    before = database_state(session)
    refused = admin.patch(f"/api/v1/members/{member['id']}", json={"left_on": "2026-12-14"})
    finding = _refused_by(refused, "GE-MEMBER-02")
    assert finding["first_date"] == "2026-12-15"
    assert database_state(session) == before

    ended = admin.patch(f"/api/v1/assignments/{assignment['id']}", json={"ends_on": "2026-12-14"})
    assert ended.status_code == 200
    assert (
        admin.patch(f"/api/v1/members/{member['id']}", json={"left_on": "2026-12-14"}).status_code
        == 200
    )


def test_warnings_come_back_with_the_answer_and_are_recorded(
    admin: Any, session: Session, world: World
) -> None:
    entry = karims_long_day(session, world.member_ids_a[1])
    response = admin.post("/api/v1/day-entries/", json=entry)
    assert response.status_code == 201
    (warning,) = response.get_json()["findings"]
    assert warning["rule_id"] == "WT-DAY-8H" and warning["severity"] == "warning"
    assert "8\xa0h\xa030 prévues pour Karim El Amrani le 24 novembre 2026" in warning["message"]
    recorded = session.scalars(
        select(RecordedFinding).where(
            RecordedFinding.entity == "day_entries",
            RecordedFinding.entity_id == response.get_json()["id"],
        )
    ).all()
    assert [r.rule_id for r in recorded] == ["WT-DAY-8H"]
    assert (
        "findings" not in admin.get(f"/api/v1/day-entries/{response.get_json()['id']}").get_json()
    )


def test_a_derogation_lets_a_longer_day_through_and_cannot_be_withdrawn_under_it(
    admin: Any, session: Session, world: World
) -> None:
    _worker, contract = _new_worker_with_contract(admin, weekly_hours="19")
    long_day = [
        {"weekday": 0, "starts_at": "07:00", "ends_at": "12:00"},
        {"weekday": 0, "starts_at": "12:30", "ends_at": "17:00"},
    ]  # 9 h 30
    payload = assignment_payload(
        contract,
        world.member_ids_a[0],
        slots=long_day,
        starts_on="2026-02-01",
        ends_on="2026-06-30",
    )
    _refused_by(admin.post("/api/v1/assignments/", json=payload), "WT-DAY-MAX")

    derogation = admin.post(
        "/api/v1/derogations/",
        json={
            "rule_id": "WT-DAY-MAX",
            "kind": "cct",
            "reference": "CCT 2026/4 (CP 329.02)",
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
        },
    ).get_json()
    assert admin.post("/api/v1/assignments/", json=payload).status_code == 201
    before = database_state(session)
    _refused_by(admin.delete(f"/api/v1/derogations/{derogation['id']}"), "WT-DAY-MAX")
    assert database_state(session) == before


def test_the_laws_hard_limits_take_no_derogation(admin: Any, session: Session) -> None:
    before = database_state(session)
    body = assert_error_shape(
        admin.post(
            "/api/v1/derogations/",
            json={
                "rule_id": "GE-HOURS-19",
                "kind": "other",
                "reference": "x",
                "starts_on": "2026-01-01",
            },
        ),
        422,
    )
    assert "WT-DAY-MAX" in body["errors"]["rule_id"][0]
    assert database_state(session) == before


def test_the_cap_and_the_floor_change_only_with_a_reference_and_within_the_law(
    admin: Any, session: Session
) -> None:
    before = database_state(session)
    missing = assert_error_shape(admin.patch("/api/v1/groupement", json={"headcount_cap": 60}), 422)
    assert "headcount_cap_reference" in missing["errors"]
    # The demo employs eight workers: a cap of seven would be crossed at once.
    seven = admin.patch(
        "/api/v1/groupement", json={"headcount_cap": 7, "headcount_cap_reference": "test"}
    )
    assert "jusqu'à 8 travailleurs" in _refused_by(seven, "GE-CAP-50")["message"]
    floor = admin.patch(
        "/api/v1/groupement",
        json={"weekly_hours_floor": "20", "weekly_hours_floor_reference": "AR"},
    )
    _refused_by(floor, "GE-HOURS-19")
    assert database_state(session) == before
    raised = admin.patch(
        "/api/v1/groupement",
        json={"headcount_cap": 60, "headcount_cap_reference": "AR du 1/2/2027"},
    )
    assert raised.status_code == 200
    assert raised.get_json()["headcount_cap_reference"] == "AR du 1/2/2027"


def test_the_demo_report_for_november_2026(as_user: Any) -> None:
    report = (
        as_user("accountant_a").get("/api/v1/compliance?from=2026-11-01&to=2026-11-30").get_json()
    )
    assert [(f["rule_id"], f["first_date"]) for f in report["findings"]] == [
        ("WT-DAY-8H", "2026-11-17")
    ]
    assert len(report["headcount"]) == 30
    assert {(d["count"], d["cap"]) for d in report["headcount"]} == {(8, 50)}
    rows = report["planned_hours"]
    assert len(rows) == 8
    assert all(r["planned_weekly_hours"] == r["contract_weekly_hours"] for r in rows)


def test_the_report_is_for_ge_staff_and_checks_its_dates(as_user: Any) -> None:
    assert_error_shape(
        as_user("member_a0").get("/api/v1/compliance?from=2026-01-01&to=2026-01-31"), 403
    )
    assert_error_shape(
        as_user("admin_a").get("/api/v1/compliance?from=2026-02-01&to=2026-01-31"), 422
    )
    assert_error_shape(as_user("admin_a").get("/api/v1/compliance?from=2026-02-01"), 422)


def test_each_groupement_reports_only_on_itself(
    as_user: Any, session: Session, world: World
) -> None:
    report = as_user("admin_b").get("/api/v1/compliance?from=2026-01-01&to=2026-12-31").get_json()
    own = set(session.scalars(select(Contract.id).where(Contract.groupement_id == world.ge_b)))
    assert {row["contract_id"] for row in report["planned_hours"]} == own


# -- the joint-liability register ------------------------------------------------------


def test_every_member_answers_for_all_of_each_debt_of_its_membership(
    admin: Any, session: Session, world: World
) -> None:
    report = admin.get("/api/v1/liability/exposure?as_of=2026-11-20").get_json()
    rows = {row["member_id"]: row for row in report["members"]}
    assert set(rows) == set(world.member_ids_a)
    # ONSS Q3: 18,420.36 - 12,000.00 paid; withholding tax of October: 4,385.20 unpaid.
    for row in rows.values():
        assert row["exposure"] == "10805.56"
        assert all(d["overdue"] for d in row["debts"])
    for debt_id in {d["debt_id"] for row in rows.values() for d in row["debts"]}:
        shares = [
            Decimal(d["internal_share"])
            for row in rows.values()
            for d in row["debts"]
            if d["debt_id"] == debt_id
        ]
        outstanding = {
            d["outstanding"]
            for row in rows.values()
            for d in row["debts"]
            if d["debt_id"] == debt_id
        }
        assert sum(shares) == Decimal(outstanding.pop())
    # Shares follow the hours planned at each member over the debt's period.
    onss = [
        (Decimal(d["planned_hours"]), Decimal(d["internal_share"]))
        for row in rows.values()
        for d in row["debts"]
        if d["kind"] == "onss"
    ]
    total_hours = sum(hours for hours, _ in onss)
    for hours, share in onss:
        assert abs(share - Decimal("6420.36") * hours / total_hours) <= Decimal("0.01")
    assert [f["rule_id"] for f in report["findings"]] == [
        "LIAB-LEDGER",
        "LIAB-ARREARS",
        "LIAB-ARREARS",
    ]
    assert "10\u202f805,56\xa0€" in report["findings"][0]["message"]


def test_a_member_gone_before_a_debt_answers_for_nothing_of_it(
    admin: Any, session: Session
) -> None:
    gone = admin.post(
        "/api/v1/members/", json=member_payload(joined_on="2026-01-01", left_on="2026-06-30")
    ).get_json()
    during = admin.post(
        "/api/v1/members/", json=member_payload(joined_on="2026-01-01", left_on="2026-08-15")
    ).get_json()
    report = admin.get("/api/v1/liability/exposure?as_of=2026-11-20").get_json()
    rows = {row["member_id"]: row for row in report["members"]}
    assert rows[gone["id"]]["exposure"] == "0.00" and rows[gone["id"]]["debts"] == []
    # Left in August: answers for the third quarter's ONSS, not for October's tax.
    assert [d["kind"] for d in rows[during["id"]]["debts"]] == ["onss"]
    assert rows[during["id"]]["exposure"] == "6420.36"
    assert rows[during["id"]]["internal_share"] == "0.00"  # nothing planned there
    exits = [f for f in report["findings"] if f["rule_id"] == "LIAB-EXIT"]
    assert [f["subjects"] for f in exits] == [[{"kind": "member", "id": during["id"]}]]


def test_a_member_user_sees_its_own_exposure_only(as_user: Any, world: World) -> None:
    report = as_user("member_a2").get("/api/v1/liability/exposure?as_of=2026-11-20").get_json()
    assert [row["member_id"] for row in report["members"]] == [world.member_ids_a[2]]


def test_a_payment_cannot_exceed_the_debt(admin: Any, session: Session) -> None:
    debt = admin.get("/api/v1/liability/debts/").get_json()[0]
    before = database_state(session)
    too_much = {"debt_id": debt["id"], "paid_on": "2026-11-02", "amount": debt["outstanding"] + "1"}
    assert_error_shape(admin.post("/api/v1/liability/payments/", json=too_much), 422)
    assert database_state(session) == before
    exact = {"debt_id": debt["id"], "paid_on": "2026-11-02", "amount": debt["outstanding"]}
    assert admin.post("/api/v1/liability/payments/", json=exact).status_code == 201
    assert admin.get(f"/api/v1/liability/debts/{debt['id']}").get_json()["outstanding"] == "0.00"


def test_a_member_reads_findings_only_of_the_debts_it_answers_for(as_user: Any) -> None:
    old = {
        "kind": "wages",
        "period_start": "2018-01-01",
        "period_end": "2018-12-31",
        "amount": "12345.67",
        "due_on": "2019-01-31",
    }
    debt = as_user("admin_a").post("/api/v1/liability/debts/", json=old).get_json()
    member = as_user("member_a0")
    assert_error_shape(member.get(f"/api/v1/liability/debts/{debt['id']}"), 404)
    report = member.get("/api/v1/liability/exposure?as_of=2026-11-20").get_json()
    subjects = [s for f in report["findings"] for s in f["subjects"]]
    assert {"kind": "debt", "id": debt["id"]} not in subjects
    assert "12 345,67" not in str(report)
    admin_report = as_user("admin_a").get("/api/v1/liability/exposure?as_of=2026-11-20").get_json()
    assert any(
        {"kind": "debt", "id": debt["id"]} in f["subjects"] for f in admin_report["findings"]
    )


def test_a_night_shift_is_accepted_with_wt_night_and_rest_counts_from_its_end(
    admin: Any, session: Session, world: World
) -> None:
    """Monday 22:00 to Tuesday 06:00: saved, a WT-NIGHT warning, no WT-REST-11H; the next
    shift may start Tuesday 17:00 (11 h 00 after its end), not 16:59."""
    _worker, contract = _new_worker_with_contract(admin)
    a, b = world.member_ids_a[0], world.member_ids_a[1]
    night = [{"weekday": 0, "starts_at": "22:00", "ends_at": "06:00"}]
    created = admin.post("/api/v1/assignments/", json=assignment_payload(contract, a, slots=night))
    assert created.status_code == 201, created.get_json()
    body = created.get_json()
    assert body["slots"] == [night[0] | {"week": 1}] and body["weekly_hours"] == "8.00"
    rules = {f["rule_id"] for f in body["findings"]}
    assert "WT-NIGHT" in rules and "WT-REST-11H" not in rules
    (warning,) = [f for f in body["findings"] if f["rule_id"] == "WT-NIGHT"]
    assert warning["severity"] == "warning" and "22:00 à 06:00" in warning["message"]

    before = database_state(session)
    too_soon = [{"weekday": 1, "starts_at": "16:59", "ends_at": "20:00"}]
    refused = admin.post(
        "/api/v1/assignments/", json=assignment_payload(contract, b, slots=too_soon)
    )
    assert "10\xa0h\xa059" in _refused_by(refused, "WT-REST-11H")["message"]
    assert database_state(session) == before
    on_time = [{"weekday": 1, "starts_at": "17:00", "ends_at": "20:00"}]
    passed = admin.post("/api/v1/assignments/", json=assignment_payload(contract, b, slots=on_time))
    assert passed.status_code == 201, passed.get_json()


def test_a_slot_may_end_at_24_00_which_is_midnight(admin: Any, world: World) -> None:
    _worker, contract = _new_worker_with_contract(admin)
    evening = [{"weekday": 2, "starts_at": "18:00", "ends_at": "24:00"}]
    created = admin.post(
        "/api/v1/assignments/",
        json=assignment_payload(contract, world.member_ids_a[0], slots=evening),
    )
    assert created.status_code == 201, created.get_json()
    assert created.get_json()["slots"][0]["ends_at"] == "00:00"
    assert created.get_json()["weekly_hours"] == "6.00"


def test_the_average_week_over_the_reference_period_is_checked_on_a_one_day_write(
    admin: Any, session: Session, world: World
) -> None:
    """February 2026's weeks (those whose Thursday is in February) are Monday 2 February
    to Sunday 1 March, four weeks without a holiday. With a 1-month reference period,
    38 h a week averages 38 h 00; one extra hour on the 10th, a write of one day, makes it
    38 h 15 over the four weeks: refused. A 12-month period takes it."""
    assert admin.get("/api/v1/groupement").get_json()["reference_period_months"] == 3
    monthly = admin.patch("/api/v1/groupement", json={"reference_period_months": 1})
    assert monthly.status_code == 200, monthly.get_json()
    assert admin.patch("/api/v1/groupement", json={"reference_period_months": 5}).status_code == 422
    worker, contract = _new_worker_with_contract(admin, weekly_hours="38")
    week = [
        {"weekday": day, "starts_at": start, "ends_at": end}
        for day in range(5)
        for start, end in (("08:00", "12:00"), ("12:30", "16:06"))
    ]
    placed = admin.post(
        "/api/v1/assignments/",
        json=assignment_payload(contract, world.member_ids_a[0], slots=week, ends_on="2026-02-28"),
    )
    assert placed.status_code == 201, placed.get_json()
    assert "WT-WEEK-AVG38" not in {f["rule_id"] for f in placed.get_json()["findings"]}

    before = database_state(session)
    extra = {
        "worker_id": worker,
        "day": "2026-02-10",
        "hours": "1",
        "kind": "extra_hours",
        "member_id": world.member_ids_a[0],
    }
    finding = _refused_by(admin.post("/api/v1/day-entries/", json=extra), "WT-WEEK-AVG38")
    assert (finding["first_date"], finding["last_date"]) == ("2026-02-02", "2026-03-01")
    assert "38,25" in finding["messages"]["fr"]
    assert database_state(session) == before

    yearly = admin.patch("/api/v1/groupement", json={"reference_period_months": 12})
    assert yearly.status_code == 200, yearly.get_json()
    assert admin.post("/api/v1/day-entries/", json=extra).status_code == 201
