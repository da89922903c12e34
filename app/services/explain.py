"""A staff line of an invoice, explained so that a member's treasurer can redo it by hand.

The month is computed again (``billing.compute``: an issued month computes to exactly
what it billed, INV-LOCK sees to it), and from the worker's split this member's line is
taken apart: the worker's month at the member day by day (``allocation.explain``), the
cost components (the imported payroll or the model with its rates), every member's
basis as a fraction of the whole and the largest-remainder step that gave the last cent
(``allocation.money.split_steps``, the split's own arithmetic).

A member user sees its own line's explanation only, and the other members only as
"other members", their hours and shares combined: never their names.
"""

from decimal import Decimal
from fractions import Fraction
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from allocation.explain import days_at
from allocation.money import round_cents, split_steps
from allocation.month import AbsencePolicy

from ..auth import Principal
from ..errors import InvalidInput, NotFound
from ..i18n import N_, t
from ..models import BillingRun, Groupement, Invoice, InvoiceLine, Member
from ..models.enums import DocumentKind, LineKind, Role, RunKind, RunStatus
from . import billing

OTHERS = N_("explain.other_members")
# The texts the explanation page picks by name (the cost components, the absence policy).
PAGE_TEXTS = (
    N_("web.explain.cost.gross"),
    N_("web.explain.cost.employer_contributions"),
    N_("web.explain.cost.holiday_provision"),
    N_("web.explain.cost.year_end_provision"),
    N_("web.explain.cost.accident_insurance"),
    N_("web.explain.cost.prevention_service"),
    N_("web.explain.cost.meal_vouchers"),
    N_("web.explain.policy.pro_rata"),
    N_("web.explain.policy.slot"),
    N_("web.explain.policy.loaded_rate"),
)


def _hours(minutes: Fraction) -> Decimal:
    """Minutes as hours to the hundredth, for reading (the sums are done on minutes)."""
    return round_cents(Decimal(minutes.numerator) / Decimal(minutes.denominator) / 60)


def _cents(value: Fraction) -> str:
    """An exact number of cents, to four decimals (what the rounding started from)."""
    return f"{Decimal(value.numerator) / Decimal(value.denominator):.4f}"


def _visible_line(
    session: Session, principal: Principal, line_id: int
) -> tuple[InvoiceLine, Invoice]:
    found = session.execute(
        select(InvoiceLine, Invoice)
        .join(Invoice, Invoice.id == InvoiceLine.invoice_id)
        .where(InvoiceLine.id == line_id, Invoice.groupement_id == principal.groupement_id)
    ).one_or_none()
    if found is None:
        raise NotFound()
    line, invoice = found
    if principal.role is Role.MEMBER and (
        invoice.member_id != principal.member_id or invoice.status is not RunStatus.ISSUED
    ):
        raise NotFound()
    return line, invoice


def _explainable(session: Session, invoice: Invoice, line: InvoiceLine) -> bool:
    """A staff line of a month's regular invoice (a complement or a credit note bills a
    difference: its month's regular line is the one to explain)."""
    run = session.get(BillingRun, invoice.run_id) if invoice.run_id else None
    return (
        line.kind is LineKind.STAFF
        and line.contract_id is not None
        and invoice.kind is DocumentKind.INVOICE
        and run is not None
        and run.kind is RunKind.REGULAR
    )


def explain(session: Session, principal: Principal, line_id: int) -> dict[str, Any]:
    """The explanation of a staff line of a month's regular invoice."""
    line, invoice = _visible_line(session, principal, line_id)
    if not _explainable(session, invoice, line):
        raise InvalidInput({"line": [N_("explain.not_a_staff_line")]})
    groupement = session.get_one(Groupement, principal.groupement_id)
    result = billing.compute(session, groupement, invoice.month)
    found = _explain(
        session, groupement, result, invoice, line, own_only=principal.role is Role.MEMBER
    )
    if found is None:
        raise InvalidInput({"line": [N_("explain.not_a_staff_line")]})
    return found


def explain_invoice(session: Session, invoice: Invoice) -> list[dict[str, Any]]:
    """Every explainable line of a member's invoice, for its detail workbook (the other
    members combined: it is the member's document)."""
    lines = [line for line in invoice.lines if _explainable(session, invoice, line)]
    if not lines:
        return []
    groupement = session.get_one(Groupement, invoice.groupement_id)
    result = billing.compute(session, groupement, invoice.month)
    found = [_explain(session, groupement, result, invoice, line, own_only=True) for line in lines]
    return [f for f in found if f is not None]


