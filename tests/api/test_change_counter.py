"""The GE's change counter and what is kept against it: the month's legal findings
(computed once per change, not once per draft) and the draft written set-based (one
audit event per run, the draft current until the records change)."""

from datetime import date
from typing import Any

import pytest
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

import legal_rules
from app.models import AuditEvent, FindingsCache, Groupement, Invoice, InvoiceLine, Worker
from app.services import billing
from tests.conftest import World
from tests.helpers import arranging, assert_error_shape, database_state

MAY = date(2026, 5, 1)
MAY_SPAN = (date(2026, 5, 1), date(2026, 5, 31))


def _version(session: Session, groupement_id: int) -> int:
    session.expire_all()
    return session.scalars(
        select(Groupement.data_version).where(Groupement.id == groupement_id)
    ).one()


def _draft(api: Any) -> dict[str, Any]:
    response = api.post("/api/v1/billing-runs/", json={"period": "2026-05"})
    assert response.status_code == 201, response.get_json()
    return response.get_json()  # type: ignore[no-any-return]


def _rename(api: Any, member_id: int, name: str) -> None:
    response = api.patch(f"/api/v1/members/{member_id}", json={"name": name})
    assert response.status_code == 200, response.get_json()


def test_a_change_counts_once_a_refusal_and_a_draft_do_not(
    admin: Any, session: Session, world: World
) -> None:
    start = _version(session, world.ge_a)
    _rename(admin, world.member_ids_a[0], "ASBL renommée")
    assert _version(session, world.ge_a) == start + 1
    # Refused (a name too long): nothing written, nothing counted.
    assert_error_shape(
        admin.patch(f"/api/v1/members/{world.member_ids_a[0]}", json={"name": "x" * 500}), 422
    )
    assert _version(session, world.ge_a) == start + 1
    run = _draft(admin)
    assert _version(session, world.ge_a) == start + 1
    current = billing.current_draft(session, world.ge_a, MAY)
    assert current is not None and current.id == run["id"]
    _rename(admin, world.member_ids_a[0], "ASBL renommée encore")
    assert _version(session, world.ge_a) == start + 2
    assert billing.current_draft(session, world.ge_a, MAY) is None


def test_another_ges_write_moves_only_its_own_counter(
    as_user: Any, session: Session, world: World
) -> None:
    a, b = _version(session, world.ge_a), _version(session, world.ge_b)
    other = as_user("admin_b")
    member = other.get("/api/v1/members/").get_json()[0]["id"]
    _rename(other, member, "Membre de B renommé")
    assert (_version(session, world.ge_a), _version(session, world.ge_b)) == (a, b + 1)


def test_the_months_findings_are_computed_once_per_change(
    admin: Any, session: Session, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[tuple[date, date]] = []
    real_check = legal_rules.check

    def counting_check(snapshot: legal_rules.Snapshot, *rules: Any) -> list[Any]:
        checked.append((snapshot.start, snapshot.end))
        return real_check(snapshot, *rules)

    monkeypatch.setattr(legal_rules, "check", counting_check)
    first = _draft(admin)
    second = _draft(admin)
    assert checked.count(MAY_SPAN) == 1  # the second draft read them back
    assert first["findings"] == second["findings"]
    kept = session.scalars(
        select(FindingsCache).where(FindingsCache.groupement_id == world.ge_a)
    ).one()
    assert kept.data_version == _version(session, world.ge_a)

    # One more hour on Sophie's 7.6 h Tuesday: 8.6 h, WT-DAY-8H warns. The write moves
    # the counter, so the next draft runs the rules again and sees it.
    sophie = session.scalars(select(Worker.id).where(Worker.first_name == "Sophie")).one()
    extra = {
        "worker_id": sophie,
        "day": "2026-05-12",
        "hours": "1",
        "kind": "extra_hours",
        "member_id": world.member_ids_a[1],
    }
    assert admin.post("/api/v1/day-entries/", json=extra).status_code == 201
    third = _draft(admin)
    assert checked.count(MAY_SPAN) == 2  # the write checked its day; the draft, May
    new = [f for f in third["findings"] if f not in second["findings"]]
    assert [f["rule_id"] for f in new] == ["WT-DAY-8H"], new


def test_a_draft_is_one_audit_event_listing_what_it_wrote(
    admin: Any, session: Session, world: World
) -> None:
    first = _draft(admin)
    second = _draft(admin)
    events = session.scalars(
        select(AuditEvent)
        .where(AuditEvent.groupement_id == world.ge_a, AuditEvent.entity == "billing_runs")
        .order_by(AuditEvent.id)
    ).all()
    assert [e.entity_id for e in events] == [first["id"], second["id"]]
    last = events[-1]
    assert last.before == {"replaced_runs": [first["id"]]}
    assert last.after is not None
    assert last.after["invoices"] == [i["id"] for i in second["invoices"]]
    lines = session.scalars(
        select(InvoiceLine.id)
        .join(Invoice, Invoice.id == InvoiceLine.invoice_id)
        .where(Invoice.run_id == second["id"])
    ).all()
    assert last.after["lines"] == len(lines) > 0
    assert last.after["worker_costs"] == len(second["workers"]) > 0
    # No event per line or per invoice: the run's one event says it all.
    per_row = session.scalars(
        select(AuditEvent.id).where(
            AuditEvent.groupement_id == world.ge_a,
            AuditEvent.entity.in_(["invoices", "invoice_lines", "run_worker_costs"]),
        )
    ).all()
    assert per_row == []


def test_a_refused_draft_leaves_the_database_and_the_cache_as_they_were(
    admin: Any, session: Session, world: World
) -> None:
    """A draft refused after the rules ran (no VAT number for its 21 % invoices,
    ge_vat_required) writes nothing: not its run, not the earlier draft's removal, not
    the findings it computed."""
    _draft(admin)
    groupement = session.get_one(Groupement, world.ge_a)
    with arranging(session, world.ge_a):
        groupement.vat_number = None
        session.execute(delete(FindingsCache))
    session.commit()
    before = database_state(session)
    assert_error_shape(admin.post("/api/v1/billing-runs/", json={"period": "2026-05"}), 422)
    assert database_state(session) == before
