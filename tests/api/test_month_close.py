"""The month's close of May 2026 in the demo GE: each step turns done when its condition
holds and undone when it stops holding (a timesheet changed after its review, a payroll
row deleted), the payroll gap flagged at 12 % and not at 8 %, the GEs kept apart, and a
refused review writes nothing."""

from datetime import datetime
from decimal import Decimal
from typing import Any

import time_machine
from sqlalchemy import select
from sqlalchemy.orm import Session

from allocation.calendar import BRUSSELS
from app.models import Groupement, Worker
from app.services import month_close
from tests.conftest import World
from tests.helpers import assert_error_shape, database_state

MAY = "2026-05"
ZERO = {"employer_contributions": "0", "holiday_provision": "0", "year_end_provision": "0"}


def _ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    return response.get_json()


def _steps(api: Any, period: str = MAY) -> dict[str, dict[str, Any]]:
    return {s["name"]: s for s in _ok(api.get(f"/api/v1/month-close/{period}"))["steps"]}


def _review_all(admin: Any) -> None:
    for worker in _steps(admin)["reviewed"]["figures"]["open"]:
        _ok(
            admin.post(
                f"/api/v1/month-close/{MAY}/reviews", json={"worker_id": worker["worker_id"]}
            ),
            201,
        )


def _payroll(admin: Any, worker: int, gross: str) -> int:
    row = {"worker_id": worker, "period": MAY, "gross": gross} | ZERO
    return _ok(admin.post("/api/v1/payroll-costs/", json=row), 201)["id"]  # type: ignore[no-any-return]


def test_a_fresh_month_has_every_step_open_with_its_link(admin: Any) -> None:
    body = _ok(admin.get(f"/api/v1/month-close/{MAY}"))
    assert body["period"] == MAY and body["complete"] is False
    steps = {s["name"]: s for s in body["steps"]}
    assert list(steps) == list(month_close.STEPS)
    assert not any(s["done"] for s in steps.values())
    assert steps["reviewed"]["figures"]["workers"] > 1
    assert steps["exported"]["link"] == "/gestion/exports?period=2026-05"
    assert steps["payroll_imported"]["link"] == "/gestion/imports#import-payroll"
    assert all(s["label"] and s["link"].startswith("/gestion") for s in steps.values())


def test_a_timesheet_changed_after_its_review_is_no_longer_reviewed(
    admin: Any, session: Session
) -> None:
    _review_all(admin)
    assert _steps(admin)["reviewed"]["done"] is True
    sophie = session.scalars(select(Worker.id).where(Worker.first_name == "Sophie")).one()
    entry = {"worker_id": sophie, "day": "2026-05-12", "hours": "1", "kind": "extra_hours"}
    entry_id = _ok(admin.post("/api/v1/day-entries/", json=entry), 201)["id"]
    step = _steps(admin)["reviewed"]
    assert step["done"] is False
    assert [(w["worker_id"], w["changed_since_review"]) for w in step["figures"]["open"]] == [
        (sophie, True)
    ]
    # Reviewed again as it is now; a change in June leaves May's review standing.
    _ok(admin.post(f"/api/v1/month-close/{MAY}/reviews", json={"worker_id": sophie}), 201)
    assert _steps(admin)["reviewed"]["done"] is True
    june = entry | {"day": "2026-06-09"}
    _ok(admin.post("/api/v1/day-entries/", json=june), 201)
    assert _steps(admin)["reviewed"]["done"] is True
    # Deleting May's entry is a change too.
    assert admin.delete(f"/api/v1/day-entries/{entry_id}").status_code == 204
    assert _steps(admin)["reviewed"]["done"] is False