def _explain(
    session: Session,
    groupement: Groupement,
    result: billing.MonthResult,
    invoice: Invoice,
    line: InvoiceLine,
    own_only: bool,
) -> dict[str, Any] | None:
    contract = next((c for c in result.contracts if c.contract_id == line.contract_id), None)
    if contract is None or contract.worker_month is None:
        return None
    policy = AbsencePolicy(groupement.absence_policy.value)
    split = contract.split
    steps = split_steps(split.cost, [m.basis for m in split.members])
    whole = sum((m.basis for m in split.members), Fraction(0))
    names = dict(
        session.execute(
            select(Member.id, Member.name).where(Member.groupement_id == groupement.id)
        ).all()
    )
    shares = []
    others: dict[str, Any] | None = None
    for member, step in zip(split.members, steps, strict=True):
        row = {
            "member_id": member.member_id,
            "member": names.get(member.member_id, "?"),
            "this_line": member.member_id == invoice.member_id,
            "worked_hours": _hours(member.worked),
            "paid_absence_hours": _hours(member.paid_absence),
            "basis_hours": _hours(member.basis),
            "fraction": f"{member.basis / whole}" if whole else "0",
            "exact_cents": _cents(step.ideal),
            "floor": Decimal(step.floor).scaleb(-2),
            "extra_cent": step.extra_cent,
            "share": step.share,
        }
        if own_only and member.member_id != invoice.member_id:
            others = _combine(others, member.basis, member.worked, member.paid_absence, step)
            continue
        shares.append(row)
    if others is not None:
        shares.append(_finish(others, whole))
    cost = contract.cost
    own = next(
        (s for m, s in zip(split.members, steps, strict=True) if m.member_id == invoice.member_id),
        None,
    )
    return {
        "line_id": line.id,
        "invoice": invoice.reference,
        "month": invoice.month,
        "worker": contract.worker_name,
        "contract_id": contract.contract_id,
        "policy": policy.value,
        "cost": {
            "imported": cost.imported,
            "gross": cost.gross,
            "employer_contributions": cost.employer_contributions,
            "holiday_provision": cost.holiday_provision,
            "year_end_provision": cost.year_end_provision,
            "accident_insurance": cost.accident_insurance,
            "prevention_service": cost.prevention_service,
            "meal_vouchers": cost.meal_vouchers,
            "total": cost.total,
            "parameters": result.parameters,
        },
        "days": [
            {
                "day": d.day,
                "planned_hours": _hours(d.planned),
                "worked_hours": _hours(d.worked),
                "paid_absence_hours": _hours(d.paid_absence),
                "day_off": d.day_off,
                "entries": list(d.entries),
            }
            for d in days_at(contract.worker_month, policy, invoice.member_id)
        ],
        "basis_hours": _hours(whole),
        "shares": shares,
        "line_amount": line.amount,
        "share": own.share if own else Decimal("0.00"),
    }


def _combine(
    others: dict[str, Any] | None, basis: Fraction, worked: Fraction, absent: Fraction, step: Any
) -> dict[str, Any]:
    found = others or {
        "basis": Fraction(0),
        "worked": Fraction(0),
        "absent": Fraction(0),
        "ideal": Fraction(0),
        "floor": 0,
        "extra": 0,
        "share": Decimal("0.00"),
    }
    found["basis"] += basis
    found["worked"] += worked
    found["absent"] += absent
    found["ideal"] += step.ideal
    found["floor"] += step.floor
    found["extra"] += 1 if step.extra_cent else 0
    found["share"] += step.share
    return found


def _finish(others: dict[str, Any], whole: Fraction) -> dict[str, Any]:
    return {
        "member_id": None,
        "member": t(OTHERS),
        "this_line": False,
        "worked_hours": _hours(others["worked"]),
        "paid_absence_hours": _hours(others["absent"]),
        "basis_hours": _hours(others["basis"]),
        "fraction": f"{others['basis'] / whole}" if whole else "0",
        "exact_cents": _cents(others["ideal"]),
        "floor": Decimal(others["floor"]).scaleb(-2),
        "extra_cent": others["extra"] > 0,
        "share": others["share"],
    }


def staff_lines(
    session: Session, principal: Principal, invoice_id: int
) -> tuple[Invoice, list[InvoiceLine]]:
    """An invoice's staff lines that can be explained, for its page."""
    invoice = session.scalars(
        select(Invoice).where(
            Invoice.id == invoice_id, Invoice.groupement_id == principal.groupement_id
        )
    ).one_or_none()
    if invoice is None or (
        principal.role is Role.MEMBER
        and (invoice.member_id != principal.member_id or invoice.status is not RunStatus.ISSUED)
    ):
        raise NotFound()
    return invoice, [line for line in invoice.lines if line.kind is LineKind.STAFF]
