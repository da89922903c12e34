"""LIAB-LEDGER, LIAB-ARREARS, LIAB-EXIT — the members' joint and several liability.

« Les membres du groupement d'employeurs sont solidairement responsables des dettes
fiscales et sociales à l'égard des tiers ainsi qu'à l'égard des travailleurs »
(loi du 12 août 2000, art. 186 s.; SPF ETCS). Each member answers for every debt born
while it was a member, even after it left (whether that survives the exit is not
settled: Mutua assumes it does and keeps the register).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from allocation.translations import N_

from .model import Euros, Finding, Rule, Severity, phrase

REFERENCE = N_("reference.liability")


@dataclass(frozen=True)
class DebtFacts:
    id: int
    kind: str
    period_start: date
    period_end: date
    due_on: date
    outstanding: Decimal


@dataclass(frozen=True)
class Membership:
    member_id: int
    name: str
    joined_on: date
    left_on: date | None

    def answers_for(self, debt: DebtFacts) -> bool:
        """A member answers for a debt whose period meets its membership."""
        return self.joined_on <= debt.period_end and (
            self.left_on is None or self.left_on >= debt.period_start
        )


# The debts' kinds, as message ids.
KIND_NAMES = {
    "onss": N_("debt.onss"),
    "withholding_tax": N_("debt.withholding_tax"),
    "wages": N_("debt.wages"),
    "other": N_("debt.other"),
}


def _ledger(as_of: date, debts: list[DebtFacts]) -> list[Finding]:
    total = sum((d.outstanding for d in debts), Decimal("0.00"))
    if not total:
        return []
    return [LEDGER.finding(as_of, as_of, (), date=as_of, amount=Euros(total))]


def _arrears(as_of: date, debts: list[DebtFacts]) -> list[Finding]:
    return [
        ARREARS.finding(
            debt.due_on,
            as_of,
            (("debt", debt.id),),
            due=debt.due_on,
            amount=Euros(debt.outstanding),
            kind=phrase(KIND_NAMES[debt.kind]),
        )
        for debt in debts
        if debt.outstanding > 0 and debt.due_on < as_of
    ]


def _exits(as_of: date, members: list[Membership], debts: list[DebtFacts]) -> list[Finding]:
    return [
        EXIT.finding(m.left_on, as_of, (("member", m.member_id),), member=m.name, date=m.left_on)
        for m in members
        if m.left_on is not None
        and m.left_on <= as_of
        and any(m.answers_for(d) and d.outstanding > 0 for d in debts)
    ]


def check(as_of: date, members: list[Membership], debts: list[DebtFacts]) -> list[Finding]:
    """The register's findings as of a day: the total owed, overdue debts, members gone."""
    return _ledger(as_of, debts) + _arrears(as_of, debts) + _exits(as_of, members, debts)


LEDGER = Rule(
    id="LIAB-LEDGER",
    severity=Severity.INFO,
    reference=REFERENCE,
    message=N_("LIAB-LEDGER"),
)
ARREARS = Rule(
    id="LIAB-ARREARS",
    severity=Severity.WARNING,
    reference=REFERENCE,
    message=N_("LIAB-ARREARS"),
)
EXIT = Rule(
    id="LIAB-EXIT",
    severity=Severity.INFO,
    reference=REFERENCE,
    message=N_("LIAB-EXIT"),
)
LIABILITY_RULES = (LEDGER, ARREARS, EXIT)
