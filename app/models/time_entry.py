"""What actually happened on a day: extra hours, leave, sickness, training, unpaid absence."""

from datetime import date
from decimal import Decimal

from sqlalchemy import CheckConstraint, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, TenantMixin, TimestampMixin, str_enum, tenant_link
from .enums import DayEntryKind
from .types import Hours


class DayEntry(TenantMixin, TimestampMixin, Base):
    __tablename__ = "day_entries"
    __table_args__ = (
        CheckConstraint("hours > 0 AND hours <= 1440", name="hours_within_a_day"),
        tenant_link("worker_id", "workers"),
        tenant_link("member_id", "members"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    worker_id: Mapped[int] = mapped_column(index=True)
    day: Mapped[date] = mapped_column(index=True)
    member_id: Mapped[int | None] = mapped_column(index=True)
    hours: Mapped[Decimal] = mapped_column(Hours)
    kind: Mapped[DayEntryKind] = mapped_column(str_enum(DayEntryKind, "day_entry_kind"))
    note: Mapped[str | None] = mapped_column(String(500))


class ReplacementDay(TenantMixin, TimestampMixin, Base):
    """The day off a GE grants for a public holiday falling on a Sunday or usual day off."""

    __tablename__ = "replacement_days"
    __table_args__ = (
        UniqueConstraint("groupement_id", "holiday"),
        UniqueConstraint("groupement_id", "replacement"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    holiday: Mapped[date]
    replacement: Mapped[date]