def test_the_payroll_step_follows_the_rows_imported(admin: Any) -> None:
    step = _steps(admin)["payroll_imported"]
    workers = [w["worker_id"] for w in step["figures"]["missing"]]
    assert step["done"] is False and step["figures"]["imported"] == 0
    rows = [_payroll(admin, worker, "2000.00") for worker in workers]
    assert _steps(admin)["payroll_imported"]["done"] is True
    assert admin.delete(f"/api/v1/payroll-costs/{rows[0]}").status_code == 204
    step = _steps(admin)["payroll_imported"]
    assert step["done"] is False
    assert [w["worker_id"] for w in step["figures"]["missing"]] == [workers[0]]


def _modelled(session: Session, world: World, worker: int) -> Decimal:
    groupement = session.get_one(Groupement, world.ge_a)
    found = month_close.payroll_comparisons(session, groupement, month_close.parse(MAY))
    return found[worker].modelled.total


def test_a_gap_of_12_percent_is_flagged_with_both_figures_and_8_percent_is_not(
    admin: Any, session: Session, world: World
) -> None:
    sophie = session.scalars(select(Worker.id).where(Worker.first_name == "Sophie")).one()
    row = _payroll(admin, sophie, "1.00")
    modelled = _modelled(session, world, sophie)
    assert modelled > 1000

    def gross(factor: str) -> Decimal:
        imported = (modelled * Decimal(factor)).quantize(Decimal("0.01"))
        _ok(admin.patch(f"/api/v1/payroll-costs/{row}", json={"gross": str(imported)}))
        return imported

    imported = gross("1.12")
    flagged = _steps(admin)["payroll_compared"]["figures"]["flagged"]
    assert [(f["worker_id"], f["modelled"], f["imported"]) for f in flagged] == [
        (sophie, str(modelled), str(imported))
    ]
    assert flagged[0]["gap_percent"] == "12.00"
    gross("0.88")  # below the model counts the same
    assert len(_steps(admin)["payroll_compared"]["figures"]["flagged"]) == 1
    gross("1.08")
    step = _steps(admin)["payroll_compared"]
    assert step["figures"]["flagged"] == []
    assert Decimal(step["figures"]["threshold_percent"]) == 10
    # The GE's own threshold.
    gross("1.12")
    _ok(admin.patch("/api/v1/groupement", json={"payroll_gap_percent": "15"}))
    assert _steps(admin)["payroll_compared"]["figures"]["flagged"] == []


def test_the_comparison_is_done_once_every_cost_is_in_and_near_the_model(
    admin: Any, session: Session, world: World
) -> None:
    workers = [w["worker_id"] for w in _steps(admin)["payroll_imported"]["figures"]["missing"]]
    rows = {worker: _payroll(admin, worker, "1.00") for worker in workers}
    assert _steps(admin)["payroll_compared"]["done"] is False
    for worker, row in rows.items():
        modelled = _modelled(session, world, worker)
        _ok(admin.patch(f"/api/v1/payroll-costs/{row}", json={"gross": str(modelled)}))
    assert _steps(admin)["payroll_compared"]["done"] is True


def test_an_export_is_recorded_with_who_and_when(admin: Any, as_user: Any) -> None:
    assert _steps(admin)["exported"]["done"] is False
    _ok(as_user("accountant_a").get(f"/api/v1/prestations/{MAY}.csv"))
    step = _steps(admin)["exported"]
    assert step["done"] is True and step["figures"]["count"] == 1
    assert step["figures"]["last"]["kind"] == "csv"
    assert step["figures"]["last"]["by"]
    assert _steps(admin, "2026-06")["exported"]["done"] is False


