"""A GE's month billed: computed from the database by the pure cores, drafted, issued.

``compute`` reads the month (contracts, schedules, day entries, holidays, costs) and
returns what each member owes, without writing anything. ``draft`` stores it as a draft
run (the month's previous draft goes), refused while the month breaks a blocking legal
rule. ``issue`` numbers the run's invoices in the GE's yearly series, under a row lock,
in one transaction: the numbers are consecutive and a failed issue consumes none.
"""

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from sqlalchemy import delete, func, insert, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, selectinload
from stdnum.be import ogm_vcs

from allocation import calendar, costs
from allocation import invoice as invoice_arithmetic
from allocation.calendar import FIRST_DAY, LAST_DAY, days_off
from allocation.invoice import Fee, FeeMode, MemberInvoice, member_invoices
from allocation.money import split
from allocation.month import (
    AbsencePolicy,
    Entry,
    MemberHours,
    WorkerMonth,
    WorkerSplit,
    member_hours,
    split_worker,
)
from exports.formats import complement_line, correction_line, line_description
from legal_rules import ContractFacts, Finding, Severity
from legal_rules.billing import BILL_CREDIT, BILL_SPLIT_100
from legal_rules.invoices import EXEMPTION_MENTION, VAT_REPAYMENT_MENTION, worded
from legal_rules.model import Euros
from legal_rules.shifts import placement

from ..audit import record_bulk_write
from ..errors import Conflict, InvalidInput, NotFound
from ..i18n import N_, t
from ..models import (
    BillingRun,
    Contract,
    CostParameters,
    Groupement,
    Invoice,
    InvoiceLine,
    Member,
    NumberCounter,
    Overhead,
    PayrollCost,
    RunWorkerCost,
    Worker,
)
from ..models.base import utcnow
from ..models.enums import (
    AuditAction,
    DocumentKind,
    LineKind,
    RunKind,
    RunStatus,
    VatMode,
    VatTreatment,
)
from .compliance import RefusedByRules, checked, finding_json, load_snapshot

INVOICE_SERIES = "F"
CREDIT_NOTE_SERIES = "NC"
LATE_PAYMENT_SERIES = "ND"  # late-payment notes (``services.late_payments``)
# The digit that tells an invoice's structured communication from a credit note's, or
# from a late-payment note's.
SERIES_DIGIT = {INVOICE_SERIES: 1, CREDIT_NOTE_SERIES: 2, LATE_PAYMENT_SERIES: 3}


class InvoiceLocked(Conflict):
    """INV-LOCK: an issued invoice is frozen; corrections go through a credit note."""

    message_key = N_("invoice_locked")


def month_bounds(month: date) -> tuple[date, date]:
    first = month.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


PERIOD = re.compile(r"^([0-9]{4})-([0-9]{2})$")


def parse_period(text: str) -> date:
    """ "2026-05" -> 1 May 2026, within the days a GE's records can concern."""
    found = PERIOD.match(text.strip())
    year, month = (int(found[1]), int(found[2])) if found else (0, 0)
    if not (FIRST_DAY.year <= year <= LAST_DAY.year and 1 <= month <= 12):
        raise InvalidInput({"period": ["invalid_period"]})
    return date(year, month, 1)


@dataclass
class ContractMonth:
    worker_id: int
    worker_name: str
    contract_id: int
    cost: costs.CostBreakdown
    split: WorkerSplit
    # What the split read (for the line's explanation, ``services.explain``).
    worker_month: WorkerMonth | None = None
    # What the cost model gives for the contract's month, imported figures or not (the
    # month's close and the payroll reconciliation compare the two).
    modelled: costs.CostBreakdown | None = None


@dataclass
class MonthResult:
    month: date
    contracts: list[ContractMonth]
    invoices: list[MemberInvoice]
    overhead: Decimal
    findings: list[Finding]
    parameters: dict[str, str]
    members: dict[int, tuple[str, str]]  # the GE's members: name and language

    @property
    def blocking(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.BLOCKING]

    def amounts(self) -> dict[tuple[int, int | None, str], Decimal]:
        """Each member's lines by (member, contract, kind): what comparing two computations
        of the same month looks at."""
        found: dict[tuple[int, int | None, str], Decimal] = defaultdict(Decimal)
        for invoice in self.invoices:
            for line in invoice.lines:
                found[(invoice.member_id, line.contract_id, line.kind.value)] += line.amount
        return dict(found)

    def bill(self) -> dict[int, tuple[object, ...]]:
        """What the month bills each member, line by line with VAT and hours, and its
        totals: two computations of an issued month must give the same bill."""
        return {
            invoice.member_id: (
                tuple(sorted(_line_facts(line) for line in invoice.lines)),
                invoice.totals,
                invoice.exemption_mention,
            )
            for invoice in self.invoices
        }


