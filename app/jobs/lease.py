"""One active scheduler: a lease row in the application database.

The scheduler process takes the lease when it is free or expired and renews it while it
runs; a second process finds it held and waits (or exits). A process that dies stops
renewing, and the lease expires after ``TTL``, so another can take over. Taking and
renewing are one conditional UPDATE each: atomic on SQLite and PostgreSQL alike.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update

from ..db import db
from ..models import SchedulerLease
from ..models.base import utcnow

NAME = "scheduler"
TTL = timedelta(seconds=120)
RENEW_EVERY = timedelta(seconds=30)


@dataclass(frozen=True)
class Holder:
    holder: str | None
    expires_at: datetime | None


def acquire(holder: str, now: datetime | None = None) -> bool:
    """Take (or renew) the lease for ``holder``; False when another holds it unexpired."""
    now = now or utcnow()
    with db.transaction() as session:
        taken = session.execute(
            update(SchedulerLease)
            .where(
                SchedulerLease.name == NAME,
                or_(
                    SchedulerLease.holder.is_(None),
                    SchedulerLease.holder == holder,
                    SchedulerLease.expires_at < now,
                ),
            )
            .values(holder=holder, acquired_at=now, expires_at=now + TTL)
            .execution_options(synchronize_session=False)
        )
        return bool(taken.rowcount == 1)


def renew(holder: str, now: datetime | None = None) -> bool:
    """Extend the lease while ``holder`` still holds it; False when it was lost."""
    now = now or utcnow()
    with db.transaction() as session:
        renewed = session.execute(
            update(SchedulerLease)
            .where(SchedulerLease.name == NAME, SchedulerLease.holder == holder)
            .values(expires_at=now + TTL)
            .execution_options(synchronize_session=False)
        )
        return bool(renewed.rowcount == 1)


def release(holder: str) -> None:
    with db.transaction() as session:
        session.execute(
            update(SchedulerLease)
            .where(SchedulerLease.name == NAME, SchedulerLease.holder == holder)
            .values(holder=None, expires_at=None)
            .execution_options(synchronize_session=False)
        )


def current() -> Holder:
    row = db.session().scalars(select(SchedulerLease).where(SchedulerLease.name == NAME)).one()
    return Holder(row.holder, row.expires_at)
