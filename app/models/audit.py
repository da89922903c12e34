"""Who changed what, when, with the values before and after (written for every change)."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, str_enum, utcnow
from .enums import AuditAction


class AuditEvent(Base):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    # No foreign key: the trail outlives what it describes.
    groupement_id: Mapped[int] = mapped_column(index=True)
    # Single-column on purpose, unlike the other links between a GE's records: SET NULL on
    # a composite key would null groupement_id too, and SQLite cannot name the column to
    # null (PostgreSQL 15's SET NULL (user_id)).
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    actor: Mapped[str] = mapped_column(String(200))
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    action: Mapped[AuditAction] = mapped_column(str_enum(AuditAction, "audit_action"))
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[int]
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