def _line_facts(line: invoice_arithmetic.Line) -> tuple[object, ...]:
    return (
        line.contract_id or 0,
        line.kind.value,
        line.amount,
        line.category.value,
        line.rate,
        line.worked_minutes,
        line.absence_minutes,
    )


def cost_rates(session: Session, groupement_id: int, year: int) -> costs.CostRates:
    row = session.scalars(
        select(CostParameters).where(
            CostParameters.groupement_id == groupement_id, CostParameters.year == year
        )
    ).one_or_none()
    if row is None:
        return costs.CostRates()
    return costs.CostRates(
        row.employer_contribution_percent,
        row.holiday_pay_percent,
        row.year_end_bonus_percent,
        row.accident_insurance_percent,
        row.prevention_service_per_year,
        row.meal_voucher_employer_part,
    )


def compute(session: Session, groupement: Groupement, month: date) -> MonthResult:
    """What the month bills, member by member; writes nothing."""
    first, last = month_bounds(month)
    snapshot = load_snapshot(session, groupement, first, last)
    off = days_off([first.year], snapshot.replacement_days)
    rates = cost_rates(session, groupement.id, first.year)
    policy = AbsencePolicy(groupement.absence_policy.value)
    payroll = {
        row.worker_id: row
        for row in session.scalars(
            select(PayrollCost).where(
                PayrollCost.groupement_id == groupement.id, PayrollCost.month == first
            )
        )
    }
    contracts = sorted(
        (
            c
            for c in snapshot.contracts
            if c.starts_on <= last and (c.ends_on is None or c.ends_on >= first)
        ),
        key=lambda c: c.id,
    )
    per_worker: dict[int, list[int]] = defaultdict(list)
    for contract in contracts:
        per_worker[contract.worker_id].append(contract.id)
    months: list[tuple[ContractFacts, WorkerMonth, Fraction, tuple[list[MemberHours], int]]] = []
    for contract in contracts:
        starts, ends = max(first, contract.starts_on), min(last, contract.ends_on or last)
        placements = tuple(
            placement(a, contract) for a in snapshot.assignments if a.contract_id == contract.id
        )
        entries = tuple(
            Entry(e.day, e.kind, int(e.hours * 60), e.member_id)
            for e in snapshot.day_entries
            if e.worker_id == contract.worker_id and starts <= e.day <= ends
        )
        worker_month = WorkerMonth(
            contract.id, contract.worker_id, starts, ends, placements, entries, off
        )
        hours = member_hours(worker_month, policy)
        fraction = costs.belgian_fraction(placements, first, last, starts, ends)
        months.append((contract, worker_month, fraction, hours))

    gross = dict(
        session.execute(
            select(Contract.id, Contract.monthly_gross).where(
                Contract.id.in_([c.id for c in contracts])
            )
        ).all()
    )
    modelled = {
        contract.id: costs.modelled(gross[contract.id], fraction, rates, hours[1])
        for contract, _month, fraction, hours in months
    }
    breakdowns = dict(modelled)
    for worker_id, contract_ids in per_worker.items():
        imported = payroll.get(worker_id)
        if imported is None:
            continue
        whole = costs.imported(
            imported.gross,
            imported.employer_contributions,
            imported.holiday_provision,
            imported.year_end_provision,
            imported.other,
        )
        if len(contract_ids) == 1:
            breakdowns[contract_ids[0]] = whole
        else:
            # One figure for two contracts: shared as the model would weigh them.
            parts = split(whole.total, [modelled[c].total for c in contract_ids])
            for contract_id, part in zip(contract_ids, parts, strict=True):
                breakdowns[contract_id] = costs.imported(
                    part, Decimal(0), Decimal(0), Decimal(0), Decimal(0)
                )

    results = []
    for contract, worker_month, _fraction, hours in months:
        cost = breakdowns[contract.id]
        results.append(
            ContractMonth(
                contract.worker_id,
                contract.worker_name,
                contract.id,
                cost,
                split_worker(worker_month, cost.total, policy, hours),
                worker_month,
                modelled[contract.id],
            )
        )
    overhead = sum(
        session.scalars(
            select(Overhead.amount).where(
                Overhead.groupement_id == groupement.id, Overhead.month == first
            )
        ),
        Decimal("0.00"),
    )
    members = session.execute(
        select(Member.id, Member.name, Member.language, Member.vat_treatment).where(
            Member.groupement_id == groupement.id
        )
    ).all()
    exempt = frozenset(
        m.id
        for m in members
        if groupement.vat_mode is VatMode.COST_SHARING
        and m.vat_treatment is VatTreatment.EXEMPT_44_2BIS
    )
    fee = Fee(
        FeeMode(groupement.management_fee_mode.value),
        groupement.management_fee_per_hour,
        groupement.management_fee_percent,
    )
    invoices = member_invoices([r.split for r in results], exempt, fee, overhead)
    return MonthResult(
        month=first,
        contracts=results,
        invoices=invoices,
        overhead=overhead,
        findings=checked(session, groupement, snapshot),
        members={m.id: (m.name, m.language.value) for m in members},
        parameters={
            "absence_policy": policy.value,
            "vat_mode": groupement.vat_mode.value,
            "management_fee_mode": fee.mode.value,
            "management_fee_per_hour": str(fee.per_hour),
            "management_fee_percent": str(fee.percent),
            "employer_contribution_percent": str(rates.employer_contribution_percent),
            "holiday_pay_percent": str(rates.holiday_pay_percent),
            "year_end_bonus_percent": str(rates.year_end_bonus_percent),
            "accident_insurance_percent": str(rates.accident_insurance_percent),
            "prevention_service_per_year": str(rates.prevention_service_per_year),
            "meal_voucher_employer_part": str(rates.meal_voucher_employer_part),
        },
    )


