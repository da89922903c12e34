"""Late-payment notes (notes de débit): the interest and the fixed compensation of the
law of 2 August 2002 (DOMAIN.md §8), billed as a document of their own, never by
changing an issued invoice.

**What is charged.** An issued invoice of the member is *chargeable* on ``as_of`` when
some of it was paid after its due date (by ``as_of``), or some of it is still open on
``as_of`` past its due date, and no note charged it before: each invoice is charged
once, ever (``late_payment_note_invoices`` is unique per invoice), so what runs after a
note on an invoice still open is not billed again.

**The lines, one per amount late** (``exports.late_payment.LateInvoice``):

- each payment booked after the due date (and by ``as_of``) closes the interest on its
  amount on its day: a line ``amount = the payment``, ``until = its booking date``, paid;
- what is still open on ``as_of`` (the total less its issued credit notes, less the
  payments booked by then) runs to ``as_of``: a line ``until = as_of``, unpaid;
- payments on or before the due date give no line; nor does a payment booked after
  ``as_of`` (its amount counts as still open on ``as_of``).

Interest runs from the day after the due date through ``until`` at the GE's rates
(``allocation.arrears.late_interest``: simple interest, one rounding per line); a day
without a rate refuses the note, naming the day. The fixed compensation, 40 euros
(``FIXED_COMPENSATION``), is once per invoice, on its first line. Either may be left
out (``with_interest``, ``with_compensation``); a note of nothing is refused.

The note is numbered in the series ND (``ND2026-00001``), with its structured
communication (series digit 3): a transfer carrying it pays the note
(``services.payments``), and what is open on it counts in the member's balance.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from allocation import calendar
from allocation.arrears import FIXED_COMPENSATION, RatePeriod, RateSpan, days_late
from exports.document import Party
from exports.late_payment import LateInvoice, LatePaymentDocument, late_payment_pdf

from ..auth import Principal
from ..errors import InvalidInput, NotFound
from ..i18n import N_, t
from ..models import (
    Groupement,
    LateInterestRate,
    LatePaymentNote,
    LatePaymentNoteInvoice,
    Member,
    Payment,
)
from . import billing
from .payments import InvoiceBalance, balances
from .writes import Reach, flush_or_conflict, guarded_write

ZERO = Decimal("0.00")
SERIES = billing.LATE_PAYMENT_SERIES


@dataclass(frozen=True)
class LateAmount:
    """An amount of an invoice late from its due date to ``until`` (paid that day, or
    still open on it)."""

    amount: Decimal
    until: date
    paid: bool


@dataclass(frozen=True)
class Chargeable:
    """An invoice a note may charge, with its amounts late."""

    balance: InvoiceBalance
    due_date: date  # the invoice's (one without a due date is never chargeable)
    late: tuple[LateAmount, ...]

    @property
    def reference(self) -> str:
        return self.balance.invoice.reference or ""


def rates(session: Session, groupement_id: int) -> list[RatePeriod]:
    """The GE's rates, oldest first."""
    return [
        RatePeriod(rate.starts_on, rate.ends_on, rate.percent)
        for rate in session.scalars(
            select(LateInterestRate)
            .where(LateInterestRate.groupement_id == groupement_id)
            .order_by(LateInterestRate.starts_on)
        )
    ]


def charged_invoice_ids(session: Session, groupement_id: int, ids: Sequence[int]) -> set[int]:
    """Those of ``ids`` a note already charged."""
    return set(
        session.scalars(
            select(LatePaymentNoteInvoice.invoice_id).where(
                LatePaymentNoteInvoice.groupement_id == groupement_id,
                LatePaymentNoteInvoice.invoice_id.in_(list(ids)),
            )
        )
    )


