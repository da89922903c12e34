"""Derogations a GE holds, and the warnings recorded when a write went through with them."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, CheckConstraint, DateTime, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from legal_rules import Finding

from .base import Base, TenantMixin, TimestampMixin, str_enum, utcnow
from .enums import DerogationKind


class KeepsAFinding:
    """A row that keeps a finding as its record (``Finding.to_record``: ids and typed
    values, no words), so that each reader reads it in their own language, whoever's
    write or job raised it. The row's other columns (rule, severity, dates, subjects)
    repeat what the record says, for the queries that filter and sort on them."""

    finding: Mapped[dict[str, Any]] = mapped_column(JSON)

    def found(self) -> Finding:
        return Finding.from_record(self.finding)

    def message(self, language: str) -> str:
        return self.found().message(language)

    def legal_basis(self, language: str) -> str:
        return self.found().legal_basis(language)


class Derogation(TenantMixin, TimestampMixin, Base):
    """A derogation (CCT, royal decree, work rules…) that silences one rule for a period."""

    __tablename__ = "derogations"
    __table_args__ = (
        CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name="ends_after_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    rule_id: Mapped[str] = mapped_column(String(32))
    kind: Mapped[DerogationKind] = mapped_column(str_enum(DerogationKind, "derogation_kind"))
    reference: Mapped[str] = mapped_column(String(200))
    starts_on: Mapped[date]
    ends_on: Mapped[date | None]
    note: Mapped[str | None] = mapped_column(String(500))


class RecordedFinding(KeepsAFinding, TenantMixin, Base):
    """A warning (or info) that came with a successful write, kept for the record."""

    __tablename__ = "recorded_findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    rule_id: Mapped[str] = mapped_column(String(32), index=True)
    severity: Mapped[str] = mapped_column(String(16))
    first_date: Mapped[date]
    last_date: Mapped[date]
    subjects: Mapped[list[Any]] = mapped_column(JSON)
    # The record whose write raised it.
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[int]


class FindingsCache(TenantMixin, Base):
    """``legal_rules.check`` of a GE's span of days as it stood at ``data_version`` (the
    GE's change counter): bookkeeping, read back while nothing changed since."""

    __tablename__ = "findings_cache"
    __table_args__ = (UniqueConstraint("groupement_id", "first_day", "last_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    first_day: Mapped[date]
    last_day: Mapped[date]
    data_version: Mapped[int] = mapped_column(BigInteger)
    findings: Mapped[list[Any]] = mapped_column(JSON)