# -- drafts ---------------------------------------------------------------------------


def _description(
    kind: LineKind, worker_name: str | None, worked: Fraction, absent: Fraction, language: str
) -> str:
    """A line's description in the member's language, written at draft time and kept: an
    issued document says what it said when it was issued."""
    return line_description(kind.value, worker_name, _hours(worked), _hours(absent), language)


def _hours(minutes: Fraction) -> Decimal:
    return (Decimal(minutes.numerator) / Decimal(minutes.denominator) / 60).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def _groupement_of_unit(session: Session, groupement_id: int) -> Groupement:
    """The GE being billed: drafts, issues and credits run inside the guarded unit of work
    of that GE (``writes.within``), which holds its row's lock: one write at a time."""
    unit = session.info.get("unit_of_work")
    if unit is None or unit.groupement_id != groupement_id:
        raise RuntimeError("billing writes run inside the unit of work of their groupement")
    groupement = session.get(Groupement, groupement_id)
    if groupement is None:
        raise NotFound()
    return groupement


def billed_so_far(
    session: Session, groupement_id: int, month: date
) -> dict[tuple[int, int | None, str], Decimal]:
    """What issued invoices less issued credit notes bill for the month, line by line."""
    rows = session.execute(
        select(
            Invoice.member_id,
            Invoice.kind,
            InvoiceLine.contract_id,
            InvoiceLine.kind,
            InvoiceLine.amount,
        )
        .join(InvoiceLine, InvoiceLine.invoice_id == Invoice.id)
        .where(
            Invoice.groupement_id == groupement_id,
            Invoice.month == month,
            Invoice.status == RunStatus.ISSUED,
        )
    ).all()
    billed: dict[tuple[int, int | None, str], Decimal] = defaultdict(Decimal)
    for member_id, kind, contract_id, line_kind, amount in rows:
        sign = -1 if kind is DocumentKind.CREDIT_NOTE else 1
        billed[(member_id, contract_id, line_kind.value)] += sign * amount
    return dict(billed)


@dataclass(frozen=True)
class PlannedLine:
    """An invoice line of a draft to be, before it is written (``columns``)."""

    kind: LineKind
    description: str
    worker_id: int | None
    contract_id: int | None
    worked_hours: Decimal
    absence_hours: Decimal
    amount: Decimal
    vat_category: str
    vat_rate: Decimal

    def columns(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "description": self.description,
            "worker_id": self.worker_id,
            "contract_id": self.contract_id,
            "worked_hours": self.worked_hours,
            "absence_hours": self.absence_hours,
            "amount": self.amount,
            "vat_category": self.vat_category,
            "vat_rate": self.vat_rate,
        }


@dataclass
class Plan:
    """What a draft of the month would hold: its kind, findings and invoices' lines."""

    result: MonthResult
    kind: RunKind
    findings: list[Finding]
    invoices: list[tuple[int, str | None, list[PlannedLine]]]  # member, exemption, lines

    def amounts(self) -> dict[tuple[int, int | None, str], Decimal]:
        return {
            (member_id, line.contract_id, line.kind.value): line.amount
            for member_id, _mention, lines in self.invoices
            for line in lines
        }


