"""Reminders of unpaid invoices, e-mailed to the member with the invoice attached.

The GE sets its steps in days after the due date (``Groupement.reminder_days``: 7, 21
and 35 for a new GE; the last is the formal notice, « mise en demeure »; a GE that
existed before reminders starts without, so that invoices paid before Mutua knew of
payments are not chased). Each day the ``payment_reminders`` job looks at every issued
invoice still open and sends it the next step when it is due (``due_reminders``): one
after another, never a later one first. A step is recorded (``InvoiceReminder``, unique
per invoice and step) as soon as its message has gone: if the mail server fails half
way, what went out stays recorded and the rest is tried the next day. An invoice paid
or credited in full, or a member whose payments cover what it owes, is not reminded.
"""

import smtplib
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from itertools import pairwise
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from allocation import calendar
from exports.pdf import document_pdf, euros

from ..i18n import N_, t
from ..models import Groupement, InvoiceReminder, Member
from ..models.base import utcnow
from . import documents
from .notifications import Smtp, connected
from .payments import InvoiceBalance, balances, member_accounts

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
    """The step each open invoice is due for on ``day``: the next one after the last sent
    (never one skipped, never a formal notice first), once its delay has reached it and,
    after an earlier step, once the gap between the two steps has passed since that one
    was sent. A member whose account owes nothing (what it paid beyond its invoices
    covers them) is not reminded."""
    steps = reminder_steps(groupement.reminder_days)
    if not steps:
        return []
    last_sent: dict[int, tuple[int, date]] = {}
    for invoice_id, step, sent_at in session.execute(
        select(InvoiceReminder.invoice_id, InvoiceReminder.step, InvoiceReminder.sent_at).where(
            InvoiceReminder.groupement_id == groupement.id
        )
    ):
        if step > last_sent.get(invoice_id, (0, day))[0]:
            last_sent[invoice_id] = (step, _brussels_day(sent_at))
    owing = {a.member.id for a in member_accounts(session, groupement.id, day) if a.balance > 0}
    found = []
    for balance in balances(session, groupement.id, as_of=day):
        invoice = balance.invoice
        if balance.open <= 0 or invoice.member_id not in owing:
            continue
        done, sent_on = last_sent.get(invoice.id, (0, day))
        if done >= len(steps):
            continue
        step = done + 1
        late_enough = balance.days_overdue(day) >= steps[step - 1]
        gap = steps[step - 1] - steps[step - 2] if step > 1 else 0
        if late_enough and (day - sent_on).days >= gap:
            found.append(Due(balance, step, steps[step - 1], step == len(steps)))
    return found


def _brussels_day(instant: datetime) -> date:
    """The Brussels day of a stored instant (UTC; SQLite gives it back without its zone)."""
    aware = instant if instant.tzinfo else instant.replace(tzinfo=UTC)
    return aware.astimezone(calendar.BRUSSELS).date()


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
    outgoing: list[tuple[Due, Member, EmailMessage]] = []
    no_address = []
    for item in due:
        member = members[item.balance.invoice.member_id]
        if not member.invoice_email:
            no_address.append(item.balance.invoice.reference)
            continue
        outgoing.append(
            (item, member, compose(session, groupement, member, item, smtp.sender, day))
        )
    sent: list[str] = []
    failure = None
    try:
        with connected(smtp) as server:
            for item, member, message in outgoing:
                server.send_message(message)
                # Recorded once sent, each: a failure further on keeps what went out.
                session.add(
                    InvoiceReminder(
                        groupement_id=groupement.id,
                        invoice_id=item.balance.invoice.id,
                        step=item.step,
                        days_after_due=item.days_after_due,
                        sent_at=utcnow(),
                        recipient=member.invoice_email or "",
                        open_amount=item.balance.open,
                    )
                )
                sent.append(item.balance.invoice.reference or "")
    except (OSError, smtplib.SMTPException) as error:
        failure = str(error) or type(error).__name__
    summary: dict[str, Any] = {
        "sent": len(sent),
        "references": sorted(sent),
        "no_address": sorted(r or "" for r in no_address),
    }
    if failure is not None:
        summary |= {
            "reason": "smtp_failed",
            "error": failure[:200],
            "unsent": len(outgoing) - len(sent),
        }
    return summary


def sent_for(
    session: Session, groupement_id: int, invoice_ids: list[int]
) -> dict[int, list[InvoiceReminder]]:
    """The reminders sent for each of the invoices, step by step, in one query."""
    found: dict[int, list[InvoiceReminder]] = {}
    for reminder in session.scalars(
        select(InvoiceReminder)
        .where(
            InvoiceReminder.groupement_id == groupement_id,
            InvoiceReminder.invoice_id.in_(invoice_ids),
        )
        .order_by(InvoiceReminder.invoice_id, InvoiceReminder.step)
    ):
        found.setdefault(reminder.invoice_id, []).append(reminder)
    return found
