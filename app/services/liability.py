"""Who answers for the GE's debts, and for how much among themselves.

Every member answers for the whole of each debt born while it was a member (joint and
several liability). Among members, a debt's internal share follows the hours planned
at each of them during the debt's period, split to the cent (largest remainder); when
nobody had planned hours, the members share it equally.

Beside the GE's debts, the members' own: what each still owes the GE on its overdue
invoices (``services.payments``), a warning to all of them (LIAB-MEMBER-ARREARS).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from allocation.money import split
from legal_rules import Finding
from legal_rules import liability as rules
from legal_rules.shifts import planned_shifts

from ..models import Debt, Groupement, Member
from . import payments
from .compliance import load_snapshot


@dataclass
class DebtShare:
    debt: Debt
    outstanding: Decimal
    overdue: bool
    internal_share: Decimal
    planned_hours: Decimal


@dataclass
class MemberExposure:
    member: Member
    debts: list[DebtShare] = field(default_factory=list)
    # What it owes the GE on its overdue invoices (None: nothing overdue).
    arrears: rules.MemberArrears | None = None

    @property
    def overdue_invoices(self) -> Decimal:
        return self.arrears.amount if self.arrears else Decimal("0.00")

    @property
    def exposure(self) -> Decimal:
        return sum((d.outstanding for d in self.debts), Decimal("0.00"))

    @property
    def internal_share(self) -> Decimal:
        return sum((d.internal_share for d in self.debts), Decimal("0.00"))


def _planned_minutes_by_member(
    session: Session, groupement: Groupement, start: date, end: date
) -> dict[int, int]:
    minutes: dict[int, int] = defaultdict(int)
    for shift in planned_shifts(load_snapshot(session, groupement, start, end), start, end):
        minutes[shift.member_id] += shift.minutes
    return minutes


def members_in_arrears(
    session: Session, groupement_id: int, as_of: date, member_id: int | None = None
) -> list[rules.MemberArrears]:
    """The members (or the one member) with overdue invoices as of a day, by name: what
    is open on them (as the member's account says it, ``MemberAccount.overdue``: what a
    payment left on its account has not been applied to them), the oldest due date, how
    many."""
    found = []
    for account in payments.member_accounts(session, groupement_id, as_of, member_id):
        due = [
            b.invoice.due_date
            for b in account.open_invoices
            if b.invoice.due_date is not None and b.days_overdue(as_of) > 0
        ]
        if due:
            found.append(
                rules.MemberArrears(
                    account.member.id, account.member.name, account.overdue, min(due), len(due)
                )
            )
    return found


def exposure(
    session: Session, groupement_id: int, as_of: date, member_id: int | None = None
) -> tuple[list[MemberExposure], list[Finding]]:
    """Every member's exposure as of a day, with the register's findings, then the
    members' overdue invoices (LIAB-MEMBER-ARREARS); for one member (``member_id``),
    only its own and only from the debts it answers for."""
    groupement = session.get_one(Groupement, groupement_id)
    members = list(
        session.scalars(
            select(Member).where(Member.groupement_id == groupement_id).order_by(Member.id)
        )
    )
    debts = list(
        session.scalars(
            select(Debt)
            .where(Debt.groupement_id == groupement_id)
            .options(selectinload(Debt.payments))
            .order_by(Debt.period_start, Debt.id)
        )
    )
    memberships = {m.id: rules.Membership(m.id, m.name, m.joined_on, m.left_on) for m in members}
    facts = [
        rules.DebtFacts(
            d.id, d.kind.value, d.period_start, d.period_end, d.due_on, d.outstanding(as_of)
        )
        for d in debts
    ]
    result = {m.id: MemberExposure(m) for m in members}
    planned_by_period: dict[tuple[date, date], dict[int, int]] = {}
    for debt, fact in zip(debts, facts, strict=True):
        if fact.outstanding <= 0:
            continue
        liable = [m for m in members if memberships[m.id].answers_for(fact)]
        if not liable:
            continue
        period = (debt.period_start, debt.period_end)
        if period not in planned_by_period:
            planned_by_period[period] = _planned_minutes_by_member(session, groupement, *period)
        planned = planned_by_period[period]
        weights = [planned.get(m.id, 0) for m in liable]
        shares = split(fact.outstanding, weights if any(weights) else [1] * len(liable))
        for member, share, minutes in zip(liable, shares, weights, strict=True):
            result[member.id].debts.append(
                DebtShare(debt, fact.outstanding, fact.due_on < as_of, share, Decimal(minutes) / 60)
            )
    arrears = members_in_arrears(session, groupement_id, as_of, member_id)
    for owed in arrears:
        result[owed.member_id].arrears = owed
    late = rules.member_arrears(as_of, arrears)
    if member_id is None:
        return list(result.values()), rules.check(as_of, list(memberships.values()), facts) + late
    own = memberships[member_id]
    its_debts = [fact for fact in facts if own.answers_for(fact)]
    return [result[member_id]], rules.check(as_of, [own], its_debts) + late
