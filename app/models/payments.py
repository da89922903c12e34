"""Getting paid: the bank's statements, what their lines paid, reminders and mandates.

A statement line is stored once per GE (its ``key`` is the bank's own id of the
movement, ``allocation.statements``): importing the same file again adds nothing. A
credit line pays invoices through ``Payment`` rows, each an amount of the line on one
issued invoice or one late-payment note; what no invoice takes stays on the line (an
overpayment, kept on the member's account when the line names a member, or a line
still to assign). What is open
on an invoice is never stored: it is its total less its payments and its credit notes
(``app.services.payments``). The GE's rates of late-payment interest and the notes that
bill it (``app.services.late_payments``) are here too: a note is paid like an invoice.
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, CheckConstraint, DateTime, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import (
    Base,
    TenantMixin,
    TimestampMixin,
    str_enum,
    tenant_key,
    tenant_link,
    utcnow,
)
from .enums import BankLineStatus, MandateSequence
from .types import Money, Percent


class BankStatement(TenantMixin, TimestampMixin, Base):
    """One statement of the GE's account, as a CODA or camt.053 file gave it."""

    __tablename__ = "bank_statements"
    __table_args__ = (tenant_key(),)

    id: Mapped[int] = mapped_column(primary_key=True)
    format: Mapped[str] = mapped_column(String(16))  # coda | camt.053
    account_iban: Mapped[str] = mapped_column(String(34))
    number: Mapped[str] = mapped_column(String(35))
    opening_date: Mapped[date | None]
    opening_balance: Mapped[Decimal] = mapped_column(Money)
    closing_date: Mapped[date]
    closing_balance: Mapped[Decimal] = mapped_column(Money)
    file_name: Mapped[str | None] = mapped_column(String(255))

    lines: Mapped[list["BankLine"]] = relationship(
        back_populates="statement",
        foreign_keys="BankLine.statement_id",
        order_by="BankLine.id",
        passive_deletes="all",
    )


