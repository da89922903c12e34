"""The month's close (issue 18): the timesheets an administrator reviewed, and the
prestations exports made for the social secretariat."""

from datetime import date, datetime

from sqlalchemy import DateTime, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, TenantMixin, tenant_key, tenant_link, utcnow


class TimesheetReview(TenantMixin, Base):
    """A worker's month marked reviewed by an administrator. It holds while
    ``fingerprint`` equals the fingerprint of the worker's month now
    (``services.month_close.fingerprints``): a later change to any of its records
    unmarks it, without any write having to remember to."""

    __tablename__ = "timesheet_reviews"
    __table_args__ = (
        UniqueConstraint("groupement_id", "worker_id", "month"),
        tenant_key(),
        tenant_link("worker_id", "workers", ondelete="CASCADE"),
        tenant_link("reviewed_by", "users"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    worker_id: Mapped[int] = mapped_column(index=True)
    month: Mapped[date]  # its first day
    reviewed_by: Mapped[int] = mapped_column(index=True)
    reviewed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # SHA-256 of what the worker's month was made of when it was reviewed.
    fingerprint: Mapped[str] = mapped_column(String(64))


class PrestationsExport(TenantMixin, Base):
    """One export of a month's prestations: who, when, in which format and layout.
    Bookkeeping (like ``job_runs``): an export reads the GE's records and changes none,
    so it is written outside the guarded unit of work and moves no change counter."""

    __tablename__ = "prestations_exports"
    __table_args__ = (tenant_link("user_id", "users"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[date] = mapped_column(index=True)  # its first day
    user_id: Mapped[int | None] = mapped_column(index=True)
    exported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    kind: Mapped[str] = mapped_column(String(8))  # csv or xlsx
    # The profile's name as it was (Mutua's built-in layout: none); a profile deleted
    # later leaves the record as it was.
    profile_name: Mapped[str | None] = mapped_column(String(100))
