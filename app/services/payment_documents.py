"""The papers of getting paid, read from the database into the plain data the writers
take: a member's statement of account (``exports.accounts``), the SEPA direct-debit file
of an issued month (``exports.sepa``) and the bank journal of a month's receipts
(``exports.bank_journal``).

A writer's refusal (``exports.errors.ExportError``) comes back as a 422 in the reader's
language (``export_error.<code>``), nothing written.
"""

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from allocation import calendar
from exports import accounts as account_export
from exports import bank_journal, sepa
from exports.document import Party
from exports.errors import ExportError

from ..auth import Principal
from ..errors import InvalidInput, NotFound
from ..i18n import N_, t
from ..models import (
    BankLine,
    BankStatement,
    BillingRun,
    DirectDebitBatch,
    DirectDebitCollection,
    DirectDebitMandate,
    Groupement,
    Invoice,
    LatePaymentNote,
    Member,
    Payment,
)
from ..models.enums import BankLineStatus, DocumentKind, MandateSequence, RunStatus
from . import billing
from .payments import MemberAccount, ageing, balances, member_account
from .writes import Reach, flush_or_conflict, guarded_write

ZERO = Decimal("0.00")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
# What the writers may refuse, as message ids (``export_error.<code>``).
EXPORT_ERRORS = (
    N_("export_error.invalid_creditor_id"),
    N_("export_error.invalid_iban"),
    N_("export_error.invalid_bic"),
    N_("export_error.invalid_amount"),
    N_("export_error.invalid_sequence"),
    N_("export_error.invalid_reference"),
    N_("export_error.invalid_remittance"),
    N_("export_error.invalid_message_id"),
    N_("export_error.no_debits"),
    N_("export_error.schema"),
    N_("export_error.over_allocated"),
)


def refused(error: ExportError) -> InvalidInput:
    return InvalidInput({"file": [t(f"export_error.{error.code}", **error.values)]})


# -- the statement of account ----------------------------------------------------------


def _party(fields: dict[str, object]) -> Party:
    return Party(**fields)  # type: ignore[arg-type]


def statement_of_account(
    session: Session, principal: Principal, member_id: int, as_of: date | None = None
) -> account_export.MemberAccount:
    """A member's account, every movement since its first invoice, in its language."""
    account = member_account(session, principal, member_id, as_of)
    groupement = session.get_one(Groupement, principal.groupement_id)
    member = account.member
    entries = _entries(session, account)
    return account_export.MemberAccount(
        language=member.language.value,
        seller=_party(billing.seller_party(groupement)),
        member=_party(billing.buyer_party(member)),
        as_of=account.as_of,
        since=None,
        entries=tuple(entries),
        ageing=ageing(account),
        open_documents=tuple(_open_documents(account)),
    )


