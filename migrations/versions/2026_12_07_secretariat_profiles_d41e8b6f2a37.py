"""Social-secretariat profiles: the layout each secretariat reads a month's prestations
in (columns and their order, separator, decimal mark, date format, how a worker is
named, the code of each kind of hours), several per GE, one its default; and the number
a secretariat gives a worker, ``workers.secretariat_number``.

A new table, and a nullable column added in place (ALTER TABLE … ADD/DROP COLUMN, on
SQLite too: rebuilding ``workers`` would delete every row that points at it).

Revision ID: d41e8b6f2a37
Revises: c7d2a9e4f810
Create Date: 2026-12-07 20:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "d41e8b6f2a37"
down_revision: str | None = "c7d2a9e4f810"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "secretariat_profiles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("columns", sa.JSON(), nullable=False),
        sa.Column("separator", sa.String(length=1), nullable=False),
        sa.Column("decimal_mark", sa.String(length=1), nullable=False),
        sa.Column("date_format", sa.String(length=16), nullable=False),
        sa.Column(
            "identifier",
            sa.Enum(
                "national_number",
                "secretariat_number",
                name="worker_identifier",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("codes", sa.JSON(), nullable=False),
        sa.Column("is_default", sa.Boolean(), nullable=False),
        sa.Column("groupement_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "decimal_mark IN (',', '.')",
            name=op.f("ck_secretariat_profiles_decimal_mark_known"),
        ),
        sa.ForeignKeyConstraint(
            ["groupement_id"],
            ["groupements.id"],
            name=op.f("fk_secretariat_profiles_groupement_id_groupements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_secretariat_profiles")),
        sa.UniqueConstraint(
            "groupement_id", "id", name=op.f("uq_secretariat_profiles_groupement_id_id")
        ),
        sa.UniqueConstraint(
            "groupement_id", "name", name=op.f("uq_secretariat_profiles_groupement_id_name")
        ),
    )
    op.create_index(
        op.f("ix_secretariat_profiles_groupement_id"), "secretariat_profiles", ["groupement_id"]
    )
    op.add_column("workers", sa.Column("secretariat_number", sa.String(length=20), nullable=True))


def downgrade() -> None:
    op.drop_column("workers", "secretariat_number")
    op.drop_index(op.f("ix_secretariat_profiles_groupement_id"), table_name="secretariat_profiles")
    op.drop_table("secretariat_profiles")