def chargeable(
    session: Session, groupement_id: int, member_id: int, as_of: date
) -> list[Chargeable]:
    """The member's issued invoices paid late or still overdue on ``as_of``, never charged
    before, oldest first, each with its amounts late (the module's rule)."""
    found = balances(session, groupement_id, member_id, as_of=as_of)
    ids = [b.invoice.id for b in found]
    charged = charged_invoice_ids(session, groupement_id, ids)
    paid: dict[int, list[Payment]] = defaultdict(list)
    for payment in session.scalars(
        select(Payment)
        .where(
            Payment.groupement_id == groupement_id,
            Payment.invoice_id.in_(ids),
            Payment.paid_on <= as_of,
        )
        .order_by(Payment.paid_on, Payment.id)
    ):
        paid[payment.invoice_id or 0].append(payment)
    result = []
    for balance in found:
        invoice = balance.invoice
        due = invoice.due_date
        if due is None or invoice.id in charged or due >= as_of:
            continue
        late = [LateAmount(p.amount, p.paid_on, True) for p in paid[invoice.id] if p.paid_on > due]
        still_open = (
            invoice.total - balance.credited - sum((p.amount for p in paid[invoice.id]), ZERO)
        )
        if still_open > 0:
            late.append(LateAmount(still_open, as_of, False))
        if late:
            result.append(Chargeable(balance, due, tuple(late)))
    return result


def _missing_rate_day(first: date, last: date, periods: Sequence[RatePeriod]) -> date | None:
    """The first day from ``first`` through ``last`` no rate covers, if any."""
    day = first
    for period in sorted(periods, key=lambda p: p.start):
        if period.end < day:
            continue
        if period.start > day:
            return day
        day = period.end + timedelta(days=1)
        if day > last:
            return None
    return day if day <= last else None


def lines_of(
    items: Sequence[Chargeable],
    periods: Sequence[RatePeriod],
    with_interest: bool,
    with_compensation: bool,
) -> list[LateInvoice]:
    """The note's lines: one per amount late, the compensation on each invoice's first."""
    lines = []
    for item in items:
        for index, late in enumerate(item.late):
            compensation = FIXED_COMPENSATION if with_compensation and index == 0 else ZERO
            if with_interest:
                missing = _missing_rate_day(item.due_date + timedelta(days=1), late.until, periods)
                if missing is not None:
                    raise InvalidInput(
                        {"as_of": [t("late_payment.no_rate", day=missing.isoformat())]},
                        message_key=N_("late_payment.refused"),
                    )
                try:
                    line = LateInvoice.computed(
                        item.reference,
                        late.amount,
                        item.due_date,
                        late.until,
                        late.paid,
                        periods,
                        compensation,
                    )
                except ValueError as error:  # two rates on a day (entered concurrently)
                    raise InvalidInput(
                        {"as_of": [str(error)]}, message_key=N_("late_payment.refused")
                    ) from error
            else:
                line = LateInvoice(
                    item.reference,
                    late.amount,
                    item.due_date,
                    late.until,
                    late.paid,
                    (),
                    ZERO,
                    compensation,
                )
            lines.append(line)
    return lines


def _line_json(line: LateInvoice, invoice_id: int) -> dict[str, Any]:
    return {
        "invoice_id": invoice_id,
        "reference": line.reference,
        "amount": f"{line.amount:.2f}",
        "due_date": line.due_date.isoformat(),
        "until": line.until.isoformat(),
        "paid": line.paid,
        "days": days_late(line.due_date, line.until),
        "interest": f"{line.interest:.2f}",
        "compensation": f"{line.compensation:.2f}",
        "rates": [
            {
                "start": span.start.isoformat(),
                "end": span.end.isoformat(),
                "percent": str(span.percent),
                "days": span.days,
            }
            for span in line.spans
        ],
    }


