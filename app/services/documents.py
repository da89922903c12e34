"""Invoices read from the database into the plain documents the writers take."""

import io
import zipfile
from collections import defaultdict
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from allocation.invoice import totals as invoice_totals
from exports.document import DocumentLine, InvoiceDocument, Party, VatSubtotal
from exports.journal import (
    journal_csv,
    journal_xlsx,
    posting_lines,
    winbooks_documents_csv,
    winbooks_thirds_csv,
)
from exports.pdf import document_pdf
from exports.ubl import document_xml
from exports.xlsx import LineExplanation, SplitWorkbook, invoice_workbook, split_workbook
from legal_rules.shifts import planned_shifts

from ..errors import NotFound
from ..models import BillingRun, Groupement, Invoice, Member, Worker
from ..models.enums import LineKind, RunStatus
from . import billing
from .compliance import load_snapshot
from .explain import explain_invoice


def document(session: Session, invoice: Invoice) -> InvoiceDocument:
    """An issued invoice or credit note as the writers read it, with its parties and
    workers as they stood at issue."""
    if invoice.status is not RunStatus.ISSUED or invoice.issue_date is None:
        raise NotFound()  # a draft has no document yet
    parties = invoice.parties or billing.parties_snapshot(
        session, session.get_one(Groupement, invoice.groupement_id), invoice
    )
    seller, buyer = Party(**parties["seller"]), Party(**parties["buyer"])
    names = parties["workers"]
    first, last = billing.month_bounds(invoice.month)
    figures = invoice_totals(billing.arithmetic_lines(invoice.lines))
    corrects = None
    if invoice.corrects_id is not None:
        original = session.get_one(Invoice, invoice.corrects_id)
        if original.reference is None or original.issue_date is None:
            # Only an issued invoice is ever credited: a broken record, not a request's fault.
            raise ValueError(f"credit note {invoice.id} corrects an unissued invoice")
        corrects = (original.reference, original.issue_date)
    return InvoiceDocument(
        kind=invoice.kind.value,
        reference=invoice.reference or "",
        issue_date=invoice.issue_date,
        due_date=invoice.due_date,
        period_start=first,
        period_end=last,
        seller=seller,
        buyer=buyer,
        lines=tuple(
            DocumentLine(
                line.description,
                line.amount,
                line.vat_category,
                line.vat_rate,
                names.get(str(line.worker_id)) if line.worker_id else None,
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
        language=parties["buyer_language"],
        mentions=billing.printed_mentions(invoice),
        exemption_reason=invoice.exemption_mention,
        corrects=corrects,
        reason=invoice.reason,
        payment_terms_days=parties["payment_terms_days"],
        buyer_reference=buyer.enterprise_number,
        absence_policy=parties["absence_policy"],
    )


def invoice_lines_workbook(session: Session, invoice: Invoice) -> bytes:
    document_ = document(session, invoice)
    rows = [
        (
            line.worker or "",
            line.description,
            line.worked_hours,
            line.absence_hours,
            line.worked_hours + line.absence_hours,
            line.amount,
        )
        for line in document_.lines
    ]
    explanations = [
        LineExplanation(
            found["worker"],
            [
                (d["day"], d["planned_hours"], d["worked_hours"], d["paid_absence_hours"])
                for d in found["days"]
            ],
            [
                (
                    s["member"],
                    s["worked_hours"],
                    s["paid_absence_hours"],
                    s["basis_hours"],
                    s["fraction"],
                    s["exact_cents"],
                    s["floor"],
                    Decimal("0.01") if s["extra_cent"] else Decimal("0.00"),
                    s["share"],
                )
                for s in found["shares"]
            ],
        )
        for found in explain_invoice(session, invoice)
    ]
    return invoice_workbook(rows, document_.reference, document_.language, explanations)


def split_workbook_bytes(session: Session, run: BillingRun) -> bytes:
    """The run's month in a workbook: members, detail, planned hours per day, findings,
    parameters."""
    groupement = session.get_one(Groupement, run.groupement_id)
    first, last = billing.month_bounds(run.month)
    members = dict(
        session.execute(
            select(Member.id, Member.name).where(Member.groupement_id == run.groupement_id)
        ).all()
    )
    workers = {
        w.id: f"{w.first_name} {w.last_name}"
        for w in session.scalars(select(Worker).where(Worker.groupement_id == run.groupement_id))
    }
    zero = Decimal("0.00")
    summary, detail = [], []
    for invoice in run.invoices:
        by_kind: dict[LineKind, Decimal] = defaultdict(lambda: zero)
        for line in invoice.lines:
            by_kind[line.kind] += line.amount
            if line.kind is LineKind.STAFF:
                detail.append(
                    (
                        workers.get(line.worker_id or 0, "?"),
                        members[invoice.member_id],
                        line.worked_hours,
                        line.absence_hours,
                        line.worked_hours + line.absence_hours,
                        line.amount,
                    )
                )
        summary.append(
            (
                members[invoice.member_id],
                by_kind[LineKind.STAFF],
                by_kind[LineKind.FEE],
                by_kind[LineKind.OVERHEAD],
                invoice.lines_total,
                invoice.vat_total,
                invoice.total,
            )
        )
    planned: dict[tuple[int, int, date], int] = defaultdict(int)
    snapshot = load_snapshot(session, groupement, first, last)
    for shift in planned_shifts(snapshot, first, last):
        planned[(shift.worker_id, shift.member_id, shift.day)] += shift.minutes
    days = [
        (workers.get(worker, "?"), members.get(member, "?"), day, Decimal(minutes) / 60)
        for (worker, member, day), minutes in sorted(
            planned.items(), key=lambda i: (i[0][2], i[0][0], i[0][1])
        )
    ]
    findings = [
        (
            f["rule_id"],
            f["severity"],
            date.fromisoformat(f["first_date"]),
            date.fromisoformat(f["last_date"]),
            f["message"],
        )
        for f in run.findings
    ]
    return split_workbook(
        SplitWorkbook(
            period=f"{run.month:%Y-%m}",
            members=summary,
            detail=detail,
            days=days,
            findings=findings,
            parameters=sorted(run.parameters.items()),
            language=groupement.language.value,
        )
    )


def period_documents(session: Session, groupement_id: int, month: date) -> list[InvoiceDocument]:
    """Every invoice and credit note issued during a month (the accountant books them by
    their date, whatever month they bill), in number order."""
    invoices = session.scalars(
        select(Invoice)
        .where(
            Invoice.groupement_id == groupement_id,
            Invoice.issue_date.between(*billing.month_bounds(month)),
            Invoice.status == RunStatus.ISSUED,
        )
        .options(selectinload(Invoice.lines))
        .order_by(Invoice.series, Invoice.year, Invoice.number)
    ).all()
    return [document(session, invoice) for invoice in invoices]


def sales_journal(
    session: Session, groupement_id: int, month: date, kind: str
) -> tuple[bytes, str, str]:
    """(bytes, MIME type, extension) of the month's sales journal in the format asked, in
    the GE's language: it is written for the GE's accountant, not for a member."""
    language = session.get_one(Groupement, groupement_id).language.value
    documents = period_documents(session, groupement_id, month)
    lines = posting_lines(documents, language=language)
    if kind == "xlsx":
        return journal_xlsx(lines, language), XLSX, "xlsx"
    if kind == "winbooks":
        return winbooks_documents_csv(lines), CSV, "csv"
    if kind == "winbooks-thirds":
        customers = {d.buyer.enterprise_number: d.buyer for d in documents}
        return winbooks_thirds_csv(list(customers.values())), CSV, "csv"
    return journal_csv(lines), CSV, "csv"


def run_archive(session: Session, run: BillingRun) -> bytes:
    """A zip of an issued run: every document as PDF, UBL and XLSX, the split workbook and
    the month's journals (generic CSV and XLSX, WinBooks)."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for invoice in run.invoices:
            document_ = document(session, invoice)
            archive.writestr(f"factures/{document_.reference}.pdf", document_pdf(document_))
            archive.writestr(f"factures/{document_.reference}.xml", document_xml(document_))
            archive.writestr(
                f"factures/{document_.reference}.xlsx", invoice_lines_workbook(session, invoice)
            )
        archive.writestr(f"repartition-{run.month:%Y-%m}.xlsx", split_workbook_bytes(session, run))
        issued_in = run.invoices[0].issue_date if run.invoices else None
        for kind in ("csv", "xlsx", "winbooks", "winbooks-thirds"):
            if issued_in is None:
                break
            data, _mimetype, extension = sales_journal(session, run.groupement_id, issued_in, kind)
            archive.writestr(f"journal/{kind}.{extension}", data)
    return output.getvalue()


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
