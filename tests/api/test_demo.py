"""The demo groupement is a realistic Brussels GE that the API shows whole."""

from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.models import Assignment, Contract
from tests.conftest import World


def test_the_demo_has_four_members_and_eight_workers(admin: Any) -> None:
    members = admin.get("/api/v1/members/").get_json()
    assert len(members) == 4
    assert {m["city"] for m in members} >= {"Bruxelles", "Schaerbeek", "Saint-Gilles"}
    assert len(admin.get("/api/v1/workers/").get_json()) == 8


def test_every_demo_contract_is_between_19_and_38_hours_and_fully_scheduled(
    session: Session, world: World
) -> None:
    contracts = session.scalars(select(Contract).where(Contract.groupement_id == world.ge_a)).all()
    for contract in contracts:
        assert Decimal(19) <= contract.weekly_hours <= Decimal(38)
        assignments = session.scalars(
            select(Assignment)
            .where(Assignment.contract_id == contract.id)
            .options(selectinload(Assignment.slots))
        ).all()
        planned = sum(a.weekly_minutes for a in assignments)
        assert planned == contract.weekly_hours * 60, contract.worker_id
        assert len({a.member_id for a in assignments}) >= 1