def _entries(session: Session, account: MemberAccount) -> list[account_export.AccountEntry]:
    member_id, as_of = account.member.id, account.as_of
    entries: list[account_export.AccountEntry] = []
    documents = session.scalars(
        select(Invoice)
        .where(
            Invoice.groupement_id == account.member.groupement_id,
            Invoice.member_id == member_id,
            Invoice.status == RunStatus.ISSUED,
            Invoice.issue_date <= as_of,
        )
        .order_by(Invoice.issue_date, Invoice.id)
    ).all()
    for document in documents:
        invoice = document.kind is DocumentKind.INVOICE
        entries.append(
            account_export.AccountEntry(
                day=document.issue_date or as_of,  # issued: it has one
                kind=document.kind.value,
                reference=document.reference or "",
                due_date=document.due_date if invoice else None,
                debit=document.total if invoice else ZERO,
                credit=ZERO if invoice else document.total,
                communication=document.payment_reference if invoice else None,
            )
        )
    for balance in account.notes:
        note = balance.note
        if note.issue_date > as_of:
            continue
        entries.append(
            account_export.AccountEntry(
                day=note.issue_date,
                kind="late_payment",
                reference=note.reference,
                due_date=note.due_date,
                debit=note.total,
                credit=ZERO,
                communication=note.payment_reference,
            )
        )
    invoice_ids = [d.id for d in documents if d.kind is DocumentKind.INVOICE]
    note_ids = [b.note.id for b in account.notes]
    # What reached the member's account: its lines (whole), and payments of another's
    # line on its invoices.
    lines = session.scalars(
        select(BankLine)
        .where(
            BankLine.groupement_id == account.member.groupement_id,
            BankLine.status == BankLineStatus.MATCHED,
            BankLine.booking_date <= as_of,
            (BankLine.member_id == member_id)
            | BankLine.id.in_(
                select(Payment.bank_line_id).where(
                    Payment.invoice_id.in_(invoice_ids) | Payment.note_id.in_(note_ids)
                )
            ),
        )
        .options(selectinload(BankLine.payments))
        .order_by(BankLine.booking_date, BankLine.id)
    ).all()
    for line in lines:
        amount = (
            line.amount
            if line.member_id == member_id
            else sum(
                (
                    p.amount
                    for p in line.payments
                    if p.invoice_id in invoice_ids or p.note_id in note_ids
                ),
                ZERO,
            )
        )
        entries.append(
            account_export.AccountEntry(
                day=line.booking_date,
                kind="payment",
                reference=line.bank_reference or f"{line.booking_date:%d/%m/%Y}",
                due_date=None,
                debit=ZERO,
                credit=amount,
                communication=line.communication[:60] or None,
            )
        )
    entries.sort(key=lambda e: (e.day, e.kind == "payment"))
    return entries


def _open_documents(account: MemberAccount) -> list[account_export.OpenDocument]:
    found = [
        account_export.OpenDocument(
            kind="invoice",
            reference=b.invoice.reference or "",
            issue_date=b.invoice.issue_date or account.as_of,
            due_date=b.invoice.due_date,
            total=b.invoice.total,
            settled=b.paid + b.credited,
            open=b.open,
            communication=b.invoice.payment_reference,
        )
        for b in account.open_invoices
    ]
    found += [
        account_export.OpenDocument(
            kind="late_payment",
            reference=b.note.reference,
            issue_date=b.note.issue_date,
            due_date=b.note.due_date,
            total=b.note.total,
            settled=b.paid,
            open=b.open,
            communication=b.note.payment_reference,
        )
        for b in account.open_notes
    ]
    if account.unapplied:
        found.append(
            account_export.OpenDocument(
                kind="payment",
                reference="—",
                issue_date=account.as_of,
                due_date=None,
                total=ZERO,
                settled=account.unapplied,
                open=-account.unapplied,
            )
        )
    return found


def account_file(
    session: Session, principal: Principal, member_id: int, kind: str, as_of: date | None = None
) -> tuple[bytes, str, str]:
    """(bytes, MIME type, file name) of a member's statement of account, PDF or XLSX."""
    found = statement_of_account(session, principal, member_id, as_of)
    name = f"releve-{found.as_of:%Y-%m-%d}"
    if kind == "xlsx":
        return account_export.account_workbook(found), XLSX, f"{name}.xlsx"
    return account_export.account_pdf(found), "application/pdf", f"{name}.pdf"


# -- SEPA direct debit -----------------------------------------------------------------


def _live_mandates(
    session: Session, groupement_id: int, day: date
) -> dict[int, DirectDebitMandate]:
    """Each member's mandate in force on ``day`` (the latest signed)."""
    found: dict[int, DirectDebitMandate] = {}
    for mandate in session.scalars(
        select(DirectDebitMandate)
        .where(
            DirectDebitMandate.groupement_id == groupement_id,
            DirectDebitMandate.signed_on <= day,
            (DirectDebitMandate.revoked_on.is_(None)) | (DirectDebitMandate.revoked_on > day),
        )
        .order_by(DirectDebitMandate.signed_on, DirectDebitMandate.id)
    ):
        found[mandate.member_id] = mandate
    return found


