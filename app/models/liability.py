"""The joint-liability register: the GE's social and fiscal debts, and what was paid."""

from datetime import date
from decimal import Decimal

from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, TenantMixin, TimestampMixin, str_enum, tenant_key, tenant_link
from .enums import DebtKind
from .types import Money


class Debt(TenantMixin, TimestampMixin, Base):
    """A debt of the GE (ONSS, withholding tax, wages…) born over a period."""

    __tablename__ = "debts"
    __table_args__ = (
        CheckConstraint("period_end >= period_start", name="period_in_order"),
        CheckConstraint("amount > 0", name="amount_positive"),
        tenant_key(),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[DebtKind] = mapped_column(str_enum(DebtKind, "debt_kind"))
    period_start: Mapped[date]
    period_end: Mapped[date]
    amount: Mapped[Decimal] = mapped_column(Money)
    due_on: Mapped[date]
    description: Mapped[str | None] = mapped_column(String(300))

    payments: Mapped[list["DebtPayment"]] = relationship(
        back_populates="debt",
        foreign_keys="DebtPayment.debt_id",
        order_by="DebtPayment.paid_on",
        passive_deletes="all",
    )

    def outstanding(self, as_of: date) -> Decimal:
        return self.amount - sum(
            (p.amount for p in self.payments if p.paid_on <= as_of), Decimal("0.00")
        )


class DebtPayment(TenantMixin, TimestampMixin, Base):
    __tablename__ = "debt_payments"
    __table_args__ = (
        CheckConstraint("amount > 0", name="amount_positive"),
        tenant_link("debt_id", "debts"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    debt_id: Mapped[int] = mapped_column(index=True)
    paid_on: Mapped[date]
    amount: Mapped[Decimal] = mapped_column(Money)

    debt: Mapped[Debt] = relationship(back_populates="payments", foreign_keys=[debt_id])
