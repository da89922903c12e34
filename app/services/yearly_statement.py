"""A member's yearly statement (``exports.yearly_statement``), read from the database.

The year is made of the member's **issued** invoices and credit notes whose billed month
(``Invoice.month``) falls in it, whatever the day they were issued: a credit note or a
complement issued in the next January for December counts in December, and the
statement of a year adds up to exactly the documents billing that year. Drafts count for
nothing. A member that left the GE (``left_on``) still gets the statement of any year it
was billed in; the payments are those recorded on the year's invoices (``Payment`` rows,
by their booking day), whenever they were received.

A member user gets its own statement only; the GE's staff that of any of its members;
anyone else a 404.
"""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from allocation.alone import shown
from exports import yearly_statement as export
from exports.document import Party

from ..auth import Principal
from ..errors import NotFound
from ..models import Groupement, Invoice, Payment
from ..models.enums import DocumentKind, LineKind, RunStatus
from . import alone, billing
from .records import visible_member

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZERO = Decimal("0.00")
# The years a member may ask for: Mutua bills no month before 2000.
FIRST_YEAR = 2000


def years_offered(today: date) -> list[int]:
    """The years the pages link to: this one and the two before."""
    return [today.year - back for back in range(3)]


def _party(fields: dict[str, object]) -> Party:
    return Party(**fields)  # type: ignore[arg-type]


def yearly_statement(
    session: Session, principal: Principal, member_id: int, year: int
) -> export.YearlyStatement:
    """The member's year, month by billed month, in the member's language."""
    if not FIRST_YEAR <= year <= 9998:
        raise NotFound()
    member = visible_member(session, principal, member_id)
    groupement = session.get_one(Groupement, principal.groupement_id)
    documents = session.scalars(
        select(Invoice)
        .where(
            Invoice.groupement_id == groupement.id,
            Invoice.member_id == member.id,
            Invoice.status == RunStatus.ISSUED,
            Invoice.month >= date(year, 1, 1),
            Invoice.month <= date(year, 12, 31),
        )
        .options(selectinload(Invoice.lines))
        .order_by(Invoice.month, Invoice.issue_date, Invoice.id)
    ).all()
    invoices = {d.id: d for d in documents if d.kind is DocumentKind.INVOICE}
    paid = session.scalars(
        select(Payment)
        .where(Payment.groupement_id == groupement.id, Payment.invoice_id.in_(list(invoices)))
        .order_by(Payment.paid_on, Payment.id)
    ).all()
    by_month: dict[date, list[Invoice]] = defaultdict(list)
    for document in documents:
        by_month[document.month].append(document)
    payments: dict[date, list[export.ReceivedPayment]] = defaultdict(list)
    for payment in paid:
        invoice = invoices[payment.invoice_id or 0]
        payments[invoice.month].append(
            export.ReceivedPayment(payment.paid_on, invoice.reference or "", payment.amount)
        )
    months = tuple(
        _month(month, by_month[month], tuple(payments[month])) for month in sorted(by_month)
    )
    return export.YearlyStatement(
        language=member.language.value,
        seller=_party(billing.seller_party(groupement)),
        member=_party(billing.buyer_party(member)),
        year=year,
        months=months,
        left_on=member.left_on,
        alone=_alone(session, principal, member.id, year),
    )


def _alone(
    session: Session, principal: Principal, member_id: int, year: int
) -> export.AloneSection:
    """What hiring alone would have cost, worker by worker, with its assumptions."""
    found = alone.member_comparison(session, principal, member_id, year)
    return export.AloneSection(
        workers=tuple(
            export.AloneWorker(
                worker=w.worker_name,
                need_weekly_hours=shown(w.comparison.need_weekly_hours),
                contract_weekly_hours=shown(w.comparison.contract_weekly_hours),
                alone=w.comparison.alone,
                paid=w.comparison.paid,
                difference=w.comparison.difference,
                percent=w.comparison.percent,
            )
            for w in found.workers
        ),
        assumptions=tuple(found.assumptions.items()),
    )


def _month(
    month: date, documents: list[Invoice], payments: tuple[export.ReceivedPayment, ...]
) -> export.StatementMonth:
    """A billed month: each worker's hours and staff cost, the fee and overhead, net of
    the credit notes; worker names as the documents were issued with them."""
    worked: dict[int, Decimal] = defaultdict(Decimal)
    absent: dict[int, Decimal] = defaultdict(Decimal)
    cost: dict[int, Decimal] = defaultdict(lambda: ZERO)
    names: dict[int, str] = {}
    fees = overhead = ZERO
    for document in documents:
        sign = -1 if document.kind is DocumentKind.CREDIT_NOTE else 1
        workers = (document.parties or {}).get("workers", {})
        for line in document.lines:
            if line.kind is LineKind.FEE:
                fees += sign * line.amount
            elif line.kind is LineKind.OVERHEAD:
                overhead += sign * line.amount
            else:
                worker = line.worker_id or 0
                names.setdefault(worker, workers.get(str(worker), "?"))
                worked[worker] += sign * line.worked_hours
                absent[worker] += sign * line.absence_hours
                cost[worker] += sign * line.amount
    rows = sorted(
        (
            export.WorkerMonth(names[w], worked[w], absent[w], cost[w])
            for w in names  # every worker billed, even if credited to nothing
        ),
        key=lambda row: row.worker,
    )
    return export.StatementMonth(
        month=month,
        workers=tuple(rows),
        fees=fees,
        overhead=overhead,
        documents=tuple(
            export.StatementDocument(
                kind=d.kind.value,
                reference=d.reference or "",
                issue_date=d.issue_date or month,  # issued: it has one
                lines_total=d.lines_total,
                vat_total=d.vat_total,
                total=d.total,
            )
            for d in documents
        ),
        payments=payments,
    )


def yearly_statement_file(
    session: Session, principal: Principal, member_id: int, year: int, kind: str
) -> tuple[bytes, str, str]:
    """(bytes, MIME type, file name) of a member's yearly statement, PDF or XLSX."""
    found = yearly_statement(session, principal, member_id, year)
    name = f"releve-annuel-{year}-{found.member.enterprise_number}"
    if kind == "xlsx":
        return export.yearly_statement_workbook(found), XLSX, f"{name}.xlsx"
    return export.yearly_statement_pdf(found), "application/pdf", f"{name}.pdf"