def collect(
    principal: Principal, run_id: int, collection_date: date | None = None
) -> DirectDebitBatch:
    """A pain.008 file collecting what is open on an issued run's invoices from the
    members holding a mandate in force on the collection date, validated against its XSD
    by the writer, kept, and each invoice in it marked collected (never twice). The
    mandates follow SEPA's sequence: a first collection (FRST) makes the next ones
    recurrent (RCUR); a one-off (OOFF) or final (FNAL) one ends the mandate. One guarded
    write: a refusal changes nothing."""
    with guarded_write(principal.groupement_id, Reach.NOTHING) as write:
        session = write.session
        run = session.scalars(
            select(BillingRun).where(
                BillingRun.id == run_id, BillingRun.groupement_id == principal.groupement_id
            )
        ).one_or_none()
        if run is None:
            raise NotFound()
        if run.status is not RunStatus.ISSUED:
            raise InvalidInput({"run": [N_("sepa.run_not_issued")]})
        groupement = session.get_one(Groupement, principal.groupement_id)
        if not groupement.sepa_creditor_id or not groupement.iban:
            raise InvalidInput({"sepa_creditor_id": [N_("sepa.creditor_missing")]})
        collected = set(
            session.scalars(
                select(DirectDebitCollection.invoice_id).where(
                    DirectDebitCollection.groupement_id == groupement.id
                )
            )
        )
        invoices = [
            b
            for b in balances(session, groupement.id, invoice_ids=[i.id for i in run.invoices])
            if b.invoice.id not in collected
        ]
        due = max((b.invoice.due_date for b in invoices if b.invoice.due_date), default=None)
        # A core direct debit reaches the debtor's bank a business day ahead: never the past.
        earliest = calendar.today() + timedelta(days=2)
        day = collection_date or max(due or earliest, earliest)
        if day < earliest:
            raise InvalidInput({"collection_date": [N_("sepa.collection_too_soon")]})
        mandates = _live_mandates(session, groupement.id, day)
        chosen = [b for b in invoices if b.open > 0 and b.invoice.member_id in mandates]
        if not chosen:
            raise InvalidInput({"run": [N_("sepa.nothing_to_collect")]})
        members = {m.id: m for m in session.scalars(select(Member).where(Member.id.in_(mandates)))}
        debits = [
            sepa.Debit(
                end_to_end_id=b.invoice.reference or "",
                amount=b.open,
                debtor_name=members[b.invoice.member_id].name,
                debtor_iban=mandates[b.invoice.member_id].iban,
                debtor_bic=mandates[b.invoice.member_id].bic,
                mandate_id=mandates[b.invoice.member_id].reference,
                mandate_signed_on=mandates[b.invoice.member_id].signed_on,
                sequence=mandates[b.invoice.member_id].sequence.value,
                remittance=b.invoice.payment_reference or "",
            )
            for b in chosen
        ]
        creditor = sepa.Creditor(
            groupement.name, groupement.iban, groupement.bic, groupement.sepa_creditor_id
        )
        stamp = calendar.now()
        message_id = f"MUTUA-{run.id}-{stamp:%Y%m%d%H%M%S}"
        try:
            data = sepa.direct_debit_file(
                creditor,
                debits,
                collection_date=day,
                message_id=message_id,
                created_at=stamp.replace(microsecond=0),  # Brussels time, with its offset
            )
        except ExportError as error:
            raise refused(error) from error
        batch = DirectDebitBatch(
            groupement_id=groupement.id,
            run_id=run.id,
            message_id=message_id,
            collection_date=day,
            total=sum((b.open for b in chosen), ZERO),
            xml=data.decode("utf-8"),
        )
        for b in chosen:
            mandate = mandates[b.invoice.member_id]
            batch.collections.append(
                DirectDebitCollection(
                    groupement_id=groupement.id,
                    invoice_id=b.invoice.id,
                    mandate_id=mandate.id,
                    sequence=mandate.sequence,
                    amount=b.open,
                )
            )
        for mandate in {mandates[b.invoice.member_id] for b in chosen}:
            if mandate.sequence is MandateSequence.FRST:
                mandate.sequence = MandateSequence.RCUR
            elif mandate.sequence in (MandateSequence.OOFF, MandateSequence.FNAL):
                mandate.revoked_on = day
        session.add(batch)
        flush_or_conflict(session, N_("conflict_duplicate"))
        write.about("direct_debit_batches", batch.id)
    return batch