def _unsplit(result: MonthResult) -> list[Finding]:
    """BILL-SPLIT-100: any cost no hour can carry."""
    period = f"{result.month:%m/%Y}"
    first, last = month_bounds(result.month)
    found = [
        BILL_SPLIT_100.finding(
            first,
            last,
            (("contract", item.contract_id), ("worker", item.worker_id)),
            subject=item.worker_name,
            period=period,
            amount=Euros(item.split.unallocated),
        )
        for item in result.contracts
        if item.split.unallocated
    ]
    shared = sum(
        (
            line.amount
            for invoice in result.invoices
            for line in invoice.lines
            if line.kind is invoice_arithmetic.LineKind.OVERHEAD
        ),
        Decimal("0.00"),
    )
    if result.overhead != shared:
        found.append(
            BILL_SPLIT_100.finding(
                first,
                last,
                (),
                subject="frais généraux",
                period=period,
                amount=Euros(result.overhead - shared),
            )
        )
    return found


def plan(session: Session, groupement: Groupement, first: date) -> Plan:
    """The month's draft as it would be now; refused while it breaks a blocking rule. Once
    the month is issued, a complement: only what the month now bills beyond what issued
    invoices less credit notes billed (less is a credit note's business: BILL-CREDIT)."""
    result = compute(session, groupement, first)
    blocking = result.blocking + _unsplit(result)
    if blocking:
        raise RefusedByRules({"findings": [finding_json(f) for f in blocking]})
    issued = session.scalars(
        select(BillingRun.id).where(
            BillingRun.groupement_id == groupement.id,
            BillingRun.month == first,
            BillingRun.status == RunStatus.ISSUED,
        )
    ).first()
    already = billed_so_far(session, groupement.id, first) if issued else {}
    names = {c.contract_id: c.worker_name for c in result.contracts}
    findings = list(result.findings)
    invoices = []
    period = f"{first:%m/%Y}"
    for member_invoice in result.invoices:
        lines = []
        language = result.members.get(member_invoice.member_id, ("?", "fr"))[1]
        for line in member_invoice.lines:
            kind = LineKind(line.kind.value)
            billed = already.get((member_invoice.member_id, line.contract_id, kind.value))
            amount = line.amount - (billed or Decimal("0.00"))
            if amount < 0:
                findings.append(
                    BILL_CREDIT.finding(
                        first,
                        first,
                        (("member", member_invoice.member_id),),
                        period=period,
                        amount=Euros(-amount),
                        member=result.members.get(member_invoice.member_id, ("?", "fr"))[0],
                    )
                )
            if amount <= 0:
                continue
            complement = billed is not None
            description = _description(
                kind,
                names.get(line.contract_id or 0),
                line.worked_minutes,
                line.absence_minutes,
                language,
            )
            lines.append(
                PlannedLine(
                    kind=kind,
                    description=complement_line(period, description, language)
                    if complement
                    else description,
                    worker_id=line.worker_id,
                    contract_id=line.contract_id,
                    # A complement's hours were billed already: its line carries money only.
                    worked_hours=Decimal(0) if complement else _hours(line.worked_minutes),
                    absence_hours=Decimal(0) if complement else _hours(line.absence_minutes),
                    amount=amount,
                    vat_category=line.category.value,
                    vat_rate=line.rate,
                )
            )
        if lines and any(line.vat_category == "S" for line in lines) and not groupement.vat_number:
            raise InvalidInput({"vat_number": [N_("ge_vat_required")]})
        if lines:
            # The exemption's legal basis, worded in the member's language like its lines.
            mention = member_invoice.exemption_mention
            worded_mention = worded(mention, language) if mention else None
            invoices.append((member_invoice.member_id, worded_mention, lines))
    return Plan(result, RunKind.COMPLEMENT if issued else RunKind.REGULAR, findings, invoices)


