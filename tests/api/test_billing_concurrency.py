"""Two processes issuing at the same moment, on PostgreSQL: consecutive numbers, no gap,
no duplicate. Real connections and real commits (cleaned up after)."""

import os
import threading
from datetime import date, time
from decimal import Decimal

import pytest
from flask import Flask
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.db import make_engine
from app.models import Assignment, Contract, Groupement, Invoice, Slot, Worker
from app.models.enums import ContractType
from app.services import billing
from app.services.writes import Reach, within
from tests.factories import enterprise_number, member_of
from tests.helpers import arranging

URL = os.environ.get("MUTUA_TEST_DATABASE_URL", "")
pytestmark = pytest.mark.skipif(
    not URL.startswith("postgresql"), reason="needs PostgreSQL's row locks and two connections"
)


def _groupement(session: Session) -> int:
    number = enterprise_number()
    ge = Groupement(
        name="GE Concurrence ASBL",
        enterprise_number=number,
        vat_number=f"BE{number}",
        street="Rue 1",
        postal_code="1000",
        city="Bruxelles",
        rpm_seat="Bruxelles",
        authorisation_reference="GE/1",
        authorisation_date=date(2020, 1, 1),
        joint_committee="329.02",
    )
    session.add(ge)
    session.flush()
    with arranging(session, ge.id):
        members = [member_of(ge.id, joined_on=date(2020, 1, 1)) for _ in range(3)]
        session.add_all(members)
        session.flush()
        for number, member in enumerate(members):
            worker = Worker(groupement_id=ge.id, first_name="W", last_name=str(number))
            session.add(worker)
            session.flush()
            contract = Contract(
                groupement_id=ge.id,
                worker_id=worker.id,
                starts_on=date(2026, 1, 1),
                weekly_hours=Decimal("19"),
                contract_type=ContractType.OPEN_ENDED,
                joint_committee="329.02",
                monthly_gross=Decimal("1500.00"),
            )
            session.add(contract)
            session.flush()
            session.add(
                Assignment(
                    groupement_id=ge.id,
                    contract_id=contract.id,
                    member_id=member.id,
                    starts_on=date(2026, 1, 1),
                    slots=[
                        Slot(
                            groupement_id=ge.id, weekday=d, starts_at=time(9), ends_at=time(12, 48)
                        )
                        for d in range(5)
                    ],
                )
            )
        session.flush()
    return ge.id


def test_two_issues_at_once_get_consecutive_numbers(app: Flask) -> None:
    engine = make_engine(URL)
    with app.app_context():
        try:
            with Session(engine) as session:
                ge_id = _groupement(session)
                with within(session, ge_id, Reach.NOTHING):
                    months = (5, 6, 7, 8)
                    runs = [billing.draft(session, ge_id, date(2026, m, 1)).id for m in months]
                session.commit()
            barrier = threading.Barrier(len(runs))
            errors: list[BaseException] = []

            def issue(run_id: int) -> None:
                try:
                    with app.app_context(), Session(engine) as session:
                        barrier.wait(timeout=10)
                        with within(session, ge_id, Reach.NOTHING):
                            billing.issue(session, ge_id, run_id, date(2026, 9, 1))
                        session.commit()
                except BaseException as error:  # reported below, in the test's thread
                    errors.append(error)

            threads = [threading.Thread(target=issue, args=(run,)) for run in runs]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
            assert not errors, errors
            with Session(engine) as session:
                numbers = sorted(
                    session.scalars(select(Invoice.number).where(Invoice.groupement_id == ge_id))
                )
            assert numbers == list(range(1, 3 * len(runs) + 1))
        finally:
            with Session(engine) as session:
                session.execute(delete(Groupement).where(Groupement.name == "GE Concurrence ASBL"))
                session.commit()
            engine.dispose()
