"""A bank credit applied to a member's open invoices (DOMAIN.md §8).

A Belgian payment names the invoice it pays by its structured communication: twelve
digits, the last two a mod-97 check, written ``+++090/9337/55493+++``. Banks pass it in
the statement's structured field, but also inside free text, with or without the plus
signs, slashes or spaces: ``communications_in`` finds every valid one in any text (the
check digits are python-stdnum's, never a checksum written here).

``apply`` decides what a credit pays:

1. **by communication** (certain): the open invoices whose communications the credit
   names, in the order it names them, each up to what is still open on it; a payment
   for two invoices names both. What the credit brings beyond them is an overpayment,
   left over (``Match.left``) for the administrator to assign or refund;
2. **proposed** (not certain, the administrator confirms): with no communication of an
   open invoice, the open invoices of the member whose account sent the credit, when
   its amount is exactly what is open on one of them (the oldest first) or on all of
   them together;
3. otherwise nothing: the whole credit is left over, an unmatched line.

What is open on an invoice is the service's to say (its total less what was paid and
what its credit notes took off); amounts are ``Decimal`` to the cent, never float.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from stdnum.be import ogm_vcs

ZERO = Decimal("0.00")

# Twelve digits in three groups (3, 4, 5) with optional slashes, spaces or dots between
# them, and no digit just before or after: the shapes banks write the communication in.
_GROUPED = re.compile(r"(?<!\d)(\d{3})[ /.]*(\d{4})[ /.]*(\d{5})(?!\d)")


def communications_in(text: str) -> list[str]:
    """Every valid structured communication in ``text``, as 12 digits, in the order they
    stand and each once."""
    found: list[str] = []
    for match in _GROUPED.finditer(text):
        digits = "".join(match.groups())
        if ogm_vcs.is_valid(digits) and digits not in found:
            found.append(digits)
    return found


@dataclass(frozen=True)
class OpenInvoice:
    id: int
    member_id: int
    communication: str  # 12 digits
    open: Decimal  # what is still to be paid on it, credit notes taken off
    iban: str | None = None  # the member's account, when it is known


@dataclass(frozen=True)
class Credit:
    amount: Decimal
    communication: str  # the structured field, or the free text, as the bank gave it
    iban: str | None = None  # the account that sent it


@dataclass(frozen=True)
class Allocation:
    invoice_id: int
    amount: Decimal


@dataclass(frozen=True)
class Match:
    allocations: tuple[Allocation, ...]
    left: Decimal  # what no invoice takes: an overpayment, or the whole unmatched credit
    certain: bool  # by communication; a proposal otherwise (or nothing)

    @property
    def applied(self) -> Decimal:
        return sum((a.amount for a in self.allocations), ZERO)


def apply(credit: Credit, invoices: Sequence[OpenInvoice]) -> Match:
    """What ``credit`` pays among the open ``invoices`` (given oldest first)."""
    if credit.amount <= 0:
        return Match((), credit.amount, certain=False)
    by_communication = {invoice.communication: invoice for invoice in invoices if invoice.open > 0}
    named = [
        by_communication[digits]
        for digits in communications_in(credit.communication)
        if digits in by_communication
    ]
    if named:
        allocations = []
        rest = credit.amount
        for invoice in named:
            paid = min(rest, invoice.open)
            if paid > 0:
                allocations.append(Allocation(invoice.id, paid))
                rest -= paid
        return Match(tuple(allocations), rest, certain=True)
    return _proposal(credit, invoices)


def _proposal(credit: Credit, invoices: Sequence[OpenInvoice]) -> Match:
    """The member's open invoices its account's credit pays exactly: one of them (the
    oldest such), or all of them."""
    if credit.iban is None:
        return Match((), credit.amount, certain=False)
    sender = _account(credit.iban)
    own = [i for i in invoices if i.open > 0 and i.iban and _account(i.iban) == sender]
    members = {invoice.member_id for invoice in own}
    if len(members) != 1:  # an account shared by two members names neither
        return Match((), credit.amount, certain=False)
    for invoice in own:
        if invoice.open == credit.amount:
            return Match((Allocation(invoice.id, invoice.open),), ZERO, certain=False)
    if sum((i.open for i in own), ZERO) == credit.amount:
        return Match(tuple(Allocation(i.id, i.open) for i in own), ZERO, certain=False)
    return Match((), credit.amount, certain=False)


def _account(iban: str) -> str:
    return "".join(iban.split()).upper()
