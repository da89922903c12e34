"""The GE's workers and their employment contracts (the GE is the only legal employer)."""

from datetime import date
from decimal import Decimal

from sqlalchemy import CheckConstraint, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, TenantMixin, TimestampMixin, str_enum, tenant_key, tenant_link
from .enums import ContractType
from .types import Hours, Money


class Worker(TenantMixin, TimestampMixin, Base):
    __tablename__ = "workers"
    __table_args__ = (UniqueConstraint("groupement_id", "national_number"), tenant_key())

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    # Numéro de registre national (or bis number), 11 digits; personal data, masked in lists.
    national_number: Mapped[str | None] = mapped_column(String(11))
    # The number the GE's social secretariat gives the worker (its prestations name it).
    secretariat_number: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(254))

    contracts: Mapped[list["Contract"]] = relationship(
        back_populates="worker",
        foreign_keys="Contract.worker_id",
        order_by="Contract.starts_on",
        passive_deletes="all",
    )


class Contract(TenantMixin, TimestampMixin, Base):
    __tablename__ = "contracts"
    __table_args__ = (
        CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name="ends_after_start"),
        CheckConstraint("weekly_hours > 0 AND weekly_hours <= 3000", name="weekly_hours_range"),
        CheckConstraint("monthly_gross >= 0", name="monthly_gross_not_negative"),
        tenant_key(),
        tenant_link("worker_id", "workers"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    worker_id: Mapped[int] = mapped_column(index=True)
    starts_on: Mapped[date]
    ends_on: Mapped[date | None]
    weekly_hours: Mapped[Decimal] = mapped_column(Hours)
    contract_type: Mapped[ContractType] = mapped_column(str_enum(ContractType, "contract_type"))
    joint_committee: Mapped[str] = mapped_column(String(20))
    monthly_gross: Mapped[Decimal] = mapped_column(Money)

    worker: Mapped[Worker] = relationship(back_populates="contracts", foreign_keys=[worker_id])
