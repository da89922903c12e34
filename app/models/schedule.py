"""The planned schedule: a contract placed with a member for a period, in weekly slots."""

from datetime import date, time
from fractions import Fraction

from sqlalchemy import CheckConstraint, Time
from sqlalchemy.orm import Mapped, mapped_column, relationship

from allocation.hours import slot_minutes
from allocation.schedule import LONGEST_CYCLE

from .base import Base, TenantMixin, TimestampMixin, tenant_key, tenant_link


class Assignment(TenantMixin, TimestampMixin, Base):
    """A contract placed with a member from a day to another, in slots that repeat every
    week, or every ``cycle_weeks`` weeks for a rotating schedule: its week 1 is the week
    of ``cycle_anchor`` (None: of ``starts_on``), and each slot says its week."""

    __tablename__ = "assignments"
    __table_args__ = (
        CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name="ends_after_start"),
        CheckConstraint(f"cycle_weeks BETWEEN 1 AND {LONGEST_CYCLE}", name="cycle_weeks_range"),
        tenant_key(),
        tenant_link("contract_id", "contracts"),
        tenant_link("member_id", "members"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(index=True)
    member_id: Mapped[int] = mapped_column(index=True)
    starts_on: Mapped[date]
    ends_on: Mapped[date | None]
    cycle_weeks: Mapped[int] = mapped_column(default=1, server_default="1")
    cycle_anchor: Mapped[date | None]

    slots: Mapped[list["Slot"]] = relationship(
        back_populates="assignment",
        foreign_keys="Slot.assignment_id",
        cascade="all, delete-orphan",
        order_by="(Slot.week, Slot.weekday, Slot.starts_at)",
        passive_deletes=True,
    )

    @property
    def weekly_minutes(self) -> Fraction:
        """Planned minutes a week at this member, on average over the cycle."""
        return Fraction(sum(slot.minutes for slot in self.slots), self.cycle_weeks or 1)


class Slot(TenantMixin, Base):
    """One weekly slot: weekday (0 = Monday … 6 = Sunday), from a time to another; an end
    not after the start is the next day (22:00-06:00), an end equal to it is refused.
    ``week`` is its week in the assignment's cycle (1 when the schedule is weekly)."""

    __tablename__ = "assignment_slots"
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday_range"),
        CheckConstraint("ends_at <> starts_at", name="has_length"),
        CheckConstraint(f"week BETWEEN 1 AND {LONGEST_CYCLE}", name="week_range"),
        tenant_link("assignment_id", "assignments", ondelete="CASCADE"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(index=True)
    weekday: Mapped[int]
    week: Mapped[int] = mapped_column(default=1, server_default="1")
    starts_at: Mapped[time] = mapped_column(Time)
    ends_at: Mapped[time] = mapped_column(Time)

    assignment: Mapped[Assignment] = relationship(
        back_populates="slots", foreign_keys=[assignment_id]
    )

    @property
    def minutes(self) -> int:
        return slot_minutes(self.starts_at, self.ends_at)