def draft(session: Session, groupement_id: int, month: date) -> BillingRun:
    """Draft the month, replacing its earlier draft (see ``plan``).

    Written set-based: the earlier draft goes in one DELETE (its rows cascade), the new
    one in four bulk INSERTs (run, worker costs, invoices, lines), and the audit trail
    gets one event that lists what was replaced and written. These are the GE's bookkeeping of its
    records, not records: the GE's change counter does not move, so the draft stays
    current (``current_draft``) until the records change."""
    groupement = _groupement_of_unit(session, groupement_id)
    first, _last = month_bounds(month)
    planned = plan(session, groupement, first)
    replaced = _drop_drafts(session, groupement_id, first)
    result = planned.result
    # Core statements on the tables: the ORM's bulk mode would only map the same dicts.
    run_id = session.scalars(
        insert(BillingRun.__table__)
        .values(
            groupement_id=groupement_id,
            month=first,
            kind=planned.kind,
            status=RunStatus.DRAFT,
            findings=[finding_json(f) for f in planned.findings],
            parameters=result.parameters,
            data_version=groupement.data_version,
        )
        .returning(BillingRun.__table__.c.id)
    ).one()
    if result.contracts:
        session.execute(
            insert(RunWorkerCost.__table__),
            [
                {
                    "groupement_id": groupement_id,
                    "run_id": run_id,
                    "worker_id": item.worker_id,
                    "contract_id": item.contract_id,
                    "imported": item.cost.imported,
                    "gross": item.cost.gross,
                    "employer_contributions": item.cost.employer_contributions,
                    "holiday_provision": item.cost.holiday_provision,
                    "year_end_provision": item.cost.year_end_provision,
                    "accident_insurance": item.cost.accident_insurance,
                    "prevention_service": item.cost.prevention_service,
                    "meal_vouchers": item.cost.meal_vouchers,
                    "total": item.cost.total,
                    "unallocated": item.split.unallocated,
                }
                for item in result.contracts
            ],
        )
    invoice_ids: list[int] = []
    if planned.invoices:
        invoice_rows = []
        for member_id, mention, lines in planned.invoices:
            figures = _totals(lines)
            invoice_rows.append(
                {
                    "groupement_id": groupement_id,
                    "run_id": run_id,
                    "member_id": member_id,
                    "kind": DocumentKind.INVOICE,
                    "status": RunStatus.DRAFT,
                    "month": first,
                    "series": INVOICE_SERIES,
                    "lines_total": figures.lines,
                    "vat_total": figures.vat,
                    "total": figures.with_vat,
                    "exemption_mention": mention,
                }
            )
        invoice_ids = list(
            session.scalars(
                insert(Invoice.__table__).returning(
                    Invoice.__table__.c.id, sort_by_parameter_order=True
                ),
                invoice_rows,
            )
        )
        session.execute(
            insert(InvoiceLine.__table__),
            [
                {"groupement_id": groupement_id, "invoice_id": invoice_id, **line.columns()}
                for invoice_id, (_member, _mention, lines) in zip(
                    invoice_ids, planned.invoices, strict=True
                )
                for line in lines
            ],
        )
    record_bulk_write(
        session,
        groupement_id,
        AuditAction.CREATE,
        "billing_runs",
        run_id,
        {"replaced_runs": replaced} if replaced else None,
        {
            "month": first.isoformat(),
            "kind": planned.kind.value,
            "data_version": groupement.data_version,
            "invoices": invoice_ids,
            "lines": sum(len(lines) for _member, _mention, lines in planned.invoices),
            "worker_costs": len(result.contracts),
        },
    )
    return session.get_one(BillingRun, run_id)


def _drop_drafts(session: Session, groupement_id: int, first: date) -> list[int]:
    """Delete the month's drafts (their worker costs, invoices and lines go with them: ON
    DELETE CASCADE); their ids."""
    # A bulk statement skips the session: objects of the dropped drafts it holds go too.
    for obj in list(session.identity_map.values()):
        if isinstance(obj, BillingRun | RunWorkerCost | Invoice | InvoiceLine):
            session.expunge(obj)
    runs = BillingRun.__table__
    return list(
        session.scalars(
            delete(runs)
            .where(
                runs.c.groupement_id == groupement_id,
                runs.c.month == first,
                runs.c.status == RunStatus.DRAFT,
            )
            .returning(runs.c.id)
        )
    )


def current_draft(session: Session, groupement_id: int, month: date) -> BillingRun | None:
    """The month's draft if nothing of the GE changed since it was computed (its change
    counter has not moved): drafting again would give the same."""
    return session.scalars(
        select(BillingRun)
        .join(Groupement, Groupement.id == BillingRun.groupement_id)
        .where(
            BillingRun.groupement_id == groupement_id,
            BillingRun.month == month_bounds(month)[0],
            BillingRun.status == RunStatus.DRAFT,
            BillingRun.data_version == Groupement.data_version,
        )
    ).first()


def arithmetic_lines(
    lines: Sequence[InvoiceLine] | Sequence[PlannedLine],
) -> list[invoice_arithmetic.Line]:
    """Stored lines as the invoice arithmetic reads them."""
    return [
        invoice_arithmetic.Line(
            invoice_arithmetic.LineKind(line.kind.value),
            line.amount,
            invoice_arithmetic.VatCategory(line.vat_category),
            line.vat_rate,
        )
        for line in lines
    ]


def _totals(lines: Sequence[InvoiceLine] | Sequence[PlannedLine]) -> invoice_arithmetic.Totals:
    return invoice_arithmetic.totals(arithmetic_lines(lines))


