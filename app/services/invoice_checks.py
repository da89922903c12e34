"""The invoice rules (``legal_rules.invoices``) on the documents being issued.

``refuse_invalid`` runs in the issuing transaction, once the documents are numbered and
before anything is committed. It reads each document as the writers will print it
(``documents.document``: the parties frozen at issue, the mentions), with the member's
membership and VAT treatment, the invoice a credit note corrects, every issued number
of the series concerned and the month's fees against the GE's recorded overhead. A
blocking finding raises ``RefusedByRules`` (409) and the transaction rolls back, the
numbers with it; the warnings are returned.

``numbering_report`` gives INV-NUM-SEQ over the issued documents for the compliance
report.
"""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from allocation.invoice import LineKind as ArithmeticLineKind
from exports.document import Party
from legal_rules import Finding, MemberFacts, Severity
from legal_rules.invoices import (
    CreditedInvoice,
    DocumentFacts,
    InvoiceBatch,
    LineFacts,
    MonthFees,
    NumberedDocument,
    PartyFacts,
    SeriesFacts,
    check_invoices,
    check_numbering,
)

from ..models import Groupement, Invoice, Member, NumberCounter, Overhead
from ..models.enums import DocumentKind, LineKind, RunStatus, VatTreatment
from . import billing, documents
from .compliance import RefusedByRules, finding_json


def _party(party: Party) -> PartyFacts:
    return PartyFacts(
        name=party.name,
        legal_form=party.legal_form,
        street=party.street,
        postal_code=party.postal_code,
        city=party.city,
        country=party.country,
        enterprise_number=party.enterprise_number,
        vat_number=party.vat_number,
        rpm_seat=party.rpm_seat,
    )


def _lines(invoice: Invoice) -> tuple[LineFacts, ...]:
    return tuple(
        LineFacts(
            kind=ArithmeticLineKind(line.kind.value),
            description=line.description,
            amount=line.amount,
            vat_category=line.vat_category,
            vat_rate=line.vat_rate,
            hours=line.worked_hours + line.absence_hours,
            contract_id=line.contract_id,
        )
        for line in invoice.lines
    )


def _credited(session: Session, invoice: Invoice) -> CreditedInvoice | None:
    original = session.get(Invoice, invoice.corrects_id) if invoice.corrects_id else None
    if original is None or original.groupement_id != invoice.groupement_id:
        return None
    return CreditedInvoice(
        id=original.id,
        kind=original.kind.value,
        issued=original.status is RunStatus.ISSUED,
        member_id=original.member_id,
        reference=original.reference,
        issue_date=original.issue_date,
        lines=_lines(original),
    )


def document_facts(
    session: Session, groupement: Groupement, invoice: Invoice, complement: bool = False
) -> DocumentFacts:
    """A numbered document as the rules read it: what the writers print, and the member."""
    printed = documents.document(session, invoice)
    member = session.get(Member, invoice.member_id)
    if member is not None and member.groupement_id != groupement.id:
        member = None
    return DocumentFacts(
        id=invoice.id,
        kind=invoice.kind.value,
        month=invoice.month,
        seller=_party(printed.seller),
        buyer=_party(printed.buyer),
        member_id=invoice.member_id,
        member=MemberFacts(member.id, member.name, member.joined_on, member.left_on)
        if member is not None
        else None,
        vat_treatment=(member.vat_treatment if member else VatTreatment.STANDARD).value,
        lines=_lines(invoice),
        lines_total=invoice.lines_total,
        vat_total=invoice.vat_total,
        total=invoice.total,
        series=invoice.series,
        year=invoice.year,
        number=invoice.number,
        reference=invoice.reference,
        issue_date=invoice.issue_date,
        payment_reference=invoice.payment_reference,
        mentions=printed.mentions,
        language=printed.language,
        complement=complement,
        corrects=_credited(session, invoice),
    )


def series_facts(
    session: Session, groupement_id: int, keys: Iterable[tuple[str, int]]
) -> tuple[SeriesFacts, ...]:
    """Every issued document of each (series, year), with its counter's last number."""
    found = []
    for series, year in sorted(set(keys)):
        rows = session.execute(
            select(Invoice.id, Invoice.number, Invoice.issue_date).where(
                Invoice.groupement_id == groupement_id,
                Invoice.series == series,
                Invoice.year == year,
                Invoice.status == RunStatus.ISSUED,
            )
        ).all()
        counter = session.scalar(
            select(NumberCounter.last_number).where(
                NumberCounter.groupement_id == groupement_id,
                NumberCounter.series == series,
                NumberCounter.year == year,
            )
        )
        found.append(
            SeriesFacts(
                series,
                year,
                tuple(NumberedDocument(i, n, d) for i, n, d in rows if n is not None and d),
                counter,
            )
        )
    return tuple(found)


def month_fees(session: Session, groupement_id: int, month: date) -> MonthFees:
    """The month's fee and overhead lines, issued less credited, and its recorded overhead."""
    costs = sum(
        session.scalars(
            select(Overhead.amount).where(
                Overhead.groupement_id == groupement_id, Overhead.month == month
            )
        ),
        Decimal("0.00"),
    )
    billed = billing.billed_so_far(session, groupement_id, month)

    def of(kind: LineKind) -> Decimal:
        return sum((v for (_m, _c, k), v in billed.items() if k == kind.value), Decimal("0.00"))

    return MonthFees(month, costs, of(LineKind.FEE), of(LineKind.OVERHEAD))


def batch_of(
    session: Session,
    groupement: Groupement,
    invoices: Iterable[Invoice],
    complement: bool = False,
) -> InvoiceBatch:
    """The documents as the rules read them (flushed first: the queries see them)."""
    session.flush()
    facts = tuple(
        document_facts(session, groupement, invoice, complement)
        for invoice in sorted(invoices, key=lambda i: i.id)
    )
    months = sorted({d.month for d in facts if d.kind == DocumentKind.INVOICE.value})
    return InvoiceBatch(
        vat_mode=groupement.vat_mode.value,
        documents=facts,
        series=series_facts(
            session, groupement.id, ((d.series, d.year) for d in facts if d.year is not None)
        ),
        months=tuple(month_fees(session, groupement.id, month) for month in months),
    )


def refuse_invalid(
    session: Session,
    groupement: Groupement,
    invoices: Iterable[Invoice],
    complement: bool = False,
) -> list[Finding]:
    """Before the commit of an issue: refuse it on any blocking finding of the invoice
    rules (409, nothing written); return the warnings."""
    findings = check_invoices(batch_of(session, groupement, invoices, complement))
    blocking = [f for f in findings if f.severity is Severity.BLOCKING]
    if blocking:
        raise RefusedByRules({"findings": [finding_json(f) for f in blocking]})
    return findings


def numbering_report(session: Session, groupement_id: int, start: date, end: date) -> list[Finding]:
    """INV-NUM-SEQ on every series with a document issued from ``start`` to ``end``: the
    breaks dated within those days."""
    keys = session.execute(
        select(Invoice.series, Invoice.year)
        .where(
            Invoice.groupement_id == groupement_id,
            Invoice.status == RunStatus.ISSUED,
            Invoice.issue_date.between(start, end),
            Invoice.year.is_not(None),
        )
        .distinct()
    ).all()
    series = series_facts(session, groupement_id, ((s, y) for s, y in keys))
    return [f for f in check_numbering(series) if f.first_date <= end and f.last_date >= start]
