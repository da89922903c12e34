"""Reminders of unpaid invoices under a controlled clock, to a real local SMTP server.

The demo's May 2026 invoices are issued on 3 June, due on 3 July; the GE's steps are
the default 7, 21 and 35 days after the due date: 10 July, 24 July, 7 August (the formal
notice). Each step goes once, with the invoice's PDF attached, to the member's invoice
address, in its language; an invoice paid in the meantime gets nothing more.
"""

import io
from datetime import date
from decimal import Decimal
from typing import Any

from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import jobs
from app.models import InvoiceReminder, Member
from app.services import payments
from tests.bankfiles import Movement, coda_file
from tests.conftest import World
from tests.jobs.conftest import Inbox
from tests.jobs.test_jobs import at


def _issue_may(admin: Any) -> list[dict[str, Any]]:
    run = admin.post("/api/v1/billing-runs/", json={"period": "2026-05"}).get_json()
    issued = admin.post(
        f"/api/v1/billing-runs/{run['id']}/issue", json={"issue_date": "2026-06-03"}
    )
    assert issued.status_code == 200, issued.get_json()
    return issued.get_json()["invoices"]  # type: ignore[no-any-return]


def _pdf_text(mail: Any) -> tuple[str, str]:
    (attachment,) = [part for part in mail.walk() if part.get_filename()]
    assert attachment.get_content_type() == "application/pdf"
    reader = PdfReader(io.BytesIO(attachment.get_payload(decode=True)))
    return attachment.get_filename(), reader.pages[0].extract_text()


def test_each_step_is_sent_once_with_the_invoice_and_never_after_payment(
    admin: Any, session: Session, world: World, smtp_server: Inbox
) -> None:
    invoices = _issue_may(admin)
    emails = dict(
        session.execute(
            select(Member.id, Member.invoice_email).where(Member.groupement_id == world.ge_a)
        ).all()
    )
    with at(2026, 7, 9, 7, 0):
        assert jobs.run("payment_reminders", world.ge_a).summary == {"sent": 0}
    assert smtp_server.messages == []

    with at(2026, 7, 10, 7, 0):
        first = jobs.run("payment_reminders", world.ge_a)
    assert (first.outcome, first.summary["sent"]) == ("succeeded", len(invoices))
    assert sorted(m["X-Rcpt"] for m in smtp_server.messages) == sorted(
        emails[i["member_id"]] for i in invoices
    )
    by_reference = {_reference(m): m for m in smtp_server.messages}
    assert set(by_reference) == {i["reference"] for i in invoices}
    for invoice in invoices:
        mail = by_reference[invoice["reference"]]
        name, text = _pdf_text(mail)
        assert name == f"{invoice['reference']}.pdf" and invoice["reference"] in text
        body = _body(mail)
        assert invoice["payment_reference"] in body
    languages = {m["Content-Language"] for m in smtp_server.messages}
    assert {"fr", "nl"} <= languages
    dutch = next(m for m in smtp_server.messages if m["Content-Language"] == "nl")
    assert dutch["Subject"].startswith("Herinnering")

    # The next day: nothing new (step 1 was sent; step 2 is not reached).
    with at(2026, 7, 11, 7, 0):
        assert jobs.run("payment_reminders", world.ge_a).summary == {"sent": 0}
    assert len(smtp_server.messages) == len(invoices)

    # The first invoice is paid on 15 July.
    paid = invoices[0]
    digits = "".join(c for c in paid["payment_reference"] if c.isdigit())
    data = coda_file(
        "BE21001234567803",
        [Movement(Decimal(paid["total"]), digits, True, None, "Membre", date(2026, 7, 15))],
        day=date(2026, 7, 15),
    )
    assert payments.import_statements(world.ge_a, data, "juillet.cod").matched == Decimal(
        paid["total"]
    )

    smtp_server.messages.clear()
    with at(2026, 7, 24, 7, 0):
        second = jobs.run("payment_reminders", world.ge_a)
    assert second.summary["sent"] == len(invoices) - 1
    assert paid["reference"] not in {_reference(m) for m in smtp_server.messages}

    smtp_server.messages.clear()
    with at(2026, 8, 7, 7, 0):
        third = jobs.run("payment_reminders", world.ge_a)
        again = jobs.run("payment_reminders", world.ge_a)
    assert third.summary["sent"] == len(invoices) - 1 and again.outcome == "skipped"
    assert all(
        m["Subject"].startswith(("Mise en demeure", "Ingebrekestelling", "Formal notice"))
        for m in smtp_server.messages
    )
    assert len(smtp_server.messages) == len(invoices) - 1

    # Recorded: step by step, once each; nothing for the paid invoice after step 1.
    steps = session.execute(
        select(InvoiceReminder.invoice_id, InvoiceReminder.step).order_by(
            InvoiceReminder.invoice_id, InvoiceReminder.step
        )
    ).all()
    assert [s for i, s in steps if i == paid["id"]] == [1]
    assert all([s for i, s in steps if i == invoice["id"]] == [1, 2, 3] for invoice in invoices[1:])