def test_drafted_then_issued_by_the_15th_or_late(admin: Any) -> None:
    with time_machine.travel(datetime(2026, 6, 3, 10, 0, tzinfo=BRUSSELS), tick=False):
        assert _steps(admin)["issued"]["late"] is False
        run = _ok(admin.post("/api/v1/billing-runs/", json={"period": MAY}), 201)
        steps = _steps(admin)
        assert steps["drafted"]["done"] is True and steps["issued"]["done"] is False
        assert steps["drafted"]["link"] == f"/gestion/facturation/{run['id']}"
        _ok(admin.post(f"/api/v1/billing-runs/{run['id']}/issue", json={}))
        issued = _steps(admin)["issued"]
        assert issued["done"] is True and issued["late"] is False
        assert issued["figures"] == {"issued_on": "2026-06-03", "deadline": "2026-06-15"}
    with time_machine.travel(datetime(2026, 7, 20, 10, 0, tzinfo=BRUSSELS), tick=False):
        run = _ok(admin.post("/api/v1/billing-runs/", json={"period": "2026-06"}), 201)
        _ok(admin.post(f"/api/v1/billing-runs/{run['id']}/issue", json={}))
        issued = _steps(admin, "2026-06")["issued"]
        assert issued["done"] is True and issued["late"] is True
        assert _steps(admin, "2026-05")["issued"]["late"] is False


def test_another_ges_worker_is_not_found_and_members_are_refused(
    admin: Any, as_user: Any, session: Session, world: World
) -> None:
    worker_a = session.scalars(select(Worker.id).where(Worker.groupement_id == world.ge_a)).first()
    admin_b = as_user("admin_b")
    before = database_state(session)
    assert_error_shape(
        admin_b.post(f"/api/v1/month-close/{MAY}/reviews", json={"worker_id": worker_a}), 404
    )
    assert_error_shape(
        admin.post(f"/api/v1/month-close/{MAY}/reviews", json={"worker_id": 2**31 - 1}), 404
    )
    assert database_state(session) == before
    # GE B's month knows nothing of GE A's workers.
    steps_b = _steps(admin_b)
    assert worker_a not in [w["worker_id"] for w in steps_b["reviewed"]["figures"]["open"]]
    member = as_user("member_a0")
    assert_error_shape(member.get(f"/api/v1/month-close/{MAY}"), 403)
    assert_error_shape(
        member.post(f"/api/v1/month-close/{MAY}/reviews", json={"worker_id": worker_a}), 403
    )
    accountant = as_user("accountant_a")
    assert _steps(accountant)["reviewed"]["done"] is False
    assert_error_shape(
        accountant.post(f"/api/v1/month-close/{MAY}/reviews", json={"worker_id": worker_a}), 403
    )
    assert database_state(session) == before


def test_a_worker_without_a_contract_in_the_month_is_refused(admin: Any, session: Session) -> None:
    worker = _ok(
        admin.post("/api/v1/workers/", json={"first_name": "Sans", "last_name": "Contrat"}), 201
    )
    before = database_state(session)
    body = assert_error_shape(
        admin.post(f"/api/v1/month-close/{MAY}/reviews", json={"worker_id": worker["id"]}), 422
    )
    assert "worker_id" in body["errors"]
    assert_error_shape(admin.get("/api/v1/month-close/2026-13"), 422)
    assert database_state(session) == before


def test_a_review_is_audited(admin: Any, session: Session) -> None:
    from app.models import AuditEvent

    _review_all(admin)
    assert session.scalars(
        select(AuditEvent).where(AuditEvent.entity == "timesheet_reviews")
    ).first()


def test_the_payroll_imported_after_the_review_leaves_it_standing_a_day_off_does_not(
    admin: Any, session: Session, world: World
) -> None:
    """The close goes review, export, import: the secretariat's figures answer the
    reviewed timesheets and do not unmark them; a replacement day in the month does."""
    from datetime import date

    from app.models import ReplacementDay
    from tests.helpers import arranging

    _review_all(admin)
    for worker in _steps(admin)["payroll_imported"]["figures"]["missing"]:
        _payroll(admin, worker["worker_id"], "2000.00")
    steps = _steps(admin)
    assert steps["reviewed"]["done"] is True and steps["payroll_imported"]["done"] is True
    with arranging(session, world.ge_a) as write:
        write.session.add(
            ReplacementDay(
                groupement_id=world.ge_a, holiday=date(2026, 5, 25), replacement=date(2026, 5, 29)
            )
        )
    session.commit()
    assert _steps(admin)["reviewed"]["done"] is False
