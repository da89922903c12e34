"""The month's invoices, one per member: lines, fee, overhead, VAT and totals.

Arithmetic follows EN 16931: each line's net amount is already to the cent; the VAT of
a category is its rate applied once to the sum of that category's line amounts, then
rounded (``money.round_cents``); the document totals are plain sums of those rounded
figures. A GE declared as a cost-sharing group (Code TVA art. 44 §2bis) invoices its
eligible members without VAT, with the exemption mention; others at 21 %.

The mention is named here by its message id: its words, in the language of the document
that prints it, are the legal rules' catalogue (``legal_rules.invoices.worded``).
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from .money import round_cents, split
from .month import WorkerSplit

STANDARD_RATE = Decimal("21")
EXEMPTION_MENTION = "mention.exemption_44_2bis"  # the legal basis of an exempt invoice
ZERO = Decimal("0.00")


class VatCategory(StrEnum):
    """UNCL5305 codes used by EN 16931: S standard rate, E exempt."""

    STANDARD = "S"
    EXEMPT = "E"


class FeeMode(StrEnum):
    NONE = "none"
    PER_HOUR = "per_hour"
    PERCENT_OF_COST = "percent_of_cost"


class LineKind(StrEnum):
    STAFF = "staff"
    FEE = "fee"
    OVERHEAD = "overhead"


@dataclass(frozen=True)
class Fee:
    mode: FeeMode = FeeMode.NONE
    per_hour: Decimal = ZERO
    percent: Decimal = ZERO


@dataclass(frozen=True)
class Line:
    kind: LineKind
    amount: Decimal
    category: VatCategory
    rate: Decimal
    worker_id: int | None = None
    contract_id: int | None = None
    worked_minutes: Fraction = Fraction(0)
    absence_minutes: Fraction = Fraction(0)


@dataclass(frozen=True)
class VatSubtotal:
    category: VatCategory
    rate: Decimal
    base: Decimal
    vat: Decimal


@dataclass(frozen=True)
class Totals:
    lines: Decimal  # sum of line net amounts (BT-106)
    vat: Decimal  # BT-110
    with_vat: Decimal  # BT-112, also the amount due (BT-115)
    subtotals: tuple[VatSubtotal, ...]


@dataclass(frozen=True)
class MemberInvoice:
    member_id: int
    lines: tuple[Line, ...]
    totals: Totals
    exemption_mention: str | None


def totals(lines: Sequence[Line]) -> Totals:
    """EN 16931 totals: VAT per category on the sum of its lines, then plain sums."""
    bases: dict[tuple[VatCategory, Decimal], Decimal] = defaultdict(lambda: ZERO)
    for line in lines:
        bases[(line.category, line.rate)] += line.amount
    subtotals = tuple(
        VatSubtotal(category, rate, base, round_cents(base * rate / 100))
        for (category, rate), base in sorted(bases.items())
    )
    net = sum((line.amount for line in lines), ZERO)
    vat = sum((s.vat for s in subtotals), ZERO)
    return Totals(net, vat, net + vat, subtotals)


def _fee(fee: Fee, basis_minutes: Fraction, staff_cost: Decimal) -> Decimal:
    if fee.mode is FeeMode.PER_HOUR:
        hours = basis_minutes / 60
        return round_cents(Decimal(hours.numerator) * fee.per_hour / Decimal(hours.denominator))
    if fee.mode is FeeMode.PERCENT_OF_COST:
        return round_cents(staff_cost * fee.percent / 100)
    return ZERO


def member_invoices(
    splits: Sequence[WorkerSplit],
    exempt_members: frozenset[int],
    fee: Fee = Fee(),
    overhead: Decimal = ZERO,
) -> list[MemberInvoice]:
    """One invoice per member with a share: a line per contract, then the management fee
    and the member's part of the overhead (by its billable hours, largest remainder)."""
    staff: dict[int, list[Line]] = defaultdict(list)
    basis: dict[int, Fraction] = defaultdict(Fraction)

    def vat_of(member_id: int) -> tuple[VatCategory, Decimal]:
        exempt = member_id in exempt_members
        return (VatCategory.EXEMPT, ZERO) if exempt else (VatCategory.STANDARD, STANDARD_RATE)

    for worker in splits:
        for share in worker.members:
            category, rate = vat_of(share.member_id)
            staff[share.member_id].append(
                Line(
                    LineKind.STAFF,
                    share.share,
                    category,
                    rate,
                    worker.worker_id,
                    worker.contract_id,
                    share.worked,
                    share.paid_absence,
                )
            )
            basis[share.member_id] += share.basis
    members = sorted(staff)
    overheads = (
        dict(zip(members, split(overhead, [basis[m] for m in members]), strict=True))
        if overhead and members and any(basis.values())
        else {}
    )
    invoices = []
    for member_id in members:
        category, rate = vat_of(member_id)
        lines = list(staff[member_id])
        staff_cost = sum((line.amount for line in lines), ZERO)
        fee_amount = _fee(fee, basis[member_id], staff_cost)
        if fee_amount:
            lines.append(Line(LineKind.FEE, fee_amount, category, rate))
        if overheads.get(member_id):
            lines.append(Line(LineKind.OVERHEAD, overheads[member_id], category, rate))
        invoices.append(
            MemberInvoice(
                member_id,
                tuple(lines),
                totals(lines),
                EXEMPTION_MENTION if category is VatCategory.EXEMPT else None,
            )
        )
    return invoices
