"""Day entries that mean something, and findings that keep their identity: an absence
comes off hours the schedule planned; renaming who a standing breach is about is no new
breach, and a finding read in three languages is one finding."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Assignment, Contract, Groupement, Slot
from app.services.compliance import findings_between, planned_minutes
from tests.conftest import World
from tests.helpers import arranging, assert_error_shape, database_state


def _planned_day(session: Session, world: World) -> tuple[int, date, int, int]:
    """A worker, a weekday of June 2026 and a member where they are planned, with the
    minutes planned there."""
    contracts = session.scalars(
        select(Contract).where(Contract.groupement_id == world.ge_a).order_by(Contract.id)
    ).all()
    for contract in contracts:
        for offset in range(1, 6):  # 1-5 June 2026, Monday to Friday
            day = date(2026, 6, offset)
            planned = planned_minutes(session, world.ge_a, contract.worker_id, day)
            if planned:
                member, minutes = max(planned.items(), key=lambda item: item[1])
                return contract.worker_id, day, member, minutes
    raise AssertionError("no planned day in the demo")


def _absence(worker: int, day: date, member: int | None, hours: str) -> dict[str, Any]:
    return {"worker_id": worker, "day": day.isoformat(), "member_id": member,
            "hours": hours, "kind": "sickness"}  # fmt: skip


def test_an_absence_where_the_worker_is_not_planned_is_refused(
    admin: Any, session: Session, world: World
) -> None:
    worker, day, _member, _minutes = _planned_day(session, world)
    elsewhere = next(
        m for m in world.member_ids_a if m not in planned_minutes(session, world.ge_a, worker, day)
    )
    before = database_state(session)
    response = admin.post("/api/v1/day-entries/", json=_absence(worker, day, elsewhere, "1"))
    body = assert_error_shape(response, 422)
    assert "pas d'heures planifiées" in body["errors"]["member_id"][0]
    assert database_state(session) == before


def test_an_absence_longer_than_the_planned_day_is_refused_with_the_planned_hours(
    admin: Any, session: Session, world: World
) -> None:
    worker, day, member, minutes = _planned_day(session, world)
    planned = Decimal(minutes) / 60
    before = database_state(session)
    too_long = admin.post(
        "/api/v1/day-entries/", json=_absence(worker, day, member, str(planned + Decimal("0.5")))
    )
    message = assert_error_shape(too_long, 422)["errors"]["hours"][0]
    shown = f"{planned.quantize(Decimal('0.01')):f}".rstrip("0").rstrip(".").replace(".", ",")
    assert f"pour {shown} h planifiées" in message, message
    assert database_state(session) == before
    # Exactly the planned hours: accepted; one more minute on top: refused.
    exact = admin.post("/api/v1/day-entries/", json=_absence(worker, day, member, str(planned)))
    assert exact.status_code == 201, exact.get_json()
    more = admin.post("/api/v1/day-entries/", json=_absence(worker, day, member, "0.25"))
    assert_error_shape(more, 422)


def test_an_absence_without_a_member_is_bounded_by_the_whole_day(
    admin: Any, session: Session, world: World
) -> None:
    worker, day, _member, _minutes = _planned_day(session, world)
    whole = Decimal(sum(planned_minutes(session, world.ge_a, worker, day).values())) / 60
    sunday = day + timedelta(days=6 - day.weekday())
    assert_error_shape(
        admin.post("/api/v1/day-entries/", json=_absence(worker, sunday, None, "1")), 422
    )
    ok = admin.post("/api/v1/day-entries/", json=_absence(worker, day, None, str(whole)))
    assert ok.status_code == 201, ok.get_json()
    # The whole day is absent already: nothing more at any member.
    _worker, _day, member, _minutes = _planned_day(session, world)
    more = admin.post("/api/v1/day-entries/", json=_absence(worker, day, member, "0.25"))
    assert_error_shape(more, 422)


def _plant_overlap(session: Session, world: World) -> tuple[int, int]:
    """A second assignment on top of an existing one: a standing WT-OVERLAP breach, as an
    import from before the rule would have left it. Returns the worker and the member."""
    first = session.scalars(
        select(Assignment)
        .where(Assignment.groupement_id == world.ge_a, Assignment.ends_on.is_(None))
        .order_by(Assignment.id)
    ).first()
    assert first is not None and first.slots
    slot = first.slots[0]
    other = next(m for m in world.member_ids_a if m != first.member_id)
    with arranging(session, world.ge_a):
        session.add(
            Assignment(
                groupement_id=world.ge_a,
                contract_id=first.contract_id,
                member_id=other,
                starts_on=date(2026, 9, 1),
                slots=[
                    Slot(
                        groupement_id=world.ge_a,
                        weekday=slot.weekday,
                        starts_at=slot.starts_at,
                        ends_at=slot.ends_at,
                    )
                ],
            )
        )
    session.commit()
    contract = session.get_one(Contract, first.contract_id)
    return contract.worker_id, other


def test_renaming_who_a_standing_breach_is_about_is_accepted(
    admin: Any, session: Session, world: World
) -> None:
    worker, member = _plant_overlap(session, world)
    ge = session.get_one(Groupement, world.ge_a)
    standing = findings_between(session, ge.id, date(2026, 9, 1), date(2026, 9, 30))
    assert "WT-OVERLAP" in {f.rule_id for f in standing}
    renamed = admin.patch(f"/api/v1/members/{member}", json={"name": "Nouveau Nom ASBL"})
    assert renamed.status_code == 200, renamed.get_json()
    moved = admin.patch(f"/api/v1/workers/{worker}", json={"last_name": "Autrement"})
    assert moved.status_code == 200, moved.get_json()
    after = findings_between(session, ge.id, date(2026, 9, 1), date(2026, 9, 30))
    overlap = [f for f in after if f.rule_id == "WT-OVERLAP"]
    assert overlap and "Autrement" in overlap[0].messages.fr  # worded with today's names
    # The same breach, renamed: the same identity.
    assert {f.key for f in after} == {f.key for f in standing}


def test_a_finding_read_in_three_languages_is_one_finding(
    admin: Any, as_user: Any, session: Session, world: World
) -> None:
    _plant_overlap(session, world)
    keys = []
    for language in ("fr", "nl", "en"):
        report = as_user("admin_a", language).get(
            "/api/v1/compliance?from=2026-09-01&to=2026-09-30"
        )
        found = report.get_json()["findings"]
        keys.append(
            sorted(
                (f["rule_id"], f["first_date"], f["last_date"], str(f["subjects"])) for f in found
            )
        )
        messages = {f["message"] for f in found}
        assert messages <= {m for f in found for m in f["messages"].values()}
    assert keys[0] == keys[1] == keys[2]