def batches(session: Session, principal: Principal, run_id: int) -> list[DirectDebitBatch]:
    return list(
        session.scalars(
            select(DirectDebitBatch)
            .where(
                DirectDebitBatch.groupement_id == principal.groupement_id,
                DirectDebitBatch.run_id == run_id,
            )
            .order_by(DirectDebitBatch.id)
        )
    )


def batch_file(session: Session, principal: Principal, batch_id: int) -> tuple[bytes, str]:
    """A direct-debit file as it was made, again."""
    batch = session.scalars(
        select(DirectDebitBatch).where(
            DirectDebitBatch.id == batch_id,
            DirectDebitBatch.groupement_id == principal.groupement_id,
        )
    ).one_or_none()
    if batch is None:
        raise NotFound()
    return batch.xml.encode("utf-8"), f"domiciliations-{batch.message_id}.xml"


# -- the bank journal ------------------------------------------------------------------


def receipts(session: Session, groupement_id: int, month: date) -> list[bank_journal.Receipt]:
    """The month's credits on the GE's account that are members' payments or still to
    assign (what was marked as not a member's payment is left to the accountant)."""
    first, last = billing.month_bounds(month)
    lines = session.scalars(
        select(BankLine)
        .join(BankStatement, BankStatement.id == BankLine.statement_id)
        .where(
            BankLine.groupement_id == groupement_id,
            BankLine.booking_date >= first,
            BankLine.booking_date <= last,
            BankLine.status.in_([BankLineStatus.MATCHED, BankLineStatus.UNMATCHED]),
        )
        .options(selectinload(BankLine.payments), selectinload(BankLine.statement))
        .order_by(BankLine.booking_date, BankLine.id)
    ).all()
    invoice_ids = {p.invoice_id for line in lines for p in line.payments if p.invoice_id}
    note_ids = {p.note_id for line in lines for p in line.payments if p.note_id}
    # A payment's document, invoice or late-payment note, by ``Payment.document_key``.
    paid: dict[int, Invoice | LatePaymentNote] = {
        i.id: i for i in session.scalars(select(Invoice).where(Invoice.id.in_(invoice_ids)))
    }
    paid |= {
        -n.id: n
        for n in session.scalars(select(LatePaymentNote).where(LatePaymentNote.id.in_(note_ids)))
    }
    members = {
        m.id: m
        for m in session.scalars(select(Member).where(Member.groupement_id == groupement_id))
    }
    found = []
    for line in lines:
        owner = members.get(line.member_id) if line.member_id else None
        found.append(
            bank_journal.Receipt(
                statement=line.statement.number,
                line_key=f"B{line.id}",
                booked_on=line.booking_date,
                amount=line.amount,
                counterparty=line.counterparty_name or "",
                allocations=tuple(
                    bank_journal.ReceiptAllocation(
                        paid[p.document_key].reference or "",
                        members[paid[p.document_key].member_id].enterprise_number,
                        members[paid[p.document_key].member_id].name,
                        p.amount,
                    )
                    for p in line.payments
                ),
                member_reference=owner.enterprise_number if owner else None,
                member_name=owner.name if owner else "",
            )
        )
    return found


def bank_journal_file(
    session: Session, groupement_id: int, month: date, kind: str
) -> tuple[bytes, str, str]:
    """(bytes, MIME type, extension) of the month's bank journal, in the GE's language."""
    language = session.get_one(Groupement, groupement_id).language.value
    try:
        lines = bank_journal.bank_lines(receipts(session, groupement_id, month), language=language)
    except ExportError as error:
        raise refused(error) from error
    if kind == "xlsx":
        return bank_journal.bank_journal_xlsx(lines, language), XLSX, "xlsx"
    if kind == "winbooks":
        return bank_journal.bank_winbooks_csv(lines), CSV, "csv"
    return bank_journal.bank_journal_csv(lines), CSV, "csv"
