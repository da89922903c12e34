"""Declarative base: stable constraint names and the columns every table shares."""

import enum
from datetime import UTC, datetime

from sqlalchemy import (
    DateTime,
    Enum,
    ForeignKey,
    ForeignKeyConstraint,
    MetaData,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """The instant stored in the database (created, updated, issued, sent, leases): UTC
    and aware, deliberately. Days and times shown or reasoned about are Brussels ones,
    from ``allocation.calendar.today()`` and ``now()``; pages convert these instants."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class TenantMixin:
    """Every row belongs to exactly one groupement (the tenant)."""

    @declared_attr
    def groupement_id(cls) -> Mapped[int]:
        return mapped_column(
            ForeignKey("groupements.id", ondelete="CASCADE"), index=True, nullable=False
        )


def tenant_key() -> UniqueConstraint:
    """UNIQUE (groupement_id, id): what the records of the same GE point at (``tenant_link``)."""
    return UniqueConstraint("groupement_id", "id")


def tenant_link(column: str, table: str, ondelete: str | None = None) -> ForeignKeyConstraint:
    """A link to another record of the same GE: ``(column, groupement_id)`` references
    ``table (id, groupement_id)``, so the database itself refuses a row of one GE that
    points at a record of another. A NULL ``column`` is not checked: an optional link
    stays optional. ``column`` comes first so that the constraint keeps the name it had
    as a single-column key, ``fk_<table>_<column>_<referred table>``.

    The ORM's relationships join on ``column`` alone (``foreign_keys=``): the tenant half
    is the database's guard, not part of how objects are loaded.
    """
    return ForeignKeyConstraint(
        [column, "groupement_id"], [f"{table}.id", f"{table}.groupement_id"], ondelete=ondelete
    )


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )


def str_enum(enum_class: type[enum.Enum], name: str) -> Enum:
    """A portable enum column: VARCHAR plus a named CHECK constraint on both engines."""
    return Enum(
        enum_class,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )
