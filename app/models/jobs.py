"""Scheduled jobs: who may run them (the lease), what they did (runs) and what they said
(notifications).

APScheduler keeps its own jobs in ``apscheduler_jobs``; the table is declared here, the
way APScheduler 3's ``SQLAlchemyJobStore`` declares it, so that the migrations create it
and ``alembic check`` knows it (the store then finds it and creates nothing).
"""

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Float,
    LargeBinary,
    String,
    Table,
    Text,
    Unicode,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, TenantMixin, utcnow
from .compliance import KeepsAFinding

APSCHEDULER_JOBS = Table(
    "apscheduler_jobs",
    Base.metadata,
    Column("id", Unicode(191), primary_key=True),
    Column("next_run_time", Float(25), index=True),
    Column("job_state", LargeBinary, nullable=False),
)


class SchedulerLease(Base):
    """The one row that says which scheduler process runs the jobs, until when.

    A process holds it while it renews it; one that dies lets it expire, and another
    takes over. Taking it is a single conditional UPDATE, atomic on both engines.
    """

    __tablename__ = "scheduler_lease"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    holder: Mapped[str | None] = mapped_column(String(200))
    acquired_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class JobRun(TenantMixin, Base):
    """One run of a job for a GE and period: start, end, outcome, error, what it did."""

    __tablename__ = "job_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    job: Mapped[str] = mapped_column(String(64), index=True)
    # The period the run is for: a month (2026-11-01) for the draft, a day for the sweep.
    period: Mapped[date]
    attempt: Mapped[int] = mapped_column(default=1)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # running, succeeded, blocked (refused by the rules, recorded), skipped, failed.
    outcome: Mapped[str] = mapped_column(String(16), default="running")
    error: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # "job:groupement:period", set in the transaction of the work itself: the unique
    # constraint makes a job's work happen once per GE and period, whoever runs it.
    done_key: Mapped[str | None] = mapped_column(String(120), unique=True)


class Notification(KeepsAFinding, TenantMixin, Base):
    """Something the GE's staff should know, from a job: shown on the dashboard, in the
    API, and e-mailed when SMTP is configured."""

    __tablename__ = "notifications"
    __table_args__ = (UniqueConstraint("groupement_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # What it is about: a rule id (LIAB-ARREARS, INV-DEADLINE…) or a job's own kind.
    kind: Mapped[str] = mapped_column(String(32), index=True)
    severity: Mapped[str] = mapped_column(String(16))
    # Says when the same news would be news again; the unique constraint keeps it once.
    key: Mapped[str] = mapped_column(String(200))
    first_date: Mapped[date | None]
    subjects: Mapped[list[Any]] = mapped_column(JSON, default=list)
    job_run_id: Mapped[int | None]
    read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    emailed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
