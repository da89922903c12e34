"""Secret links to a worker's or a member's calendar (iCalendar feeds).

A feed belongs to exactly one worker or one member of the GE. Whoever holds its link
reads that calendar without signing in, so the link is the secret: only its SHA-256 is
stored (the link is shown once, when it is made), and a revoked feed answers nothing.
"""

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, TenantMixin, tenant_link, utcnow


class CalendarFeed(TenantMixin, Base):
    __tablename__ = "calendar_feeds"
    __table_args__ = (
        # A worker's calendar or a member's, never both, never neither.
        CheckConstraint("(worker_id IS NULL) <> (member_id IS NULL)", name="one_owner"),
        tenant_link("worker_id", "workers", ondelete="CASCADE"),
        tenant_link("member_id", "members", ondelete="CASCADE"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    worker_id: Mapped[int | None] = mapped_column(index=True)
    member_id: Mapped[int | None] = mapped_column(index=True)
    # SHA-256 of the link's token: the token itself is shown once and never stored.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The first characters, so a person can tell the links apart.
    prefix: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    @property
    def scope(self) -> str:
        """Whose calendar: "worker" or "member"."""
        return "worker" if self.worker_id is not None else "member"