def issue_note(
    principal: Principal,
    member_id: int,
    as_of: date,
    with_interest: bool = True,
    with_compensation: bool = True,
) -> LatePaymentNote:
    """Bill the member's chargeable invoices on ``as_of`` (at the latest today) in one
    new note, numbered in the series ND, due after the GE's payment terms: one guarded
    write. Refused (422, nothing written) when nothing is chargeable, when neither the
    interest nor the compensation is asked, or when a day of delay has no rate."""
    today = calendar.today()
    if as_of > today:
        raise InvalidInput({"as_of": [N_("late_payment.as_of_ahead")]})
    if not (with_interest or with_compensation):
        raise InvalidInput({"with_interest": [N_("late_payment.nothing_asked")]})
    with guarded_write(principal.groupement_id, Reach.NOTHING) as write:
        session = write.session
        member = session.get(Member, member_id)
        if member is None or member.groupement_id != principal.groupement_id:
            raise NotFound()
        items = chargeable(session, principal.groupement_id, member_id, as_of)
        if not items:
            raise InvalidInput(
                {"as_of": [N_("late_payment.nothing_chargeable")]},
                message_key=N_("late_payment.refused"),
            )
        periods = rates(session, principal.groupement_id)
        lines = lines_of(items, periods, with_interest, with_compensation)
        ids = [item.balance.invoice.id for item in items for _ in item.late]
        interest = sum((line.interest for line in lines), ZERO)
        compensation = sum((line.compensation for line in lines), ZERO)
        if interest + compensation <= 0:
            raise InvalidInput(
                {"as_of": [N_("late_payment.nothing_chargeable")]},
                message_key=N_("late_payment.refused"),
            )
        groupement = session.get_one(Groupement, principal.groupement_id)
        year = today.year
        number = billing.next_number(session, groupement.id, SERIES, year)
        note = LatePaymentNote(
            groupement_id=groupement.id,
            member_id=member_id,
            year=year,
            number=number,
            reference=f"{SERIES}{year}-{number:05d}",
            issue_date=today,
            due_date=today + timedelta(days=groupement.payment_terms_days),
            payment_reference=billing.structured_communication(SERIES, year, number),
            interest=interest,
            compensation=compensation,
            total=interest + compensation,
            lines=[_line_json(line, i) for line, i in zip(lines, ids, strict=True)],
            parties={
                "seller": billing.seller_party(groupement),
                "member": billing.buyer_party(member),
                "language": member.language.value,
                "as_of": as_of.isoformat(),
            },
            invoices=[
                LatePaymentNoteInvoice(
                    groupement_id=groupement.id, invoice_id=item.balance.invoice.id
                )
                for item in items
            ],
        )
        session.add(note)
        # Two notes at once for one invoice: the second meets UNIQUE (invoice_id), a 409.
        flush_or_conflict(session, N_("conflict_duplicate"))
        write.about("late_payment_notes", note.id)
    return note


def notes_of(session: Session, groupement_id: int, member_id: int) -> list[LatePaymentNote]:
    return list(
        session.scalars(
            select(LatePaymentNote)
            .where(
                LatePaymentNote.groupement_id == groupement_id,
                LatePaymentNote.member_id == member_id,
            )
            .order_by(LatePaymentNote.issue_date, LatePaymentNote.id)
        )
    )


def note_of(
    session: Session, principal: Principal, member_id: int, note_id: int
) -> LatePaymentNote:
    """A note of the member, for its GE's staff or the member's own users (404 otherwise)."""
    if principal.member_id is not None and principal.member_id != member_id:
        raise NotFound()
    note = session.scalars(
        select(LatePaymentNote).where(
            LatePaymentNote.id == note_id,
            LatePaymentNote.groupement_id == principal.groupement_id,
            LatePaymentNote.member_id == member_id,
        )
    ).one_or_none()
    if note is None:
        raise NotFound()
    return note


def document(note: LatePaymentNote) -> LatePaymentDocument:
    """The note as issued, for the writer: parties and lines from what it stored."""
    lines = tuple(
        LateInvoice(
            reference=line["reference"],
            amount=Decimal(line["amount"]),
            due_date=date.fromisoformat(line["due_date"]),
            until=date.fromisoformat(line["until"]),
            paid=line["paid"],
            spans=tuple(
                RateSpan(
                    date.fromisoformat(span["start"]),
                    date.fromisoformat(span["end"]),
                    Decimal(span["percent"]),
                )
                for span in line["rates"]
            ),
            interest=Decimal(line["interest"]),
            compensation=Decimal(line["compensation"]),
        )
        for line in note.lines
    )
    return LatePaymentDocument(
        reference=note.reference,
        issue_date=note.issue_date,
        due_date=note.due_date,
        payment_reference=note.payment_reference,
        seller=Party(**note.parties["seller"]),
        member=Party(**note.parties["member"]),
        lines=lines,
        language=note.parties.get("language", "fr"),
    )


def note_pdf(
    session: Session, principal: Principal, member_id: int, note_id: int
) -> tuple[bytes, str]:
    """(PDF bytes, file name) of a member's note."""
    note = note_of(session, principal, member_id, note_id)
    return late_payment_pdf(document(note)), f"{note.reference}.pdf"