# -- issuing --------------------------------------------------------------------------


def next_number(session: Session, groupement_id: int, series: str, year: int) -> int:
    """The next number of a series, taken under a row lock held until the transaction
    ends: two issues at once get consecutive numbers; a rolled-back one gives its back."""
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    session.execute(
        insert(NumberCounter)
        .values(groupement_id=groupement_id, series=series, year=year, last_number=0)
        .on_conflict_do_nothing(index_elements=["groupement_id", "series", "year"])
    )
    counter = session.scalars(
        select(NumberCounter)
        .where(
            NumberCounter.groupement_id == groupement_id,
            NumberCounter.series == series,
            NumberCounter.year == year,
        )
        .with_for_update()
    ).one()
    counter.last_number += 1
    return counter.last_number


def structured_communication(series: str, year: int, number: int) -> str:
    """+++YYS/NNNN/NNNCC+++: year, series and number, with stdnum's mod-97 check digits."""
    base = f"{year % 100:02d}{SERIES_DIGIT[series]}{number:07d}"
    return f"+++{ogm_vcs.format(base + ogm_vcs.calc_check_digits(base))}+++"


def _check_issue_date(
    session: Session, groupement: Groupement, document: Invoice, day: date
) -> None:
    """Dates in a series go forward (AR n° 1: chronological numbering), and an invoice is
    not issued before the month it bills has ended. Nor beyond the GE's window after
    today: a date typed years ahead would otherwise refuse every later issue for good."""
    farthest = calendar.today() + timedelta(days=groupement.issue_date_days_ahead)
    if day > farthest:
        raise InvalidInput(
            {
                "issue_date": [
                    t(
                        "issue_date_too_far",
                        day=farthest.isoformat(),
                        days=groupement.issue_date_days_ahead,
                    )
                ]
            }
        )
    latest = session.scalar(
        select(func.max(Invoice.issue_date)).where(
            Invoice.groupement_id == groupement.id,
            Invoice.series == document.series,
            Invoice.status == RunStatus.ISSUED,
        )
    )
    if latest is not None and day < latest:
        raise InvalidInput({"issue_date": [t("issue_date_before_last", day=latest.isoformat())]})
    if document.kind is DocumentKind.INVOICE and day < month_bounds(document.month)[1]:
        raise InvalidInput({"issue_date": [N_("issue_date_before_period_end")]})


def _party(record: Groupement | Member, **more: object) -> dict[str, object]:
    return {
        "name": record.name,
        "legal_form": record.legal_form.value,
        "street": record.street,
        "postal_code": record.postal_code,
        "city": record.city,
        "country": record.country,
        "enterprise_number": record.enterprise_number,
        "vat_number": record.vat_number,
        **more,
    }


def seller_party(groupement: Groupement) -> dict[str, object]:
    """The GE as its documents name it (``exports.document.Party``'s fields)."""
    return _party(
        groupement, rpm_seat=groupement.rpm_seat, iban=groupement.iban, bic=groupement.bic
    )


def buyer_party(member: Member) -> dict[str, object]:
    """A member as the GE's documents to it name it."""
    return _party(member, email=member.invoice_email, peppol_id=member.peppol_id)


def parties_snapshot(
    session: Session, groupement: Groupement, document: Invoice
) -> dict[str, object]:
    """The parties and workers as they are on the day of issue: a document issued is never
    rewritten by a later change of name, address or number."""
    member = session.get_one(Member, document.member_id)
    workers = {
        str(w.id): f"{w.first_name} {w.last_name}"
        for w in session.scalars(select(Worker).where(Worker.groupement_id == groupement.id))
    }
    return {
        "seller": seller_party(groupement),
        "buyer": buyer_party(member),
        "buyer_language": member.language.value,
        "workers": workers,
        "absence_policy": groupement.absence_policy.value,
        "payment_terms_days": groupement.payment_terms_days,
    }


def number_document(
    session: Session, groupement: Groupement, document: Invoice, issue_date: date
) -> None:
    _check_issue_date(session, groupement, document, issue_date)
    parties = parties_snapshot(session, groupement, document)
    # The legal mentions are worded in the buyer's language on the day of issue, like the
    # lines and the labels, and frozen with the document: the exemption's basis in its
    # column (whatever language the draft or the credited invoice said it in), a credit
    # note's VAT repayment with the parties.
    language = str(parties["buyer_language"])
    if document.exemption_mention:
        document.exemption_mention = worded(EXEMPTION_MENTION, language)
    if document.kind is DocumentKind.CREDIT_NOTE and document.vat_total > 0:
        parties["vat_repayment_mention"] = worded(VAT_REPAYMENT_MENTION, language)
    document.parties = parties
    number = next_number(session, groupement.id, document.series, issue_date.year)
    document.year = issue_date.year
    document.number = number
    document.reference = f"{document.series}{issue_date.year}-{number:05d}"
    document.issue_date = issue_date
    document.due_date = issue_date + timedelta(days=groupement.payment_terms_days)
    document.payment_reference = structured_communication(document.series, issue_date.year, number)
    document.status = RunStatus.ISSUED


