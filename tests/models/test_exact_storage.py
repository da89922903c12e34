"""Money and hours go into the database and come back exactly, on SQLite and PostgreSQL."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text
from sqlalchemy.exc import StatementError
from sqlalchemy.orm import Session

from app.models import Contract, CostParameters, DayEntry, Worker
from app.models.enums import ContractType, DayEntryKind
from tests.conftest import World
from tests.helpers import arranging

MONEY = st.decimals(min_value=0, max_value=Decimal("9999999999.99"), places=2)
# Exact decimal hours are whole multiples of 3 minutes (0.05 h).
CONTRACT_HOURS = st.integers(min_value=1, max_value=1000).map(lambda n: Decimal(n * 3) / 60)
DAY_HOURS = st.integers(min_value=1, max_value=480).map(lambda n: Decimal(n * 3) / 60)
PERCENT = st.decimals(min_value=0, max_value=Decimal("100"), places=4)
exact = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def worker(session: Session, world: World) -> Worker:
    found = session.scalars(select(Worker).where(Worker.groupement_id == world.ge_a)).first()
    assert found is not None
    return found


def _reread(session: Session) -> None:
    session.flush()
    session.expire_all()


@exact
@given(gross=MONEY, hours=CONTRACT_HOURS)
def test_contract_money_and_hours_round_trip(
    session: Session, worker: Worker, gross: Decimal, hours: Decimal
) -> None:
    nested = session.begin_nested()
    contract = Contract(
        groupement_id=worker.groupement_id, worker_id=worker.id, starts_on=date(2026, 1, 1),
        weekly_hours=hours, contract_type=ContractType.OPEN_ENDED, joint_committee="329.02",
        monthly_gross=gross,
    )  # fmt: skip
    with arranging(session, worker.groupement_id):
        session.add(contract)
        _reread(session)
    stored = session.get_one(Contract, contract.id)
    assert stored.monthly_gross == gross
    assert stored.weekly_hours == hours
    raw = session.execute(
        text("SELECT monthly_gross, weekly_hours FROM contracts WHERE id = :id"),
        {"id": contract.id},
    ).one()
    assert raw == (int(gross * 100), int(hours * 60))
    nested.rollback()


@exact
@given(hours=DAY_HOURS)
def test_day_hours_round_trip(session: Session, worker: Worker, hours: Decimal) -> None:
    nested = session.begin_nested()
    entry = DayEntry(
        groupement_id=worker.groupement_id, worker_id=worker.id, day=date(2026, 3, 2),
        hours=hours, kind=DayEntryKind.TRAINING,
    )  # fmt: skip
    with arranging(session, worker.groupement_id):
        session.add(entry)
        _reread(session)
    assert session.get_one(DayEntry, entry.id).hours == hours
    nested.rollback()


@exact
@given(rate=PERCENT, fee=MONEY)
def test_percentages_round_trip(
    session: Session, world: World, rate: Decimal, fee: Decimal
) -> None:
    nested = session.begin_nested()
    row = CostParameters(
        groupement_id=world.ge_a, year=2090, employer_contribution_percent=rate,
        prevention_service_per_year=fee,
    )  # fmt: skip
    with arranging(session, world.ge_a):
        session.add(row)
        _reread(session)
    stored = session.get_one(CostParameters, row.id)
    assert stored.employer_contribution_percent == rate
    assert stored.prevention_service_per_year == fee
    nested.rollback()


def test_a_float_never_reaches_the_database(session: Session, worker: Worker) -> None:
    contract = Contract(
        groupement_id=worker.groupement_id, worker_id=worker.id, starts_on=date(2026, 1, 1),
        weekly_hours=Decimal("19"), contract_type=ContractType.OPEN_ENDED,
        joint_committee="329.02", monthly_gross=1520.1,  # type: ignore[arg-type]
    )  # fmt: skip
    with pytest.raises(StatementError, match="float"), arranging(session, worker.groupement_id):
        session.add(contract)
        session.flush()
    session.rollback()
