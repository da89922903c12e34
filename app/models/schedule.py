"""The planned schedule: a contract placed with a member for a period, in weekly slots."""

from datetime import date, time

from sqlalchemy import CheckConstraint, Time
from sqlalchemy.orm import Mapped, mapped_column, relationship

from allocation.hours import slot_minutes

from .base import Base, TenantMixin, TimestampMixin, tenant_key, tenant_link


class Assignment(TenantMixin, TimestampMixin, Base):
    __tablename__ = "assignments"
    __table_args__ = (
        CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name="ends_after_start"),
        tenant_key(),
        tenant_link("contract_id", "contracts"),
        tenant_link("member_id", "members"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(index=True)
    member_id: Mapped[int] = mapped_column(index=True)
    starts_on: Mapped[date]
    ends_on: Mapped[date | None]

    slots: Mapped[list["Slot"]] = relationship(
        back_populates="assignment",
        foreign_keys="Slot.assignment_id",
        cascade="all, delete-orphan",
        order_by="(Slot.weekday, Slot.starts_at)",
        passive_deletes=True,
    )

    @property
    def weekly_minutes(self) -> int:
        """Planned minutes a week at this member: the sum of the slots."""
        return sum(slot.minutes for slot in self.slots)


class Slot(TenantMixin, Base):
    """One weekly slot: weekday (0 = Monday … 6 = Sunday), from a time to another; an end
    not after the start is the next day (22:00-06:00), an end equal to it is refused."""

    __tablename__ = "assignment_slots"
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday_range"),
        CheckConstraint("ends_at <> starts_at", name="has_length"),
        tenant_link("assignment_id", "assignments", ondelete="CASCADE"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(index=True)
    weekday: Mapped[int]
    starts_at: Mapped[time] = mapped_column(Time)
    ends_at: Mapped[time] = mapped_column(Time)

    assignment: Mapped[Assignment] = relationship(
        back_populates="slots", foreign_keys=[assignment_id]
    )

    @property
    def minutes(self) -> int:
        return slot_minutes(self.starts_at, self.ends_at)