def issue(
    session: Session, groupement_id: int, run_id: int, issue_date: date | None = None
) -> BillingRun:
    """Number, date and freeze every invoice of a draft run, all or nothing."""
    groupement = _groupement_of_unit(session, groupement_id)
    run = session.scalars(
        select(BillingRun)
        .where(BillingRun.id == run_id, BillingRun.groupement_id == groupement_id)
        .options(selectinload(BillingRun.invoices).selectinload(Invoice.lines))
    ).one_or_none()
    if run is None:
        raise NotFound()
    if run.status is RunStatus.ISSUED:
        raise InvoiceLocked()
    # What was reviewed is what goes out: a draft the data has moved away from is redone.
    drafted = {
        (invoice.member_id, line.contract_id, line.kind.value): line.amount
        for invoice in run.invoices
        for line in invoice.lines
    }
    now = plan(session, groupement, run.month)
    if now.amounts() != drafted:
        raise Conflict(message_key=N_("draft_outdated"))
    # The lines say what they bill in the member's language on the day of issue, the
    # language its document's labels take (a member may change it after the draft).
    descriptions = {
        (member_id, line.contract_id, line.kind.value): line.description
        for member_id, _mention, lines in now.invoices
        for line in lines
    }
    for invoice in run.invoices:
        for line in invoice.lines:
            said = descriptions[(invoice.member_id, line.contract_id, line.kind.value)]
            if line.description != said:
                line.description = said
    day = issue_date or calendar.today()
    for document in sorted(run.invoices, key=lambda i: i.member_id):
        number_document(session, groupement, document, day)
    # Imported here: the invoice checks read documents, which read this module.
    from .invoice_checks import refuse_invalid

    # Numbered, each document meets the invoice rules, or the issue writes nothing.
    warnings = refuse_invalid(
        session, groupement, run.invoices, complement=run.kind is RunKind.COMPLEMENT
    )
    run.findings = [*run.findings, *(finding_json(f) for f in warnings)]
    run.status = RunStatus.ISSUED
    run.issued_at = utcnow()
    session.flush()
    return run


# -- credit notes ---------------------------------------------------------------------

# What a credit note taking back VAT printed before its mentions were worded in the
# buyer's language: those notes were issued with it, and keep printing it.
FRENCH_VAT_REPAYMENT_MENTION = (
    "TVA à reverser à l'État dans la mesure où elle a été initialement déduite."
)


def printed_mentions(invoice: Invoice) -> tuple[str, ...]:
    """The legal mentions a document prints, as worded when it was issued (a draft's as
    they stand): its exemption's basis, and a credit note's VAT repayment."""
    found = [invoice.exemption_mention] if invoice.exemption_mention else []
    if invoice.kind is DocumentKind.CREDIT_NOTE and invoice.vat_total > 0:
        frozen = invoice.parties or {}
        found.append(str(frozen.get("vat_repayment_mention", FRENCH_VAT_REPAYMENT_MENTION)))
    return tuple(found)


def credited_so_far(session: Session, invoice: Invoice) -> dict[int, Decimal]:
    """What issued credit notes already took off each line of an invoice."""
    originals = {(line.contract_id, line.kind): line.id for line in invoice.lines}
    credited: dict[int, Decimal] = defaultdict(Decimal)
    notes = session.scalars(
        select(Invoice)
        .where(Invoice.corrects_id == invoice.id, Invoice.status == RunStatus.ISSUED)
        .options(selectinload(Invoice.lines))
    )
    for note in notes:
        for line in note.lines:
            credited[originals[(line.contract_id, line.kind)]] += line.amount
    return credited


