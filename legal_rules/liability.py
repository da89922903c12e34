"""LIAB-LEDGER, LIAB-ARREARS, LIAB-EXIT, LIAB-MEMBER-ARREARS — the members' joint and
several liability.

« Les membres du groupement d'employeurs sont solidairement responsables des dettes
fiscales et sociales à l'égard des tiers ainsi qu'à l'égard des travailleurs »
(loi du 12 août 2000, art. 186 s.; SPF ETCS). Each member answers for every debt born
while it was a member, even after it left (whether that survives the exit is not
settled: Mutua assumes it does and keeps the register).

The GE pays those debts with what its members pay it: a member's unpaid invoice is a
debt the others may end up bearing. LIAB-MEMBER-ARREARS warns of each member whose
issued invoices are overdue (something still open on them, their due date passed: an
invoice due today is not late yet, as in ``allocation.arrears``), one finding per member
(DOMAIN.md §7: « Overdue debts and members' unpaid invoices are warnings »).
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


@dataclass(frozen=True)
class MemberArrears:
    """What a member owes the GE on its overdue invoices as of a day: the amount still
    open on them, the oldest one's due date and how many there are."""

    member_id: int
    name: str
    amount: Decimal
    oldest_due: date
    invoices: int


# « 1 facture échue depuis le … », « 3 factures échues, la plus ancienne depuis le … ».
OVERDUE_INVOICES = {True: N_("overdue_invoices.one"), False: N_("overdue_invoices.many")}

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


def member_arrears(as_of: date, overdue: list[MemberArrears]) -> list[Finding]:
    """One warning per member with overdue invoices as of a day, dated from the oldest
    one's due date; a member with nothing open, or nothing past its due date, has none."""
    return [
        MEMBER_ARREARS.finding(
            m.oldest_due,
            as_of,
            (("member", m.member_id),),
            member=m.name,
            amount=Euros(m.amount),
            count=m.invoices,
            date=m.oldest_due,
            invoices=phrase(OVERDUE_INVOICES[m.invoices == 1], count=m.invoices, date=m.oldest_due),
        )
        for m in overdue
        if m.amount > 0 and m.invoices > 0 and m.oldest_due < as_of
    ]


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
MEMBER_ARREARS = Rule(
    id="LIAB-MEMBER-ARREARS",
    severity=Severity.WARNING,
    reference=REFERENCE,
    message=N_("LIAB-MEMBER-ARREARS"),
)
LIABILITY_RULES = (LEDGER, ARREARS, EXIT, MEMBER_ARREARS)
