"""Getting paid: bank statements in, payments matched to invoices, members' accounts.

An imported file (CODA or camt.053, ``allocation.statements``) is one guarded write:
every line the GE does not hold yet is stored (a line already stored, by the bank's key
of the movement, is counted and skipped), and every new credit is applied to the open
invoices by ``allocation.payments.apply``: by structured communication, it pays them;
otherwise it waits in the queue, with the proposal by account and amount the
administrator confirms or not. A refused file writes nothing.

What is open on an invoice is never stored: its total, less its issued credit notes,
less what bank lines paid on it. A member's balance is what is open on its invoices
less what its payments brought beyond them (an overpayment stays on its account).
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from allocation import arrears, calendar, formats, payments
from allocation.money import MoneyError, to_money
from allocation.statements import Statement, StatementError, read_statements

from ..auth import Principal
from ..errors import InvalidInput, NotFound
from ..i18n import N_, language, t
from ..models import (
    BankLine,
    BankStatement,
    Groupement,
    Invoice,
    LatePaymentNote,
    Member,
    Payment,
)
from ..models.enums import BankLineStatus, DocumentKind, RunStatus
from .bank_messages import bank_file_message_id
from .writes import Reach, flush_or_conflict, guarded_write

ZERO = Decimal("0.00")


# -- invoices and accounts -----------------------------------------------------------


@dataclass(frozen=True)
class InvoiceBalance:
    """An issued invoice, what its credit notes took off and what was paid on it."""

    invoice: Invoice
    credited: Decimal
    paid: Decimal

    @property
    def open(self) -> Decimal:
        return self.invoice.total - self.credited - self.paid

    def days_overdue(self, as_of: date) -> int:
        due = self.invoice.due_date
        return (as_of - due).days if due is not None and self.open > 0 else 0

    def status(self, as_of: date) -> str:
        """paid | overdue | partly_paid | open (credit notes count as paid)."""
        if self.open <= 0:
            return "paid"
        if self.days_overdue(as_of) > 0:
            return "overdue"
        return "partly_paid" if self.paid or self.credited else "open"


STATUS_LABELS = {
    "paid": N_("invoice_status.paid"),
    "overdue": N_("invoice_status.overdue"),
    "partly_paid": N_("invoice_status.partly_paid"),
    "open": N_("invoice_status.open"),
}


def balances(
    session: Session,
    groupement_id: int,
    member_id: int | None = None,
    invoice_ids: Iterable[int] | None = None,
    as_of: date | None = None,
) -> list[InvoiceBalance]:
    """The GE's issued invoices (of one member, or some of them), oldest first, as they
    stood at the end of ``as_of`` (by default everything recorded)."""
    last = as_of or date.max
    stmt = select(Invoice).where(
        Invoice.groupement_id == groupement_id,
        Invoice.kind == DocumentKind.INVOICE,
        Invoice.status == RunStatus.ISSUED,
        Invoice.issue_date <= last,
    )
    if member_id is not None:
        stmt = stmt.where(Invoice.member_id == member_id)
    if invoice_ids is not None:
        stmt = stmt.where(Invoice.id.in_(list(invoice_ids)))
    invoices = session.scalars(stmt.order_by(Invoice.issue_date, Invoice.id)).all()
    ids = [invoice.id for invoice in invoices]
    if not ids:
        return []
    credited = dict(
        session.execute(
            select(Invoice.corrects_id, func.sum(Invoice.total))
            .where(
                Invoice.groupement_id == groupement_id,
                Invoice.kind == DocumentKind.CREDIT_NOTE,
                Invoice.status == RunStatus.ISSUED,
                Invoice.corrects_id.in_(ids),
                Invoice.issue_date <= last,
            )
            .group_by(Invoice.corrects_id)
        ).all()
    )
    paid = dict(
        session.execute(
            select(Payment.invoice_id, func.sum(Payment.amount))
            .where(
                Payment.groupement_id == groupement_id,
                Payment.invoice_id.in_(ids),
                Payment.paid_on <= last,
            )
            .group_by(Payment.invoice_id)
        ).all()
    )
    return [
        InvoiceBalance(invoice, _cents(credited.get(invoice.id)), _cents(paid.get(invoice.id)))
        for invoice in invoices
    ]


def _cents(total: Decimal | None) -> Decimal:
    """A SUM over a Money column: Decimal euros (the column's type), None over no row."""
    return ZERO if total is None else total


@dataclass(frozen=True)
class NoteBalance:
    """A late-payment note (``services.late_payments``) and what was paid on it."""

    note: LatePaymentNote
    paid: Decimal

    @property
    def open(self) -> Decimal:
        return self.note.total - self.paid

    def days_overdue(self, as_of: date) -> int:
        return (as_of - self.note.due_date).days if self.open > 0 else 0

    def status(self, as_of: date) -> str:
        if self.open <= 0:
            return "paid"
        if self.days_overdue(as_of) > 0:
            return "overdue"
        return "partly_paid" if self.paid else "open"


def note_balances(
    session: Session,
    groupement_id: int,
    member_id: int | None = None,
    as_of: date | None = None,
) -> list[NoteBalance]:
    """The GE's late-payment notes (of one member), oldest first, with what was paid, as
    they stood at the end of ``as_of`` (by default everything recorded)."""
    last = as_of or date.max
    stmt = select(LatePaymentNote).where(
        LatePaymentNote.groupement_id == groupement_id, LatePaymentNote.issue_date <= last
    )
    if member_id is not None:
        stmt = stmt.where(LatePaymentNote.member_id == member_id)
    notes = session.scalars(stmt.order_by(LatePaymentNote.issue_date, LatePaymentNote.id)).all()
    if not notes:
        return []
    paid = dict(
        session.execute(
            select(Payment.note_id, func.sum(Payment.amount))
            .where(
                Payment.groupement_id == groupement_id,
                Payment.note_id.in_([note.id for note in notes]),
                Payment.paid_on <= last,
            )
            .group_by(Payment.note_id)
        ).all()
    )
    return [NoteBalance(note, _cents(paid.get(note.id))) for note in notes]


@dataclass
class MemberAccount:
    member: Member
    invoices: list[InvoiceBalance]
    # What its payments brought beyond its invoices: on its account, to deduct.
    unapplied: Decimal
    as_of: date
    # Its late-payment notes: documents of their own, counted in the balance.
    notes: list[NoteBalance] = field(default_factory=list)

    @property
    def open_invoices(self) -> list[InvoiceBalance]:
        return [b for b in self.invoices if b.open > 0]

    @property
    def open_notes(self) -> list[NoteBalance]:
        return [b for b in self.notes if b.open > 0]

    @property
    def balance(self) -> Decimal:
        """What the member owes (negative: what the GE owes it)."""
        return (
            sum((b.open for b in self.invoices), ZERO)
            + sum((b.open for b in self.notes), ZERO)
            - self.unapplied
        )

    @property
    def overdue(self) -> Decimal:
        """What is open past its due date (invoices and late-payment notes), less what the
        member's payments brought beyond its invoices (money the GE already holds is not
        owed)."""
        late = sum(
            (b.open for b in [*self.open_invoices, *self.open_notes] if b.days_overdue(self.as_of)),
            ZERO,
        )
        return max(late - self.unapplied, ZERO)


AGEING_LABELS = {
    "not_due": N_("ageing.not_due"),
    "days_0_30": N_("ageing.days_0_30"),
    "days_31_60": N_("ageing.days_31_60"),
    "days_61_90": N_("ageing.days_61_90"),
    "over_90": N_("ageing.over_90"),
}


def ageing(account: "MemberAccount") -> arrears.Ageing:
    """What the member owes by days past due; what it paid beyond its invoices counts as
    not yet due (it nets the total, which is then the balance)."""
    items = [
        arrears.OpenItem(b.invoice.id, b.invoice.due_date or account.as_of, b.open)
        for b in account.invoices
        if b.open
    ]
    items += [
        arrears.OpenItem(note_key(b.note.id), b.note.due_date, b.open)
        for b in account.notes
        if b.open
    ]
    if account.unapplied:
        items.append(arrears.OpenItem(0, date.max, -account.unapplied))
    return arrears.ageing(items, account.as_of)


def ageing_of(account: "MemberAccount") -> dict[str, Decimal]:
    return dict(zip(AGEING_LABELS, ageing(account).buckets, strict=True))


def account_view(account: "MemberAccount") -> dict[str, Any]:
    """The account as the API shows it: each invoice's status and delay on its day."""
    return {
        "member": account.member,
        "as_of": account.as_of,
        "balance": account.balance,
        "overdue": account.overdue,
        "unapplied": account.unapplied,
        "ageing": ageing_of(account),
        "invoices": [
            {
                "invoice": b.invoice,
                "credited": b.credited,
                "paid": b.paid,
                "open": b.open,
                "status": b.status(account.as_of),
                "days_overdue": b.days_overdue(account.as_of),
            }
            for b in account.invoices
        ],
        "notes": [
            {
                "note": b.note,
                "paid": b.paid,
                "open": b.open,
                "status": b.status(account.as_of),
                "days_overdue": b.days_overdue(account.as_of),
            }
            for b in account.notes
        ],
    }


def unapplied_by_member(
    session: Session, groupement_id: int, as_of: date | None = None
) -> dict[int, Decimal]:
    """Per member, what its bank lines (booked by ``as_of``) brought beyond the invoices
    they paid."""
    last = as_of or date.max
    lines = select(BankLine.member_id, func.sum(BankLine.amount).label("amount")).where(
        BankLine.groupement_id == groupement_id,
        BankLine.member_id.is_not(None),
        BankLine.amount > 0,
        BankLine.status == BankLineStatus.MATCHED,
        BankLine.booking_date <= last,
    )
    brought = dict(session.execute(lines.group_by(BankLine.member_id)).all())
    applied = dict(
        session.execute(
            select(BankLine.member_id, func.sum(Payment.amount))
            .join(Payment, Payment.bank_line_id == BankLine.id)
            .where(
                BankLine.groupement_id == groupement_id,
                BankLine.member_id.is_not(None),
                BankLine.status == BankLineStatus.MATCHED,
                BankLine.booking_date <= last,
            )
            .group_by(BankLine.member_id)
        ).all()
    )
    return {
        member_id: _cents(amount) - _cents(applied.get(member_id))
        for member_id, amount in brought.items()
    }


def member_accounts(
    session: Session, groupement_id: int, as_of: date | None = None, member_id: int | None = None
) -> list[MemberAccount]:
    """Every member's account (or one member's), in the members' order by name."""
    as_of = as_of or calendar.today()
    stmt = select(Member).where(Member.groupement_id == groupement_id)
    if member_id is not None:
        stmt = stmt.where(Member.id == member_id)
    members = session.scalars(stmt.order_by(Member.name, Member.id)).all()
    by_member: dict[int, list[InvoiceBalance]] = defaultdict(list)
    for balance in balances(session, groupement_id, member_id, as_of=as_of):
        by_member[balance.invoice.member_id].append(balance)
    notes: dict[int, list[NoteBalance]] = defaultdict(list)
    for note in note_balances(session, groupement_id, member_id, as_of):
        notes[note.note.member_id].append(note)
    unapplied = unapplied_by_member(session, groupement_id, as_of)
    return [
        MemberAccount(m, by_member[m.id], unapplied.get(m.id, ZERO), as_of, notes[m.id])
        for m in members
    ]


def member_account(
    session: Session, principal: Principal, member_id: int, as_of: date | None = None
) -> MemberAccount:
    """One member's account, for its GE's staff or its own users (404 otherwise)."""
    if principal.member_id is not None and principal.member_id != member_id:
        raise NotFound()
    found = member_accounts(session, principal.groupement_id, as_of, member_id)
    if not found:
        raise NotFound()
    return found[0]


# -- statements in -------------------------------------------------------------------


@dataclass
class ImportSummary:
    statements: int = 0
    new_lines: int = 0
    known_lines: int = 0
    credits: Decimal = ZERO  # the new lines' credits…
    matched: Decimal = ZERO  # …what of them paid invoices…
    unmatched: Decimal = ZERO  # …and what is left on them (overpayments, lines to assign)
    debits: Decimal = ZERO
    to_assign: int = 0  # credit lines waiting in the queue

    def as_dict(self) -> dict[str, Any]:
        return {
            "statements": self.statements,
            "new_lines": self.new_lines,
            "known_lines": self.known_lines,
            "credits": self.credits,
            "matched": self.matched,
            "unmatched": self.unmatched,
            "debits": self.debits,
            "to_assign": self.to_assign,
        }


def refusal(error: StatementError) -> InvalidInput:
    """A bank file's refusal in the reader's language, with its line when it has one."""
    values = {
        name: formats.money(value, language()) if isinstance(value, Decimal) else value
        for name, value in error.values.items()
    }
    message = t(bank_file_message_id(error.reason), line=error.line, **values)
    if error.line is not None and str(error.line) not in message:
        message = t("bank_file.at_line", line=error.line, message=message)
    return InvalidInput({"file": [message]}, message_key=N_("bank_file.refused"))


def read_file(data: bytes) -> list[Statement]:
    try:
        return read_statements(data)
    except StatementError as error:
        raise refusal(error) from error


def import_statements(
    groupement_id: int, data: bytes, file_name: str | None = None
) -> ImportSummary:
    """Store a bank file's new lines and apply its new credits: one guarded write (the
    page, the API and the CLI)."""
    statements = read_file(data)
    with guarded_write(groupement_id, Reach.NOTHING) as write:
        summary = record_statements(write.session, groupement_id, statements, file_name)
    return summary


def _refuse_foreign_account(groupement: Groupement, statements: Sequence[Statement]) -> None:
    own = _compact(groupement.iban)
    for statement in statements:
        if own and _compact(statement.account_iban) != own:
            raise InvalidInput(
                {
                    "file": [
                        t(
                            "bank_file.other_account",
                            account=statement.account_iban,
                            own=groupement.iban,
                        )
                    ]
                },
                message_key=N_("bank_file.refused"),
            )


def record_statements(
    session: Session, groupement_id: int, statements: Sequence[Statement], file_name: str | None
) -> ImportSummary:
    """Inside a guarded write: the statements' new lines, stored and applied."""
    groupement = session.get_one(Groupement, groupement_id)
    _refuse_foreign_account(groupement, statements)
    keys = [line.key for statement in statements for line in statement.lines]
    known = set(
        session.scalars(
            select(BankLine.key).where(
                BankLine.groupement_id == groupement_id, BankLine.key.in_(keys)
            )
        )
    )
    summary = ImportSummary()
    seen: set[str] = set()
    # What is open, read once and brought down as the file's credits pay it.
    items = open_items(session, groupement_id)
    for statement in statements:
        held = known | seen
        fresh = [line for line in statement.lines if line.key not in held]
        summary.known_lines += len(statement.lines) - len(fresh)
        if not fresh:
            continue
        if len(fresh) == len(statement.lines):
            _refuse_a_statement_held(session, groupement_id, statement)
        stored = BankStatement(
            groupement_id=groupement_id,
            format=statement.format,
            account_iban=statement.account_iban,
            number=statement.number,
            opening_date=statement.opening_date,
            opening_balance=statement.opening_balance,
            closing_date=statement.closing_date,
            closing_balance=statement.closing_balance,
            file_name=(file_name or "")[:255] or None,
        )
        session.add(stored)
        summary.statements += 1
        for line in fresh:
            seen.add(line.key)
            bank_line = BankLine(
                groupement_id=groupement_id,
                statement=stored,
                key=line.key,
                line=line.line,
                booking_date=line.booking_date,
                value_date=line.value_date,
                amount=line.amount,
                counterparty_name=(line.counterparty_name or "")[:200] or None,
                counterparty_iban=line.counterparty_iban,
                communication=line.communication,
                structured=line.structured,
                bank_reference=(line.bank_reference or "")[:64] or None,
                status=BankLineStatus.DEBIT if line.amount < 0 else BankLineStatus.UNMATCHED,
            )
            session.add(bank_line)
            summary.new_lines += 1
            if line.amount < 0:
                summary.debits += -line.amount
                continue
            summary.credits += line.amount
            match = payments.apply(_credit(bank_line), items)
            if match.certain:
                _pay(session, bank_line, match.allocations)
                items = _less(items, match.allocations)
                summary.matched += match.applied
                summary.unmatched += match.left
            else:
                summary.unmatched += line.amount
                summary.to_assign += 1
    flush_or_conflict(session, N_("conflict_duplicate"))
    return summary


def _less(
    items: list[payments.OpenInvoice], allocations: Iterable[payments.Allocation]
) -> list[payments.OpenInvoice]:
    """The open invoices once ``allocations`` are paid on them."""
    paid: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for allocation in allocations:
        paid[allocation.invoice_id] += allocation.amount
    return [
        replace(item, open=item.open - paid[item.id]) if item.id in paid else item for item in items
    ]


def _refuse_a_statement_held(session: Session, groupement_id: int, statement: Statement) -> None:
    """A statement none of whose lines is held, while the GE holds one of the same
    account, day and balances: the same statement in the other format (CODA and
    camt.053 of one day name their movements differently), or sent again under another
    id. Imported, its payments would count twice."""
    held = session.scalars(
        select(BankStatement).where(
            BankStatement.groupement_id == groupement_id,
            BankStatement.account_iban == statement.account_iban,
            BankStatement.closing_date == statement.closing_date,
            BankStatement.opening_balance == statement.opening_balance,
            BankStatement.closing_balance == statement.closing_balance,
        )
    ).first()
    if held is not None:
        raise InvalidInput(
            {
                "file": [
                    t(
                        "bank_file.statement_held",
                        day=formats.day_numeric(statement.closing_date, language()),
                        format=held.format,
                        name=held.file_name or "",
                    )
                ]
            },
            message_key=N_("bank_file.refused"),
        )


def _digits(communication: str | None) -> str:
    """+++261/0000/00149+++ as its 12 digits, as ``allocation.payments`` compares them."""
    return "".join(c for c in communication or "" if c.isdigit())


def _compact(iban: str | None) -> str:
    return "".join((iban or "").split()).upper()


def _credit(line: BankLine) -> payments.Credit:
    return payments.Credit(line.amount, line.communication, line.counterparty_iban)


def note_key(note_id: int) -> int:
    """A late-payment note among the open items ``allocation.payments`` reads, whose ids
    are invoices': its id negated, so that the two never meet (``_pay`` turns it back)."""
    return -note_id


def open_items(session: Session, groupement_id: int) -> list[payments.OpenInvoice]:
    """The open invoices as ``allocation.payments`` reads them, oldest first, then the open
    late-payment notes (their ids negated, ``note_key``)."""
    ibans = dict(
        session.execute(
            select(Member.id, Member.iban).where(Member.groupement_id == groupement_id)
        ).all()
    )
    return [
        payments.OpenInvoice(
            b.invoice.id,
            b.invoice.member_id,
            _digits(b.invoice.payment_reference),
            b.open,
            ibans.get(b.invoice.member_id),
        )
        for b in balances(session, groupement_id)
        if b.open > 0
    ] + [
        payments.OpenInvoice(
            note_key(b.note.id),
            b.note.member_id,
            _digits(b.note.payment_reference),
            b.open,
            ibans.get(b.note.member_id),
        )
        for b in note_balances(session, groupement_id)
        if b.open > 0
    ]


def _pay(session: Session, line: BankLine, allocations: Iterable[payments.Allocation]) -> None:
    """Record what ``line`` pays (an invoice, or a note by its ``note_key``); it is then
    matched, to the member of its first document."""
    for allocation in allocations:
        document: Invoice | LatePaymentNote
        # Reading the document must not flush the import's lines one by one.
        with session.no_autoflush:
            if allocation.invoice_id < 0:
                document = session.get_one(LatePaymentNote, -allocation.invoice_id)
                target = {"note_id": document.id}
            else:
                document = session.get_one(Invoice, allocation.invoice_id)
                target = {"invoice_id": document.id}
        session.add(
            Payment(
                groupement_id=line.groupement_id,
                bank_line=line,
                amount=allocation.amount,
                paid_on=line.booking_date,
                **target,
            )
        )
        if line.member_id is None:
            line.member_id = document.member_id
    line.status = BankLineStatus.MATCHED


# -- the queue -------------------------------------------------------------------------


@dataclass(frozen=True)
class QueuedLine:
    line: BankLine
    proposal: payments.Match


def queue(session: Session, groupement_id: int) -> list[QueuedLine]:
    """The credits waiting for the administrator, oldest first, each with what
    ``allocation.payments`` proposes for it (maybe nothing)."""
    lines = session.scalars(
        select(BankLine)
        .where(
            BankLine.groupement_id == groupement_id,
            BankLine.status == BankLineStatus.UNMATCHED,
        )
        .order_by(BankLine.booking_date, BankLine.id)
    ).all()
    items = open_items(session, groupement_id) if lines else []
    return [QueuedLine(line, payments.apply(_credit(line), items)) for line in lines]


def _line_of(session: Session, principal: Principal, line_id: int) -> BankLine:
    line = session.scalars(
        select(BankLine).where(
            BankLine.id == line_id, BankLine.groupement_id == principal.groupement_id
        )
    ).one_or_none()
    if line is None:
        raise NotFound()
    return line


def assign(
    principal: Principal,
    line_id: int,
    member_id: int,
    amounts: dict[int, Decimal],
) -> BankLine:
    """The administrator says whose payment a credit line is and what it pays: the
    invoices ``amounts`` names (each at most what is open on it, together at most the
    line), the rest staying on the member's account. Replaces what the line paid before."""
    with guarded_write(principal.groupement_id, Reach.NOTHING) as write:
        session = write.session
        line = _line_of(session, principal, line_id)
        if line.amount <= 0:
            raise InvalidInput({"line": [N_("bank_line.not_a_credit")]})
        member = session.get(Member, member_id)
        if member is None or member.groupement_id != principal.groupement_id:
            raise InvalidInput({"member_id": [N_("unknown_reference")]})
        line.payments.clear()
        flush_or_conflict(session, N_("conflict_duplicate"))
        try:
            wanted = {k: to_money(v) for k, v in amounts.items() if v}
        except MoneyError as error:
            raise InvalidInput({"invoices": [t("fraction_of_cent")]}) from error
        open_now = {b.invoice.id: b for b in balances(session, principal.groupement_id)}
        for invoice_id, amount in wanted.items():
            found = open_now.get(invoice_id)
            if found is None or found.invoice.member_id != member_id:
                raise InvalidInput({"invoices": [N_("unknown_reference")]})
            if not ZERO < amount <= found.open:
                raise InvalidInput(
                    {"invoices": [t("bank_line.beyond_open", reference=found.invoice.reference)]}
                )
        if sum(wanted.values(), ZERO) > line.amount:
            raise InvalidInput({"invoices": [N_("bank_line.beyond_line")]})
        line.member_id = member_id
        line.note = None
        _pay(session, line, [payments.Allocation(i, a) for i, a in wanted.items()])
        write.about("bank_lines", line.id)
    return line


def confirm_proposal(principal: Principal, line_id: int) -> BankLine:
    """Accept what ``allocation.payments`` proposes for a queued line."""
    with guarded_write(principal.groupement_id, Reach.NOTHING) as write:
        session = write.session
        line = _line_of(session, principal, line_id)
        if line.status is not BankLineStatus.UNMATCHED:
            raise InvalidInput({"line": [N_("bank_line.not_queued")]})
        match = payments.apply(_credit(line), open_items(session, principal.groupement_id))
        if not match.allocations:
            raise InvalidInput({"line": [N_("bank_line.no_proposal")]})
        _pay(session, line, match.allocations)
        write.about("bank_lines", line.id)
    return line


def ignore(principal: Principal, line_id: int, note: str | None) -> BankLine:
    """Not a member's payment (a subsidy, a refund…): out of the queue and the accounts."""
    with guarded_write(principal.groupement_id, Reach.NOTHING) as write:
        line = _line_of(write.session, principal, line_id)
        if line.amount <= 0:
            raise InvalidInput({"line": [N_("bank_line.not_a_credit")]})
        line.payments.clear()
        line.member_id = None
        line.status = BankLineStatus.IGNORED
        line.note = (note or "").strip()[:300] or None
        write.about("bank_lines", line.id)
    return line


def unmatch(principal: Principal, line_id: int) -> BankLine:
    """Undo a match or an ``ignore``: the line waits in the queue again."""
    with guarded_write(principal.groupement_id, Reach.NOTHING) as write:
        line = _line_of(write.session, principal, line_id)
        if line.amount <= 0:
            raise InvalidInput({"line": [N_("bank_line.not_a_credit")]})
        line.payments.clear()
        line.member_id = None
        line.note = None
        line.status = BankLineStatus.UNMATCHED
        write.about("bank_lines", line.id)
    return line