def credit(
    session: Session,
    groupement_id: int,
    invoice_id: int,
    amounts: dict[int, Decimal] | None,
    reason: str,
    issue_date: date | None = None,
) -> Invoice:
    """A credit note on an issued invoice: whole (``amounts`` None: what is left of every
    line) or partial (an amount per line id), numbered at once in its own series."""
    groupement = _groupement_of_unit(session, groupement_id)
    original = session.scalars(
        select(Invoice)
        .where(Invoice.id == invoice_id, Invoice.groupement_id == groupement_id)
        .options(selectinload(Invoice.lines))
    ).one_or_none()
    if original is None:
        raise NotFound()
    if original.kind is not DocumentKind.INVOICE or original.status is not RunStatus.ISSUED:
        raise InvalidInput({"invoice": [N_("not_an_issued_invoice")]})
    credited = credited_so_far(session, original)
    language = session.get_one(Member, original.member_id).language.value
    by_id = {line.id: line for line in original.lines}
    unknown = set(amounts or {}) - set(by_id)
    if unknown:
        raise InvalidInput({"lines": [N_("unknown_reference")]})
    lines = []
    for line in original.lines:
        left = line.amount - credited.get(line.id, Decimal("0.00"))
        wanted = left if amounts is None else amounts.get(line.id, Decimal("0.00"))
        if wanted == 0:
            continue
        if not 0 < wanted <= left:
            raise InvalidInput({"lines": [N_("credit_beyond_invoice")]})
        lines.append(
            InvoiceLine(
                groupement_id=groupement_id,
                kind=line.kind,
                description=correction_line(original.reference or "", line.description, language),
                worker_id=line.worker_id,
                contract_id=line.contract_id,
                worked_hours=Decimal("0"),
                absence_hours=Decimal("0"),
                amount=wanted,
                vat_category=line.vat_category,
                vat_rate=line.vat_rate,
            )
        )
    if not lines:
        raise InvalidInput({"lines": [N_("nothing_to_credit")]})
    figures = _totals(lines)
    note = Invoice(
        groupement_id=groupement_id,
        member_id=original.member_id,
        kind=DocumentKind.CREDIT_NOTE,
        status=RunStatus.DRAFT,
        month=original.month,
        series=CREDIT_NOTE_SERIES,
        lines_total=figures.lines,
        vat_total=figures.vat,
        total=figures.with_vat,
        exemption_mention=original.exemption_mention,  # worded anew when numbered
        corrects_id=original.id,
        reason=reason,
        lines=lines,
    )
    session.add(note)
    day = issue_date or calendar.today()
    if original.issue_date is not None and day < original.issue_date:
        raise InvalidInput({"issue_date": [N_("credit_before_invoice")]})
    number_document(session, groupement, note, day)
    from .invoice_checks import refuse_invalid  # see issue()

    refuse_invalid(session, groupement, [note])
    session.flush()
    return note


# -- the lock on issued months ---------------------------------------------------------


def issued_months(session: Session, groupement_id: int, start: date, end: date) -> list[date]:
    """The months from ``start`` to ``end`` that a run has issued and no credit note has
    reopened (a credited month may be corrected, then billed again by a complement)."""
    credited = select(Invoice.month).where(
        Invoice.groupement_id == groupement_id,
        Invoice.kind == DocumentKind.CREDIT_NOTE,
        Invoice.status == RunStatus.ISSUED,
    )
    return list(
        session.scalars(
            select(BillingRun.month)
            .where(
                BillingRun.groupement_id == groupement_id,
                BillingRun.status == RunStatus.ISSUED,
                BillingRun.month >= start.replace(day=1),
                BillingRun.month <= end,
                BillingRun.month.not_in(credited),
            )
            .distinct()
            .order_by(BillingRun.month)
        )
    )


def bills_of(session: Session, groupement_id: int, months: list[date]) -> dict[date, object]:
    """What each month bills, as INV-LOCK compares it (``MonthResult.bill``)."""
    groupement = session.get_one(Groupement, groupement_id)
    return {month: compute(session, groupement, month).bill() for month in months}


@dataclass(frozen=True)
class IssuedMonths:
    """The issued months a write touches, and what they bill before it."""

    billed: dict[date, object]


class MonthLocked(InvoiceLocked):
    message_key = N_("month_locked")


def issued_baseline(session: Session, groupement_id: int, start: date, end: date) -> IssuedMonths:
    months = issued_months(session, groupement_id, start, end)
    return IssuedMonths(bills_of(session, groupement_id, months) if months else {})


def refuse_changes_to_issued(session: Session, groupement_id: int, before: IssuedMonths) -> None:
    """INV-LOCK: after a write, an issued month must bill exactly what it billed before."""
    if not before.billed:
        return
    after = bills_of(session, groupement_id, list(before.billed))
    changed = [month for month in before.billed if after[month] != before.billed[month]]
    if changed:
        raise MonthLocked(
            {"rule_id": "INV-LOCK", "months": [f"{month:%Y-%m}" for month in changed]},
            values={"months": ", ".join(f"{month:%m/%Y}" for month in changed)},
        )
