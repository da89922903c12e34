"""Invoices read from the database into the plain documents the writers take."""

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from allocation.invoice import totals as invoice_totals
from exports.document import DocumentLine, InvoiceDocument, Party, VatSubtotal

from ..errors import NotFound
from ..models import Groupement, Invoice, Member, Worker
from ..models.enums import DocumentKind, RunStatus
from . import billing


def seller(groupement: Groupement) -> Party:
    return Party(
        name=groupement.name,
        legal_form=groupement.legal_form.value,
        street=groupement.street,
        postal_code=groupement.postal_code,
        city=groupement.city,
        country=groupement.country,
        enterprise_number=groupement.enterprise_number,
        vat_number=groupement.vat_number,
        rpm_seat=groupement.rpm_seat,
        iban=groupement.iban,
        bic=groupement.bic,
    )


def buyer(member: Member) -> Party:
    return Party(
        name=member.name,
        legal_form=member.legal_form.value,
        street=member.street,
        postal_code=member.postal_code,
        city=member.city,
        country=member.country,
        enterprise_number=member.enterprise_number,
        vat_number=member.vat_number,
        email=member.invoice_email,
        peppol_id=member.peppol_id,
    )


def document(session: Session, invoice: Invoice) -> InvoiceDocument:
    """An issued invoice or credit note as the writers read it."""
    if invoice.status is not RunStatus.ISSUED or invoice.issue_date is None:
        raise NotFound()  # a draft has no document yet
    groupement = session.get_one(Groupement, invoice.groupement_id)
    member = session.get_one(Member, invoice.member_id)
    names = {
        w.id: f"{w.first_name} {w.last_name}"
        for w in session.scalars(
            select(Worker).where(Worker.groupement_id == invoice.groupement_id)
        )
    }
    first, last = billing.month_bounds(invoice.month)
    figures = invoice_totals(billing.arithmetic_lines(invoice.lines))
    mentions = [invoice.exemption_mention] if invoice.exemption_mention else []
    if invoice.kind is DocumentKind.CREDIT_NOTE and invoice.vat_total > 0:
        mentions.append(billing.VAT_REPAYMENT_MENTION)
    corrects = None
    if invoice.corrects_id is not None:
        original = session.get_one(Invoice, invoice.corrects_id)
        assert original.reference is not None and original.issue_date is not None
        corrects = (original.reference, original.issue_date)
    return InvoiceDocument(
        kind=invoice.kind.value,
        reference=invoice.reference or "",
        issue_date=invoice.issue_date,
        due_date=invoice.due_date,
        period_start=first,
        period_end=last,
        seller=seller(groupement),
        buyer=buyer(member),
        lines=tuple(
            DocumentLine(
                line.description,
                line.amount,
                line.vat_category,
                line.vat_rate,
                names.get(line.worker_id) if line.worker_id else None,
                line.worked_hours,
                line.absence_hours,
            )
            for line in invoice.lines
        ),
        subtotals=tuple(
            VatSubtotal(s.category.value, s.rate, s.base, s.vat) for s in figures.subtotals
        ),
        lines_total=invoice.lines_total,
        vat_total=invoice.vat_total,
        total=invoice.total,
        payment_reference=invoice.payment_reference,
        language=member.language.value,
        mentions=tuple(mentions),
        corrects=corrects,
        reason=invoice.reason,
        payment_terms_days=groupement.payment_terms_days,
        buyer_reference=member.enterprise_number,
        absence_policy=groupement.absence_policy.value,
    )


def load_invoice(session: Session, groupement_id: int, invoice_id: int) -> Invoice:
    invoice = session.scalars(
        select(Invoice)
        .where(Invoice.id == invoice_id, Invoice.groupement_id == groupement_id)
        .options(selectinload(Invoice.lines))
    ).one_or_none()
    if invoice is None:
        raise NotFound()
    return invoice
