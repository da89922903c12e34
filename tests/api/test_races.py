"""Twenty writers at once on PostgreSQL, through the API: the GE law, the debt register
and INV-LOCK hold as if the writes had come one after another.

Each scenario runs its requests one after another (what the rules promise), then three
rounds of twenty at once: one thread per request, each with its own app context,
session and connection, all released together by a barrier. Real connections and real
commits, on a fresh groupement per round, deleted after, even when a test fails.
"""

import os
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import Engine, create_engine, delete, func, select
from sqlalchemy.orm import Session

from app.auth import issue_token
from app.db import db
from app.models import AuditEvent, Contract, Debt, DebtPayment, Groupement, User, Worker
from app.models.enums import ContractType, DebtKind, Role
from app.services import billing
from app.services.compliance import findings_between
from tests.factories import assignment_of, contract_of, enterprise_number, member_of
from tests.helpers import arranging

URL = os.environ.get("MUTUA_TEST_DATABASE_URL", "")
pytestmark = pytest.mark.skipif(
    not URL.startswith("postgresql"), reason="needs PostgreSQL and concurrent connections"
)

THREADS = 20
ROUNDS = 3
NAME = "GE Courses ASBL"  # every groupement of this file, deleted by name
MAY = date(2026, 5, 1)
MORNINGS = [{"weekday": d, "starts_at": "09:00", "ends_at": "12:48"} for d in range(5)]

Request = tuple[str, str, dict[str, Any]]  # method, path, JSON body


@dataclass
class Ge:
    id: int
    token: str
    members: list[int]
    contracts: list[int]  # the placed ones first, then those without a schedule
    free_workers: list[int]  # workers without a contract


@pytest.fixture
def engine(app: Flask) -> Iterator[Engine]:
    """A connection for every writer: the API's sessions use this engine during the test.
    The groupements of this file are deleted before and after, with their audit trail."""
    engine = create_engine(URL, pool_size=THREADS + 2, max_overflow=0)
    _delete_groupements(engine)
    db.session.remove()
    db.session.configure(bind=engine)
    try:
        yield engine
    finally:
        db.session.remove()
        db.session.configure(bind=db.engine)
        _delete_groupements(engine)
        engine.dispose()


def _delete_groupements(engine: Engine) -> None:
    with Session(engine) as session:
        ours = select(Groupement.id).where(Groupement.name == NAME)
        session.execute(delete(AuditEvent).where(AuditEvent.groupement_id.in_(ours)))
        session.execute(delete(Groupement).where(Groupement.name == NAME))
        session.commit()


@pytest.fixture(params=[False, True], ids=["one_after_another", "twenty_at_once"])
def together(request: pytest.FixtureRequest) -> bool:
    return bool(request.param)


def rounds(together: bool) -> range:
    return range(ROUNDS if together else 1)


def groupement(
    engine: Engine,
    *,
    placed: int = 0,
    unplaced: int = 0,
    free: int = 0,
    cap: int = 50,
    ends_on: date | None = None,
) -> Ge:
    """A committed GE of three members: ``placed`` workers on 19 h contracts from
    1 January 2026 to ``ends_on`` (Monday to Friday 09:00-12:48, round robin over the
    members), ``unplaced`` such contracts with no schedule, ``free`` workers with no
    contract, and an administrator's token."""
    with Session(engine) as session:
        number = enterprise_number()
        ge = Groupement(
            name=NAME, enterprise_number=number, vat_number=f"BE{number}", street="Rue 1",
            postal_code="1000", city="Bruxelles", rpm_seat="Bruxelles",
            authorisation_reference="GE/1", authorisation_date=date(2020, 1, 1),
            joint_committee="329.02", headcount_cap=cap,
        )  # fmt: skip
        session.add(ge)
        session.flush()
        with arranging(session, ge.id):
            members = [member_of(ge.id, joined_on=date(2020, 1, 1)) for _ in range(3)]
            session.add_all(members)
            session.flush()
            contracts, workers = [], []
            for index in range(placed + unplaced + free):
                worker = Worker(groupement_id=ge.id, first_name="W", last_name=str(index))
                session.add(worker)
                session.flush()
                if index >= placed + unplaced:
                    workers.append(worker.id)
                    continue
                kind = ContractType.FIXED_TERM if ends_on else ContractType.OPEN_ENDED
                contract = contract_of(ge.id, worker.id, ends_on=ends_on, contract_type=kind)
                session.add(contract)
                session.flush()
                contracts.append(contract.id)
                if index < placed:
                    placement = assignment_of(ge.id, contract.id, members[index % 3].id)
                    placement.ends_on = ends_on
                    session.add(placement)
            admin = User(
                groupement_id=ge.id, email=f"admin{number}@courses.example", password_hash="!",
                role=Role.ADMIN,
            )  # fmt: skip
            session.add(admin)
            session.flush()
            token = issue_token(session, admin, "races")
        session.commit()
        return Ge(ge.id, token, [m.id for m in members], contracts, workers)


def race(app: Flask, token: str, requests: list[Request], together: bool) -> list[str]:
    """Each request's outcome: "201", "409 GE-CAP-50" (status, then the rules that refused
    it) or an exception's name. One after another, or all at once (see the module)."""
    barrier = threading.Barrier(len(requests))
    outcomes = ["not run"] * len(requests)
    headers = _bearer(token)

    def send(index: int) -> None:
        method, path, body = requests[index]
        try:
            with app.app_context():
                client = app.test_client()
                if together:
                    barrier.wait(timeout=30)
                response = getattr(client, method)(path, json=body, headers=headers)
                outcomes[index] = outcome(response)
        except Exception as error:  # reported in the outcomes, in the test's thread
            outcomes[index] = type(error).__name__

    if not together:
        for index in range(len(requests)):
            send(index)
        return outcomes
    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(requests))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a writer never finished"
    return outcomes


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def outcome(response: Any) -> str:
    if response.status_code < 400:
        return str(response.status_code)
    errors = (response.get_json() or {}).get("errors")
    findings = errors.get("findings", []) if isinstance(errors, dict) else []
    return " ".join([str(response.status_code), *sorted({f["rule_id"] for f in findings})])


