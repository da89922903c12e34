"""What the month costs and who pays it: payroll costs, overhead, billing runs, invoices."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, BigInteger, CheckConstraint, DateTime, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, TenantMixin, TimestampMixin, str_enum, tenant_key, tenant_link
from .enums import DocumentKind, LineKind, RunKind, RunStatus
from .types import Hundredths, Money, Percent


class PayrollCost(TenantMixin, TimestampMixin, Base):
    """A worker's month as the social secretariat costed it: it wins over the model."""

    __tablename__ = "payroll_costs"
    __table_args__ = (
        UniqueConstraint("groupement_id", "worker_id", "month"),
        tenant_link("worker_id", "workers"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    worker_id: Mapped[int] = mapped_column(index=True)
    month: Mapped[date]  # its first day
    gross: Mapped[Decimal] = mapped_column(Money)
    employer_contributions: Mapped[Decimal] = mapped_column(Money)
    holiday_provision: Mapped[Decimal] = mapped_column(Money)
    year_end_provision: Mapped[Decimal] = mapped_column(Money)
    other: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))


class Overhead(TenantMixin, TimestampMixin, Base):
    """A cost of the GE itself in a month (coordinator, social secretariat, insurance),
    shared by the members by their billable hours."""

    __tablename__ = "overheads"
    __table_args__ = (CheckConstraint("amount >= 0", name="amount_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[date]
    label: Mapped[str] = mapped_column(String(200))
    amount: Mapped[Decimal] = mapped_column(Money)


class BillingRun(TenantMixin, TimestampMixin, Base):
    """A month's billing: a draft (replaced by the next draft) until it is issued."""

    __tablename__ = "billing_runs"
    # A dropped draft's id is never given to another run (SQLite would reuse it).
    __table_args__ = (tenant_key(), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[date] = mapped_column(index=True)
    kind: Mapped[RunKind] = mapped_column(str_enum(RunKind, "run_kind"), default=RunKind.REGULAR)
    status: Mapped[RunStatus] = mapped_column(
        str_enum(RunStatus, "run_status"), default=RunStatus.DRAFT
    )
    issued_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Warnings of the legal rules on the month, and the parameters the run used.
    findings: Mapped[list[Any]] = mapped_column(JSON, default=list)
    parameters: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The GE's change counter the draft was computed at (``Groupement.data_version``).
    data_version: Mapped[int | None] = mapped_column(BigInteger)

    workers: Mapped[list["RunWorkerCost"]] = relationship(
        back_populates="run",
        foreign_keys="RunWorkerCost.run_id",
        cascade="all, delete-orphan",
        order_by="RunWorkerCost.id",
    )
    invoices: Mapped[list["Invoice"]] = relationship(
        back_populates="run",
        foreign_keys="Invoice.run_id",
        cascade="all, delete-orphan",
        order_by="Invoice.id",
    )


class RunWorkerCost(TenantMixin, Base):
    """What one contract cost in the run's month, component by component."""

    __tablename__ = "run_worker_costs"
    __table_args__ = (
        tenant_link("run_id", "billing_runs", ondelete="CASCADE"),
        tenant_link("worker_id", "workers"),
        tenant_link("contract_id", "contracts"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(index=True)
    worker_id: Mapped[int]
    contract_id: Mapped[int]
    imported: Mapped[bool] = mapped_column(default=False)
    gross: Mapped[Decimal] = mapped_column(Money)
    employer_contributions: Mapped[Decimal] = mapped_column(Money)
    holiday_provision: Mapped[Decimal] = mapped_column(Money)
    year_end_provision: Mapped[Decimal] = mapped_column(Money)
    accident_insurance: Mapped[Decimal] = mapped_column(Money)
    prevention_service: Mapped[Decimal] = mapped_column(Money)
    meal_vouchers: Mapped[Decimal] = mapped_column(Money)
    total: Mapped[Decimal] = mapped_column(Money)
    unallocated: Mapped[Decimal] = mapped_column(Money)

    run: Mapped[BillingRun] = relationship(back_populates="workers", foreign_keys=[run_id])


class Invoice(TenantMixin, TimestampMixin, Base):
    """An invoice or a credit note to one member. Numbered, dated and frozen at issue."""

    __tablename__ = "invoices"
    __table_args__ = (
        UniqueConstraint("groupement_id", "series", "year", "number"),
        CheckConstraint(
            "(status = 'issued') = (number IS NOT NULL AND issue_date IS NOT NULL)",
            name="issued_documents_are_numbered",
        ),
        tenant_key(),
        tenant_link("run_id", "billing_runs", ondelete="CASCADE"),
        tenant_link("member_id", "members"),
        tenant_link("corrects_id", "invoices"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int | None] = mapped_column(index=True)
    member_id: Mapped[int] = mapped_column(index=True)
    kind: Mapped[DocumentKind] = mapped_column(str_enum(DocumentKind, "document_kind"))
    status: Mapped[RunStatus] = mapped_column(str_enum(RunStatus, "invoice_status"))
    month: Mapped[date]
    series: Mapped[str] = mapped_column(String(8))
    year: Mapped[int | None]
    number: Mapped[int | None]
    reference: Mapped[str | None] = mapped_column(String(32))
    issue_date: Mapped[date | None]
    due_date: Mapped[date | None]
    # Communication structurée +++XXX/XXXX/XXXXX+++ (12 digits, stdnum.be.ogm_vcs).
    payment_reference: Mapped[str | None] = mapped_column(String(24))
    lines_total: Mapped[Decimal] = mapped_column(Money)
    vat_total: Mapped[Decimal] = mapped_column(Money)
    total: Mapped[Decimal] = mapped_column(Money)
    exemption_mention: Mapped[str | None] = mapped_column(String(200))
    # A credit note corrects an issued invoice.
    corrects_id: Mapped[int | None]
    reason: Mapped[str | None] = mapped_column(String(500))
    # Seller, buyer and workers as they stood at issue (a document never changes after).
    parties: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    run: Mapped[BillingRun | None] = relationship(back_populates="invoices", foreign_keys=[run_id])
    lines: Mapped[list["InvoiceLine"]] = relationship(
        back_populates="invoice",
        foreign_keys="InvoiceLine.invoice_id",
        cascade="all, delete-orphan",
        order_by="InvoiceLine.id",
    )


class InvoiceLine(TenantMixin, Base):
    __tablename__ = "invoice_lines"
    __table_args__ = (
        tenant_link("invoice_id", "invoices", ondelete="CASCADE"),
        tenant_link("worker_id", "workers"),
        tenant_link("contract_id", "contracts"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(index=True)
    kind: Mapped[LineKind] = mapped_column(str_enum(LineKind, "line_kind"))
    description: Mapped[str] = mapped_column(String(300))
    worker_id: Mapped[int | None]
    contract_id: Mapped[int | None]
    worked_hours: Mapped[Decimal] = mapped_column(Hundredths, default=Decimal("0"))
    absence_hours: Mapped[Decimal] = mapped_column(Hundredths, default=Decimal("0"))
    amount: Mapped[Decimal] = mapped_column(Money)
    vat_category: Mapped[str] = mapped_column(String(2))
    vat_rate: Mapped[Decimal] = mapped_column(Percent)

    invoice: Mapped[Invoice] = relationship(back_populates="lines", foreign_keys=[invoice_id])


class NumberCounter(TenantMixin, Base):
    """The last number given in a series and year: taken under a row lock, so numbers are
    consecutive, never reused, and a failed issue gives its numbers back (rollback)."""

    __tablename__ = "number_counters"
    __table_args__ = (UniqueConstraint("groupement_id", "series", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    series: Mapped[str] = mapped_column(String(8))
    year: Mapped[int]
    last_number: Mapped[int] = mapped_column(default=0)
