"""A worker's week saved from the schedule grid: one transaction, the GE law enforced.

From the chosen day on, the grid replaces the contract's schedule: assignments that
started before it end the day before, those that would start on or after it go, and
one assignment per member with slots starts that day.
"""

from datetime import date, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..auth import Principal
from ..errors import InvalidInput
from ..models import Assignment, Contract, Member, Slot

Week = dict[int, list[tuple[int, time, time]]]  # member id -> (weekday, start, end)


def save_week(
    session: Session, principal: Principal, contract_id: int, starts_on: date, week: Week
) -> list[Assignment]:
    from ..api import crud
    from ..api.schedule import RESOURCE

    contract = session.scalars(
        select(Contract).where(
            Contract.id == contract_id, Contract.groupement_id == principal.groupement_id
        )
    ).one_or_none()
    if contract is None:
        raise InvalidInput({"contract_id": ["unknown_reference"]})
    members = set(
        session.scalars(select(Member.id).where(Member.groupement_id == principal.groupement_id))
    )
    if set(week) - members:
        raise InvalidInput({"member_id": ["unknown_reference"]})
    guard = crud.rules_baseline(
        session,
        RESOURCE,
        principal,
        None,
        {"starts_on": min(starts_on, contract.starts_on), "ends_on": None},
    )
    existing = session.scalars(
        select(Assignment).where(Assignment.contract_id == contract.id)
    ).all()
    for assignment in existing:
        if assignment.starts_on >= starts_on:
            session.delete(assignment)
        elif assignment.ends_on is None or assignment.ends_on >= starts_on:
            assignment.ends_on = starts_on - timedelta(days=1)
    created = []
    for member_id, slots in sorted(week.items()):
        if not slots:
            continue
        assignment = Assignment(
            groupement_id=principal.groupement_id,
            contract_id=contract.id,
            member_id=member_id,
            starts_on=starts_on,
            ends_on=contract.ends_on,
            slots=[
                Slot(groupement_id=principal.groupement_id, weekday=d, starts_at=s, ends_at=e)
                for d, s, e in slots
            ],
        )
        RESOURCE.check(session, principal, assignment)
        session.add(assignment)
        created.append(assignment)
    session.flush()
    if created:
        crud.enforce_rules(session, RESOURCE, created[0], guard, principal)
    else:
        crud.enforce_rules(session, RESOURCE, contract, guard, principal)
    return created


def parse_cell(text: str) -> list[tuple[time, time]]:
    """ "09:00-12:30, 13:00-16:36" -> two spans; raises ValueError on anything else."""
    spans = []
    for part in filter(None, (p.strip() for p in text.replace(";", ",").split(","))):
        start, _, end = part.replace("–", "-").partition("-")
        spans.append((time.fromisoformat(start.strip()), time.fromisoformat(end.strip())))
    return spans