class BankLine(TenantMixin, TimestampMixin, Base):
    """A movement of a statement. Credits are a member's payments until shown otherwise."""

    __tablename__ = "bank_lines"
    __table_args__ = (
        UniqueConstraint("groupement_id", "key"),
        tenant_key(),
        tenant_link("statement_id", "bank_statements"),
        tenant_link("member_id", "members"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = mapped_column(index=True)
    key: Mapped[str] = mapped_column(String(200))
    line: Mapped[int]  # where it stands in the imported file
    booking_date: Mapped[date]
    value_date: Mapped[date | None]
    amount: Mapped[Decimal] = mapped_column(Money)  # a credit > 0, a debit < 0
    counterparty_name: Mapped[str | None] = mapped_column(String(200))
    counterparty_iban: Mapped[str | None] = mapped_column(String(34))
    communication: Mapped[str] = mapped_column(Text, default="")
    structured: Mapped[bool] = mapped_column(default=False)
    bank_reference: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[BankLineStatus] = mapped_column(
        str_enum(BankLineStatus, "bank_line_status"), default=BankLineStatus.UNMATCHED
    )
    # The member whose payment it is: what its invoices do not take is on its account.
    member_id: Mapped[int | None] = mapped_column(index=True)
    note: Mapped[str | None] = mapped_column(String(300))

    statement: Mapped[BankStatement] = relationship(
        back_populates="lines", foreign_keys=[statement_id]
    )
    payments: Mapped[list["Payment"]] = relationship(
        back_populates="bank_line",
        foreign_keys="Payment.bank_line_id",
        order_by="Payment.id",
        cascade="all, delete-orphan",
    )


class Payment(TenantMixin, TimestampMixin, Base):
    """What a bank line paid on one issued invoice, or on one late-payment note."""

    __tablename__ = "payments"
    __table_args__ = (
        CheckConstraint("amount > 0", name="amount_positive"),
        CheckConstraint("(invoice_id IS NULL) <> (note_id IS NULL)", name="invoice_or_note"),
        UniqueConstraint("bank_line_id", "invoice_id"),
        UniqueConstraint("bank_line_id", "note_id"),
        tenant_link("bank_line_id", "bank_lines", ondelete="CASCADE"),
        tenant_link("invoice_id", "invoices"),
        tenant_link("note_id", "late_payment_notes"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    bank_line_id: Mapped[int] = mapped_column(index=True)
    invoice_id: Mapped[int | None] = mapped_column(index=True)
    note_id: Mapped[int | None] = mapped_column(index=True)
    amount: Mapped[Decimal] = mapped_column(Money)
    paid_on: Mapped[date]  # the line's booking date

    bank_line: Mapped[BankLine] = relationship(
        back_populates="payments", foreign_keys=[bank_line_id]
    )

    @property
    def document_key(self) -> int:
        """The invoice's id, or the note's negated (``services.payments.note_key``)."""
        return self.invoice_id if self.invoice_id is not None else -(self.note_id or 0)


class InvoiceReminder(TenantMixin, Base):
    """A reminder step sent for an invoice: once per step, never again."""

    __tablename__ = "invoice_reminders"
    __table_args__ = (
        UniqueConstraint("invoice_id", "step"),
        tenant_link("invoice_id", "invoices"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(index=True)
    step: Mapped[int]  # 1, 2, 3… in the GE's order; the last is the formal notice
    days_after_due: Mapped[int]
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    recipient: Mapped[str] = mapped_column(String(254))
    open_amount: Mapped[Decimal] = mapped_column(Money)


class DirectDebitMandate(TenantMixin, TimestampMixin, Base):
    """A member's SEPA Core direct-debit mandate to the GE."""

    __tablename__ = "direct_debit_mandates"
    __table_args__ = (
        UniqueConstraint("groupement_id", "reference"),
        tenant_key(),
        tenant_link("member_id", "members"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(index=True)
    reference: Mapped[str] = mapped_column(String(35))
    signed_on: Mapped[date]
    iban: Mapped[str] = mapped_column(String(34))
    bic: Mapped[str | None] = mapped_column(String(11))
    sequence: Mapped[MandateSequence] = mapped_column(
        str_enum(MandateSequence, "mandate_sequence"), default=MandateSequence.FRST
    )
    revoked_on: Mapped[date | None]


class DirectDebitBatch(TenantMixin, TimestampMixin, Base):
    """A pain.008 file made for an issued run: kept as made, so that it can be downloaded
    again without collecting anything twice."""

    __tablename__ = "direct_debit_batches"
    __table_args__ = (
        UniqueConstraint("groupement_id", "message_id"),
        tenant_key(),
        tenant_link("run_id", "billing_runs"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(index=True)
    message_id: Mapped[str] = mapped_column(String(35))
    collection_date: Mapped[date]
    total: Mapped[Decimal] = mapped_column(Money)
    xml: Mapped[str] = mapped_column(Text)

    collections: Mapped[list["DirectDebitCollection"]] = relationship(
        back_populates="batch",
        foreign_keys="DirectDebitCollection.batch_id",
        order_by="DirectDebitCollection.id",
        cascade="all, delete-orphan",
    )


class DirectDebitCollection(TenantMixin, Base):
    """An invoice collected by a batch under a mandate: once, ever."""

    __tablename__ = "direct_debit_collections"
    __table_args__ = (
        UniqueConstraint("invoice_id"),
        tenant_link("batch_id", "direct_debit_batches", ondelete="CASCADE"),
        tenant_link("invoice_id", "invoices"),
        tenant_link("mandate_id", "direct_debit_mandates"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(index=True)
    invoice_id: Mapped[int]
    mandate_id: Mapped[int] = mapped_column(index=True)
    sequence: Mapped[MandateSequence] = mapped_column(
        str_enum(MandateSequence, "collection_sequence")
    )
    amount: Mapped[Decimal] = mapped_column(Money)

    batch: Mapped[DirectDebitBatch] = relationship(
        back_populates="collections", foreign_keys=[batch_id]
    )


class LateInterestRate(TenantMixin, TimestampMixin, Base):
    """The legal rate of late-payment interest (law of 2 August 2002, art. 5) from
    ``starts_on`` to ``ends_on``, both included: the GE enters each half-year's rate as
    the SPF Finances publishes it. Mutua ships none."""

    __tablename__ = "late_interest_rates"
    __table_args__ = (
        UniqueConstraint("groupement_id", "starts_on"),
        CheckConstraint("ends_on >= starts_on", name="ends_after_start"),
        CheckConstraint("percent >= 0", name="percent_not_negative"),
        tenant_key(),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    percent: Mapped[Decimal] = mapped_column(Percent)


class LatePaymentNote(TenantMixin, Base):
    """A late-payment note (note de débit): the interest and fixed compensation billed
    for invoices paid late, a document of its own, numbered in the series ND. It never
    changes an invoice; ``lines`` keeps each line's arithmetic as issued and ``parties``
    the seller and the member as they were on the day of issue."""

    __tablename__ = "late_payment_notes"
    __table_args__ = (
        UniqueConstraint("groupement_id", "year", "number"),
        UniqueConstraint("groupement_id", "reference"),
        CheckConstraint("interest >= 0", name="interest_not_negative"),
        CheckConstraint("compensation >= 0", name="compensation_not_negative"),
        CheckConstraint("total > 0", name="total_positive"),
        tenant_key(),
        tenant_link("member_id", "members"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(index=True)
    year: Mapped[int]
    number: Mapped[int]
    reference: Mapped[str] = mapped_column(String(32))  # ND2026-00001
    issue_date: Mapped[date]
    due_date: Mapped[date]
    payment_reference: Mapped[str] = mapped_column(String(24))  # +++263/0000/00149+++
    interest: Mapped[Decimal] = mapped_column(Money)
    compensation: Mapped[Decimal] = mapped_column(Money)
    total: Mapped[Decimal] = mapped_column(Money)
    lines: Mapped[list[Any]] = mapped_column(JSON, default=list)
    parties: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    invoices: Mapped[list["LatePaymentNoteInvoice"]] = relationship(
        foreign_keys="LatePaymentNoteInvoice.note_id",
        order_by="LatePaymentNoteInvoice.invoice_id",
        cascade="all, delete-orphan",
    )


class LatePaymentNoteInvoice(TenantMixin, Base):
    """An invoice a note charged: each invoice is charged once, ever (UNIQUE invoice)."""

    __tablename__ = "late_payment_note_invoices"
    __table_args__ = (
        UniqueConstraint("invoice_id"),
        tenant_link("note_id", "late_payment_notes", ondelete="CASCADE"),
        tenant_link("invoice_id", "invoices"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(index=True)
    invoice_id: Mapped[int]