def _body(mail: Any) -> str:
    (text,) = [part for part in mail.walk() if part.get_content_type() == "text/plain"]
    return text.get_payload(decode=True).decode(text.get_content_charset())  # type: ignore[no-any-return]


def _reference(mail: Any) -> str:
    """The invoice's number in the subject (F2026-00017)."""
    return next(word.rstrip(",") for word in mail["Subject"].split() if word.startswith("F2"))


def test_no_reminder_without_an_smtp_server_and_none_recorded(
    admin: Any, session: Session, world: World
) -> None:
    _issue_may(admin)
    with at(2026, 7, 10, 7, 0):
        run = jobs.run("payment_reminders", world.ge_a)
    assert run.outcome == "skipped" and run.summary["reason"] == "no_smtp"
    assert session.scalars(select(InvoiceReminder)).all() == []


def test_a_late_first_run_starts_with_the_first_step_and_keeps_the_gaps(
    admin: Any, session: Session, world: World, smtp_server: Inbox
) -> None:
    """The job first runs on 7 August, 35 days after the due date: the members get the
    first reminder, not a formal notice; the second comes 14 days later (21 - 7), the
    formal notice 14 days after that."""
    invoices = _issue_may(admin)
    with at(2026, 8, 7, 7, 0):
        jobs.run("payment_reminders", world.ge_a)
    assert len(smtp_server.messages) == len(invoices)
    assert not [m for m in smtp_server.messages if m["Subject"].startswith("Mise en demeure")]
    steps = session.scalars(select(InvoiceReminder.step)).all()
    assert set(steps) == {1}
    for day, expected in ((8, 0), (20, 0), (21, len(invoices)), (22, 0)):
        smtp_server.messages.clear()
        with at(2026, 8, day, 7, 0):
            jobs.run("payment_reminders", world.ge_a)
        assert len(smtp_server.messages) == expected, day
    smtp_server.messages.clear()
    with at(2026, 9, 4, 7, 0):
        jobs.run("payment_reminders", world.ge_a)
    assert len(smtp_server.messages) == len(invoices)
    assert all(
        m["Subject"].startswith(("Mise en demeure", "Ingebrekestelling"))
        for m in smtp_server.messages
    )


def test_a_member_whose_payments_cover_its_invoices_is_not_reminded(
    admin: Any, session: Session, world: World, smtp_server: Inbox
) -> None:
    invoices = _issue_may(admin)
    paid = invoices[0]
    # Its payment, with no communication, put on its account by hand (no invoice named).
    data = coda_file(
        "BE21001234567803",
        [Movement(Decimal(paid["total"]), "virement", False, None, "Membre", date(2026, 7, 1))],
        day=date(2026, 7, 1),
    )
    payments.import_statements(world.ge_a, data, "juillet.cod")
    (line,) = admin.get("/api/v1/bank/lines", query_string={"status": "unmatched"}).get_json()
    assigned = admin.put(
        f"/api/v1/bank/lines/{line['id']}/assignment",
        json={"member_id": paid["member_id"], "invoices": []},
    )
    assert assigned.status_code == 200, assigned.get_json()
    with at(2026, 7, 10, 7, 0):
        run = jobs.run("payment_reminders", world.ge_a)
    assert run.summary["sent"] == len(invoices) - 1
    assert paid["reference"] not in run.summary["references"]


class RefusingOne(Inbox):
    """A mail server that refuses the messages to one address."""

    def __init__(self, refused: str) -> None:
        super().__init__()
        self.refused = refused

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refused in envelope.rcpt_tos:
            return "554 Transaction failed"
        return await super().handle_DATA(server, session, envelope)


def test_a_mail_server_failing_half_way_keeps_what_was_sent_recorded(
    admin: Any, session: Session, world: World, app: Any, monkeypatch: Any
) -> None:
    import socket

    from aiosmtpd.controller import Controller

    invoices = _issue_may(admin)
    refused = "gestion@cyclo-schaerbeek.be"
    inbox = RefusingOne(refused)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        monkeypatch.setitem(app.config, "SMTP_HOST", "127.0.0.1")
        monkeypatch.setitem(app.config, "SMTP_PORT", port)
        with at(2026, 7, 10, 7, 0):
            first = jobs.run("payment_reminders", world.ge_a)
        assert first.summary["reason"] == "smtp_failed" and first.summary["unsent"] >= 1
        delivered = {m["X-Rcpt"] for m in inbox.messages}
        recorded = set(session.scalars(select(InvoiceReminder.recipient)).all())
        assert refused not in delivered and recorded == delivered
        # The next day the server takes everything: only what was not sent goes.
        inbox.refused = "nobody@example.org"
        inbox.messages.clear()
        with at(2026, 7, 11, 7, 0):
            jobs.run("payment_reminders", world.ge_a)
        assert {m["X-Rcpt"] for m in inbox.messages} | delivered == {
            m for m in session.scalars(select(InvoiceReminder.recipient)).all()
        }
        assert not {m["X-Rcpt"] for m in inbox.messages} & delivered
        assert len(session.scalars(select(InvoiceReminder)).all()) == len(invoices)
    finally:
        controller.stop()
