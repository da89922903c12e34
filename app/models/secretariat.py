"""A GE's social-secretariat profiles: the layout each secretariat reads the month's
prestations in (``exports.prestations.Layout``). Several per GE, one of them its default."""

from typing import Any

from sqlalchemy import JSON, CheckConstraint, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, TenantMixin, TimestampMixin, str_enum, tenant_key
from .enums import WorkerIdentifier


class SecretariatProfile(TenantMixin, TimestampMixin, Base):
    __tablename__ = "secretariat_profiles"
    __table_args__ = (
        UniqueConstraint("groupement_id", "name"),
        CheckConstraint("decimal_mark IN (',', '.')", name="decimal_mark_known"),
        tenant_key(),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    # The column names (``exports.prestations.COLUMNS``) in the secretariat's order.
    columns: Mapped[list[Any]] = mapped_column(JSON)
    separator: Mapped[str] = mapped_column(String(1))
    decimal_mark: Mapped[str] = mapped_column(String(1))
    date_format: Mapped[str] = mapped_column(String(16))  # a name of DATE_FORMATS
    identifier: Mapped[WorkerIdentifier] = mapped_column(
        str_enum(WorkerIdentifier, "worker_identifier")
    )
    # Mutua's kind of hours -> the secretariat's code, every kind.
    codes: Mapped[dict[str, Any]] = mapped_column(JSON)
    is_default: Mapped[bool] = mapped_column(default=False)