def test_contracts_past_the_headcount_cap_are_refused_however_many_arrive_at_once(
    app: Flask, engine: Engine, together: bool
) -> None:
    room = 2
    for _ in rounds(together):
        ge = groupement(engine, placed=3, free=THREADS, cap=3 + room)
        hires = [("post", "/api/v1/contracts/", _contract(worker)) for worker in ge.free_workers]
        outcomes = race(app, ge.token, hires, together)
        with Session(engine) as session:
            headcount = session.scalar(
                select(func.count(func.distinct(Contract.worker_id))).where(
                    Contract.groupement_id == ge.id
                )
            )
        assert headcount <= 3 + room, f"{headcount} workers for a cap of {3 + room}"
        assert Counter(outcomes) == {"201": room, "409 GE-CAP-50": THREADS - room}


def _contract(worker_id: int) -> dict[str, Any]:
    return {
        "worker_id": worker_id, "starts_on": "2026-02-01", "weekly_hours": "19",
        "contract_type": "open_ended", "joint_committee": "329.02", "monthly_gross": "1500.00",
    }  # fmt: skip


def test_a_worker_is_never_scheduled_at_two_members_at_the_same_hours(
    app: Flask, engine: Engine, together: bool
) -> None:
    for _ in rounds(together):
        ge = groupement(engine, unplaced=1)
        placements = [
            (
                "post",
                "/api/v1/assignments/",
                {
                    "contract_id": ge.contracts[0],
                    "member_id": ge.members[index % 3],
                    "starts_on": "2026-02-01",
                    "slots": MORNINGS,
                },
            )
            for index in range(THREADS)
        ]
        outcomes = race(app, ge.token, placements, together)
        with app.app_context(), Session(engine) as session:
            standing = findings_between(session, ge.id, date(2026, 2, 1), date(2026, 3, 31))
        overlaps = [finding for finding in standing if finding.rule_id == "WT-OVERLAP"]
        assert not overlaps, f"{len(overlaps)} overlaps stand after {Counter(outcomes)}"
        assert outcomes.count("201") == 1, Counter(outcomes)
        assert all("WT-OVERLAP" in o for o in outcomes if o != "201"), Counter(outcomes)


def test_payments_on_a_debt_never_add_up_to_more_than_the_debt(
    app: Flask, engine: Engine, together: bool
) -> None:
    for _ in rounds(together):
        ge = groupement(engine)
        with Session(engine) as session:
            debt = Debt(
                groupement_id=ge.id, kind=DebtKind.ONSS, period_start=date(2026, 4, 1),
                period_end=date(2026, 6, 30), amount=Decimal("100.00"), due_on=date(2026, 7, 31),
            )  # fmt: skip
            with arranging(session, ge.id):
                session.add(debt)
            session.commit()
            debt_id = debt.id
        payment = {"debt_id": debt_id, "paid_on": "2026-07-30", "amount": "10.00"}
        payments = [("post", "/api/v1/liability/payments/", payment)] * THREADS
        outcomes = race(app, ge.token, payments, together)
        with Session(engine) as session:
            paid = session.scalars(
                select(DebtPayment.amount).where(DebtPayment.debt_id == debt_id)
            ).all()
        total = sum(paid, Decimal("0.00"))
        assert total <= Decimal("100.00"), f"{total} paid on 100.00 by {Counter(outcomes)}"
        # An overpayment is refused as invalid input (422), not as a conflict.
        assert Counter(outcomes) == {"201": 10, "422": THREADS - 10}


def test_issuing_a_month_and_changing_a_pay_it_bills_never_both_succeed(
    app: Flask, engine: Engine, together: bool
) -> None:
    for _ in rounds(together):
        # Contracts ending with the month: what a change of them reaches (the days the
        # rules and INV-LOCK look at) is then their own dates, May included.
        ge = groupement(engine, placed=3, ends_on=date(2026, 5, 31))
        drafted = app.test_client().post(
            "/api/v1/billing-runs/", json={"period": "2026-05"}, headers=_bearer(ge.token)
        )
        assert drafted.status_code == 201, drafted.get_json()
        run_id = drafted.get_json()["id"]
        # Half of the writers issue the run, half change a pay, alternately.
        issue = ("post", f"/api/v1/billing-runs/{run_id}/issue", {"issue_date": "2026-06-01"})
        pay_changes = [
            ("patch", f"/api/v1/contracts/{ge.contracts[i % 3]}", {"monthly_gross": f"{1501 + i}"})
            for i in range(THREADS // 2)
        ]
        writes = [write for change in pay_changes for write in (issue, change)]
        outcomes = race(app, ge.token, writes, together)
        issues, changes = Counter(outcomes[0::2]), Counter(outcomes[1::2])
        issued = issues["200"] > 0
        assert not (issued and changes["200"]), f"issues {issues}, pay changes {changes}"
        assert issues["200"] <= 1 and set(outcomes) <= {"200", "409"}, Counter(outcomes)
        if issued:
            with app.app_context(), Session(engine) as session:
                recomputed = billing.compute(session, session.get_one(Groupement, ge.id), MAY)
                assert recomputed.amounts() == billing.billed_so_far(session, ge.id, MAY)
