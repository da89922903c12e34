"""Reminders of unpaid invoices, e-mailed to the member with the invoice attached.

The GE sets its steps in days after the due date (``Groupement.reminder_days``, 7, 21
and 35 by default; the last is the formal notice, « mise en demeure »). Each day the
``payment_reminders`` job looks at every issued invoice still open: the latest step its
delay has reached is sent unless that step, or a later one, was sent already. A step
is recorded (``InvoiceReminder``, unique per invoice and step) in the transaction that
sends it: an e-mail that cannot be sent records nothing, and the next day tries again;
an invoice paid (or credited) in full is never reminded.
"""

import smtplib
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from itertools import pairwise
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from exports.pdf import document_pdf, euros

from ..i18n import N_, t
from ..models import Groupement, InvoiceReminder, Member
from ..models.base import utcnow
from . import documents
from .notifications import Smtp
from .payments import InvoiceBalance, balances

# The texts of a reminder (``compose`` picks the step's or the formal notice's).
TEXTS = {
    False: (N_("reminder.step.subject"), N_("reminder.step.body")),
    True: (N_("reminder.formal_notice.subject"), N_("reminder.formal_notice.body")),
}
MAX_STEPS = 6
MAX_DAYS = 365


def reminder_steps(text: str | None) -> tuple[int, ...]:
    """ "7,21,35" as (7, 21, 35): days after the due date, increasing; "" for none."""
    text = (text or "").replace(" ", "")
    if not text:
        return ()
    steps = tuple(int(part) for part in text.split(","))  # ValueError on anything else
    if len(steps) > MAX_STEPS or any(not 0 < s <= MAX_DAYS for s in steps):
        raise ValueError(text)
    if any(later <= earlier for earlier, later in pairwise(steps)):
        raise ValueError(text)
    return steps


@dataclass(frozen=True)
class Due:
    """A reminder to send: ``step`` (1-based) of ``steps``, for an open invoice."""

    balance: InvoiceBalance
    step: int
    days_after_due: int
    formal_notice: bool


def due_reminders(session: Session, groupement: Groupement, day: date) -> list[Due]:
    steps = reminder_steps(groupement.reminder_days)
    if not steps:
        return []
    sent: dict[int, int] = {}
    for invoice_id, step in session.execute(
        select(InvoiceReminder.invoice_id, InvoiceReminder.step).where(
            InvoiceReminder.groupement_id == groupement.id
        )
    ):
        sent[invoice_id] = max(step, sent.get(invoice_id, 0))
    found = []
    for balance in balances(session, groupement.id):
        late = balance.days_overdue(day)
        reached = [number for number, days in enumerate(steps, start=1) if late >= days]
        if balance.open <= 0 or not reached or sent.get(balance.invoice.id, 0) >= reached[-1]:
            continue
        step = reached[-1]
        found.append(Due(balance, step, steps[step - 1], step == len(steps)))
    return found


def compose(
    session: Session, groupement: Groupement, member: Member, due: Due, sender: str, day: date
) -> EmailMessage:
    """The reminder in the member's language, the invoice's PDF attached."""
    language = member.language.value
    invoice = due.balance.invoice
    values: dict[str, Any] = {
        "ge": groupement.name,
        "member": member.name,
        "reference": invoice.reference,
        "due": invoice.due_date.strftime("%d/%m/%Y") if invoice.due_date else "",
        "days": due.balance.days_overdue(day),
        "open": euros(due.balance.open, language),
        "total": euros(invoice.total, language),
        "communication": invoice.payment_reference or "",
        "iban": groupement.iban or "",
        "step": due.step,
    }
    subject, body = TEXTS[due.formal_notice]
    message = EmailMessage()
    message["Subject"] = t(subject, language, **values)
    message["From"] = formataddr((groupement.name, sender))
    message["To"] = member.invoice_email or ""
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or "localhost")
    message.set_content(t(body, language, **values))
    pdf = document_pdf(documents.document(session, invoice))
    message.add_attachment(
        pdf, maintype="application", subtype="pdf", filename=f"{invoice.reference}.pdf"
    )
    # After the attachment: making the message multipart moves Content-* headers inward.
    message["Content-Language"] = language
    return message


def send(session: Session, groupement: Groupement, day: date, smtp: Smtp | None) -> dict[str, Any]:
    """Send the reminders due on ``day`` (inside the job's guarded transaction)."""
    due = due_reminders(session, groupement, day)
    if not due:
        return {"sent": 0}
    if smtp is None:
        return {"sent": 0, "reason": "no_smtp", "due": len(due)}
    members = {
        m.id: m
        for m in session.scalars(select(Member).where(Member.groupement_id == groupement.id))
    }
    outgoing: list[tuple[Due, EmailMessage]] = []
    no_address = []
    for item in due:
        member = members[item.balance.invoice.member_id]
        if not member.invoice_email:
            no_address.append(item.balance.invoice.reference)
            continue
        outgoing.append((item, compose(session, groupement, member, item, smtp.sender, day)))
        session.add(
            InvoiceReminder(
                groupement_id=groupement.id,
                invoice_id=item.balance.invoice.id,
                step=item.step,
                days_after_due=item.days_after_due,
                sent_at=utcnow(),
                recipient=member.invoice_email,
                open_amount=item.balance.open,
            )
        )
    session.flush()  # the unique (invoice, step) first: a step is never sent twice
    if outgoing:
        with smtplib.SMTP(smtp.host, smtp.port, timeout=30) as server:
            if smtp.starttls:
                server.starttls()
            if smtp.username:
                server.login(smtp.username, smtp.password or "")
            for _item, message in outgoing:
                server.send_message(message)
    return {
        "sent": len(outgoing),
        "references": sorted(item.balance.invoice.reference or "" for item, _ in outgoing),
        "no_address": sorted(r or "" for r in no_address),
    }


def sent_for(session: Session, groupement_id: int, invoice_id: int) -> list[InvoiceReminder]:
    return list(
        session.scalars(
            select(InvoiceReminder)
            .where(
                InvoiceReminder.groupement_id == groupement_id,
                InvoiceReminder.invoice_id == invoice_id,
            )
            .order_by(InvoiceReminder.step)
        )
    )
