"""What hiring alone would have cost a member, worker by worker, over a year (issue 16).

Read from the member's ISSUED documents of the year (invoices less credit notes), per
worker:

- the hours it received: its invoices' staff lines' worked plus paid-absence hours (the
  billable basis, DOMAIN.md §5; a credit note and a complement carry money only), over
  the months in which it was billed for that worker, as an average per week (a month
  being 52/12 weeks);
- what it paid for the worker: its staff lines' amounts, plus a share of each
  invoice's management-fee and overhead lines in proportion to the worker's hours on
  that month (what the GE charges for the work a hire alone would also have needed),
  shared to the cent by ``money.split`` so that the workers' figures add up to the
  documents' totals before VAT; credit notes are taken off, shared the same way;
- the worker's gross hourly rate: each contract's monthly gross over its weekly hours ×
  52/12, weighted by the hours billed under each contract;

and ``allocation.alone.compare`` for the rest, with the GE's cost parameters of the year
and its "alone" parameters. Nothing is written.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from allocation import alone
from allocation.money import round_cents, split

from ..auth import Principal
from ..models import Contract, Groupement, Invoice, Member, Worker
from ..models.enums import DocumentKind, LineKind, RunStatus
from .billing import cost_rates
from .records import visible_member

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class WorkerComparison:
    worker_id: int
    worker_name: str
    received_hours: Decimal
    comparison: alone.Comparison


@dataclass(frozen=True)
class MemberComparison:
    member: Member
    year: int
    workers: list[WorkerComparison]
    assumptions: dict[str, str]

    @property
    def alone(self) -> Decimal:
        return sum((w.comparison.alone for w in self.workers), Decimal("0.00"))

    @property
    def paid(self) -> Decimal:
        return sum((w.comparison.paid for w in self.workers), Decimal("0.00"))

    @property
    def difference(self) -> Decimal:
        return self.alone - self.paid

    @property
    def percent(self) -> Decimal | None:
        if self.alone == 0:
            return None
        return round_cents(self.difference * HUNDRED / self.alone)


def parameters_of(groupement: Groupement) -> alone.AloneParameters:
    return alone.AloneParameters(
        minimum_percent=groupement.alone_minimum_percent,
        recruitment_per_year=groupement.alone_recruitment_per_year,
        payroll_admin_per_year=groupement.alone_payroll_admin_per_year,
        full_time_weekly_hours=groupement.full_time_weekly_hours,
    )


def member_comparison(
    session: Session, principal: Principal, member_id: int, year: int
) -> MemberComparison:
    member = visible_member(session, principal, member_id)
    groupement = session.get_one(Groupement, principal.groupement_id)
    documents = session.scalars(
        select(Invoice)
        .where(
            Invoice.groupement_id == principal.groupement_id,
            Invoice.member_id == member.id,
            Invoice.status == RunStatus.ISSUED,
            Invoice.month >= date(year, 1, 1),
            Invoice.month <= date(year, 12, 31),
        )
        .order_by(Invoice.month, Invoice.id)
        .options(selectinload(Invoice.lines))
    ).all()

    hours: dict[int, Decimal] = defaultdict(Decimal)
    months: dict[int, set[date]] = defaultdict(set)
    paid: dict[int, Decimal] = defaultdict(Decimal)
    contract_hours: dict[int, dict[int, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    # Each month's staff hours per worker: the weights of the month's fee and overhead
    # lines (a complement and a credit note carry money only, no hours).
    weights: dict[date, dict[int, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for document in documents:
        if document.kind is not DocumentKind.INVOICE:
            continue
        for line in document.lines:
            if line.kind is LineKind.STAFF and line.worker_id is not None:
                received = line.worked_hours + line.absence_hours
                weights[document.month][line.worker_id] += received
                hours[line.worker_id] += received
                months[line.worker_id].add(document.month)
                if line.contract_id is not None:
                    contract_hours[line.worker_id][line.contract_id] += received
    for document in documents:
        sign = -1 if document.kind is DocumentKind.CREDIT_NOTE else 1
        weight = weights[document.month]
        sharing = [w for w, part in weight.items() if part > 0]
        for line in document.lines:
            if line.kind is LineKind.STAFF and line.worker_id is not None:
                paid[line.worker_id] += sign * line.amount
                months[line.worker_id].add(document.month)
                if line.contract_id is not None:  # its rate, should it have no hours
                    contract_hours[line.worker_id][line.contract_id] += 0
            elif line.kind in (LineKind.FEE, LineKind.OVERHEAD) and sharing:
                shares = split(line.amount, [weight[w] for w in sharing])
                for worker_id, share in zip(sharing, shares, strict=True):
                    paid[worker_id] += sign * share

    contract_ids = {c for per in contract_hours.values() for c in per}
    contracts = {
        c.id: c
        for c in session.scalars(
            select(Contract).where(
                Contract.groupement_id == principal.groupement_id, Contract.id.in_(contract_ids)
            )
        )
    }
    names = {
        w.id: f"{w.first_name} {w.last_name}"
        for w in session.scalars(
            select(Worker).where(
                Worker.groupement_id == principal.groupement_id, Worker.id.in_(set(months))
            )
        )
    }
    rates = cost_rates(session, groupement.id, year)
    parameters = parameters_of(groupement)
    workers = []
    for worker_id in sorted(months, key=lambda w: (names.get(w, ""), w)):
        per_contract = contract_hours[worker_id]
        rate_of = {
            c: alone.hourly_rate(contracts[c].monthly_gross, contracts[c].weekly_hours)
            for c in per_contract
            if c in contracts
        }
        if not rate_of:
            continue
        total = sum((per_contract[c] for c in rate_of), Decimal(0))
        if total:
            rate = sum(
                (Fraction(per_contract[c]) * r for c, r in rate_of.items()), Fraction(0)
            ) / Fraction(total)
        else:
            rate = rate_of[max(rate_of)]
        count = len(months[worker_id])
        need = Fraction(hours[worker_id]) / (count * alone.WEEKS_PER_MONTH)
        amount = paid[worker_id]
        workers.append(
            WorkerComparison(
                worker_id,
                names.get(worker_id, ""),
                hours[worker_id],
                alone.compare(need, rate, count, amount, rates, parameters),
            )
        )
    assumptions = alone.assumptions(rates, parameters) | {
        "paid": "staff_fee_overhead_less_credit_notes",
    }
    return MemberComparison(member, year, workers, assumptions)


def comparison_view(found: MemberComparison) -> dict[str, Any]:
    """The figures as the API gives them: money as strings, hours to the hundredth."""
    return {
        "member_id": found.member.id,
        "member": found.member.name,
        "year": found.year,
        "workers": [
            {
                "worker_id": w.worker_id,
                "worker": w.worker_name,
                "months": w.comparison.months,
                "received_hours": w.received_hours,
                "need_weekly_hours": alone.shown(w.comparison.need_weekly_hours),
                "minimum_weekly_hours": alone.shown(w.comparison.minimum_weekly_hours),
                "contract_weekly_hours": alone.shown(w.comparison.contract_weekly_hours),
                "hourly_gross": alone.shown(w.comparison.hourly_gross),
                "monthly_gross": w.comparison.monthly_gross,
                "days_per_week": w.comparison.days_per_week,
                "meal_voucher_days": w.comparison.meal_voucher_days,
                "cost": {
                    "gross": w.comparison.cost.gross,
                    "employer_contributions": w.comparison.cost.employer_contributions,
                    "holiday_provision": w.comparison.cost.holiday_provision,
                    "year_end_provision": w.comparison.cost.year_end_provision,
                    "accident_insurance": w.comparison.cost.accident_insurance,
                    "prevention_service": w.comparison.cost.prevention_service,
                    "meal_vouchers": w.comparison.cost.meal_vouchers,
                    "total": w.comparison.cost.total,
                },
                "recruitment": w.comparison.recruitment,
                "payroll_admin": w.comparison.payroll_admin,
                "alone": w.comparison.alone,
                "paid": w.comparison.paid,
                "difference": w.comparison.difference,
                "percent": w.comparison.percent,
            }
            for w in found.workers
        ],
        "alone": found.alone,
        "paid": found.paid,
        "difference": found.difference,
        "percent": found.percent,
        "assumptions": found.assumptions,
    }
